"""Purging the shared HTTP caches in front of the site (Varnish, a CDN) when content changes.

Wagtail's frontend cache invalidation (`wagtail.contrib.frontend_cache`) sends HTTP `PURGE`
requests to the caches configured in `WAGTAILFRONTENDCACHE` (built from `FRONTEND_CACHE_URLS`).
Its app is not installed on purpose: its signal handlers purge only a published page's own
URLs, through a task that a busy worker may run minutes late, while one change shows on many
pages (navigation, listings, the home page). Instead, every change that bumps the page cache's
content version (core.pagecache: publish, unpublish, move, delete, snippets, settings) purges
each site whole through Wagtail's backends, once its transaction has committed, from the
process that made it: `PURGE /`, which the VCL (deploy/varnish/letusbelong.vcl) turns into a
ban of every URL under that path.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Site

logger = logging.getLogger(__name__)
PURGE_TIMEOUT_SECONDS = 3


class TimedHTTPBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend with a timeout: a cache that does not answer must not hold
    an organizer's publish (Wagtail's own waits forever). Errors are logged, never raised."""

    def purge(self, url):
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        request = PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment]
            ),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache"},
        )
        try:
            # The scheme is the configured cache's own (FRONTEND_CACHE_URLS), never a visitor's.
            with urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):  # noqa: S310
                pass
        except (URLError, OSError) as error:
            logger.error("Could not purge %s from %s: %s", url, self.cache_netloc, error)


def purge_every_site():
    """PURGE the root of every Wagtail site from every configured front cache, now."""
    backends = get_backends()
    if not backends:
        return
    roots = sorted({site.root_url.rstrip("/") + "/" for site in Site.objects.all()})
    for backend in backends.values():
        backend.purge_batch([url for url in roots if backend.invalidates_hostname(host(url))])


def host(url):
    return urlsplit(url).netloc


def purge_every_site_on_commit(using=DEFAULT_DB_ALIAS):
    """Schedule `purge_every_site` for when the current transaction commits (now, outside one),
    once per transaction however many changes it holds."""
    pending = connections[using].run_on_commit
    if not any(callback is purge_every_site for _, callback, _ in pending):
        transaction.on_commit(purge_every_site, using=using)
