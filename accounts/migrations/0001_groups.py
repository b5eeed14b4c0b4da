"""The admin's groups: "Editors", "Translators" and "Data stewards", with what the admin itself
lets them do. Each app grants its own models' permissions in its own migration (campaign: the
navigation; privacy and letters: supporters' data for the stewards).

Editors: pages (whole tree), images, documents, submitting translations.
Translators: the admin, submitting translations, choosing images and documents. They get page
permissions only below the home pages of the non-source languages (granted by
`load_campaign_content`, since pages do not exist yet at migration time), so they can translate
but never publish an English (source) page.
Data stewards: the admin; privacy and letters add the personal-data permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image", "delete_image"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document", "delete_document"]


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps, schema_editor):
    # Model permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    access_admin = _permission(apps, "wagtailadmin", "access_admin")
    submit_translation = _permission(apps, "wagtail_localize", "submit_translation")
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(access_admin, submit_translation)
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=root_page,
                permission=_permission(apps, "wagtailcore", codename),
            )
    if root_collection is not None:
        for app_label, codenames in [
            ("wagtailimages", IMAGE_PERMISSIONS),
            ("wagtaildocs", DOCUMENT_PERMISSIONS),
        ]:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors,
                    collection=root_collection,
                    permission=_permission(apps, app_label, codename),
                )

    translators, _ = Group.objects.get_or_create(name="Translators")
    translators.permissions.add(access_admin, submit_translation)
    if root_collection is not None:
        for app_label, codename in [
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "choose_document"),
        ]:
            GroupCollectionPermission.objects.get_or_create(
                group=translators,
                collection=root_collection,
                permission=_permission(apps, app_label, codename),
            )

    stewards, _ = Group.objects.get_or_create(name="Data stewards")
    stewards.permissions.add(access_admin)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Translators", "Data stewards"]
    ).delete()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
