"""Editors and Translators (accounts/migrations/0001_groups) may edit the navigation snippet;
Translators may not delete it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": [
        "add_sitenavigation",
        "change_sitenavigation",
        "delete_sitenavigation",
        "view_sitenavigation",
    ],
    "Translators": ["add_sitenavigation", "change_sitenavigation", "view_sitenavigation"],
}


def grant(apps, schema_editor):
    # Model permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        Group.objects.get(name=group_name).permissions.add(
            *Permission.objects.filter(content_type__app_label="campaign", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="campaign"))


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0001_initial"),
        ("accounts", "0001_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
