"""The "Data stewards" group, and no personal-data access for "Editors" and "Translators".

Stewards may see letters with the supporters' personal data, export and erase it (trust app),
and read the audit trail. Editors and Translators (campaign 0002) lose any letters, task-result
or form-submission permission they might have been given by hand."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STEWARD_PERMISSIONS = [
    ("letters", "view_personal_data"),
    ("letters", "export_personal_data"),
    ("letters", "view_letter"),
    ("letters", "change_letter"),
    ("letters", "view_consent"),
    ("letters", "view_auditentry"),
]
PERSONAL_DATA_APPS = ["letters", "django_tasks_database", "wagtailforms"]
SAFE_LETTERS_CODENAMES = {
    # The MP directory and the campaign page hold no supporter data.
    "add_lettercampaignpage",
    "change_lettercampaignpage",
    "delete_lettercampaignpage",
    "view_lettercampaignpage",
    "view_riding",
    "view_memberofparliament",
}


def create_stewards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    stewards, _ = Group.objects.get_or_create(name="Data stewards")
    stewards.permissions.add(
        access_admin,
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in STEWARD_PERMISSIONS
        ],
    )
    for group in Group.objects.filter(name__in=["Editors", "Translators"]):
        personal = group.permissions.filter(content_type__app_label__in=PERSONAL_DATA_APPS).exclude(
            codename__in=SAFE_LETTERS_CODENAMES
        )
        group.permissions.remove(*personal)


def remove_stewards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Data stewards").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0001_initial"),
        ("campaign", "0002_editors_and_translators"),
        ("wagtailadmin", "0006_formstate"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(create_stewards, remove_stewards)]
