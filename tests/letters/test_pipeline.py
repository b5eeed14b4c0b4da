"""The letter pipeline in-process: states, tasks, tokens and the emails (locmem outbox).

Tasks are run by calling them (`task.call(id)`); the real worker is in test_delivery_worker.py."""

import smtplib
import time
from datetime import timedelta
from email import message_from_bytes, policy
from unittest import mock

import pytest
from anymail.exceptions import AnymailRecipientsRefused
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from letters import outgoing, pipeline
from letters.counter import letters_sent_count
from letters.models import DeliverySettings, Letter, LetterEvent
from privacy import identity
from privacy.models import Consent
from tests.factories import MemberOfParliamentFactory
from tests.support.letters import letter_tasks

S = Letter.Status
SAVEPOINTS = {"SAVEPOINT", "RELEASE", "ROLLBACK"}  # the test's transaction, not the code's


def parsed(message):
    """The message as a receiving mail server parses it."""
    return message_from_bytes(message.message().as_bytes(), policy=policy.default)


# Written ------------------------------------------------------------------------------------


def test_submit_writes_letter_consents_and_confirmation_task(make_letter, mailoutbox):
    letter = make_letter(email="Ada.Love.Lace+mp@GoogleMail.com")

    assert letter.status == S.PENDING_CONFIRMATION
    assert letter.riding == letter.mp.riding
    assert letter.message_id == f"<letter-{letter.public_id}@letusbelong.ca>"
    assert letter.sender_hash == identity.sender_hash("adalovelace@gmail.com")
    assert letter.sender_hash != identity.sender_hash("ada.lovelace@example.org")
    kinds = set(Consent.objects.filter(letter=letter).values_list("kind", flat=True))
    assert kinds == {"send_letter", "campaign_updates"}
    updates = Consent.objects.get(letter=letter, kind="campaign_updates")
    assert updates.wording_version == "2026-11" and len(updates.wording_hash) == 64
    assert Consent.objects.get(letter=letter, kind="send_letter").email == ""
    assert [e.to_status for e in letter.events.all()] == [S.PENDING_CONFIRMATION]
    assert (
        letter_tasks(pipeline.send_confirmation_email, letter).filter(status="READY").count() == 1
    )
    assert not letter_tasks(pipeline.send_letter, letter).exists()
    assert mailoutbox == []  # nothing is sent inside the request


def test_without_updates_only_the_send_consent(make_letter):
    letter = make_letter(wants_updates=False)
    assert list(letter.consents.values_list("kind", flat=True)) == ["send_letter"]


def test_task_arguments_hold_only_the_letter_id(make_letter):
    letter = make_letter(confirm=True)
    rows = list(letter_tasks().values_list("args_kwargs", flat=True))
    assert rows and all(row == {"args": [letter.pk], "kwargs": {}} for row in rows)


@pytest.mark.parametrize(
    "overrides",
    [{"email": "not-an-address"}, {"email": "a@b.c\r\nBcc: x@evil.example"}, {"body": "x" * 5001}],
)
def test_submit_refuses_what_could_corrupt_an_email(make_letter, overrides):
    with pytest.raises(ValidationError):
        make_letter(**overrides)
    assert not Letter.objects.exists()
    assert not letter_tasks().exists()


def test_a_failed_insert_leaves_no_task(make_letter, letter_campaign):
    make_letter()
    with (
        pytest.raises(IntegrityError),
        mock.patch("uuid.uuid4", return_value=Letter.objects.get().public_id),
    ):
        make_letter()  # same public_id → unique violation
    assert Letter.objects.count() == 1
    assert letter_tasks().count() == 1


def test_line_breaks_never_reach_a_header(make_letter, mailoutbox):
    letter = make_letter(
        first_name="Ada\r\nBcc: x@evil.example",
        subject="Hello\nBcc: y@evil.example",
        confirm=True,
    )
    assert "\n" not in letter.first_name and "\n" not in letter.subject
    pipeline.send_letter.call(letter.pk)

    [sent] = mailoutbox
    msg = parsed(sent)
    assert len(sent.recipients()) == 1
    assert [a.addr_spec for a in msg["To"].addresses] == ["mp35075@parl.gc.ca"]
    assert msg["Bcc"] is None
    assert msg["Subject"] == "Hello Bcc: y@evil.example"


# Tokens -------------------------------------------------------------------------------------


def test_token_round_trip_and_tampering(make_letter):
    letter = make_letter()
    token = pipeline.confirmation_token(letter)
    assert "ada" not in token.lower() and "@" not in token
    assert pipeline.letter_for_token(token) == letter
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "nonsense", ""):
        with pytest.raises(pipeline.BadToken):
            pipeline.letter_for_token(bad)


