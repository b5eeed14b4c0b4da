"""The anonymous page cache: whole responses for visitors without a session, in Django's cache.

A campaign spike is mostly anonymous visitors reading the same few pages, so a page rendered
once is served to everybody else from the cache until it expires or the content changes.

What is cached (`PageCacheMiddleware`, placed right after WhiteNoise):
- GET or HEAD requests to a language-prefixed path (`/en/…`, `/ru/…`), with no query string
  other than `PAGE_CACHE_QUERY_PARAMS` (part of the key) and tracking parameters
  (`PAGE_CACHE_IGNORED_QUERY_PARAMS`, left out of the key);
- only canonical URLs, so junk cannot flood the cache and push real pages out (issue 12,
  hole 14): the host without its port, in lower case (a Host header naming another port than
  the server's or the scheme's is not cached); each allowed parameter once, with a value a view
  could have made (`page=2`, never `page=02` or `page=1`), and kept only when the view said it
  reads it (`uses_query(request, "page")`: a paginated index, which answers 404 out of range);
- from visitors with no session cookie, no messages cookie and no Authorization header;
- when the response is a plain 200 that sets no cookie, used no CSRF token, showed no message,
  left the session untouched, is not `Cache-Control: private/no-store/no-cache` and varies on
  nothing but `Cookie` (the session and messages were only looked at, and were empty: every
  other cookie-less visitor would get the same page) and `Accept-Encoding`.

The key is host + language + path + allowed query + the content version. The content version
is one row in the database (`core.ContentVersion`), bumped in the same transaction as
every publish, unpublish, move or deletion of a page, every published snippet and every saved
site setting, in whichever process does it (web, worker, `manage.py`). Each process re-reads
the version at most once every `PAGE_CACHE_VERSION_CHECK_SECONDS`, so a change shows
everywhere within that time; old entries simply stop being asked for and expire.

CSP nonces: a cached page that used the per-request nonce (an inline script or JSON-LD with
`nonce="{{ csp_nonce }}"`) is re-stamped with a fresh nonce, in its body and in its
Content-Security-Policy header, every time it is served, so no two responses share a nonce.

`X-Cache: HIT` is a page served from the cache, `MISS` one rendered and stored (the next
visitor gets it from the cache), `BYPASS` anything the cache neither served nor stored: a
request it may not answer (a session, a query string, POST…) or a response it may not keep
(`no-store`, a CSRF token, a cookie, an error…).

Shared caches in front (Varnish, a CDN; docs/deploy.md): a cacheable page also says
`Cache-Control: public, max-age=0, s-maxage=PAGE_CACHE_SECONDS` (one that used a nonce says
`private`); everything else keeps what its view said (`no-store` on the letter steps). A
request carrying `X-Shared-Cache-Fetch` (set by the VCL on Varnish's fetches) reads the content
version from the database instead of this process's copy, so a cache purged after a change
(core/frontcache.py) is never refilled with the old page.
"""

import hashlib
import re
import secrets
import threading
import time
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.http import split_header_value
from django.utils.translation import get_language_from_path

from core.models import ContentVersion

CACHEABLE_VARY = {"cookie", "accept-encoding"}
# Set by the VCL on Varnish's requests to the site (deploy/varnish/letusbelong.vcl).
SHARED_CACHE_FETCH_HEADER = "X-Shared-Cache-Fetch"
UNCACHEABLE_CACHE_CONTROL = {"private", "no-store", "no-cache"}


class _ContentVersion:
    """This process's copy of the shared content version, refreshed at most once per interval,
    and at most once per request: a request sees one version throughout (its routing, its
    remembered answers and its cache key agree), and a page that asks for it ten times costs
    one query even when the interval is 0 (issue 15's query budgets)."""

    def __init__(self):
        self.value = None
        self.checked_at = float("-inf")
        # Per thread: None outside a request, False in one that has not read it yet, True once
        # it has (set by Django's request_started and request_finished signals).
        self._request = threading.local()

    def current(self, *, fresh=False):
        """The version, read from the database when `fresh` or when the copy is too old."""
        interval = settings.PAGE_CACHE_VERSION_CHECK_SECONDS
        now = time.monotonic()
        stale = now - self.checked_at >= interval and not getattr(self._request, "read", None)
        if fresh or self.value is None or stale:
            try:
                self.value = ContentVersion.current()
            except DatabaseError:
                return None  # not migrated yet: serve uncached rather than fail
            self.checked_at = now
            if getattr(self._request, "read", None) is not None:
                self._request.read = True
        return self.value

    def forget(self):
        self.value = None

    def request_started(self, **kwargs):
        self._request.read = False

    def request_finished(self, **kwargs):
        self._request.read = None


content_version = _ContentVersion()


def bump_content_version(**kwargs):
    """Invalidate every cached page, in every process. Connected to the content signals."""
    ContentVersion.bump()
    content_version.forget()


# The values an allowed parameter may take in a canonical URL (page 1 is the URL without it).
CANONICAL_QUERY_VALUES = {"page": re.compile(r"[2-9]|[1-9][0-9]{1,4}")}


def uses_query(request, *names):
    """Say that this view's response depends on the query parameters `names` (a paginated
    index and `page`): only then does the cache keep a response to a URL that has them."""
    request.page_cache_query = {*getattr(request, "page_cache_query", ()), *names}


