from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from campaign.sitemap import sitemap
from core import routing
from letters.webhooks import tracking_webhook
from letusbelong import security
from privacy.views import unsubscribe
from search import views as search_views
from translations.sync import SyncTranslationsView


def healthz(request):
    """Liveness probe for the load balancer; touches nothing."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """The 500 page: a static template that only names the organisation (nothing that could
    fail again, no context processors)."""
    context = {"organisation": settings.CAMPAIGN_ORGANISATION}
    return HttpResponseServerError(render_to_string("500.html", context))


handler500 = server_error

urlpatterns = [
    path("admin/2fa/", include("accounts.urls")),
    # Before the admin's own: wagtail-localize's sync, without "Publish immediately".
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(SyncTranslationsView.as_view()),
        name="translations_sync",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # The email service's delivery reports (404 unless ANYMAIL_ESP and its secret are set).
    path("anymail/<str:esp>/tracking/", tracking_webhook, name="anymail_tracking"),
    path("csp-report/", security.csp_report, name="csp_report"),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
    path("letters/", include("letters.urls")),
    path("replies/", include("replies.urls")),
    path("letters/", include("directory.urls")),
    # Wagtail's front-end URLs, its page view routed from this process's snapshot of the tree.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
)
