"""TRUST 35-36 with Postmark: its documented webhooks, posted through the real URL and middleware,
change what "sent" means (letters/tracking.py, letters/webhooks.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from directory.models import MemberOfParliament
from letters import pipeline, tracking
from letters.counter import letters_sent_count
from letters.models import Letter, LetterEvent, TrackingPayload
from letters.monitoring import delivery_alerts
from privacy.models import Suppression
from tests.support.esp import (
    POSTMARK_BOUNCE,
    POSTMARK_DELIVERY,
    POSTMARK_SPAM_COMPLAINT,
    postmark_event,
)

pytestmark = pytest.mark.django_db
S = Letter.Status


def tracking_events(letter):
    return LetterEvent.objects.filter(letter=letter).exclude(tracking="")


def tasks_for(task, letter):
    return DBTaskResult.objects.filter(task_path=task.module_path, args_kwargs__args=[letter.pk])


def bounce_notices():
    return [m for m in mail.outbox if "did not reach" in m.subject or "не дошло" in m.subject]


def test_a_hard_bounce_replayed_three_times_is_one_event_one_bounced_letter_one_email(
    postmark_site, esp_letter
):
    letter = esp_letter()
    assert letters_sent_count(letter.campaign) == 1
    bounce = postmark_event(POSTMARK_BOUNCE, letter)

    for _ in range(3):
        assert postmark_site.post(bounce).status_code == 200

    letter.refresh_from_db()
    assert letter.status == S.BOUNCED
    [event] = tracking_events(letter)
    assert (event.tracking, event.mail, event.to_status) == ("hard_bounce", "letter", "bounced")
    assert event.note == "hard_bounce 5.1.1" and event.reported_at.year == 2016
    assert tasks_for(tracking.send_bounce_notice, letter).count() == 1
    assert tracking.send_bounce_notice.call(letter.pk) == "sent"
    [notice] = bounce_notices()
    assert notice.to == [letter.email]
    assert "/en/letters/print/" in notice.body and letter.body in notice.body
    assert MemberOfParliament.objects.get(pk=letter.mp_id).hard_bounces == 1
    # The letter stops counting.
    from django.core.cache import cache

    cache.clear()
    assert letters_sent_count(letter.campaign) == 0


def test_the_bounce_notice_is_in_the_supporters_language(postmark_site, esp_letter):
    letter = esp_letter(language="ru")
    postmark_site.post(postmark_event(POSTMARK_BOUNCE, letter))
    tracking.send_bounce_notice.call(letter.pk)
    [notice] = bounce_notices()
    assert "не дошло" in notice.subject
    assert "/ru/letters/print/" in notice.body and "без марки" in notice.body


@pytest.mark.parametrize(
    ("bounce_type", "details"),
    [
        ("SoftBounce", "smtp;452 4.2.2 Mailbox full"),
        ("SoftBounce", "smtp;552 5.2.2 Mailbox full: quota exceeded"),
        ("HardBounce", "smtp;552 5.2.2 Mailbox full"),  # the code decides: 5.2.2 is soft
    ],
)
def test_a_soft_or_mailbox_full_bounce_schedules_a_retry_and_sends_no_email(
    postmark_site, esp_letter, bounce_type, details
):
    letter = esp_letter()
    before = timezone.now()
    response = postmark_site.post(
        postmark_event(POSTMARK_BOUNCE, letter, Type=bounce_type, Details=details)
    )
    assert response.status_code == 200

    letter.refresh_from_db()
    assert letter.status == S.QUEUED
    assert letter.next_attempt_at - before >= timedelta(minutes=59)
    retries = tasks_for(pipeline.send_letter, letter).filter(run_after=letter.next_attempt_at)
    assert retries.count() == 1
    assert not tasks_for(tracking.send_bounce_notice, letter).exists()
    assert MemberOfParliament.objects.get(pk=letter.mp_id).hard_bounces == 0
    # Waiting for its retry on purpose: no "the queue is stuck" alarm, even hours later.
    Letter.objects.filter(pk=letter.pk).update(confirmed_at=before - timedelta(hours=3))
    assert delivery_alerts() == []

    # An hour later it goes again, and the supporter gets no second copy.
    copies = len(mail.outbox)
    Letter.objects.filter(pk=letter.pk).update(next_attempt_at=timezone.now())
    assert pipeline.send_letter.call(letter.pk) == "sent"
    assert Letter.objects.get(pk=letter.pk).status == S.SENT
    assert len(mail.outbox) == copies + 1  # the letter only
    assert tasks_for(pipeline.send_supporter_copy, letter).count() == 1


def test_soft_bounces_past_the_retries_count_as_a_hard_bounce(postmark_site, esp_letter):
    letter = esp_letter()
    for attempt in range(len(tracking.SOFT_BOUNCE_RETRY_DELAYS) + 1):
        event = postmark_event(
            POSTMARK_BOUNCE, letter, ID=1000 + attempt, Type="SoftBounce", Details="452 4.2.2"
        )
        assert postmark_site.post(event).status_code == 200
        if attempt < len(tracking.SOFT_BOUNCE_RETRY_DELAYS):
            Letter.objects.filter(pk=letter.pk).update(next_attempt_at=timezone.now())
            assert pipeline.send_letter.call(letter.pk) == "sent"
    letter.refresh_from_db()
    assert letter.status == S.BOUNCED
    assert tracking_events(letter).last().note.endswith("no retry left")
    assert tasks_for(tracking.send_bounce_notice, letter).count() == 1


def test_delivered_sets_delivered_and_still_counts(postmark_site, esp_letter):
    letter = esp_letter()
    MemberOfParliament.objects.filter(pk=letter.mp_id).update(hard_bounces=2)
    response = postmark_site.post(postmark_event(POSTMARK_DELIVERY, letter))
    assert response.status_code == 200
    letter.refresh_from_db()
    assert letter.status == S.DELIVERED
    assert Letter.objects.counted_as_sent().filter(pk=letter.pk).exists()
    assert MemberOfParliament.objects.get(pk=letter.mp_id).hard_bounces == 0
    # A late copy task still sends the supporter's copy of a delivered letter.
    assert pipeline.send_supporter_copy.call(letter.pk) == "sent"


def test_a_letter_matched_by_the_services_message_id_alone(postmark_site, esp_letter):
    letter = esp_letter()
    delivery = postmark_event(POSTMARK_DELIVERY, letter)
    delivery["Metadata"] = {}
    assert postmark_site.post(delivery).status_code == 200
    assert Letter.objects.get(pk=letter.pk).status == S.DELIVERED


def test_a_spam_complaint_from_the_mp_office_pauses_their_letters(
    postmark_site, esp_letter, make_letter
):
    letter = esp_letter()
    assert postmark_site.post(postmark_event(POSTMARK_SPAM_COMPLAINT, letter)).status_code == 200

    mp = MemberOfParliament.objects.get(pk=letter.mp_id)
    assert mp.letters_paused
    [event] = tracking_events(letter)
    assert event.tracking == "complaint" and event.to_status == letter.status
    assert Letter.objects.get(pk=letter.pk).status == S.SENT  # it did reach the office
    # The next letter to that MP waits for an organizer; nothing is refused to supporters.
    later = make_letter(confirm=True, mp=mp)
    assert pipeline.send_letter.call(later.pk) == "held"
    later.refresh_from_db()
    assert later.status == S.HELD and "spam complaint" in later.hold_reason


def test_a_bounce_of_the_supporters_confirmation_suppresses_the_address(
    postmark_site, esp_letter, make_letter
):
    letter = esp_letter()
    bounce = postmark_event(
        POSTMARK_BOUNCE, letter, recipient=letter.email, mail_kind="confirmation", ID=77
    )
    assert postmark_site.post(bounce).status_code == 200

    row = Suppression.objects.get(sender_hash=letter.sender_hash)
    assert row.reason == "bounced"
    assert Letter.objects.get(pk=letter.pk).status == S.SENT  # the MP's letter is untouched
    [event] = tracking_events(letter)
    assert (event.tracking, event.mail) == ("hard_bounce", "confirmation")
    # Nothing more about that letter goes to the address…
    assert pipeline.send_supporter_copy.call(letter.pk) == "suppressed"
    # …but a letter they write afterwards still gets its confirmation.
    again = make_letter()
    assert pipeline.send_confirmation_email.call(again.pk) == "sent"


def test_a_complaint_about_a_campaign_update_suppresses_the_address(postmark_site):
    event = dict(POSTMARK_SPAM_COMPLAINT, Metadata={"mail": "campaign"})
    assert postmark_site.post(event).status_code == 200
    row = Suppression.objects.get()
    assert row.reason == "complained"
    assert not LetterEvent.objects.exists()


def test_reports_about_unknown_messages_change_nothing(postmark_site, esp_letter):
    letter = esp_letter()
    assert postmark_site.post(POSTMARK_BOUNCE).status_code == 200
    assert Letter.objects.get(pk=letter.pk).status == S.SENT
    assert not tracking_events(letter).exists() and not Suppression.objects.exists()


def test_a_report_before_the_send_is_recorded_asks_the_service_to_retry(postmark_site, esp_letter):
    letter = esp_letter()
    Letter.objects.filter(pk=letter.pk).update(status=S.SENDING)
    response = postmark_site.post(postmark_event(POSTMARK_DELIVERY, letter))
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert not tracking_events(letter).exists()


def test_the_raw_payload_is_kept_apart_and_purged_after_30_days(postmark_site, esp_letter):
    from privacy.purge import purge_personal_data

    letter = esp_letter()
    postmark_site.post(postmark_event(POSTMARK_DELIVERY, letter))
    payload = TrackingPayload.objects.get()
    assert payload.payload["Recipient"] == letter.mp.delivery_email
    assert payload.event.letter_id == letter.pk and payload.esp == "Postmark"

    assert (
        purge_personal_data(now=timezone.now() + timedelta(days=29))["webhook_payloads_deleted"]
        == 0
    )
    counts = purge_personal_data(now=timezone.now() + timedelta(days=31))
    assert counts["webhook_payloads_deleted"] == 1
    assert not TrackingPayload.objects.exists()
    assert tracking_events(letter).count() == 1  # the event itself stays


@pytest.mark.parametrize("auth", [None, "letusbelong:wrong", "someone:else"])
def test_a_webhook_without_the_secret_gets_400_and_changes_nothing(postmark_site, esp_letter, auth):
    letter = esp_letter()
    response = postmark_site.post(postmark_event(POSTMARK_BOUNCE, letter), auth=auth)
    assert response.status_code == 400
    assert Letter.objects.get(pk=letter.pk).status == S.SENT
    assert not tracking_events(letter).exists()
    assert not tasks_for(tracking.send_bounce_notice, letter).exists()


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '"text"', '{"RecordType": "Inbound"}'])
def test_a_malformed_body_gets_400(postmark_site, body):
    assert postmark_site.post(body).status_code == 400


def test_the_webhook_is_not_mounted_without_a_secret_or_for_another_service(
    postmark_site, settings, esp_letter
):
    letter = esp_letter()

    def not_found():
        # A 404: the view's own (core/locale.py keeps it), or an unresolved address's after
        # the redirect to /en/….
        response = postmark_site.post(postmark_event(POSTMARK_BOUNCE, letter))
        if response.status_code == 302:
            assert response.url.startswith("/en/anymail/")
            response = Client().get(response.url)
        return response.status_code == 404

    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    assert not_found()
    settings.ANYMAIL = {"WEBHOOK_SECRET": "letusbelong:webhook-secret-for-tests"}
    settings.ANYMAIL_ESP = "mailgun"
    assert not_found()
    assert Letter.objects.get(pk=letter.pk).status == S.SENT
