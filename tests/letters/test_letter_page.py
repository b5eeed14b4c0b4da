"""The supporter's path over plain HTTP, as a browser with JavaScript off drives it:
postal code → MP → letter, details and consents → "check your email"."""

import html
import re

import pytest
from django.utils import timezone

from directory.models import Riding
from letters.forms import (
    CAMPAIGN_UPDATES_CONSENT_VERSION,
    SEND_LETTER_CONSENT_VERSION,
)
from letters.models import Letter, LetterStep
from privacy.models import Consent
from tests.factories import compose_data
from tests.support.letters import FED_CODE, find, letter_tasks, write_url

pytestmark = pytest.mark.usefixtures("letter_limits")

START_TEXT = {"en": "Find your MP", "ru": "Найдите своего депутата"}
CHECK_EMAIL = {"en": "Check your email", "ru": "Проверьте почту"}


def no_rows_created():
    return not (Letter.objects.exists() or Consent.objects.exists() or letter_tasks().exists())


def textarea_text(content):
    return re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", content, re.S).group(1)


def assert_no_store(response):
    assert "no-store" in response["Cache-Control"]


# -- Step 1: find your MP --------------------------------------------------------------------


def test_one_riding_goes_straight_to_the_letter(client, letter_site, represent_server):
    represent_server.add_postcode("L1S2J5", [FED_CODE])
    response = find(client, "en", " l1s-2j5 ")
    assert response.status_code == 303
    assert re.fullmatch(r"/en/write-to-your-mp/step/[\w-]{16,32}/write/", response["Location"])
    assert_no_store(response)
    content = client.get(response["Location"]).content.decode()
    assert "Jennifer McKelvie" in content
    assert re.search(r'<input[^>]*name="postal_code"[^>]*value="L1S 2J5"', content)


def test_represent_down_still_lets_the_supporter_pick(client, letter_site, represent_server):
    represent_server.respond("M5V3L9", status=503)
    response = client.get(find(client, "ru", "M5V 3L9")["Location"])
    assert response.status_code == 200
    assert response.content.decode().count("<li data-search") == (
        Riding.objects.filter(province="ON").count()
    )


def test_an_unknown_or_expired_step_goes_back_to_the_start(client, letter_site):
    expired = write_url("en")
    LetterStep.objects.update(expires_at=timezone.now())
    for url in (
        expired,
        "/en/write-to-your-mp/step/nope/write/",
        f"/en/write-to-your-mp/step/{'3' * 50}/",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/en/write-to-your-mp/"


# -- Submitting -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_plain_post_creates_the_letter_and_redirects_to_check_your_email(
    client, letter_site, mailoutbox, language
):
    response = client.post(write_url(language), compose_data())
    assert response.status_code == 303
    assert response["Location"] == f"/{language}/write-to-your-mp/check-email/"

    letter = Letter.objects.get()
    assert letter.status == Letter.Status.PENDING_CONFIRMATION
    assert letter.language == language and letter.letter_language == "en"
    assert letter.mp.name == "Jennifer McKelvie"
    assert letter.body.endswith("Ada Lovelace\nAjax, L1S 2J5")
    assert "{" not in letter.body and "{" not in letter.subject
    assert letter.postal_code == "L1S 2J5"
    consent = Consent.objects.get()  # the opt-in was left unticked: no mailing-list consent
    assert consent.kind == Consent.Kind.SEND_LETTER
    assert consent.wording_version == SEND_LETTER_CONSENT_VERSION
    assert consent.language == language
    assert consent.source_page_id == letter_site[language].pk
    assert letter_tasks().get().task_path.endswith("send_confirmation_email")  # not to the MP

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert CHECK_EMAIL[language] in page.content.decode()
    assert_no_store(page)


def test_opt_in_stores_a_second_consent(client, letter_site):
    client.post(write_url("en"), compose_data(consent_updates="on"))
    kinds = dict(Consent.objects.values_list("kind", "wording_version"))
    assert kinds == {
        "send_letter": SEND_LETTER_CONSENT_VERSION,
        "campaign_updates": CAMPAIGN_UPDATES_CONSENT_VERSION,
    }
    assert Consent.objects.get(kind="campaign_updates").email == "ada@example.org"


def test_unedited_template_is_refused_until_the_story_slot_is_replaced(client, letter_site):
    page = html.unescape(client.get(write_url("en")).content.decode())
    subject = re.search(r'name="subject"[^>]*value="([^"]*)"', page).group(1)
    body = textarea_text(page)
    response = client.post(write_url("en"), compose_data(subject=subject, body=body))
    assert response.status_code == 400
    assert "square brackets" in response.content.decode()
    assert no_rows_created()

    own = re.sub(r"\[[^\]]+\]", "I am a nurse in Ajax; my brother waits since 2021.", body)
    response = client.post(write_url("en"), compose_data(subject=subject, body=own))
    assert response.status_code == 303
    sent_body = Letter.objects.get().body
    assert "[" not in sent_body and "{" not in sent_body
    assert sent_body.startswith("Dear Jennifer McKelvie,")


