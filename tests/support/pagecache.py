"""Every test starts with an empty page cache (core/pagecache.py) and routes from the database
(core/routing.py).

The cache lives in this process's memory and survives from one test to the next, while the
database is rolled back or flushed between them: without this, a page cached by one test could
be served to the next, whose content differs (for example pages made by factories, which are
live without a publish signal)."""

import pytest
from django.core.cache import cache

from core import routing
from core.pagecache import content_version


@pytest.fixture(autouse=True)
def _empty_page_cache():
    cache.clear()
    content_version.forget()
    routing.forget()
    yield
