"""The reply loop's plain URLs (not page routes).

- GET /<lang>/replies/<token>/   the follow-up email's link (`?answer=` kept): it only moves
  the token into a cookie (`reply_token`: HttpOnly, SameSite=Lax, a year) and answers 303 to
  /<lang>/replies/answer/, so the token is in no other request line (and the access logs we
  run rewrite that one: `core.logging.redact`).
- GET, POST /<lang>/replies/answer/   the answer page: GET shows the choice (a one-click link
  preselects it) and changes nothing; POST records it. No login: the signed token in the
  cookie is the key, and the answer can be changed later from the same link. Every response
  says `Cache-Control: no-store`.
- POST /<lang>/replies/find-my-mp/  postal_code   the "Where MPs stand" page's search: the
  directory's lookup (rate-limited per client), then 303 to <page>?riding=<FED code> (never
  the postal code). A plain URL, not a page route: Django's CSRF check runs on Wagtail's serve
  view, and this POST needs no token (it changes nothing, and the page with its form stays
  cacheable).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from core import ratelimit
from core.http import client_network
from directory.lookup import lookup_postal_code
from letters.token_views import remember_token

from . import follow_ups
from .forms import AnswerForm
from .models.follow_up import Answer, QuoteStatus
from .models.page import WhereMPsStandPage

TOKEN_COOKIE = "reply_token"  # noqa: S105 - a cookie's name, not a secret
TOKEN_COOKIE_SECONDS = 365 * 24 * 3600  # the answer can be changed later from the same email


@require_GET
def open_link(request, token):
    """The follow-up email's link: the token into a cookie, then the answer page without it."""
    url = reverse("replies:answer")
    chosen = request.GET.get("answer")
    if chosen in Answer.values:
        url += "?" + urlencode({"answer": chosen})
    response = HttpResponseRedirect(url)
    response.status_code = 303
    remember_token(response, TOKEN_COOKIE, token, TOKEN_COOKIE_SECONDS)
    return _no_store(response)


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request):
    try:
        follow_up = follow_ups.follow_up_for_token(request.COOKIES.get(TOKEN_COOKIE, ""))
    except follow_ups.BadToken:
        return _no_store(TemplateResponse(request, "replies/bad_link.html", {}, status=400))

    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            follow_ups.record_answer(
                follow_up,
                answer=form.cleaned_data["answer"],
                reply_text=form.cleaned_data["reply_text"],
                quote_consent=form.cleaned_data["quote_consent"],
            )
            response = HttpResponseRedirect(request.path + "?saved=1")
            response.status_code = 303
            return _no_store(response)
        status = 400
    else:
        chosen = request.GET.get("answer")
        initial = {
            "answer": chosen if chosen in Answer.values else follow_up.answer,
            "reply_text": follow_up.reply_text,
            "quote_consent": follow_up.quote_consent,
        }
        form = AnswerForm(initial=initial)
        status = 200
    context = {
        "follow_up": follow_up,
        "form": form,
        "saved": request.method == "GET" and request.GET.get("saved") == "1",
        "preselected": request.method == "GET" and request.GET.get("answer") in Answer.values,
        "quote_approved": follow_up.quote_status == QuoteStatus.APPROVED,
    }
    return _no_store(TemplateResponse(request, "replies/answer.html", context, status=status))


def _no_store(response):
    add_never_cache_headers(response)
    return response


def stand_page():
    """The live "Where MPs stand" page in the active language (else in any language)."""
    pages = WhereMPsStandPage.objects.live()
    return pages.filter(locale=Locale.get_active()).first() or pages.first()


@csrf_exempt  # changes nothing; the landing list stays cacheable (no CSRF token on the page)
def find_riding(request):
    """The postal-code search: POST only, rate-limited per client, then 303 to the riding."""
    page = stand_page()
    if page is None:
        raise Http404
    base = page.get_url(request) or "/"
    if request.method != "POST":
        return HttpResponseRedirect(base)
    ip = client_network(request)
    limit = settings.LOOKUPS_PER_IP_PER_MINUTE
    allowed = ip in settings.RATE_LIMIT_EXEMPT_IPS or ratelimit.allow(
        ratelimit.hashed_key("stand-lookup", ip), limit=limit, window_seconds=60
    )
    if not allowed:
        response = TemplateResponse(
            request,
            "replies/stand_error.html",
            {
                "page": page,
                "message": _(
                    "Too many searches in a short time. Please wait a minute and try again."
                ),
            },
            status=429,
        )
        response["Retry-After"] = str(ratelimit.seconds_left(60))
        return response
    client = None if ip in settings.RATE_LIMIT_EXEMPT_IPS else ip
    result = lookup_postal_code(request.POST.get("postal_code", "")[:32], client=client)
    if result.status == "invalid":
        return TemplateResponse(
            request,
            "replies/stand_error.html",
            {"page": page, "message": result.error, "back": base},
            status=400,
        )
    if not result.found:
        target = f"{base}?lookup=none&province={result.province or ''}#results"
    elif len(result.ridings) == 1:
        target = f"{base}?riding={result.ridings[0].fed_code}#results"
    else:
        codes = ",".join(riding.fed_code for riding in result.ridings)
        target = f"{base}?riding={codes}#results"
    response = HttpResponseRedirect(target)
    response.status_code = 303
    return response
