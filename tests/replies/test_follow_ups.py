"""The follow-up question: asked only with the consent, REPLY_FOLLOW_UP_DAYS after sending, once
per round, a second time only after "no reply yet", never to a withdrawn, erased or suppressed
supporter. Time moves through core.clock (the `clock` fixture)."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail

from privacy.campaign_mail import consent_for_token
from privacy.erasure import erase_supporter
from privacy.identity import sender_hash
from privacy.models import Consent, Suppression
from replies.follow_ups import record_answer, schedule_follow_ups
from replies.models import Answer, FollowUp
from tests.support.replies import queued_follow_ups, run_follow_up_tasks

pytestmark = pytest.mark.django_db


def test_the_consent_is_stored_like_the_other_consents(sent_letter):
    letter = sent_letter()
    consent = letter.consents.get(kind=Consent.Kind.REPLY_FOLLOW_UP)
    assert consent.wording_version == "replies-test"
    assert len(consent.wording_hash) == 64 and consent.language == "en"
    assert consent.email == ""  # the question goes to the letter's address, purged with it


def test_no_follow_up_without_the_consent(sent_letter, clock):
    sent_letter(ask=False)
    clock.advance(days=60)
    assert schedule_follow_ups() == (0, 0)
    assert not FollowUp.objects.exists() and not queued_follow_ups()


def test_asked_once_after_fourteen_days_in_the_supporters_language(sent_letter, clock):
    letter = sent_letter(language="ru")
    clock.advance(days=13, hours=23)
    assert schedule_follow_ups() == (0, 0)
    clock.advance(hours=2)
    assert schedule_follow_ups() == (1, 0)
    assert run_follow_up_tasks() == ["sent"]

    [message] = mail.outbox
    assert message.to == [letter.email]
    assert "ответил" in message.subject and letter.mp.name in message.subject
    body = message.body
    links = re.findall(r"https?://\S+/ru/replies/\S+/\?answer=(\w+)", body)
    assert links == [value for value, _label in Answer.choices]
    assert "Я и не ждал(а) ответа" in body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/ru/unsubscribe/" in unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Never twice: another sweep, another run of the same task.
    assert schedule_follow_ups() == (0, 0)
    follow_up = FollowUp.objects.get()
    from replies.follow_ups import send_follow_up

    assert send_follow_up.call(follow_up.pk, 1) == "already sent"
    assert len(mail.outbox) == 1


def test_no_reply_yet_asks_once_more_two_weeks_later_then_never(sent_letter, clock):
    sent_letter()
    clock.advance(days=14, hours=1)
    schedule_follow_ups()
    run_follow_up_tasks()
    follow_up = FollowUp.objects.get()
    record_answer(follow_up, answer=Answer.NO_REPLY)

    clock.advance(days=13)
    assert schedule_follow_ups() == (0, 0)
    clock.advance(days=1, hours=2)
    assert schedule_follow_ups() == (0, 1)
    assert run_follow_up_tasks() == ["sent"]
    assert "Still no reply" in mail.outbox[-1].subject

    # "No reply yet" again: no third question, ever.
    record_answer(FollowUp.objects.get(), answer=Answer.NO_REPLY)
    clock.advance(days=60)
    assert schedule_follow_ups() == (0, 0)
    assert len(mail.outbox) == 2


def test_another_answer_ends_the_questions(sent_letter, clock):
    sent_letter()
    clock.advance(days=15)
    schedule_follow_ups()
    run_follow_up_tasks()
    record_answer(FollowUp.objects.get(), answer=Answer.REPLIED)
    clock.advance(days=30)
    assert schedule_follow_ups() == (0, 0)


def test_unsubscribing_stops_the_question(sent_letter, clock, client):
    letter = sent_letter(wants_updates=True)
    updates = letter.consents.get(kind=Consent.Kind.CAMPAIGN_UPDATES)
    from privacy.campaign_mail import unsubscribe_token

    assert client.post(f"/en/unsubscribe/{unsubscribe_token(updates)}/").status_code == 200
    assert letter.consents.get(kind=Consent.Kind.REPLY_FOLLOW_UP).withdrawn_at is not None
    clock.advance(days=15)
    assert schedule_follow_ups() == (0, 0)


def test_the_follow_ups_own_unsubscribe_link_works(sent_letter, clock, client):
    sent_letter(wants_updates=False)
    clock.advance(days=15)
    schedule_follow_ups()
    run_follow_up_tasks()
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert consent_for_token(token).kind == Consent.Kind.REPLY_FOLLOW_UP
    assert client.post(urlsplit(link).path).status_code == 200
    follow_up = FollowUp.objects.get()
    record_answer(follow_up, answer=Answer.NO_REPLY)
    clock.advance(days=15)
    schedule_follow_ups()
    assert run_follow_up_tasks() == ["not allowed"]
    assert len(mail.outbox) == 1


def test_consent_withdrawn_between_the_sweep_and_the_send(sent_letter, clock):
    letter = sent_letter()
    clock.advance(days=15)
    schedule_follow_ups()
    letter.consents.filter(kind=Consent.Kind.REPLY_FOLLOW_UP).update(withdrawn_at=letter.sent_at)
    assert run_follow_up_tasks() == ["not allowed"]
    assert not mail.outbox


def test_never_to_a_suppressed_supporter(sent_letter, clock):
    letter = sent_letter()
    Suppression.objects.create(sender_hash=sender_hash(letter.email))
    clock.advance(days=15)
    schedule_follow_ups()
    assert run_follow_up_tasks() == ["not allowed"]
    assert not mail.outbox


def test_never_to_an_erased_supporter_and_the_answer_still_counts(sent_letter, clock, admin_user):
    letter = sent_letter()
    clock.advance(days=15)
    schedule_follow_ups()
    run_follow_up_tasks()
    follow_up = FollowUp.objects.get()
    record_answer(follow_up, answer=Answer.NO_REPLY, reply_text="Dear Ada, thanks.")
    erase_supporter(letter.email, admin_user)
    follow_up.refresh_from_db()
    assert follow_up.letter is None and follow_up.reply_text == ""
    assert follow_up.answer == Answer.NO_REPLY and follow_up.mp_id == letter.mp_id
    clock.advance(days=15)
    schedule_follow_ups()
    assert run_follow_up_tasks() in ([], ["not allowed"])
    assert len(mail.outbox) == 1


def test_purge_keeps_the_count_and_removes_the_text(sent_letter, clock, settings):
    from django.utils import timezone

    from privacy.purge import purge_personal_data

    letter = sent_letter()
    clock.advance(days=15)
    schedule_follow_ups()
    run_follow_up_tasks()
    record_answer(FollowUp.objects.get(), answer=Answer.REPLIED, reply_text="Thank you, Ada.")
    settings.LETTER_BODY_RETENTION_DAYS = 0
    settings.IDENTITY_RETENTION_DAYS = 0
    purge_personal_data(now=timezone.now() + timedelta(days=40))
    follow_up = FollowUp.objects.get()
    assert follow_up.reply_text == "" and follow_up.letter is None
    assert follow_up.answer == Answer.REPLIED and follow_up.mp_id == letter.mp_id
