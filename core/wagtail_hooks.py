"""Serving rules every page type shares (see core/pages.py)."""

from django.http import Http404, HttpResponseRedirect
from wagtail import hooks

from core.pages import is_foreign_alias


@hooks.register("before_serve_page")
def no_untranslated_alias(page, request, serve_args, serve_kwargs):
    """An alias of a page in another language is not a translation: show the original."""
    if not is_foreign_alias(page):
        return None
    original = page.alias_of
    if not original.live:
        raise Http404
    return HttpResponseRedirect(original.get_url(request))
