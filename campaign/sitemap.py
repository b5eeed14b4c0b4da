"""sitemap.xml: every live public page in every language, with hreflang alternates."""

from collections import defaultdict

from django.template.response import TemplateResponse
from wagtail.models import Page

from core.pages import in_own_language


def sitemap(request):
    """One <url> per page and language; each lists all its translations as alternates."""
    pages = (
        in_own_language(Page.objects.live().public().filter(depth__gt=1))
        .select_related("locale")
        .order_by("path")
    )
    translations = defaultdict(list)
    entries = []
    for page in pages:
        url = page.get_full_url(request)
        if url is None:
            continue  # not under any site
        entry = {
            "location": url,
            "lastmod": page.last_published_at,
            "language": page.locale.language_code,
            "alternates": translations[page.translation_key],
        }
        translations[page.translation_key].append(entry)
        entries.append(entry)
    return TemplateResponse(
        request,
        "campaign/sitemap.xml",
        {"entries": entries},
        content_type="application/xml; charset=utf-8",
    )
