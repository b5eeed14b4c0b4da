"""Every step of the letter flow stays cheap in queries (issue 15: at most 8 each, the submit at
most 10), counted as `make bench` counts them: in steady state, for the second supporter, with
the content version read at every request (so the counts do not depend on the machine's speed).

The walk follows the pages' own forms and links (landing page → find (a POST to the form's
action) → write → submit → check-email → the email's link (its token into a cookie) → confirm
→ thank-you → print), whatever their URLs are; a second walk finds a postal code with two
ridings and picks one (the choice page, then its POST of `riding`).
"""

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.lookup.service import remember
from directory.models import Riding
from directory.postcode import PostalCode
from letters import pipeline
from letters.models import Letter
from tests.factories.forms import signed_render_time
from tests.support.letters import FED_CODE, POSTAL_CODE

pytestmark = pytest.mark.usefixtures("letter_limits")

LIMITS = {
    "landing": 8,
    "find": 8,
    "choice_find": 8,
    "choice_page": 8,
    "choice": 8,
    "write": 8,
    "submit": 10,
    "check_email": 8,
    "confirm_page": 8,
    # with the sender's advisory lock and one count of the repeat and per-address rules
    # (letters/repeats.py, issue 12)
    "confirm": 8,
    "sent": 8,
    "print": 8,
}
SAVEPOINTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
TWO_RIDINGS = "M5V 2T6"  # remembered below as two Ontario ridings: the supporter picks one
CONFIRM_LINK = re.compile(r"https?://[^\s\"<>]+/letters/confirm/[^\s\"<>]+")


def form_of(html, selector):
    """(method, action, fields) of the first matching form, as a browser would submit it."""
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    assert form is not None, f"no {selector} on the page"
    fields = {}
    for element in form.select("input[name], textarea[name]"):
        kind = element.get("type")
        if element.name == "textarea":
            fields[element["name"]] = element.text.removeprefix("\n")
        elif kind in ("checkbox", "radio"):
            if element.has_attr("checked"):
                fields[element["name"]] = element.get("value", "on")
        elif kind not in ("submit", "button", "image"):
            fields[element["name"]] = element.get("value", "")
    return form.get("method", "get").lower(), form.get("action", ""), fields


class Walk:
    """One supporter's trip with Django's test client; `counts[step]` is each step's queries."""

    def __init__(self, client, number):
        self.client = client
        self.number = number
        self.counts = {}
        self.queries = {}

    def request(self, step, method, url, data=None):
        with CaptureQueriesContext(connection) as captured:
            response = getattr(self.client, method)(url, data=data)
        # The test's own transaction turns each atomic block into SAVEPOINT/RELEASE statements,
        # which a request in production (BEGIN and COMMIT are not counted) does not send.
        queries = [query["sql"] for query in captured if not query["sql"].startswith(SAVEPOINTS)]
        self.counts[step] = len(queries)
        self.queries[step] = queries
        assert response.status_code in (200, 302, 303), (step, url, response.status_code)
        return response

    def follow(self, step, response, url):
        while response.status_code in (302, 303):
            url = urljoin(url, response["Location"])
            response = self.request(step, "get", url)
        return response, url

    def choose_riding(self, postal_code, fed_code):
        """A postal code with several ridings: find → the choice → POST `riding` → write."""
        url = "/en/write-to-your-mp/"
        page = self.client.get(url)
        _, action, fields = form_of(page.content.decode(), "form:has([name=postal_code])")
        fields["postal_code"] = postal_code
        find_url = urljoin(url, action)
        found = self.request("choice_find", "post", find_url, fields)
        assert found.status_code == 303
        choice, choice_url = self.follow("choice_page", found, find_url)
        assert "/write/" not in choice_url, "several ridings: the supporter chooses first"
        _, action, fields = form_of(choice.content.decode(), "form[method=post]:has([name=riding])")
        fields["riding"] = fed_code
        target = urljoin(choice_url, action or choice_url)
        chosen = self.request("choice", "post", target, fields)
        assert chosen.status_code == 303 and chosen["Location"].endswith("/write/")
        return self

    def run(self):
        url = "/en/write-to-your-mp/"
        page = self.request("landing", "get", url)
        method, action, fields = form_of(page.content.decode(), "form:has([name=postal_code])")
        fields["postal_code"] = POSTAL_CODE
        find_url = urljoin(url, action or url)
        found = self.request("find", method, find_url, fields)
        assert found.status_code in (302, 303), "one riding: straight on to the letter"
        write, write_url = self.follow("write", found, find_url)

        _, action, fields = form_of(write.content.decode(), "form[method=post]:has([name=body])")
        fields.update(
            first_name="Ada",
            last_name=f"Lovelace{self.number}",
            email=f"ada{self.number}@example.org",
            street_address="12 Harwood Avenue South",
            city="Ajax",
            consent_send="on",
            rendered_at=signed_render_time(30),
            body=f"Dear MP,\n\nI teach chemistry in Ajax ({self.number}). Please act.\n\nAda",
        )
        fields.pop("switch_letter_language", None)
        post_url = urljoin(write_url, action or write_url)
        submitted = self.request("submit", "post", post_url, fields)
        assert submitted.status_code == 303, submitted.content.decode()[:2000]
        self.follow("check_email", submitted, post_url)

        letter = Letter.objects.get(email=f"ada{self.number}@example.org")
        mail.outbox.clear()
        pipeline.send_confirmation_email.call(letter.pk)
        link = CONFIRM_LINK.search(mail.outbox[-1].body).group(0)
        confirm_page, confirm_url = self.follow(
            "confirm_page", self.request("confirm_page", "get", link), link
        )
        _, action, fields = form_of(confirm_page.content.decode(), "form[method=post]")
        target = urljoin(confirm_url, action or confirm_url)
        confirmed = self.request("confirm", "post", target, fields)
        assert confirmed.status_code == 303
        sent, sent_url = self.follow("sent", confirmed, target)
        print_link = BeautifulSoup(sent.content.decode(), "html.parser").select_one(
            "a[href*='/print']"
        )
        self.request("print", "get", urljoin(sent_url, print_link["href"]))
        letter.refresh_from_db()
        assert letter.status == Letter.Status.QUEUED
        return self


@pytest.mark.django_db
def test_every_step_of_the_flow_costs_few_queries(client, letter_site, settings, capsys):
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 0
    remember(PostalCode.parse(POSTAL_CODE), [FED_CODE])
    ridings = list(
        Riding.objects.filter(province="ON", members__isnull=False)
        .exclude(fed_code=FED_CODE)
        .values_list("fed_code", flat=True)
        .distinct()[:2]
    )
    remember(PostalCode.parse(TWO_RIDINGS), ridings)
    Walk(client, 1).run().choose_riding(TWO_RIDINGS, ridings[1])  # warms what every process keeps
    walk = Walk(client.__class__(), 2).run().choose_riding(TWO_RIDINGS, ridings[1])

    with capsys.disabled():
        for step, count in walk.counts.items():
            print(f"\n{step}: {count} queries")
            for sql in walk.queries[step]:
                print("   ", sql[:200])
    over = {step: count for step, count in walk.counts.items() if count > LIMITS[step]}
    assert not over, f"steps over their query budget {LIMITS}: {over}"
