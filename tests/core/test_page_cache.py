"""The anonymous page cache (core/pagecache.py): what it serves, to whom, and when it forgets."""

import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.factories import PageFactory, UserFactory
from tests.support.worker import child_process_env

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_views(settings):
    """The test views, the cache on, and the content version read at every request (the
    empty cache at the start of each test comes from tests/support/pagecache.py)."""
    settings.ROOT_URLCONF = "tests.core.page_cache_urls"
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 0


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    return response, response.content.decode()


def test_second_anonymous_get_is_served_from_cache(client):
    first, first_body = get(client, "/en/constant/")
    second, second_body = get(client, "/en/constant/")
    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second["X-Cache"]) == (200, "HIT")
    assert second_body == first_body
    # The cached copy keeps the headers the inner middleware added.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_head_is_served_from_the_cache_filled_by_get(client):
    get(client, "/en/constant/")
    assert client.head("/en/constant/")["X-Cache"] == "HIT"


def test_head_alone_does_not_fill_the_cache(client):
    client.head("/en/constant/")
    assert client.get("/en/constant/")["X-Cache"] == "MISS"


def test_keyed_by_language(client):
    _, english = get(client, "/en/language/")
    response, russian = get(client, "/ru/language/")
    assert response["X-Cache"] == "MISS"
    assert russian.startswith("ru ")
    again, english_again = get(client, "/en/language/")
    assert again["X-Cache"] == "HIT"
    assert english_again == english and english.startswith("en ")


def test_keyed_by_host(client):
    get(client, "/en/constant/", HTTP_HOST="one.example")
    assert client.get("/en/constant/", HTTP_HOST="two.example")["X-Cache"] == "MISS"
    assert client.get("/en/constant/", HTTP_HOST="one.example")["X-Cache"] == "HIT"


def test_query_strings_bypass_except_allowed_and_tracking_ones(client):
    get(client, "/en/constant/")
    assert client.get("/en/constant/?q=anything")["X-Cache"] == "BYPASS"
    assert client.get("/en/constant/?utm_source=email&fbclid=x")["X-Cache"] == "HIT"
    _, page_two = get(client, "/en/paginated/?page=2")
    second, page_two_again = get(client, "/en/paginated/?page=2&utm_medium=chat")
    assert second["X-Cache"] == "HIT" and page_two_again == page_two
    assert page_two != get(client, "/en/paginated/")[1]


def pagecache_entries():
    """How many pages the cache holds (the tests' cache is Django's local-memory one)."""
    from django.core.cache import cache

    return sum(1 for key in cache._cache if "pagecache:" in key)


def test_junk_urls_neither_make_entries_nor_push_pages_out(client):
    """Issue 12, hole 14: 1,200 requests for `?page=1..1200` or other ports in the Host header
    pushed the home page out of the cache."""
    get(client, "/en/constant/")
    get(client, "/en/paginated/?page=2")
    assert pagecache_entries() == 2
    for n in range(1, 401):
        assert client.get(f"/en/constant/?page={n}")["X-Cache"] == "BYPASS"  # reads no page
        client.get(f"/en/paginated/?page={n + 3}")  # out of range: a 404, never stored
        client.get("/en/constant/", HTTP_HOST=f"testserver:{n + 1000}")
    for junk in ("page=02", "page=1", "page=-1", "page=2&page=3", "page=2%00", "page=x"):
        assert client.get(f"/en/paginated/?{junk}")["X-Cache"] == "BYPASS", junk
    assert client.get("/en/constant/", HTTP_HOST="TESTSERVER")["X-Cache"] == "HIT"
    assert client.get("/en/constant/")["X-Cache"] == "HIT"
    assert client.get("/en/paginated/?page=2")["X-Cache"] == "HIT"
    assert pagecache_entries() == 2


def test_paths_without_a_language_prefix_are_not_cached(client):
    assert client.get("/unprefixed/")["X-Cache"] == "BYPASS"


def test_never_serves_a_csrf_token_to_another_visitor(client):
    first, first_body = get(client, "/en/form/")
    other_visitor = client.__class__()
    second, second_body = get(other_visitor, "/en/form/")
    assert first["X-Cache"] == second["X-Cache"] == "BYPASS"
    assert django_settings.CSRF_COOKIE_NAME in second.cookies
    tokens = [re.search(r'value="([^"]+)"', body).group(1) for body in (first_body, second_body)]
    assert tokens[0] != tokens[1]


