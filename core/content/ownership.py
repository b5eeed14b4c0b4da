"""Who owns each page and snippet the content loader made: the loader, or the people who edited
it since.

The loader remembers, per content key and language, the revision it last wrote
(`core.models.LoadedContent`). An object whose newest revision is another one was saved or
published by someone in the admin (or by wagtail-localize on a translator's behalf); a
translation whose strings a translator changed is theirs too. Those the loader never touches
again, and an object it made that is gone was deleted by someone, so it is not made again.
`load_campaign_content --reset` takes everything back (each overwrite is a new revision, so the
people's versions stay in the history).

Objects made before the loader kept records have none: there, any revision by a user means
people edited it.
"""

from enum import Enum

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation

from core.models import LoadedContent


class Owner(Enum):
    """What the loader may do with one object."""

    MISSING = "missing"  # never made, or made before records and gone: create it
    LOADER = "loader"  # the loader's last revision is the newest: update it
    PEOPLE = "people"  # edited since: leave it alone
    DELETED = "deleted"  # the loader made it and someone deleted it: leave it out


class Ownership:
    """The loader's records, read and written per (content key, language)."""

    def __init__(self, *, reset=False):
        self.reset = reset

    @staticmethod
    def record_key(key, language):
        return f"{key}:{language}"

    def record(self, key, language):
        return LoadedContent.objects.filter(key=self.record_key(key, language)).first()

    def recorded_instance(self, record, model):
        """The object a record points at, or None when it was deleted."""
        concrete = record.content_type.model_class()
        instance = concrete.objects.filter(pk=record.object_id).first()
        if instance is None:
            return None
        if isinstance(instance, Page):
            instance = instance.specific
        return instance if isinstance(instance, model) else None

    def owner(self, key, language, instance):
        """Who owns `instance` (None when the loader found nothing to update)."""
        record = self.record(key, language)
        if instance is None:
            if record is not None and not self.reset:
                return Owner.DELETED
            return Owner.MISSING
        if self.reset:
            return Owner.LOADER
        if record is None:
            return Owner.PEOPLE if _has_user_revision(instance) else Owner.LOADER
        if _latest_revision_id(instance) != record.revision_id:
            return Owner.PEOPLE
        return Owner.LOADER

    def translation_owner(self, key, language, instance):
        """As `owner`, and a translation is also the people's once a translator changed one
        of its strings in wagtail-localize (saved or not)."""
        owner = self.owner(key, language, instance)
        if owner is Owner.LOADER and not self.reset and _translator_changed_strings(instance):
            return Owner.PEOPLE
        return owner

    def forget(self, key):
        """Drop the records of `key` in every language (its objects are being replaced)."""
        LoadedContent.objects.filter(key__startswith=self.record_key(key, "")).delete()

    def remember(self, key, language, instance):
        """Record `instance`'s newest revision as the loader's own."""
        concrete = instance._meta.concrete_model
        if isinstance(instance, Page):
            concrete = Page
        instance = type(instance).objects.get(pk=instance.pk)
        LoadedContent.objects.update_or_create(
            key=self.record_key(key, language),
            defaults={
                "content_type": ContentType.objects.get_for_model(concrete),
                "object_id": str(instance.pk),
                "revision_id": _latest_revision_id(instance),
            },
        )


def _latest_revision_id(instance):
    return getattr(instance, "latest_revision_id", None)


def _has_user_revision(instance):
    if not hasattr(instance, "latest_revision_id"):
        return False
    return Revision.objects.for_instance(instance).filter(user__isnull=False).exists()


def _translator_changed_strings(instance):
    return StringTranslation.objects.filter(
        locale_id=instance.locale_id,
        context__object_id=instance.translation_key,
        last_translated_by__isnull=False,
    ).exists()
