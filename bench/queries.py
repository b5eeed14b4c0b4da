"""Queries per request for `make bench`, counted in the bench process itself.

Django's test client runs the request here, on the same database and settings as gunicorn,
under CaptureQueriesContext, in steady state (after a warm-up request, as under wrk). The
letter flow's steps are counted by a whole supporter's trip (`flow_queries`): the same
`flow.Supporter` the soak uses, its HTTP requests answered in this process.
"""

import time
from urllib.parse import urlsplit

from flow import Supporter
from stack import BYPASS_HEADER, ROOT

OUT = ROOT / "var" / "bench"
# Transaction control is logged as statements too; a query budget counts the others.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def statements(captured):
    """The SQL of the captured queries, without BEGIN, COMMIT and savepoints."""
    return [query["sql"] for query in captured if not query["sql"].startswith(TRANSACTION_CONTROL)]


def count_queries(path, *, cached, method="get", data=None):
    """Queries of one request to `path`, after one warm-up request (which fills the page cache
    when `cached`, and this process's navigation and routing snapshot either way)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    headers = {} if cached else {BYPASS_HEADER: "1"}
    cache.clear()
    getattr(client, method)(path, data=data, headers=headers)
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data=data, headers=headers)
    assert response.status_code in (200, 302), (path, response.status_code)
    return len(statements(queries))


class _Answer:
    """The parts of a `requests` response that flow.Supporter reads, from a Django response."""

    def __init__(self, response):
        self.status_code = response.status_code
        self.headers = response.headers
        self.text = response.content.decode()

    def raise_for_status(self):
        if self.status_code >= 400:
            raise RuntimeError(f"HTTP {self.status_code}")


class CountingSupporter(Supporter):
    """A supporter whose requests are answered in this process; `queries[step]` is each step's
    count (a step that redirects is counted where it lands, as the supporter sees it)."""

    def __init__(self, number):
        from django.test import Client

        super().__init__("http://127.0.0.1", number)
        self.client = Client(HTTP_HOST="127.0.0.1")
        self.queries = {}
        self.statements = {}

    def request(self, step, method, url, params=None, data=None, headers=None, **kwargs):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        send = getattr(self.client, method.lower())
        started = time.monotonic()
        with CaptureQueriesContext(connection) as captured:
            response = send(path, data=params if data is None else data, headers=headers)
        self.timings[step] = time.monotonic() - started
        self.statements[step] = statements(captured)
        self.queries[step] = len(self.statements[step])
        return _Answer(response)


def flow_queries(postal_code, sink, numbers=(900_001, 900_002)):
    """Queries of every step of the letter flow, for the last of `numbers` supporters (the
    first warms this process). The worker (running) sends the confirmation email to `sink`.
    The statements of each step are written to var/bench/flow_queries.txt."""
    from django.conf import settings
    from flow import confirmation_link

    from tests.support.loopback import text_of

    supporter = None
    for number in numbers:
        supporter = CountingSupporter(number)
        supporter.open_letter_page()
        write_url = supporter.find_mp(postal_code)
        post_url, fields = supporter.letter_form(write_url)
        time.sleep(settings.LETTER_MIN_FILL_SECONDS + 0.2)
        supporter.submit(post_url, fields)
        [message, *_] = sink.wait_for(address=supporter.email, containing="/confirm", timeout=60)
        sent_url = supporter.confirm(confirmation_link(text_of(message)))
        supporter.read_sent_and_print(sent_url)
    with open(OUT / "flow_queries.txt", "w") as listing:
        for step, statements in supporter.statements.items():
            listing.write(f"{step}: {len(statements)} queries\n")
            listing.writelines(f"    {sql}\n" for sql in statements)
    return supporter.queries
