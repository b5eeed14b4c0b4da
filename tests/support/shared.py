"""Test data built once and shared by the tests that use it, inside a transaction rolled back
when they are done.

Building the letter pages with the MP directory, or the whole site, takes hundreds of queries;
most tests only read them. So the first test that asks for such data (`letter_site`,
`site_content`) opens a transaction, the data is built in it once, and every test that uses it
runs in its own savepoint inside it (pytest-django's `db`): a test still never sees another's
changes, and nothing is left behind. The fixtures hand each test fresh objects (by primary key),
so a test that changes an object in memory does not change the next test's. tests/conftest.py
runs the tests of each shared fixture one after another (`shared_group`).

The transaction is rolled back before the next test starts when that test does not use the
fixture that opened it (so no test sees data it did not ask for), or is transactional
(`transaction=True`, `transactional_db`, `live_server`: it flushes the tables, and the processes
it starts could not see uncommitted rows). The fixture then builds its data for each later test
alone, as it does when the first test to ask is transactional.
"""

from contextlib import ExitStack, contextmanager

import pytest
from django.db import transaction

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server"}
# The session fixtures whose data is shared, in the order their tests run.
SHARED_FIXTURES = ["_shared_site", "_shared_letter_site"]

_current = {"item": None}
_open = []


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def shared_group(item):
    """Which shared data `item` uses: its place in SHARED_FIXTURES, or after them all."""
    names = set(getattr(item, "fixturenames", ()))
    return next(
        (n for n, name in enumerate(SHARED_FIXTURES) if name in names), len(SHARED_FIXTURES)
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test's fixtures are set up: note the test, and roll back the open shared
    transactions it must not run in."""
    _current["item"] = item
    transactional = is_transactional(item)
    wanted = set(item.fixturenames)
    unwanted = [n for n, held in enumerate(_open) if transactional or held.owner not in wanted]
    if unwanted:
        # Transactions nest: the ones opened inside an unwanted one go with it.
        for held in reversed(_open[unwanted[0] :]):
            held.close()


class SharedTransaction:
    """An open transaction for the data of one shared fixture (`owner`, its name); `open` is
    False once it was rolled back."""

    def __init__(self, django_db_blocker, owner):
        self.owner = owner
        self._stack = ExitStack()
        self._stack.enter_context(django_db_blocker.unblock())
        self._stack.enter_context(transaction.atomic())
        _open.append(self)

    @property
    def open(self):
        return self in _open

    def close(self):
        if self.open:
            _open.remove(self)
            transaction.set_rollback(True)
            self._stack.close()


@contextmanager
def shared_transaction(request, django_db_blocker):
    """A SharedTransaction for the session fixture of `request` to build its data in, or None
    when the test that asked first is transactional (then each test builds its own)."""
    item = _current["item"]
    if item is not None and is_transactional(item):
        yield None
        return
    held = SharedTransaction(django_db_blocker, request.fixturename)
    try:
        yield held
    finally:
        held.close()
