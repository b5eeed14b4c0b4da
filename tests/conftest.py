"""Shared fixtures (tests/support/) and test data (tests/factories/): see docs/testing.md."""

import io
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run database tests in Django's order, each transactional one with a serialized rollback.

    A transactional test ends by flushing every table, which also wipes what data migrations
    made (Wagtail's root page and locale, the groups). So, as Django does, tests inside a
    rolled-back transaction run first and transactional ones after them (pytest-django sorts
    this way, but pytest-playwright re-sorts by browser afterwards, hence trylast); and every
    transactional test starts from a serialized copy of the migrated database."""

    def order(item):
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        fixtures = set(getattr(item, "fixturenames", ()))
        if kwargs.get("transaction") or TRANSACTIONAL_FIXTURES & fixtures:
            if not kwargs.get("serialized_rollback"):
                kwargs.update(transaction=True, serialized_rollback=True)
                item.add_marker(pytest.mark.django_db(**kwargs), append=False)
            return 1
        return 0 if marker or "db" in fixtures else 2

    items.sort(key=order)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Make the serialized copy of the migrated database visible from every context.

    Django keeps connections per thread and per async context. Playwright's sync API runs tests
    inside its own event-loop context, where a fresh connection object would lack the copy
    taken at set-up, and a serialized rollback would silently restore nothing."""
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents
    yield


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .mo catalogues are build output (not in git): compile any that are missing or older
    than their .po, so a bare `pytest` after a checkout tests the Russian the .po files hold."""
    from django.core.management import call_command

    call_command("compile_translations", stdout=io.StringIO())


pytest_plugins = [
    "tests.support.accounts",
    "tests.support.directory",
    "tests.support.esp",
    "tests.support.frontcache",
    "tests.support.letters",
    "tests.support.mail",
    "tests.support.pagecache",
    "tests.support.replies",
    "tests.support.represent",
    "tests.support.request_factory",
    "tests.support.site",
    "tests.support.sns",
    "tests.support.worker",
]
