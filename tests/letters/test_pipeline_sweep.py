"""sweep_letters in-process: each repair once, then nothing (idempotent), counts-only logs."""

import io
import logging
import time
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from core import ratelimit
from core.models import RateLimitCounter
from letters import pipeline
from letters.models import DeliverySettings, Letter
from tests.support.letters import letter_tasks

S = Letter.Status


def sweep():
    out = io.StringIO()
    call_command("sweep_letters", verbosity=2, stdout=out)
    return dict(pair.split("=") for pair in out.getvalue().split())


def send_tasks(letter, **filters):
    return letter_tasks(pipeline.send_letter, letter).filter(**filters)


def test_stuck_sending_letter_is_requeued_then_left_alone(make_letter):
    letter = make_letter(confirm=True)
    send_tasks(letter).update(status="RUNNING", started_at=timezone.now() - timedelta(hours=1))
    Letter.objects.get(pk=letter.pk).transition(S.SENDING)  # then the worker died
    letter.events.update(at=timezone.now() - timedelta(minutes=11))

    counts = sweep()
    assert counts["stale_tasks_failed"] == "1"
    assert counts["stuck_letters_requeued"] == "1"
    letter.refresh_from_db()
    assert letter.status == S.QUEUED
    assert send_tasks(letter, status="READY").count() == 1
    assert send_tasks(letter, status="FAILED").get().exception_class_path.endswith("StaleWorker")
    assert set(sweep().values()) == {"0"}


def test_confirmation_email_of_a_killed_worker_is_sent_again_once(make_letter, mailoutbox):
    letter = make_letter()  # waiting for its confirmation email
    emails = letter_tasks(pipeline.send_confirmation_email, letter)
    emails.update(status="RUNNING", started_at=timezone.now() - timedelta(hours=1))

    assert sweep()["stale_tasks_failed"] == "1"
    retry = emails.get(status="READY")
    assert retry.task.call(*retry.args_kwargs["args"]) == "sent"
    assert [message.to for message in mailoutbox] == [[letter.email]]
    assert set(sweep().values()) == {"0"}


def test_recent_sending_letter_is_not_touched(make_letter):
    letter = make_letter(confirm=True)
    with_lock = Letter.objects.get(pk=letter.pk)
    with_lock.transition(S.SENDING)
    assert sweep()["stuck_letters_requeued"] == "0"
    assert Letter.objects.get(pk=letter.pk).status == S.SENDING


def test_queued_letter_that_lost_its_task_is_enqueued_once(make_letter):
    letter = make_letter(confirm=True)
    send_tasks(letter).update(status="FAILED")
    later = make_letter(confirm=True)
    Letter.objects.filter(pk=later.pk).update(next_attempt_at=timezone.now() + timedelta(hours=1))
    send_tasks(later).update(status="FAILED")

    assert sweep()["queued_letters_enqueued"] == "1"  # the later one is not due yet
    assert send_tasks(letter, status="READY").count() == 1
    assert sweep()["queued_letters_enqueued"] == "0"


def test_nothing_is_enqueued_while_paused(make_letter):
    letter = make_letter(confirm=True)
    send_tasks(letter).update(status="SUCCESSFUL")
    DeliverySettings.objects.update_or_create(defaults={"pause_sending": True})
    assert sweep()["queued_letters_enqueued"] == "0"


def test_unconfirmed_letters_expire_after_seven_days(make_letter):
    old, recent = make_letter(), make_letter()
    Letter.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert sweep()["unconfirmed_letters_expired"] == "1"
    assert Letter.objects.get(pk=old.pk).status == S.EXPIRED
    assert Letter.objects.get(pk=recent.pk).status == S.PENDING_CONFIRMATION
    assert sweep()["unconfirmed_letters_expired"] == "0"


def test_old_rate_limit_windows_are_pruned(db):
    RateLimitCounter.objects.create(key="k", window_start=0, count=3)
    assert sweep()["ratelimit_windows_pruned"] == "1"


def test_todays_per_email_limit_survives_the_sweep(db, settings):
    """The per-email window is a day long: a sweep hours into it must not forget its count
    (which would let one address write again and again)."""
    key = ratelimit.hashed_key("letters", "email", "ada@example.org")
    started = int(time.time()) - 3 * 3600  # Ada wrote in a window that began 3 hours ago
    RateLimitCounter.objects.create(key=key, window_start=started, count=1)
    sweep()
    assert RateLimitCounter.objects.filter(key=key, count=1).exists()


def test_logs_hold_counts_only(make_letter, caplog):
    make_letter(first_name="Zz-marker", email="zz-marker@example.org")
    with caplog.at_level(logging.INFO, logger="letters.sweep"):
        sweep()
    assert "sweep_letters stale_tasks_failed=0" in caplog.text
    assert "zz-marker" not in caplog.text.lower()
