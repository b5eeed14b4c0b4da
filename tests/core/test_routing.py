"""Front-end routing from each process's snapshot of the page tree (core/routing.py).

The page cache is off here (`no_page_cache`): these tests are about what every uncached page
view costs, and about routing staying right when content changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from core import routing
from tests.factories import HomePageFactory, StandardPageFactory, root_page

pytestmark = pytest.mark.django_db
# What Wagtail asks to route a request: the Site, the active Locale, each page on the path by
# its slug, the view restrictions of the page and its ancestors.
ROUTING = (
    'FROM "wagtailcore_site"',
    'FROM "wagtailcore_locale"',
    'FROM "wagtailcore_pageviewrestriction"',
    '"wagtailcore_page"."slug" = ',
    '"wagtailcore_page"."alias_of_id" FROM',
)


@pytest.fixture
def pages(no_page_cache, settings):
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 0  # every request sees the latest version
    home = HomePageFactory(parent=root_page(), slug="home-routing")
    Site.objects.filter(is_default_site=True).update(root_page=home)
    about = StandardPageFactory(parent=home, slug="about", title="About us", publish=True)
    team = StandardPageFactory(parent=about, slug="team", title="The team", publish=True)
    return {"home": home, "about": about, "team": team}


def routing_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [q["sql"] for q in queries if any(part in q["sql"] for part in ROUTING)]


def test_a_second_request_finds_its_page_without_asking_the_database(client, pages):
    first, tree = routing_queries(client, "/en/about/team/")
    assert first.status_code == 200 and "The team" in first.content.decode()
    assert tree  # the first request of this version routes from the database

    again, tree = routing_queries(client, "/en/about/team/")
    assert again.status_code == 200 and "The team" in again.content.decode()
    assert tree == []  # none of it asked for again


def test_a_published_change_is_routed_at_once(client, pages):
    assert client.get("/en/about/").status_code == 200
    about = pages["about"]
    about.slug = "who-we-are"
    about.save_revision().publish()
    assert client.get("/en/about/").status_code == 404
    assert client.get("/en/who-we-are/team/").status_code == 200

    about.unpublish()
    assert client.get("/en/who-we-are/").status_code == 404


def test_a_view_restriction_applies_at_once(client, pages):
    assert "The team" in client.get("/en/about/team/").content.decode()
    PageViewRestriction.objects.create(
        page=pages["about"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get("/en/about/team/")
    assert "The team" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_unknown_paths_are_404s_and_not_remembered(client, pages):
    client.get("/en/about/")
    before = len(routing.current_snapshot().children)
    for number in range(20):
        assert client.get(f"/en/no-such-page-{number}/").status_code == 404
    assert len(routing.current_snapshot().children) == before


def test_a_draft_saved_in_this_process_is_routed_from_the_database(client, pages):
    client.get("/en/about/")
    assert routing.current_snapshot().children
    pages["about"].save_revision()  # a draft: nothing served changes, the snapshot is dropped
    assert routing.current_snapshot().children == {}
    assert client.get("/en/about/").status_code == 200


def test_each_language_has_its_own_root(client, pages):
    from wagtail.models import Locale

    russian = Locale.objects.get_or_create(language_code="ru")[0]
    home_ru = pages["home"].copy_for_translation(russian)
    home_ru.save_revision().publish()
    about_ru = pages["about"].copy_for_translation(russian)
    about_ru.title = "О нас"
    about_ru.save_revision().publish()
    assert "О нас" in client.get("/ru/about/").content.decode()
    assert "About us" in client.get("/en/about/").content.decode()
    assert "О нас" in client.get("/ru/about/").content.decode()


def test_a_change_another_process_published_is_routed_once_the_version_moves(client, pages):
    from wagtail.models import Page

    from core.models import ContentVersion

    assert client.get("/en/about/").status_code == 200
    Page.objects.filter(pk=pages["about"].pk).update(slug="renamed")  # no signal here
    assert client.get("/en/about/").status_code == 200  # this process's snapshot still
    ContentVersion.bump()  # what the publishing process's transaction did
    assert client.get("/en/about/").status_code == 404
    assert client.get("/en/renamed/").status_code == 200
