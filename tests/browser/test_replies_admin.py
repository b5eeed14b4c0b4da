"""Organizers at work, in a real browser, signed in as an Editors-group user: approving a
supporter's reply quote and recording an MP's stance with it as the source, which the public
"Where MPs stand" page then shows."""

import re

import pytest
from django.test import Client

from directory.models import MemberOfParliament
from replies.models import Answer, Stance
from replies.models.follow_up import QuoteStatus
from tests.factories import EditorFactory, FollowUpFactory
from tests.support.accounts import verified_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FED_CODE = "35001"


@pytest.fixture
def editor_page(browser, campaign_site):
    """A browser context signed in as an editor (the session of a verified two-factor login)."""
    client = Client()
    verified_login(client, EditorFactory(username="olena"))
    context = browser.new_context(locale="en-CA")
    host = campaign_site.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_an_editor_approves_a_quote_and_records_a_stance(editor_page, campaign_site):
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    pending = FollowUpFactory(
        mp=mp,
        language="ru",
        answer=Answer.REPLIED,
        reply_text="Dear Olga, I will support clear timelines for security screening.",
        quote_consent=True,
        quote_status=QuoteStatus.PENDING,
    )
    page = editor_page
    page.goto(f"{campaign_site}/admin/replies/")
    assert "Quotes waiting for approval" in page.content()
    assert "Answers by MP" in page.content() and mp.name in page.content()
    quote = page.get_by_label(re.compile("Quote to publish"))
    quote.fill("I will support clear timelines for security screening.")
    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_url(re.compile(r"/admin/replies/$"))
    assert "approved and published" in page.content()
    pending.refresh_from_db()
    assert pending.quote_status == QuoteStatus.APPROVED and "Olga" not in pending.quote

    page.goto(f"{campaign_site}/admin/replies/stances/new/")
    page.get_by_label(re.compile("^MP")).select_option(str(mp.pk))
    page.get_by_label(re.compile("^Demand")).select_option(index=1)
    page.get_by_label(re.compile("^Position")).select_option("supports")
    page.get_by_label(re.compile("^Source link")).fill("https://www.ourcommons.ca/")
    page.get_by_label(re.compile("^Source: a supporter")).select_option(str(pending.pk))
    page.get_by_role("button", name=re.compile("^(Save|Create)$")).click()
    page.wait_for_url(re.compile(r"/admin/replies/stances/$"))
    stance = Stance.objects.get()
    assert stance.recorded_by.username == "olena" and stance.source_reply == pending

    page.goto(f"{campaign_site}/ru/where-mps-stand/?riding={FED_CODE}")
    row = page.locator(f"#riding-{FED_CODE}").inner_text()
    assert "Поддерживает" in row
    assert "I will support clear timelines for security screening." in row
