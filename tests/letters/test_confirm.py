"""The confirmation link (GET shows, POST confirms once), the thank-you page and the print view."""

import re
import time

import pytest
from django.core import signing
from django.core.cache import cache

from directory.models import MemberOfParliament
from letters import pipeline
from letters.models import Letter, LetterEvent
from tests.factories import compose_data
from tests.support.letters import FED_CODE, letter_tasks, link, write_url

pytestmark = pytest.mark.usefixtures("letter_limits")

SEND_BUTTON = {"en": "Send my letter", "ru": "Отправить моё письмо"}


@pytest.fixture
def submitted(client, letter_site):
    """A letter written through the form, waiting for its confirmation; returns (letter, token)."""

    def submit(language="en", **overrides):
        response = client.post(write_url(language), compose_data(**overrides))
        assert response.status_code == 303
        letter = Letter.objects.order_by("-pk").first()
        return letter, pipeline.confirmation_token(letter)

    return submit


def tampered(token):
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def old_token(letter, monkeypatch, days=8):
    """A genuine token signed `days` ago."""
    signed_at = time.time() - days * 86400
    monkeypatch.setattr(signing.time, "time", lambda: signed_at)
    token = pipeline.confirmation_token(letter)
    monkeypatch.undo()
    return token


@pytest.mark.parametrize("language", ["en", "ru"])
def test_get_shows_the_letter_and_a_button_and_changes_nothing(client, submitted, language):
    letter, token = submitted(language)
    events, tasks = LetterEvent.objects.count(), letter_tasks().count()

    for _ in range(2):
        response = client.get(link(client, f"/{language}/letters/confirm/{token}/"))
        assert response.status_code == 200
    content = response.content.decode()
    assert SEND_BUTTON[language] in content
    assert re.search(
        r'<form method="post"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"', content
    )
    assert "Jennifer McKelvie" in content and "Ada Lovelace" in content
    assert "no-store" in response["Cache-Control"]

    letter.refresh_from_db()
    assert letter.status == Letter.Status.PENDING_CONFIRMATION
    assert (LetterEvent.objects.count(), letter_tasks().count()) == (events, tasks)
    assert not letter_tasks("send_letter").exists()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_post_confirms_once(client, submitted, language):
    letter, token = submitted(language)
    url = link(client, f"/{language}/letters/confirm/{token}/")

    first = client.post(url)
    assert first.status_code == 303
    assert first["Location"] == f"/{language}/letters/sent/"
    letter.refresh_from_db()
    assert letter.status == Letter.Status.QUEUED
    assert letter_tasks("send_letter").count() == 1

    second = client.post(url)
    assert second.status_code == 303
    assert letter_tasks("send_letter").count() == 1  # posting twice sends once

    again = client.get(url).content.decode()
    assert 'method="post"' not in again  # no second button once confirmed


@pytest.mark.parametrize(
    ("language", "message"), [("en", "This link does not work"), ("ru", "Эта ссылка не работает")]
)
@pytest.mark.parametrize("page", ["confirm", "sent", "print"])
def test_tampered_token_is_a_translated_400(client, submitted, language, message, page):
    letter, token = submitted()
    for bad in (tampered(token), "not-a-token", "x" * 300, token.split(":")[0]):
        response = client.get(link(client, f"/{language}/letters/{page}/{bad}/"))
        assert response.status_code == 400
        content = response.content.decode()
        assert message in content
        assert "Ada" not in content and "Harwood" not in content  # nothing personal
    assert (
        client.post(link(client, f"/{language}/letters/confirm/{tampered(token)}/")).status_code
        == 400
    )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.PENDING_CONFIRMATION


@pytest.mark.parametrize(
    ("language", "message"), [("en", "This link has expired"), ("ru", "Срок действия ссылки истёк")]
)
def test_expired_token_is_a_translated_410_and_confirms_nothing(
    client, submitted, monkeypatch, language, message
):
    letter, _ = submitted(language)
    token = old_token(letter, monkeypatch)
    url = link(client, f"/{language}/letters/confirm/{token}/")
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 410
        assert message in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.PENDING_CONFIRMATION
    assert not letter_tasks("send_letter").exists()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_thank_you_page_has_the_counter_share_links_and_print_link(client, submitted, language):
    letter, token = submitted(language)
    client.post(link(client, f"/{language}/letters/confirm/{token}/"))
    Letter.objects.filter(pk=letter.pk).update(status=Letter.Status.SENT)
    cache.clear()  # the sent count is cached briefly

    response = client.get(link(client, f"/{language}/letters/sent/{token}/"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    counter = {"en": "1 letter sent to MPs. Our goal: 1000.", "ru": "Депутатам отправлено 1 письмо"}
    assert counter[language] in content
    assert re.search(r'<progress[^>]*max="1000"[^>]*value="1"[^>]*aria-labelledby=', content)
    for share in ("mailto:?", "https://t.me/share/url?", "https://wa.me/?", "facebook.com/sharer"):
        assert share in content
    assert "https://x.com/intent/post?" in content
    assert f'value="http://testserver/{language}/write-to-your-mp/"' in content
    assert f'href="/{language}/letters/print/"' in content
    assert token not in content
    # Plain links only: nothing is loaded from another origin.
    assert not re.search(
        r'<(script|img|iframe|link)[^>]+(src|href)="(https?:)?//(?!testserver/)', content
    )


def test_thank_you_page_reflects_a_letter_held_for_review(client, submitted):
    letter, token = submitted()
    Letter.objects.filter(pk=letter.pk).update(hold_reason="near-duplicate")
    client.post(link(client, f"/en/letters/confirm/{token}/"))
    letter.refresh_from_db()
    assert letter.status == Letter.Status.HELD
    assert (
        "checks it before it is sent"
        in client.get(link(client, f"/en/letters/sent/{token}/")).content.decode()
    )


def test_print_view_is_addressed_to_the_house_of_commons(client, submitted):
    letter, token = submitted()
    response = client.get(link(client, f"/en/letters/print/{token}/"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert "Jennifer McKelvie, MP<br>House of Commons<br>Ottawa ON  K1A 0A6" in content
    assert "needs no stamp" in content
    assert "Ada Lovelace<br>12 Harwood Avenue South<br>Ajax L1S 2J5" in content
    assert "Fair and transparent security screening" in content
    assert "css/letter.css" in content


def test_print_view_of_a_french_letter_uses_the_french_address(client, submitted):
    MemberOfParliament.objects.filter(riding_id=FED_CODE, active=True).update(
        preferred_language="fr"
    )
    letter, token = submitted("ru")
    assert letter.letter_language == "fr"
    content = client.get(link(client, f"/ru/letters/print/{token}/")).content.decode()
    assert "Chambre des communes<br>Ottawa (Ontario)  K1A 0A6" in content
    assert "без марки" in content


def test_print_css_has_print_rules():
    from django.conf import settings

    css = (settings.PROJECT_DIR / "static" / "css" / "letter.css").read_text()
    assert "@media print" in css and ".no-print" in css
