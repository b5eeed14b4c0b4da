"""JSON for the letter page's progressive enhancement: the page works without these.

Mounted at /<lang>/letters/ (directory/urls.py):

POST lookup/ postal_code=K1A0A6     → the riding choices and MP cards for a postal code (a POST:
                                     a postal code in a URL would reach every access log; it
                                     changes nothing, so it needs no CSRF token)
GET ridings/?province=ON&q=ottawa   → the searchable fallback picker of a province

Bad input gets a 400 with a translated `error`; a well-formed code always gets a 200 whose
`status` says what happened ("found", "unknown", "unavailable", "not_loaded").
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core import ratelimit
from core.http import client_network
from directory.lookup import Status, elections_canada_url, lookup_postal_code, ridings_for_province
from directory.models import Province

MAX_QUERY_LENGTH = 100

PROVINCE_MESSAGE = _("Please choose a province or territory.")
QUERY_MESSAGE = _("Please search with a shorter part of your riding's name.")
SLOW_DOWN_MESSAGE = _("Too many searches in a short time. Please wait a minute and try again.")


def _json(data, status=200):
    # Postal codes are personal: no shared cache keeps these answers.
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    add_never_cache_headers(response)
    return response


def _error(message, status=400, **extra):
    return _json({"status": "invalid", "error": str(message), **extra}, status=status)


def _client(request):
    """Who the limits count (an IPv4 address or an IPv6 /64); None for an exempt load generator."""
    network = client_network(request)
    return None if network in settings.RATE_LIMIT_EXEMPT_IPS else network


def _within_ip_limit(request):
    ip = _client(request)
    if ip is None:
        return True
    limit = settings.LOOKUPS_PER_IP_PER_MINUTE
    return ratelimit.allow(ratelimit.hashed_key("lookup", ip), limit=limit, window_seconds=60)


def riding_card(riding, language_code):
    """What the page shows of a riding and its MP; no email address leaves the server."""
    mp = riding.current_mp
    return {
        "fed_code": riding.fed_code,
        "name": riding.name_for_language(language_code),
        "province": riding.province,
        "vacant": mp is None,
        "mp": None
        if mp is None
        else {
            "name": mp.name,
            "honorific": mp.honorific,
            "party": mp.party,
            "photo_url": mp.photo_url,
            "preferred_language": mp.letter_language_preference,
            "can_receive_letters": mp.can_receive_letters,
        },
    }


def _fallback(province, ridings, language_code):
    return {
        "province": province,
        "province_name": str(Province(province).label),
        "ridings": [riding_card(riding, language_code) for riding in ridings],
        "ridings_url": f"{reverse('directory:ridings')}?province={province}",
        "elections_canada_url": elections_canada_url(language_code),
    }


@csrf_exempt  # changes nothing, limited per client; pages calling it stay cacheable
@require_POST
def lookup_json(request):
    """Postal code → riding choices (several means the supporter chooses) and MP cards."""
    if not _within_ip_limit(request):
        response = _error(SLOW_DOWN_MESSAGE, status=429)
        response["Retry-After"] = str(ratelimit.seconds_left(60))  # the minute's window ends
        return response
    language_code = get_language()
    raw = request.POST.get("postal_code", "")[:32]
    result = lookup_postal_code(raw, client=_client(request))
    if result.status == Status.INVALID:
        return _error(result.error)
    data = {
        "status": result.status,
        "postal_code": result.postal_code.formatted,
        "province": result.province,
        "source": result.source,
        "ambiguous": result.ambiguous,
        "error": str(result.error) if result.error else None,
        "ridings": [riding_card(riding, language_code) for riding in result.ridings],
        "fallback": None,
    }
    if result.status != Status.FOUND:
        data["fallback"] = _fallback(result.province, result.fallback_ridings, language_code)
    return _json(data)


@require_GET
def ridings_json(request):
    """The ridings of a province for the fallback picker, filtered by `q` (names, code, MP)."""
    province = request.GET.get("province", "").strip().upper()
    query = request.GET.get("q", "")
    if province not in Province.values:
        return _error(PROVINCE_MESSAGE)
    if len(query) > MAX_QUERY_LENGTH:
        return _error(QUERY_MESSAGE)
    language_code = get_language()
    data = _fallback(province, ridings_for_province(province, query), language_code)
    return _json({"status": "ok", "query": query, **data})
