"""Where each translation stands: for every source-language page and translatable snippet, and
every other language, is it missing, out of date, waiting for strings, waiting to be published,
or up to date — with the numbers a translator plans by.

"Out of date" (stale) means the original changed since its translation source was last synced:
its segments (strings, rich-text layout, links, images) differ from the source's. That holds
until someone syncs; after the sync the new strings show as untranslated, and the translation
waits to be published until a translator publishes it after the sync.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    SourceDeletedError,
    StringSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

MISSING = "missing"
STALE = "stale"
UNTRANSLATED = "untranslated"
UNPUBLISHED = "unpublished"
UP_TO_DATE = "up_to_date"

STATE_LABELS = {
    MISSING: _("Not translated"),
    STALE: _("Out of date: the original changed"),
    UNTRANSLATED: _("Strings to translate"),
    UNPUBLISHED: _("Ready, not published"),
    UP_TO_DATE: _("Up to date"),
}
# The order the report lists them in: the work first.
STATE_ORDER = [STALE, MISSING, UNTRANSLATED, UNPUBLISHED, UP_TO_DATE]
# Bookkeeping a page's content carries that is not content.
IGNORED_SEGMENT_PATHS = {"numchild"}


@dataclass
class TranslationStatus:
    """One original and one target language."""

    original: object
    locale: Locale
    state: str
    target: object = None
    source: TranslationSource = None
    translation: Translation = None
    changed_strings: int = 0
    untranslated_strings: int = 0
    total_strings: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def is_page(self):
        return isinstance(self.original, Page)

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def needs_work(self):
        return self.state != UP_TO_DATE


def _segment_key(segment):
    if isinstance(segment, StringSegmentValue):
        return ("string", segment.path, segment.string.data)
    if isinstance(segment, TemplateSegmentValue):
        return ("template", segment.path, segment.template)
    if isinstance(segment, RelatedObjectSegmentValue):
        return ("related", segment.path, str(segment.translation_key))
    if isinstance(segment, OverridableSegmentValue):
        return ("override", segment.path, json.dumps(segment.data, sort_keys=True, default=str))
    return (type(segment).__name__, segment.path, "")


def segment_counter(instance):
    """The instance's translatable content, as a multiset of comparable segment keys."""
    return Counter(
        _segment_key(segment)
        for segment in extract_segments(instance)
        if segment.path not in IGNORED_SEGMENT_PATHS
    )


def changes_since_sync(original, source):
    """(changed: bool, new or changed strings) between the live original and its source."""
    try:
        synced = segment_counter(source.as_instance())
    except SourceDeletedError:
        return False, 0
    current = segment_counter(original)
    if current == synced:
        return False, 0
    new_strings = sum(count for key, count in (current - synced).items() if key[0] == "string")
    return True, new_strings


def untranslated_count(source, locale):
    """(strings in the source, strings without a translation into `locale`)."""
    segments = StringSegment.objects.filter(source=source)
    total = segments.count()
    missing = segments.annotate_translation(locale).filter(translation__isnull=True).count()
    return total, missing


def _is_foreign_alias(page):
    return page.alias_of_id is not None and page.alias_of.locale_id != page.locale_id


def _published_since_sync(target, source):
    if getattr(target, "live", True) is False or getattr(target, "has_unpublished_changes", False):
        return False
    last_published = getattr(target, "last_published_at", None)
    return last_published is None or last_published >= source.last_updated_at


def status_of(original, locale):
    """The TranslationStatus of `original` into `locale`."""
    target = original.get_translation_or_none(locale)
    if isinstance(target, Page):
        target = None if _is_foreign_alias(target) else target.specific
    source = TranslationSource.objects.get_for_instance_or_none(original)
    translation = None
    if source is not None:
        translation = Translation.objects.filter(
            source=source, target_locale=locale, enabled=True
        ).first()
    status = TranslationStatus(
        original, locale, MISSING, target=target, source=source, translation=translation
    )
    if target is None:
        return status
    if source is None or translation is None:
        # Translated by hand, outside wagtail-localize: nothing to compare with.
        status.state = UP_TO_DATE
        return status
    stale, status.changed_strings = changes_since_sync(original, source)
    status.total_strings, status.untranslated_strings = untranslated_count(source, locale)
    if stale:
        status.state = STALE
    elif status.untranslated_strings:
        status.state = UNTRANSLATED
    elif not _published_since_sync(target, source):
        status.state = UNPUBLISHED
    else:
        status.state = UP_TO_DATE
    return status


def translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def originals():
    """Every page and translatable snippet in the source language, pages in tree order."""
    default = Locale.get_default()
    pages = Page.objects.filter(locale=default, depth__gt=1).order_by("path").specific()
    found = [page for page in pages if not _is_foreign_alias(page)]
    for model in translatable_snippet_models():
        found.extend(model.objects.filter(locale=default).order_by("pk"))
    return found


def target_locales():
    return list(Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code"))


def all_statuses(locales=None):
    """A status for every original and target language, the work first."""
    locales = target_locales() if locales is None else locales
    statuses = [status_of(original, locale) for original in originals() for locale in locales]
    return sorted(statuses, key=lambda status: STATE_ORDER.index(status.state))


def summary(statuses):
    """{state: count} over the statuses, and the strings left to translate."""
    counts = Counter(status.state for status in statuses)
    return {
        "counts": {state: counts.get(state, 0) for state in STATE_ORDER},
        "to_do": sum(1 for status in statuses if status.needs_work),
        "strings": sum(status.changed_strings + status.untranslated_strings for status in statuses),
        "source_language": settings.LANGUAGE_CODE,
    }