def test_token_expires_after_seven_days(make_letter):
    letter = make_letter()
    eight_days_ago = time.time() - 8 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        token = pipeline.confirmation_token(letter)
    with pytest.raises(pipeline.ExpiredToken):
        pipeline.letter_for_token(token)


def test_token_of_a_deleted_letter_is_bad(make_letter):
    letter = make_letter()
    token = pipeline.confirmation_token(letter)
    Letter.objects.filter(pk=letter.pk).delete()
    with pytest.raises(pipeline.BadToken):
        pipeline.letter_for_token(token)


# Confirmation -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_confirmation_email_in_the_supporters_language(make_letter, mailoutbox, language):
    letter = make_letter(language=language, body="<script>alert(1)</script> & more")
    assert pipeline.send_confirmation_email.call(letter.pk) == "sent"

    [sent] = mailoutbox
    assert sent.to == ["ada@example.org"]
    assert parsed(sent)["Message-ID"].endswith("@letusbelong.ca>")
    assert parsed(sent)["Auto-Submitted"] == "auto-generated"
    token = pipeline.confirmation_token(letter).rsplit(":", 2)[0]
    assert f"http://127.0.0.1:8000/{language}/letters/confirm/{token}:" in sent.body
    assert f"/{language}/privacy/" in sent.body
    assert "hello@letusbelong.ca" in sent.body
    assert "<script>" not in sent.body  # the letter is read on the site (issue 12, hole 3)
    if language == "ru":
        assert "Подтвердите" in sent.subject
        assert "Политика конфиденциальности" in sent.body
    else:
        assert sent.subject == "Please confirm your letter to MP 35075"


def test_confirm_twice_enqueues_one_send(make_letter):
    letter = make_letter()
    assert pipeline.confirm_letter(letter) is True
    assert letter.status == S.QUEUED and letter.confirmed_at
    assert pipeline.confirm_letter(letter) is False
    assert pipeline.confirm_letter(Letter.objects.get(pk=letter.pk)) is False
    assert letter_tasks(pipeline.send_letter, letter).count() == 1


def test_no_confirmation_needed_goes_straight_to_the_queue(make_letter, letter_campaign):
    letter_campaign.require_confirmation = False
    letter_campaign.save()
    letter = make_letter()
    assert letter.status == S.QUEUED
    assert not letter_tasks(pipeline.send_confirmation_email, letter).exists()
    assert letter_tasks(pipeline.send_letter, letter).count() == 1


def test_held_letters_wait_for_an_organizer(make_letter, admin_user):
    held = make_letter(hold_reason="near-duplicate", confirm=True)
    assert held.status == S.HELD
    assert not letter_tasks(pipeline.send_letter, held).exists()

    assert pipeline.release_held(held, admin_user) is True
    assert pipeline.release_held(held, admin_user) is False
    held.refresh_from_db()
    assert held.status == S.QUEUED
    assert letter_tasks(pipeline.send_letter, held).count() == 1
    assert held.events.last().actor == admin_user

    other = make_letter(hold_reason="second postcode", confirm=True)
    assert pipeline.reject_held(other, admin_user) is True
    other.refresh_from_db()
    assert other.status == S.SPAM


# Delivery -----------------------------------------------------------------------------------


def test_send_delivers_to_the_mp_only_then_copies_the_supporter(make_letter, mailoutbox):
    letter = make_letter(
        first_name='Иван "Ваня", Jr.', last_name="Петров", language="ru", confirm=True
    )
    assert pipeline.send_letter.call(letter.pk) == "sent"
    assert pipeline.send_letter.call(letter.pk) == "skipped"  # a second task sends nothing

    letter.refresh_from_db()
    assert letter.status == S.SENT and letter.sent_at and letter.attempts == 1
    [to_mp] = mailoutbox
    msg = parsed(to_mp)
    assert len(to_mp.recipients()) == 1
    [sender] = msg["From"].addresses
    assert sender.display_name == 'Иван "Ваня", Jr. Петров via Let Us Belong'
    assert sender.addr_spec == "letters@letusbelong.ca"
    [reply_to] = msg["Reply-To"].addresses
    assert reply_to.addr_spec == "ada@example.org"
    assert [a.addr_spec for a in msg["To"].addresses] == ["mp35075@parl.gc.ca"]
    assert msg["Message-ID"] == letter.message_id
    assert msg.get_content_type() == "text/plain"
    assert "1 Main Street" in msg.get_content()

    assert pipeline.send_supporter_copy.call(letter.pk) == "sent"
    copy = mailoutbox[1]
    assert copy.to == ["ada@example.org"]
    assert "отправлено" in copy.subject
    assert letter.body in copy.body and "/ru/privacy/" in copy.body