def test_never_serves_a_message_to_another_visitor(client):
    response = client.get("/en/add-message/", follow=True)
    assert "Your letter is on its way" in response.content.decode()
    assert response["X-Cache"] == "BYPASS"  # the visitor carries a messages cookie

    other_visitor = client.__class__()
    for expected in ("MISS", "HIT"):
        response, body = get(other_visitor, "/en/inbox/")
        assert response["X-Cache"] == expected
        assert body.startswith("[] ")


def test_a_page_showing_a_message_it_just_added_is_not_cached(client):
    _, body = get(client, "/en/flash/")
    assert "Only for you" in body
    assert client.__class__().get("/en/flash/")["X-Cache"] == "BYPASS"


def test_responses_that_set_cookies_are_not_cached(client):
    get(client, "/en/cookie/")
    assert client.__class__().get("/en/cookie/")["X-Cache"] == "BYPASS"


def test_private_and_non_200_responses_are_not_cached(client):
    for url in ("/en/private/", "/en/missing/"):
        get(client, url)
        assert client.get(url)["X-Cache"] == "BYPASS"


def test_visitors_with_a_session_or_logged_in_bypass(client):
    get(client, "/en/constant/")
    assert client.get("/en/constant/")["X-Cache"] == "HIT"

    client.cookies[django_settings.SESSION_COOKIE_NAME] = "abc"
    assert client.get("/en/constant/")["X-Cache"] == "BYPASS"

    member = client.__class__()
    member.force_login(UserFactory())
    response, body = get(member, "/en/constant/")
    assert response["X-Cache"] == "BYPASS"


def test_page_cache_seconds_zero_disables_it(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, "/en/constant/")
    assert client.get("/en/constant/")["X-Cache"] == "BYPASS"


def test_bypass_header_only_when_configured(client, settings):
    get(client, "/en/constant/")
    assert client.get("/en/constant/", HTTP_X_BENCH_NO_CACHE="1")["X-Cache"] == "HIT"
    settings.PAGE_CACHE_BYPASS_HEADER = "X-Bench-No-Cache"
    assert client.get("/en/constant/", HTTP_X_BENCH_NO_CACHE="1")["X-Cache"] == "BYPASS"


def test_cached_page_gets_a_fresh_csp_nonce_each_time(client):
    def nonces(response, body):
        in_body = re.search(r'nonce="([^"]+)"', body).group(1)
        in_header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert in_body == in_header
        return in_body

    first = get(client, "/en/script/")
    second = get(client, "/en/script/")
    third = get(client, "/en/script/")
    assert second[0]["X-Cache"] == third[0]["X-Cache"] == "HIT"
    assert len({nonces(*first), nonces(*second), nonces(*third)}) == 3
    assert int(second[0]["Content-Length"]) == len(second[0].content)


def a_page(title="Before"):
    return PageFactory(title=title, slug="perf-cache-page", publish=True)


def test_publishing_a_page_invalidates_the_cache(client):
    page = a_page()
    url = f"/en/page/{page.pk}/"
    get(client, url)
    assert client.get(url)["X-Cache"] == "HIT"

    page.title = "After"
    page.save_revision().publish()
    response, body = get(client, url)
    assert response["X-Cache"] == "MISS" and body.startswith("After ")


@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_unpublishing_or_deleting_a_page_invalidates_the_cache(client, change):
    page = a_page()
    url = "/en/constant/"
    get(client, url)
    assert client.get(url)["X-Cache"] == "HIT"
    getattr(page, change)()
    assert client.get(url)["X-Cache"] == "MISS"


def test_saving_a_draft_keeps_the_cache(client):
    page = a_page()
    get(client, "/en/constant/")
    page.title = "Draft only"
    page.save_revision()
    assert client.get("/en/constant/")["X-Cache"] == "HIT"


def test_version_is_read_at_most_once_per_interval(client, settings, monkeypatch):
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr("core.pagecache.time.monotonic", lambda: clock[0])
    get(client, "/en/constant/")
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/constant/")["X-Cache"] == "HIT"
    assert len(queries) == 0
    clock[0] += 1.0
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/constant/")["X-Cache"] == "HIT"
    assert len(queries) == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_publishing_in_another_process_invalidates_this_one(client):
    page = a_page()
    url = f"/en/page/{page.pk}/"
    get(client, url)
    assert client.get(url)["X-Cache"] == "HIT"

    env = child_process_env()
    code = (
        "from wagtail.models import Page; "
        f"page = Page.objects.get(pk={page.pk}); page.title = 'Published elsewhere'; "
        "page.save_revision().publish()"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    response, body = get(client, url)
    assert response["X-Cache"] == "MISS"
    assert body.startswith("Published elsewhere ")
