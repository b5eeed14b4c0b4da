"""The supporter's whole trip in a real browser, in English and Russian, and without JavaScript:
home → letter page → postal code → MP → edit the letter → details → submit → the confirmation
email from the local SMTP sink → confirm → "sent" page → print view. Every step is checked
(axe when JavaScript runs, no visible button needing JavaScript when it does not, same
origin, no console error) and photographed at 360 and 1280 px."""

import re
from urllib.parse import urlsplit

import pytest

from directory.models import Riding
from letters.models import Letter
from tests.support.worker import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

POSTAL_CODE = "K1A 0A6"
CONFIRM_PATH = "/letters/confirm/"


@pytest.fixture
def riding(campaign_site, represent_server, settings):
    """An Ontario riding with a sitting MP, which Represent answers for POSTAL_CODE."""
    settings.LETTER_MIN_FILL_SECONDS = 0  # the browser types faster than a person
    chosen = Riding.objects.occupied().filter(province="ON").order_by("fed_code").first()
    represent_server.add_postcode(POSTAL_CODE.replace(" ", ""), [chosen.fed_code])
    return chosen


def submit_form(page, field_selector):
    """Press the submit button of the form holding `field_selector`, as a person would."""
    # Named buttons are switches (the letter's language), not the form's own submit button.
    page.locator(f"form:has({field_selector})").locator(
        "button[type=submit]:not([name]), button:not([type]):not([name]), input[type=submit]"
    ).first.click()


def walk(visit, *, language, javascript, smtp_sink, riding):
    run = "journey-" + (language if javascript else f"{language}-nojs")
    email = f"{run}@example.org"
    site = visit(javascript=javascript)
    page = site.page
    requested = []  # every URL the browser asks for, as an access log would hold them
    page.on("request", lambda request: requested.append(request.url))

    # 1. Home → letter page.
    site.goto(f"/{language}/")
    site.check(f"{run}-01-home")
    page.locator(f"main a[href$='/{language}/write-to-your-mp/']").first.click()
    page.wait_for_url(f"**/{language}/write-to-your-mp/")
    site.check(f"{run}-02-letter-page")

    # 2. Postal code → MP.
    page.fill("input[name=postal_code]", POSTAL_CODE)
    submit_form(page, "input[name=postal_code]")
    page.wait_for_selector("input[name=first_name]")
    assert riding.current_mp.name in page.content()
    site.check(f"{run}-03-mp")

    # 3. Edit the letter → details → submit (first with a missing field: the error state).
    # The campaign lets supporters edit its letter, and asks for their own words in [square
    # brackets]: the letter must be there to edit, with that slot.
    body = page.locator("textarea[name=body]")
    assert body.count() == 1, "the letter to edit is missing"
    assert re.search(r"\[[^\]]+\]", body.input_value()), "no slot for the supporter's words"
    own_words = f"I am writing from my own kitchen table in Ottawa ({run})."
    body.fill(re.sub(r"\[[^\]]*\]", own_words, body.input_value()))
    site.check(f"{run}-04-letter-edited")
    page.fill("input[name=first_name]", "Ada")
    page.fill("input[name=last_name]", "Lovelace")
    page.fill("input[name=email]", email)
    page.fill("input[name=street_address]", "1 Wellington Street")
    page.fill("input[name=city]", "Ottawa")
    submit_form(page, "input[name=first_name]")  # the consent is not ticked yet
    page.wait_for_selector("input[name=first_name]")
    assert page.locator("[role=alert], .error-summary, .errorlist").count() > 0
    site.expect_error_status(400)  # the form comes back with its errors, status 400
    site.check(f"{run}-05-details-error")
    page.locator("input[name=consent_send]").check()
    site.check(f"{run}-06-details")
    submit_form(page, "input[name=first_name]")
    page.wait_for_url("**/check-email/")
    site.check(f"{run}-07-check-email")

    # 4. The confirmation email from the local SMTP sink → confirm.
    [message] = smtp_sink.wait_for(1, address=email)
    text = message.get_body(("plain",)).get_content()
    confirm_path = next(urlsplit(word).path for word in text.split() if CONFIRM_PATH in word)
    assert confirm_path.startswith(f"/{language}/")
    site.goto(confirm_path)
    site.check(f"{run}-08-confirm")
    submit_form(page, "button")
    page.wait_for_url("**/letters/sent/**")

    # 5. The "sent" page and the print view.
    site.check(f"{run}-09-sent")
    page.locator("a[href*='/letters/print/']").first.click()
    page.wait_for_url("**/letters/print/**")
    site.check(f"{run}-10-print")

    # Issue 12, hole 12: no postal code and no token in any URL but the email's link itself,
    # which only moves the token into a cookie (the access log rewrites that one line).
    token = confirm_path.rstrip("/").rsplit("/", 1)[1]
    compact = POSTAL_CODE.replace(" ", "")
    secrets = {token, compact, compact.lower(), "K1A+0A6", "K1A%200A6", POSTAL_CODE}
    secrets |= {part for part in token.split(":") if len(part) >= 6}
    urls = [url for url in requested if urlsplit(url).path != confirm_path]
    assert any("/step/" in url for url in urls) and any(CONFIRM_PATH in url for url in urls)
    for url in urls:
        assert not any(secret in url for secret in secrets), url

    # The worker delivers it to the MP, once.
    letter = Letter.objects.get(email=email)
    wait_until(
        lambda: Letter.objects.get(pk=letter.pk).status == Letter.Status.SENT,
        message="the letter to be sent",
    )
    delivered = [m for m in smtp_sink.messages if m["Message-ID"] == letter.message_id]
    assert len(delivered) == 1, "the MP receives the letter exactly once"
    assert letter.mp.delivery_email in delivered[0].envelope_to


@pytest.fixture
def worker_and_sink(start_worker, smtp_mailers):
    """The real task worker, delivering to the local SMTP sink."""
    start_worker(smtp=smtp_mailers)
    return smtp_mailers


@pytest.mark.parametrize("language", ["en", "ru"])
def test_journey_with_javascript(visit, language, worker_and_sink, riding):
    walk(visit, language=language, javascript=True, smtp_sink=worker_and_sink, riding=riding)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_journey_without_javascript(visit, language, worker_and_sink, riding):
    """Also: no page of the flow shows a button that needs JavaScript (Visit.check)."""
    walk(visit, language=language, javascript=False, smtp_sink=worker_and_sink, riding=riding)
