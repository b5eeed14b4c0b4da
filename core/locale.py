"""Django's LocaleMiddleware, except that a 404 from a view outside the language prefix stays
a 404.

With `prefix_default_language`, Django's middleware answers any 404 whose path has no language
prefix with a redirect to the same path under `/en/`, when that path would resolve. Wagtail's
page-serving pattern under i18n_patterns resolves every path, so a genuine 404 from the admin
API (`/admin/api/main/pages/<id>/`, say) became a redirect to `/en/admin/api/…`, which is an
HTML 404 page: the translation editor's page-link rows waited forever on invalid JSON. The
redirect is right only for a path that resolved to no view (a visitor's `/about/`)."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_path


class LocaleMiddleware(DjangoLocaleMiddleware):
    """LocaleMiddleware that redirects to a language prefix only paths no view answered."""

    def process_response(self, request, response):
        answered_by_a_view = getattr(request, "resolver_match", None) is not None
        if (
            response.status_code == 404
            and answered_by_a_view
            and not get_language_from_path(request.path_info)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
