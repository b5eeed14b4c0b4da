"""Template tags for the shared layout: navigation, language switcher, Open Graph, the title."""

import html

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page, Site

from campaign.models import SiteNavigation
from core.pagecache import content_version
from core.pages import in_own_language
from core.routing import remembered

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The header and footer links of the active language, resolved once per request.

    Returns {"menu": [...], "footer_links": [...], "privacy": link or None, "footer_text": ...}
    where each link is {"url", "text"}; linked pages are followed into the active language with
    one query for all of them.
    """
    request = context.get("request")
    cached = getattr(request, "_site_navigation", None) if request else None
    if cached is None:
        cached = _shared_navigation(request)
        if request is not None:
            request._site_navigation = cached
    return cached or None


def _shared_navigation(request):
    """The resolved navigation from the shared cache, keyed by the content version, which every
    publish and every navigation edit bumps (core/pagecache.py): six queries saved per page
    view, never a stale menu."""
    version = content_version.current()
    if version is None or request is None:
        return _resolve_navigation(request, Locale.get_active()) or False
    key = f"navigation:{version}:{request.get_host()}:{translation.get_language()}"
    navigation = cache.get(key)
    if navigation is None:
        navigation = _resolve_navigation(request, Locale.get_active()) or False
        cache.set(key, navigation, settings.PAGE_CACHE_SECONDS or 300)
    return navigation


def _resolve_navigation(request, locale):
    navigation = SiteNavigation.for_locale(locale)
    if navigation is None:
        return None
    # A language whose navigation is not published yet borrows the source's links, named by
    # the linked pages' own (translated) titles, and no footer text: never source-language copy.
    borrowed = navigation.locale_id != locale.pk
    values = [item.value for item in [*navigation.menu, *navigation.footer_links]]
    linked = [value["page"] for value in values if value.get("page")]
    if navigation.privacy_page:
        linked.append(navigation.privacy_page)
    localized = {
        page.translation_key: page
        for page in in_own_language(Page.objects.live()).filter(
            locale=locale, translation_key__in={page.translation_key for page in linked}
        )
    }

    def resolve(page, text=""):
        page = localized.get(page.translation_key, page)
        return {
            "url": page.get_url(request),
            "text": page.title if borrowed else text or page.title,
        }

    def links(stream):
        resolved = []
        for item in stream:
            if item.value.get("page"):
                page = localized.get(item.value["page"].translation_key)
                if borrowed and page is None:
                    continue  # not translated yet
                resolved.append(resolve(item.value["page"], item.value["text"]))
            elif not borrowed:
                resolved.append({"url": item.value["external_url"], "text": item.value["text"]})
        return resolved

    privacy = navigation.privacy_page
    if privacy is not None and borrowed and privacy.translation_key not in localized:
        privacy = None
    return {
        "menu": links(navigation.menu),
        "footer_links": links(navigation.footer_links),
        "privacy": resolve(privacy) if privacy else None,
        "footer_text": "" if borrowed else navigation.footer_text,
    }


def _language_home_urls(request):
    """{language code: URL} of the site's live home page in each language."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {}
    homes = in_own_language(
        Page.objects.filter(translation_key=site.root_page.translation_key, live=True)
    ).select_related("locale")
    return {home.locale.language_code: home.get_url(request) for home in homes}


def _is_page_view(request):
    match = getattr(request, "resolver_match", None)
    return match is None or match.url_name == "wagtail_serve"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per configured language for the switcher and the hreflang alternates.

    On a Wagtail page each entry leads to that page's live translation, or to that language's
    home when the page is not translated. On other views (search, letters) the same URL is
    translated by its language prefix.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translated = {}
    if isinstance(page, Page) and page.pk:
        step = _route_within(request, page)
        for code, url in _translation_urls(request, page).items():
            translated[code] = url + step if url else url
    non_page_view = request is not None and not _is_page_view(request)
    # A step whose switch posts its form elsewhere in each language (the letter tool's start).
    switch_urls = (context.get("language_switch") or {}).get("urls") or {}
    homes = None
    links = []
    for code, name in settings.LANGUAGES:
        url = translated.get(code)
        is_translation = url is not None
        if url is None and non_page_view:
            url = translate_url(request.get_full_path(), code)
            is_translation = True
        if url is None:
            if homes is None:
                homes = _language_home_urls(request)
            url = homes.get(code)
        if url is None:
            with translation.override(code):
                url = reverse("wagtail_serve", args=[""])
        links.append(
            {
                "code": code,
                "name": _native_name(code, name),
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request else url,
                "is_current": code == current,
                "is_translation": is_translation,
                "switch_url": switch_urls.get(code, url),
            }
        )
    return links


def _translation_urls(request, page):
    """{language code: URL} of the page's live translations (itself included), read once per
    content version and host in this process (a publish, a move or an unpublish bumps it)."""

    def read():
        translations = in_own_language(page.get_translations(inclusive=True).live())
        return {
            other.locale.language_code: other.get_url(request)
            for other in translations.select_related("locale")
        }

    host = request.get_host() if request is not None else ""
    return remembered(("translation_urls", page.pk, host), read)


def _route_within(request, page):
    """The part of the request's URL below the page's own (a routable page's step, such as
    `step/<id>/write/`), so a switch of language keeps the visitor's place."""
    if request is None:
        return ""
    own = page.get_url(request) or ""
    path = request.path
    if not own or not path.startswith(own) or path == own:
        return ""
    query = request.META.get("QUERY_STRING", "")
    return path[len(own) :] + (f"?{query}" if query else "")


def _native_name(code, fallback):
    """A language's name in that language ("Русский"), as visitors look for it."""
    try:
        return translation.get_language_info(code)["name_local"]
    except KeyError:
        return str(fallback)


@register.filter
def branded(title, brand):
    """The page title with " · brand" after it, unless it already names the brand (the home
    page's "Let Us Belong: End Immigration Discrimination"); the brand alone when empty."""
    title = mark_safe(conditional_escape(title).strip())  # noqa: S308 - escaped just now
    brand = conditional_escape(brand)
    if not title:
        return brand
    if html.unescape(brand).casefold() in html.unescape(title).casefold():
        return title
    return format_html("{} · {}", title, brand)
