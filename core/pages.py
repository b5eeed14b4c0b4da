"""Pages a visitor of one language may be shown.

wagtail-localize can fill a language's tree with *aliases* of source pages (Settings → Locales →
"Synchronise content from English", or "Convert to alias page"): live copies that still speak
the source language. The Russian site must never list or serve English copy, so listings keep
pages written in their own locale (`in_own_language`), and serving such an alias sends the
visitor to the original instead (`core/wagtail_hooks.py`)."""

from django.db.models import F, Q


def in_own_language(pages):
    """The pages of a queryset that are not aliases of a page in another language."""
    return pages.filter(Q(alias_of__isnull=True) | Q(alias_of__locale=F("locale")))


def is_foreign_alias(page):
    """True for an alias (an untranslated copy) of a page in another language."""
    return page.alias_of_id is not None and page.alias_of.locale_id != page.locale_id
