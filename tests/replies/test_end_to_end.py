"""The whole loop with real parts: a supporter writes and ticks "ask me in two weeks", the real
db_worker delivers the letter through the SMTP sink, fourteen days pass (core.clock, moved for
this process and the worker at once), the sweeper asks, the worker sends the question, a click
records "replied", and the public page shows the figures once the threshold is reached."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from letters.models import Letter
from replies.models import Answer, FollowUp
from tests.factories import compose_data
from tests.support.letters import FED_CODE, POSTAL_CODE, find, link
from tests.support.replies import queued_follow_ups
from tests.support.worker import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

QUESTION = {"en": "reply to your letter?", "ru": "ответил(а) на ваше письмо?"}
SAVED = {"en": "your answer is saved", "ru": "ваш ответ сохранён"}
FIGURES = {"en": "1 of 1 writer got a reply (100%)", "ru": "получили ответ: 1 из 1"}
HIDDEN = {"en": "Shown from 1 answer", "ru": "Показываются, когда есть 1 ответ"}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_fourteen_days_later_the_question_comes_and_the_answer_is_published(
    language,
    client,
    settings,
    clock,
    smtp_sink,
    start_worker,
    stand_site,
    letter_limits,
    postal_code_mp,
):
    settings.REPLY_MIN_ANSWERS = 1
    worker = start_worker(smtp=smtp_sink, extra_env=clock.env)
    mp = postal_code_mp
    supporter = f"olga-{language}@example.org"
    stand_url = f"/{language}/where-mps-stand/"
    before = client.get(stand_url)
    assert before["X-Cache"] == "MISS" and client.get(stand_url)["X-Cache"] == "HIT"
    assert HIDDEN[language] in riding_row(before)

    # Write, ticking the follow-up box; confirm from the email; the worker delivers.
    write_url = find(client, language, POSTAL_CODE)["Location"]
    posted = client.post(write_url, compose_data(email=supporter, consent_reply_follow_up="on"))
    assert posted.status_code == 303
    [confirmation] = smtp_sink.wait_for(1, address=supporter)
    confirm = re.search(r"https?://\S+/letters/confirm/\S+/", confirmation.get_content()).group()
    assert client.post(link(client, urlsplit(confirm).path)).status_code == 303
    wait_until(lambda: Letter.objects.get().status == Letter.Status.SENT, message="sent")
    smtp_sink.wait_for(2, address=supporter)  # confirmation and the copy

    # Thirteen days: nothing. Fourteen: the daily sweep asks, through the worker.
    clock.advance(days=13)
    call_command("send_reply_follow_ups")
    assert not FollowUp.objects.exists()
    clock.advance(days=1, hours=1)
    call_command("send_reply_follow_ups")
    messages = smtp_sink.wait_for(3, address=supporter)
    question = messages[2]
    assert QUESTION[language] in question["Subject"], worker.output()
    assert question["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = question.get_content()
    replied = re.search(rf"https?://\S+/{language}/replies/\S+/\?answer=replied", text).group()
    wait_until(lambda: FollowUp.objects.get().first_sent_at, message="first_sent_at recorded")

    # The click shows the choice; the button records it.
    path = link(client, f"{urlsplit(replied).path}?answer=replied")
    assert path == f"/{language}/replies/answer/?answer=replied"
    page = client.get(path)
    assert page.status_code == 200
    assert FollowUp.objects.get().answer == ""
    saved = client.post(path.split("?")[0], {"answer": "replied"})
    assert saved.status_code == 303
    assert SAVED[language] in client.get(saved["Location"]).content.decode()
    follow_up = FollowUp.objects.get()
    assert follow_up.answer == Answer.REPLIED and follow_up.mp == mp

    # The public page shows the figures now: the answer refreshed the cached page.
    after = client.get(stand_url)
    assert after["X-Cache"] == "MISS" and FIGURES[language] in riding_row(after)

    # Never twice: later sweeps ask nothing more.
    clock.advance(days=30)
    call_command("send_reply_follow_ups")
    assert queued_follow_ups() == []
    assert len(smtp_sink.to(supporter)) == 3


def riding_row(response):
    html = response.content.decode()
    return re.search(rf'<tr id="riding-{FED_CODE}">.*?</tr>', html, re.S).group()
