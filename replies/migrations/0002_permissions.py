"""Editors (organizers) see the reply figures, approve quotes and record MPs' stances; Data
stewards also see the figures (and export the answers with their export permission)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = [
    "view_reply_figures",
    "review_quotes",
    "add_stance",
    "view_stance",
    "view_demand",
]
STEWARD_CODENAMES = ["view_reply_figures"]


def grant(apps, schema_editor):
    # Model permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("Editors", EDITOR_CODENAMES), ("Data stewards", STEWARD_CODENAMES)]:
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="replies", codename__in=codenames)
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Data stewards"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="replies"))


class Migration(migrations.Migration):
    dependencies = [
        ("replies", "0001_initial"),
        ("accounts", "0001_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