def test_delivering_a_letter_and_its_copy_costs_ten_queries(make_letter, mailoutbox):
    """The worker's share of a surge: claim (letter and MP locked together, pause switch, one
    pacing count, status, event), then sent (one conditional status update, event, copy
    task); the copy reads the letter and asks whether the address was suppressed meanwhile."""
    first, letter = make_letter(confirm=True), make_letter(confirm=True)
    pipeline.send_letter.call(first.pk)  # the pause switch's row exists from now on

    def statements(call):
        with CaptureQueriesContext(connection) as queries:
            assert call(letter.pk) == "sent"
        return [q["sql"] for q in queries if q["sql"].split()[0] not in SAVEPOINTS]

    assert len(statements(pipeline.send_letter.call)) == 8
    assert len(statements(pipeline.send_supporter_copy.call)) == 2


def test_letter_in_french_has_a_french_footer(make_letter, mailoutbox):
    letter = make_letter(letter_language="fr", confirm=True)
    pipeline.send_letter.call(letter.pk)
    message = mailoutbox[0]
    assert "Cette lettre a été rédigée par une personne qui habite votre circonscription" in (
        message.body
    )
    assert "This letter was written" not in message.body
    assert message.extra_headers["Content-Language"] == "fr-CA"
    english = make_letter(confirm=True)
    pipeline.send_letter.call(english.pk)
    assert mailoutbox[1].extra_headers["Content-Language"] == "en-CA"


def failing(error):
    """Every send over the worker's mail connection raises `error`."""
    return mock.patch.object(outgoing, "send", side_effect=error)


def test_transient_failures_back_off(make_letter):
    letter = make_letter(confirm=True)
    for attempt, minutes in [(1, 1), (2, 5), (3, 15)]:
        with failing(smtplib.SMTPServerDisconnected("gone")):
            before = timezone.now()
            assert pipeline.send_letter.call(letter.pk) == "retry"
        letter.refresh_from_db()
        assert letter.status == S.QUEUED and letter.attempts == attempt
        assert letter.last_error == "SMTPServerDisconnected"
        expected = before + timedelta(minutes=minutes)
        assert abs((letter.next_attempt_at - expected).total_seconds()) < 5
        retry = letter_tasks(pipeline.send_letter, letter).order_by("-enqueued_at").first()
        assert retry.status == "READY" and retry.run_after == letter.next_attempt_at
        assert pipeline.send_letter.call(letter.pk) == "not due"  # a stale task waits
        Letter.objects.filter(pk=letter.pk).update(next_attempt_at=timezone.now())


@pytest.mark.parametrize(("age", "seconds"), [(timedelta(0), 15), (timedelta(hours=2), 300)])
def test_a_confirmation_email_is_retried_soon_while_the_letter_is_new(make_letter, age, seconds):
    letter = make_letter()
    Letter.objects.filter(pk=letter.pk).update(created_at=timezone.now() - age)
    with failing(smtplib.SMTPServerDisconnected("gone")):
        before = timezone.now()
        assert pipeline.send_confirmation_email.call(letter.pk) == "retry"
    retry = letter_tasks(pipeline.send_confirmation_email, letter).order_by("-enqueued_at").first()
    assert retry.status == "READY"
    assert abs((retry.run_after - before).total_seconds() - seconds) < 3


def test_a_4xx_answer_is_transient_and_a_5xx_refusal_is_final(make_letter, mailoutbox):
    letter = make_letter(confirm=True)
    with failing(smtplib.SMTPDataError(451, b"try later")):
        assert pipeline.send_letter.call(letter.pk) == "retry"
    Letter.objects.filter(pk=letter.pk).update(next_attempt_at=timezone.now())
    refused = smtplib.SMTPRecipientsRefused({"mp35075@parl.gc.ca": (550, b"no such user")})
    with failing(refused):
        assert pipeline.send_letter.call(letter.pk) == "failed"
    letter.refresh_from_db()
    assert letter.status == S.FAILED
    assert letter.last_error == "SMTPRecipientsRefused [550]"
    assert letter_tasks(pipeline.send_failure_notice, letter).count() == 1

    assert pipeline.send_failure_notice.call(letter.pk) == "sent"
    [notice] = mailoutbox
    assert notice.to == ["ada@example.org"] and "could not deliver" in notice.subject


