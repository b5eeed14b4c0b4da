from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from core.pages import in_own_language

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """A search query safe to hand to the backend: printable characters only, bounded length.

    Control characters (NUL included) are dropped; whitespace runs collapse to one space.
    """
    printable = "".join(char if char.isprintable() else " " for char in raw[: MAX_QUERY_LENGTH * 4])
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def search(request):
    """Full-text search over the live, public pages of the current language, paginated."""
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        # Search filters only on indexed fields: aliases of other languages' pages go by id.
        own_language = in_own_language(Page.objects.filter(locale=Locale.get_active()))
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active(), id__in=own_language.values("id"))
            .specific()
            .search(query)
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": page_obj,
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )
