"""Delivery faults with a real db_worker process and a real SMTP server (aiosmtpd).

Time is never waited out: a retry "1 minute later" is brought forward by moving the letter's
`next_attempt_at` and its task's `run_after` to now, as if the minute had passed."""

import io
import signal

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from letters import pipeline
from letters.models import Letter
from tests.factories import MemberOfParliamentFactory
from tests.support.letters import letter_tasks
from tests.support.worker import wait_until

S = Letter.Status
MP_ADDRESS = "mp35075@parl.gc.ca"

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def statuses():
    return sorted(Letter.objects.values_list("status", flat=True))


def time_passes():
    """Everything scheduled for later is due now."""
    now = timezone.now()
    Letter.objects.filter(status=S.QUEUED).update(next_attempt_at=now)
    DBTaskResult.objects.filter(status="READY").update(run_after=now)


def sweep(**minutes):
    with override_settings(
        LETTERS_SENDING_TIMEOUT_MINUTES=minutes.get("sending", 10),
        LETTERS_TASK_GRACE_MINUTES=minutes.get("grace", 15),
    ):
        call_command("sweep_letters", stdout=io.StringIO())


@pytest.fixture
def no_confirmation(letter_campaign):
    """Letters go straight to the queue, so the first task a worker runs is a send."""
    letter_campaign.require_confirmation = False
    letter_campaign.save()
    return letter_campaign


def test_smtp_down_letters_wait_and_all_go_out_once_it_is_back(
    make_letter, no_confirmation, smtp_sink, start_worker
):
    smtp_sink.stop()
    letters = [make_letter(email=f"s{n}@example.org") for n in range(3)]
    worker = start_worker(smtp=smtp_sink)

    wait_until(
        lambda: (
            all(letter.attempts >= 1 for letter in Letter.objects.filter(status=S.QUEUED))
            and Letter.objects.filter(status=S.QUEUED).count() == 3
        ),
        message="three failed attempts",
    )
    assert all(
        letter.next_attempt_at > timezone.now() and letter.last_error
        for letter in Letter.objects.all()
    )

    smtp_sink.start()
    time_passes()
    wait_until(lambda: statuses() == [S.SENT] * 3, message="all sent")
    to_mp = smtp_sink.wait_for(3, address=MP_ADDRESS)
    assert len(to_mp) == 3, worker.output()
    assert {msg["Message-ID"] for msg in to_mp} == {letter.message_id for letter in letters}
    smtp_sink.wait_for(1, address="s2@example.org")  # the supporter's copy


def test_worker_killed_mid_send_is_recovered_with_the_same_message_id(
    make_letter, no_confirmation, smtp_sink, start_worker
):
    letter = make_letter()
    smtp_sink.hang()  # the server takes the message and never answers
    worker = start_worker(smtp=smtp_sink)
    smtp_sink.wait_for(1, address=MP_ADDRESS)
    assert Letter.objects.get().status == S.SENDING
    worker.kill()
    smtp_sink.release()
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1

    sweep()  # too early: a slow send is not a dead one
    assert Letter.objects.get().status == S.SENDING
    sweep(sending=0, grace=0)
    assert Letter.objects.get().status == S.QUEUED
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()

    worker.start()
    wait_until(lambda: Letter.objects.get().status == S.SENT, message="sent after restart")
    smtp_sink.wait_for(1, address="ada@example.org")
    to_mp = smtp_sink.to(MP_ADDRESS)
    assert len(to_mp) == 2, "one delivery before the crash, one after: at most one duplicate"
    assert {msg["Message-ID"] for msg in to_mp} == {letter.message_id}
    assert Letter.objects.get().attempts == 2
    # The worker records its task's end just after the send: no task is left running.
    wait_until(
        lambda: not DBTaskResult.objects.filter(status="RUNNING").exists(),
        timeout=10,
        message="the send task to finish",
    )