def test_after_24_hours_a_transient_failure_is_final(make_letter):
    letter = make_letter(language="ru", confirm=True)
    Letter.objects.filter(pk=letter.pk).update(confirmed_at=timezone.now() - timedelta(hours=25))
    with failing(ConnectionRefusedError()):
        assert pipeline.send_letter.call(letter.pk) == "failed"
    assert Letter.objects.get(pk=letter.pk).status == S.FAILED


def test_pause_keeps_letters_queued_and_resuming_sends_them_in_order(make_letter, mailoutbox):
    switch = DeliverySettings.load()
    switch.pause_sending = True
    switch.save()
    first, second = make_letter(confirm=True), make_letter(confirm=True)
    for letter in (first, second):
        assert pipeline.send_letter.call(letter.pk) == "paused"
    assert Letter.objects.filter(status=S.QUEUED).count() == 2
    assert mailoutbox == []
    DBTaskResult.objects.update(status="SUCCESSFUL")  # as the worker leaves them

    assert pipeline.resume_sending() == 0  # still paused: nothing enqueued
    switch.pause_sending = False
    with mock.patch("django.db.transaction.on_commit", side_effect=lambda f: f()):
        switch.save()  # turning the switch off enqueues the backlog
    ready = letter_tasks(pipeline.send_letter).filter(status="READY").order_by("enqueued_at")
    assert [row.args_kwargs["args"][0] for row in ready] == [first.pk, second.pk]
    assert pipeline.resume_sending() == 0  # they have live tasks now


@override_settings(LETTERS_PER_MP_PER_HOUR=2)
def test_pacing_per_mp_reschedules_and_drops_nothing(make_letter, mailoutbox):
    letters = [make_letter(confirm=True) for _ in range(3)]
    other_mp = make_letter(mp=MemberOfParliamentFactory(fed_code="24001"), confirm=True)
    results = [pipeline.send_letter.call(letter.pk) for letter in [*letters, other_mp]]

    assert results == ["sent", "sent", "paced", "sent"]
    waiting = Letter.objects.get(pk=letters[2].pk)
    assert waiting.status == S.QUEUED and waiting.attempts == 0
    first_sent = Letter.objects.get(pk=letters[0].pk).sent_at
    assert waiting.next_attempt_at > first_sent + timedelta(hours=1)
    assert letter_tasks(pipeline.send_letter, waiting).filter(run_after=waiting.next_attempt_at)


# Counting -----------------------------------------------------------------------------------


def test_sent_count_covers_every_translation(make_letter, letter_campaign):
    from django.core.cache import cache
    from wagtail.models import Locale

    ru_page = letter_campaign.copy_for_translation(
        Locale.objects.get_or_create(language_code="ru")[0]
    )
    for _ in range(2):
        letter = make_letter(confirm=True)
        pipeline.send_letter.call(letter.pk)
    make_letter(campaign=ru_page, confirm=True)  # queued, not sent
    letter = make_letter(campaign=ru_page, confirm=True)
    pipeline.send_letter.call(letter.pk)
    cache.clear()
    assert letters_sent_count(ru_page) == 3
    assert letters_sent_count(letter_campaign) == 3


def test_a_letter_sent_or_bounced_drops_the_cached_count(
    make_letter, letter_campaign, django_capture_on_commit_callbacks
):
    letter = make_letter(confirm=True)
    assert letters_sent_count(letter_campaign) == 0  # cached for COUNTER_CACHE_SECONDS
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.send_letter.call(letter.pk)
    assert letters_sent_count(letter_campaign) == 1
    letter.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        letter.transition(Letter.Status.BOUNCED, tracking=LetterEvent.Tracking.HARD_BOUNCE)
    assert letters_sent_count(letter_campaign) == 0


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"no")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.c": (452, b"full")}), False),
        (smtplib.SMTPDataError(554, b"rejected"), True),
        (smtplib.SMTPDataError(421, b"busy"), False),
        (smtplib.SMTPServerDisconnected(), False),
        (ConnectionRefusedError(), False),
        (TimeoutError(), False),
        (AnymailRecipientsRefused(), True),
    ],
)
def test_which_failures_are_final(error, permanent):
    assert outgoing.is_permanent_failure(error) is permanent


def test_a_recipient_blocked_after_confirmation_holds_the_letter(make_letter, mailoutbox):
    letter = make_letter(confirm=True)
    letter.mp.do_not_send = True
    letter.mp.save()
    assert pipeline.send_letter.call(letter.pk) == "held"
    letter.refresh_from_db()
    assert letter.status == S.HELD and letter.hold_reason
    assert mailoutbox == []
