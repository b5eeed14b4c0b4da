"""What the site tells shared caches in front of it (Varnish, a CDN), and how it purges them.

The headers come from core/pagecache.py (test views in tests/core/page_cache_urls.py), the
purges from core/frontcache.py; a real Varnish is in tests/core/test_varnish.py."""

import http.server
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from core import frontcache
from core.models import ContentVersion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PUBLIC = "public, max-age=0, s-maxage=300"


@pytest.fixture(autouse=True)
def cache_views(settings):
    settings.ROOT_URLCONF = "tests.core.page_cache_urls"
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 60


def test_a_page_for_every_anonymous_visitor_is_shareable(client):
    first = client.get("/en/constant/")
    second = client.get("/en/constant/")
    assert (first["X-Cache"], first["Cache-Control"]) == ("MISS", PUBLIC)
    assert (second["X-Cache"], second["Cache-Control"]) == ("HIT", PUBLIC)
    assert client.head("/en/constant/")["Cache-Control"] == PUBLIC


@pytest.mark.parametrize(
    ("path", "cache_control"),
    [
        ("/en/form/", None),  # a CSRF token: this visitor's alone
        ("/en/cookie/", None),
        ("/en/private/", "private"),
        ("/en/missing/", None),
        ("/unprefixed/", None),
    ],
)
def test_nothing_personal_or_unusual_is_shareable(client, path, cache_control):
    response = client.get(path)
    assert response.get("Cache-Control") == cache_control


def test_a_page_with_a_csp_nonce_is_kept_only_by_this_cache(client):
    """Only the app re-stamps the nonce at every hit; a shared cache would repeat it."""
    first = client.get("/en/script/")
    second = client.get("/en/script/")
    assert second["X-Cache"] == "HIT"
    assert first["Cache-Control"] == second["Cache-Control"] == "private, max-age=0"


def test_signed_in_visitors_get_no_shareable_page(client):
    client.force_login(UserFactory())
    response = client.get("/en/constant/")
    assert response["X-Cache"] == "BYPASS" and "Cache-Control" not in response


def test_a_shared_cache_fetch_reads_the_content_version_afresh(client):
    """Right after a purge Varnish fetches again: an app process whose copy of the version is
    still the old one must not hand it the old page."""
    client.get("/en/constant/")
    assert client.get("/en/constant/")["X-Cache"] == "HIT"
    ContentVersion.bump()  # another process published; this one's copy is 60 s old
    assert client.get("/en/constant/")["X-Cache"] == "HIT"  # visitors: up to the interval

    fetch = client.get("/en/constant/", headers={"X-Shared-Cache-Fetch": "1"})
    assert fetch["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/en/constant/", headers={"X-Shared-Cache-Fetch": "1"})
    assert again["X-Cache"] == "HIT" and len(queries) == 1  # the version, nothing else


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A stand-in for Varnish's PURGE handling: records (method, path, Host)."""

    seen = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.seen.append((self.command, self.path, self.headers["Host"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_recorder(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    PurgeRecorder.seen = []
    settings.WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "core.frontcache.TimedHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.seen
    server.shutdown()
    server.server_close()


def test_a_publish_purges_every_site_once_after_it_commits(
    purge_recorder, django_capture_on_commit_callbacks
):
    site = Site.objects.get(is_default_site=True)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        root = Page.get_first_root_node()
        page = root.add_child(instance=Page(title="News", slug="purge-news"))
        page.save_revision().publish()
        page.title = "News, again"
        page.save_revision().publish()
        assert purge_recorder == []  # nothing before the commit
    host = site.hostname + ("" if site.port == 80 else f":{site.port}")
    assert purge_recorder == [("PURGE", "/", host)]


def test_a_purge_that_fails_is_logged_and_the_publish_stands(settings, caplog):
    settings.WAGTAILFRONTENDCACHE = {
        "front": {"BACKEND": "core.frontcache.TimedHTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    frontcache.purge_every_site()
    assert "Could not purge" in caplog.text


def test_without_front_caches_nothing_is_sent(settings, purge_recorder):
    settings.WAGTAILFRONTENDCACHE = {}
    frontcache.purge_every_site()
    assert purge_recorder == []