def test_two_workers_racing_send_once(make_letter, no_confirmation, smtp_sink, start_worker):
    letter = make_letter()
    for _ in range(5):  # duplicate tasks for the same letter, as a double enqueue would make
        pipeline.send_letter.enqueue(letter.pk)
    start_worker(smtp=smtp_sink), start_worker(smtp=smtp_sink)

    wait_until(
        lambda: (
            not letter_tasks(pipeline.send_letter).filter(status__in=["READY", "RUNNING"]).exists()
        ),
        message="every send task done",
    )
    smtp_sink.wait_for(1, address="ada@example.org")
    assert len(smtp_sink.to(MP_ADDRESS)) == 1
    assert Letter.objects.get().status == S.SENT
    results = letter_tasks(pipeline.send_letter)
    assert sorted(results.values_list("return_value", flat=True)) == ["sent"] + ["skipped"] * 5


def test_sigterm_lets_the_current_send_finish(
    make_letter, no_confirmation, smtp_sink, start_worker
):
    make_letter()
    smtp_sink.hang()
    worker = start_worker(smtp=smtp_sink)
    smtp_sink.wait_for(1, address=MP_ADDRESS)
    worker.process.send_signal(signal.SIGTERM)  # mid-send
    smtp_sink.release()
    assert worker.process.wait(timeout=15) == 0
    assert Letter.objects.get().status == S.SENT
    send = letter_tasks(pipeline.send_letter).get()
    assert send.status == "SUCCESSFUL"
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    assert len(smtp_sink.to(MP_ADDRESS)) == 1


def test_two_workers_deliver_a_surge_once_each_over_few_connections_and_keep_pacing(
    make_letter, no_confirmation, smtp_sink, start_worker
):
    """30 letters to 5 MPs at most 4 an hour each, 2 workers: 20 delivered exactly once, the
    other 10 wait for their MP's next hour; the worker reuses its SMTP connection."""
    mps = [MemberOfParliamentFactory(fed_code=f"350{n:02d}") for n in range(5)]
    for n in range(30):
        make_letter(mp=mps[n % 5], email=f"s{n}@example.org")
    pacing = {"LETTERS_PER_MP_PER_HOUR": "4"}
    start_worker(smtp=smtp_sink, extra_env=pacing), start_worker(smtp=smtp_sink, extra_env=pacing)

    wait_until(
        lambda: (
            Letter.objects.filter(status=S.SENT).count() == 20
            and not DBTaskResult.objects.filter(status="RUNNING").exists()
            and not DBTaskResult.objects.filter(status="READY", run_after__isnull=True).exists()
        ),
        message="20 letters sent and every due task done",
    )
    smtp_sink.wait_for(40)  # 20 letters and 20 copies
    to_mps = [msg for msg in smtp_sink.messages if msg.envelope_to[0].startswith("mp")]
    assert len(to_mps) == 20
    assert len({msg["Message-ID"] for msg in to_mps}) == 20  # none twice
    for mp in mps:
        assert len(smtp_sink.to(mp.email)) == 4
        waiting = Letter.objects.filter(mp=mp, status=S.QUEUED)
        assert waiting.count() == 2
        assert all(letter.next_attempt_at > timezone.now() for letter in waiting)
    sent_ids = {letter.message_id for letter in Letter.objects.filter(status=S.SENT)}
    assert {msg["Message-ID"] for msg in to_mps} == sent_ids
    connections = {msg.peer for msg in smtp_sink.messages}
    assert len(connections) <= 4, "each worker reuses its connection (a few reopenings at most)"


def test_letters_go_before_the_supporters_copies_and_confirmations_before_letters(
    make_letter, letter_campaign, smtp_sink, start_worker
):
    """In a surge the worker serves who waits first: a supporter's confirmation email, then
    the letters to MPs; the supporters' copies come after every queued letter."""
    letters = [make_letter(email=f"q{n}@example.org", confirm=True) for n in range(6)]
    waiting = make_letter(email="waiting@example.org")  # its confirmation email is queued last
    start_worker(smtp=smtp_sink)
    wait_until(
        lambda: len(smtp_sink.messages) >= 2 * len(letters) + 1, message="letters and copies"
    )
    order = [
        "confirmation"
        if msg.envelope_to == ["waiting@example.org"]
        else "letter"
        if msg.envelope_to == [MP_ADDRESS]
        else "copy"
        for msg in smtp_sink.messages
    ]
    assert order == ["confirmation"] + ["letter"] * 6 + ["copy"] * 6, order
    assert waiting.status == S.PENDING_CONFIRMATION
