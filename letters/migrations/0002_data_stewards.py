"""The "Data stewards" group (accounts/migrations/0001_groups) may list and inspect letters, and
release or reject held ones; with privacy's personal-data permissions (privacy/0002)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STEWARD_CODENAMES = ["view_letter", "change_letter"]


def grant(apps, schema_editor):
    # Model permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Data stewards").permissions.add(
        *Permission.objects.filter(
            content_type__app_label="letters", codename__in=STEWARD_CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Data stewards"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="letters", codename__in=STEWARD_CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0001_initial"),
        ("accounts", "0001_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
