"""Shared fixtures (tests/support/) and test data (tests/factories/): see docs/testing.md."""

import io
import os

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The property tests (tests/letusbelong/test_fuzz.py) try 125 examples each; `make test-fast`
# passes --hypothesis-profile=fast for a fifth of that, `make test` keeps them all.
hypothesis_settings.register_profile("full", max_examples=125)
hypothesis_settings.register_profile("fast", max_examples=25)
hypothesis_settings.load_profile("full")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run database tests in Django's order, each transactional one with a serialized rollback.

    A transactional test ends by flushing every table, which also wipes what data migrations
    made (Wagtail's root page and locale, the groups). So, as Django does, tests inside a
    rolled-back transaction run first and transactional ones after them (pytest-django sorts
    this way, but pytest-playwright re-sorts by browser afterwards, hence trylast); and every
    transactional test starts from a serialized copy of the migrated database. Within each
    kind, the tests that share built data (tests/support/shared.py) run one after another."""
    # Imported here: a plugin module (pytest_plugins below) imported before pytest loads it is
    # not assert-rewritten, and pytest warns.
    from tests.support.shared import is_transactional, shared_group

    def order(item):
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        fixtures = set(getattr(item, "fixturenames", ()))
        if is_transactional(item):
            if not kwargs.get("serialized_rollback"):
                kwargs.update(transaction=True, serialized_rollback=True)
                item.add_marker(pytest.mark.django_db(**kwargs), append=False)
            return 1, 0
        return (0 if marker or "db" in fixtures else 2), shared_group(item)

    items.sort(key=order)


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """pytest-django's "use the existing test database": with --reuse-db, and when the test
    database was just made from the template of the current migrations (tests/support/
    template_db.py; then it is dropped after the run, as pytest-django drops a new one)."""
    from tests.support import template_db

    if request.config.getvalue("reuse_db"):
        return True
    if request.config.getvalue("create_db"):
        return False
    request.config.lub_cloned_database = template_db.clone_template()
    return request.config.lub_cloned_database


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup):
    """Keep a freshly migrated test database as the template of the next runs, and make the
    serialized copy of the migrated database visible from every context.

    Django keeps connections per thread and per async context. Playwright's sync API runs tests
    inside its own event-loop context, where a fresh connection object would lack the copy
    taken at set-up, and a serialized rollback would silently restore nothing."""
    from django.db import connections

    from tests.support import template_db

    cloned = getattr(request.config, "lub_cloned_database", None)
    if cloned is False:  # migrated just now (None: --reuse-db or --create-db)
        template_db.save_template()

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents
    yield
    if cloned:
        template_db.drop_test_database()


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .mo catalogues are build output (not in git): compile any that are missing or older
    than their .po, so a bare `pytest` after a checkout tests the Russian the .po files hold."""
    from django.core.management import call_command

    call_command("compile_translations", stdout=io.StringIO())


pytest_plugins = [
    # First: the plugins below import it, and pytest rewrites only what it imports itself.
    "tests.support.shared",
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