def _query_params(request):
    """The allow-listed parameters as (name, value) pairs, or None if the URL is not canonical."""
    if not request.META.get("QUERY_STRING"):
        return []
    allowed = set(settings.PAGE_CACHE_QUERY_PARAMS)
    ignored = set(settings.PAGE_CACHE_IGNORED_QUERY_PARAMS)
    kept = []
    for name, value in parse_qsl(request.META["QUERY_STRING"], keep_blank_values=True):
        if name in allowed:
            shape = CANONICAL_QUERY_VALUES.get(name)
            if shape is not None and not shape.fullmatch(value):
                return None
            kept.append((name, value))
        elif name not in ignored:
            return None
    if len({name for name, _value in kept}) != len(kept):
        return None  # a parameter twice
    return sorted(kept)


def _canonical_ports(request):
    """The ports a canonical Host header may name: the scheme's defaults, this server's own,
    and the port of the site's public address (`LETTERS_SITE_URL`: a front cache such as
    Varnish on another port passes the visitor's Host on unchanged)."""
    public_port = urlsplit(settings.LETTERS_SITE_URL).port
    return {"80", "443", str(request.META.get("SERVER_PORT", "")), str(public_port or "")} - {""}


def _canonical_host(request):
    """The host part of the key: lower case, without the port; None for a Host header that
    names a port other than the server's, the public address's or the scheme's default."""
    host = request.get_host().lower()
    name, separator, port = host.rpartition(":")
    if separator and not name.endswith("]") and "]" in port:
        name, port = host, ""  # an IPv6 literal without a port
    elif not separator:
        name, port = host, ""
    if port and port not in _canonical_ports(request):
        return None
    return name.rstrip(".") or None


def _request_is_anonymous(request):
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def cache_key(request):
    """The cache key of an eligible request, or None when this request must not use the cache."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    bypass_header = settings.PAGE_CACHE_BYPASS_HEADER
    if bypass_header and request.headers.get(bypass_header):
        return None
    language = get_language_from_path(request.path_info)
    if not language or not _request_is_anonymous(request):
        return None
    params = _query_params(request)
    host = _canonical_host(request)
    if params is None or host is None:
        return None
    request.page_cache_params = {name for name, _value in params}
    # A shared cache in front (Varnish) fetches right after it was purged: this process's copy
    # of the version may be up to a second old, and a stale page must not be handed to it.
    version = content_version.current(fresh=bool(request.headers.get(SHARED_CACHE_FETCH_HEADER)))
    if version is None:
        return None
    identity = "\n".join([host, language, request.path, urlencode(params)])
    return f"pagecache:{version}:{hashlib.sha256(identity.encode()).hexdigest()}"


def _messages_shown(request):
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(storage._queued_messages or getattr(storage, "_loaded_data", None))


def _header_tokens(response, header):
    return {token.lower() for token in split_header_value(response.get(header, "")) if token}


def response_is_cacheable(request, response):
    """True when nothing in this response belongs to this visitor alone, and the view read
    every query parameter in the key (else the same page would be kept under many URLs)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not getattr(request, "page_cache_params", set()) <= getattr(
        request, "page_cache_query", set()
    ):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or _messages_shown(request):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or session.session_key):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if response.has_header("Content-Encoding"):
        return False
    cache_control = {token.split("=")[0] for token in _header_tokens(response, "Cache-Control")}
    if cache_control & UNCACHEABLE_CACHE_CONTROL:
        return False
    return _header_tokens(response, "Vary") <= CACHEABLE_VARY


def _mark_shareable(request, response):
    """A page every anonymous visitor gets alike may be kept by shared caches (Varnish, a CDN)
    for PAGE_CACHE_SECONDS; browsers revalidate (max-age=0), so a purge reaches them too.

    Not a page that used a CSP nonce: a nonce must differ in every response, and only this
    cache re-stamps it (`_restamp_nonce`); a shared cache would hand out the same one."""
    if get_nonce(request):
        response.headers["Cache-Control"] = "private, max-age=0"
    else:
        seconds = settings.PAGE_CACHE_SECONDS
        response.headers["Cache-Control"] = f"public, max-age=0, s-maxage={seconds}"


def _restamp_nonce(content, headers, old_nonce):
    """Replace the stored page's CSP nonce by a fresh one, in the body and the CSP headers."""
    new_nonce = secrets.token_urlsafe(16)
    content = content.replace(old_nonce.encode(), new_nonce.encode())
    headers = [
        (name, value.replace(old_nonce, new_nonce))
        if name.lower().startswith("content-security-policy")
        else (name, value)
        for name, value in headers
    ]
    return content, headers


class PageCacheMiddleware:
    """Serve anonymous page views from Django's cache; see the module docstring for the rules."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        if key is None:
            response = self.get_response(request)
            response.headers.setdefault("X-Cache", "BYPASS")
            return response

        stored = cache.get(key)
        if stored is not None:
            return self._from_cache(stored)

        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            response.headers["X-Cache"] = "BYPASS"  # this one is never stored
            return response
        _mark_shareable(request, response)
        if request.method == "GET":
            self._store(key, request, response)
        response.headers["X-Cache"] = "MISS"
        return response

    def _store(self, key, request, response):
        nonce = get_nonce(request)
        headers = [(name, value) for name, value in response.headers.items() if name != "X-Cache"]
        stored = (response.content, headers, str(nonce) if nonce else None)
        cache.set(key, stored, settings.PAGE_CACHE_SECONDS)

    def _from_cache(self, stored):
        content, headers, nonce = stored
        if nonce:
            content, headers = _restamp_nonce(content, headers, nonce)
        response = HttpResponse(content)
        for name, value in headers:
            response.headers[name] = value
        if response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(content))
        response.headers["X-Cache"] = "HIT"
        return response