def test_letter_without_editing_uses_the_campaign_text(client, letter_site):
    for page in letter_site.values():
        page.allow_editing = False
        page.letter_body_en = "Dear {mp_name},\n\nPlease act.\n\n{supporter_name}, {riding}"
        page.save_revision().publish()
    content = client.get(write_url("en")).content.decode()
    assert "<textarea" not in content and 'name="subject"' not in content
    response = client.post(write_url("en"), compose_data(subject="ignored", body="ignored"))
    assert response.status_code == 303
    letter = Letter.objects.get()
    assert letter.body == "Dear Jennifer McKelvie,\n\nPlease act.\n\nAda Lovelace, Ajax"


# -- Bad input: a translated error, a 400, nothing created -------------------------------------

HEADER_INJECTION = "Ada\r\nBcc: victim@evil.example"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_name": HEADER_INJECTION}, "first_name", "one line"),
        ({"last_name": "Lovelace\nBcc: x@evil.example"}, "last_name", "one line"),
        ({"subject": "Hello\r\nBcc: x@evil.example"}, "subject", "one line"),
        ({"city": "Ajax\x00"}, "city", "Null characters"),
        ({"street_address": "12 Harwood\u2028Avenue"}, "street_address", "one line"),
        ({"body": "Dear MP, " + "x" * 20_000}, "body", "the limit is 5000"),
        ({"consent_send": None}, "consent_send", "tick the box"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"email": "ada@example.org\r\nBcc: x@evil.example"}, "email", "valid email"),
        ({"postal_code": "H2X 1Y4"}, "postal_code", "not in the province"),
        ({"postal_code": "ZZZ"}, "postal_code", "six characters"),
        ({"first_name": ""}, "first_name", "required"),
        ({"body": "Dear {mp_name}, hello {typo_here}"}, None, "{typo_here}"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, letter_site, overrides, field, message):
    response = client.post(write_url("en"), compose_data(**overrides))
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    assert message in content
    assert 'role="alert"' in content  # the error summary
    if field:
        assert f'href="#id_{field}"' in content
        assert f'id="id_{field}_error"' in content
    assert no_rows_created()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"first_name": HEADER_INJECTION}, "одной строке"),
        ({"body": "x" * 20_000}, "допустимо не больше 5000"),
        ({"consent_send": None}, "Отметьте"),
        ({"email": "nope"}, "Введите правильный адрес электронной почты"),
    ],
)
def test_bad_input_errors_are_translated(client, letter_site, overrides, message):
    response = client.post(write_url("ru"), compose_data(**overrides))
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert no_rows_created()


def test_html_in_every_field_is_escaped_when_shown_again(client, letter_site):
    script = "<script>alert(1)</script>"
    fields = ["subject", "body", "first_name", "last_name", "street_address", "city"]
    data = compose_data(**{name: f"{script}{name}" for name in fields}, email=f"{script}@x")
    response = client.post(write_url("en"), data)
    assert response.status_code == 400  # the email is invalid; everything else is shown again
    content = response.content.decode()
    assert script not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;first_name" in content
    assert no_rows_created()


def test_every_field_garbage_never_breaks_the_page(client, letter_site):
    garbage = "\x01<b>'\"{0.__class__}" + "é" * 300
    data = {name: garbage for name in compose_data()}
    response = client.post(write_url("en"), data)
    assert response.status_code == 400
    assert no_rows_created()
    response = find(client, "en", garbage, q=garbage)
    assert response.status_code == 400
    response = client.get(find(client, "en", "K0K 0K0")["Location"], {"q": garbage})
    assert response.status_code == 200


def test_honeypot_gets_the_normal_page_and_creates_nothing(client, letter_site):
    response = client.post(write_url("en"), compose_data(website="http://spam.example"))
    assert response.status_code == 303
    assert response["Location"] == "/en/write-to-your-mp/check-email/"
    assert no_rows_created()


def test_rate_limited_post_is_a_translated_429(client, letter_site, settings):
    settings.LETTER_RATE_LIMIT_PER_IP = 1
    client.post(write_url("ru"), compose_data())
    response = client.post(write_url("ru"), compose_data(email="other@example.org"))
    assert response.status_code == 429
    assert "Подождите немного" in response.content.decode()
    assert Letter.objects.count() == 1


def test_post_without_csrf_token_is_refused(letter_site):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(write_url("en"), compose_data())
    assert response.status_code == 403
    assert no_rows_created()


def test_form_carries_the_bot_trap_fields(client, letter_site):
    content = client.get(write_url("en")).content.decode()
    assert 'name="website"' in content
    assert 'name="rendered_at"' in content
    assert 'name="csrfmiddlewaretoken"' in content


def test_editor_preview_renders_the_first_step(letter_site):
    from letters.content import LETTER_CAMPAIGN_SETTINGS
    from letters.models import LetterCampaignPage

    saved = letter_site["en"].make_preview_request()
    assert saved.status_code == 200
    assert f'action="/en/letters/find/{letter_site["en"].pk}/"' in saved.rendered_content
    unsaved = LetterCampaignPage(title="New campaign", slug="new", **LETTER_CAMPAIGN_SETTINGS)
    preview = unsaved.make_preview_request()
    assert preview.status_code == 200
    assert 'method="post" action=""' in preview.rendered_content
