"""The answer page a follow-up links to: GET shows and changes nothing, POST records, the
answer can be changed, bad input gets a translated 4xx, a quote needs its own consent."""

import re

import pytest

from replies.follow_ups import answer_token
from replies.models import Answer, FollowUp
from replies.models.follow_up import QuoteStatus
from tests.factories import FollowUpFactory
from tests.support.letters import link

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(sent_letter):
    letter = sent_letter()
    return FollowUpFactory(letter=letter, first_sent_at=letter.sent_at)


def url(client, follow_up, language="en", query=""):
    """The answer page, reached as from the email: its link puts the token in a cookie."""
    return link(client, f"/{language}/replies/{answer_token(follow_up)}/{query}")


def test_a_one_click_link_shows_the_choice_and_changes_nothing(client, follow_up):
    response = client.get(url(client, follow_up, query="?answer=replied"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert re.search(r'<input[^>]*value="replied"[^>]*checked', html)
    assert len(re.findall(r"<input[^>]*checked", html)) == 1
    assert "Save my answer" in html
    follow_up.refresh_from_db()
    assert follow_up.answer == "" and follow_up.answered_at is None


@pytest.mark.parametrize(
    ("language", "saved_text"),
    [("en", "Thank you: your answer is saved."), ("ru", "Спасибо, ваш ответ сохранён.")],
)
def test_post_records_and_the_answer_can_change(client, follow_up, language, saved_text):
    response = client.post(url(client, follow_up, language), {"answer": "no_reply"})
    assert response.status_code == 303
    assert response["Location"].endswith("?saved=1")
    follow_up.refresh_from_db()
    assert follow_up.answer == Answer.NO_REPLY and follow_up.answered_at
    assert saved_text in client.get(response["Location"]).content.decode()

    client.post(url(client, follow_up, language), {"answer": "form_letter"})
    follow_up.refresh_from_db()
    assert follow_up.answer == Answer.FORM_LETTER


def test_a_quote_needs_its_own_consent_and_an_organizers_approval(client, follow_up):
    client.post(
        url(client, follow_up),
        {"answer": "replied", "reply_text": "I support clear timelines. — the MP"},
    )
    follow_up.refresh_from_db()
    assert follow_up.reply_text and not follow_up.quote_consent
    assert follow_up.quote_status == QuoteStatus.NONE

    client.post(
        url(client, follow_up),
        {"answer": "replied", "reply_text": follow_up.reply_text, "quote_consent": "on"},
    )
    follow_up.refresh_from_db()
    assert follow_up.quote_consent and follow_up.quote_status == QuoteStatus.PENDING

    # Approved, then the supporter withdraws the consent: off the site at once.
    FollowUp.objects.filter(pk=follow_up.pk).update(
        quote_status=QuoteStatus.APPROVED, quote="I support clear timelines."
    )
    client.post(url(client, follow_up), {"answer": "replied", "reply_text": follow_up.reply_text})
    follow_up.refresh_from_db()
    assert follow_up.quote_status == QuoteStatus.NONE and follow_up.quote == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Please choose what happened."),
        ({"answer": "delighted"}, "Please choose one of the answers below."),
        ({"answer": "replied", "quote_consent": "on"}, "Paste the reply"),
        ({"answer": "replied", "reply_text": "a\u202eb"}, "invisible control characters"),
        ({"answer": "replied", "reply_text": "x" * 10_001}, "at most 10000"),
    ],
)
def test_bad_answers_get_a_clear_400_and_nothing_is_saved(client, follow_up, data, message):
    response = client.post(url(client, follow_up), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.answer == ""


def test_a_bad_answer_in_russian_is_explained_in_russian(client, follow_up):
    response = client.post(url(client, follow_up, "ru"), {"answer": "delighted"})
    assert response.status_code == 400
    assert "Пожалуйста, выберите один из ответов ниже." in response.content.decode()


@pytest.mark.parametrize("token", ["nonsense", "abc:def", "x" * 300])
def test_a_broken_link_is_a_translated_400(client, db, token):
    response = client.get(link(client, f"/ru/replies/{token}/"))
    assert response.status_code == 400
    assert "Эта ссылка не работает" in response.content.decode()
    assert client.post("/en/replies/answer/", {"answer": "replied"}).status_code == 400
