"""TRUST 11, 14, 16, 18, 19: the retention purge, access export, erasure and unsubscribe."""

import csv
import io
import json
import logging
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from letters.models import Letter, LetterEvent
from privacy import campaign_mail, erasure, export
from privacy.audit import audit
from privacy.models import AuditEntry, Consent, Suppression
from tests.factories import ConsentFactory, LetterFactory

pytestmark = pytest.mark.django_db
MARKERS = ("zz-marker@example.org", "Zelda", "Markerson", "42 Marker Lane", "zz-marker body")


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def marked_letter(campaign, mp, **fields):
    """A letter carrying every marker, from the supporter the tests export and erase."""
    values = {
        "email": MARKERS[0],
        "first_name": MARKERS[1],
        "last_name": MARKERS[2],
        "street_address": MARKERS[3],
        "body": f"Dear MP, {MARKERS[4]} and more words.",
    }
    return LetterFactory(campaign=campaign, mp=mp, **values | fields)


def consent_for(letter, kind=Consent.Kind.CAMPAIGN_UPDATES, **fields):
    return ConsentFactory(given_with=letter, kind=kind, **fields)


# --- retention purge (TRUST 16) ----------------------------------------------------------------


def test_purge_applies_each_retention_period_and_is_idempotent(letter_campaign, mp, caplog):
    sent_31 = marked_letter(letter_campaign, mp, status=Letter.Status.SENT, sent_at=days_ago(31))
    sent_29 = marked_letter(
        letter_campaign, mp, status=Letter.Status.SENT, sent_at=days_ago(29), email="b@x.org"
    )
    unconfirmed_8 = marked_letter(letter_campaign, mp, created_at=days_ago(8), email="c@x.org")
    consent_for(unconfirmed_8)
    unconfirmed_6 = marked_letter(letter_campaign, mp, created_at=days_ago(6), email="d@x.org")
    a_year_ago = {
        "status": Letter.Status.SENT,
        "sent_at": days_ago(366),
        "created_at": days_ago(366),
    }
    old = marked_letter(letter_campaign, mp, email="old@x.org", **a_year_ago)
    old_subscribed = marked_letter(letter_campaign, mp, email="fan@x.org", **a_year_ago)
    consent_for(old_subscribed)
    original_length = len(sent_31.body)

    with caplog.at_level(logging.INFO):
        out = io.StringIO()
        call_command("purge_personal_data", stdout=out)
    sent_31.refresh_from_db()
    assert sent_31.body == f"[removed {original_length} chars]"
    assert Letter.objects.get(pk=sent_29.pk).body == sent_29.body
    assert not Letter.objects.filter(pk=unconfirmed_8.pk).exists()
    assert not Consent.objects.filter(email="c@x.org").exists()
    assert Letter.objects.filter(pk=unconfirmed_6.pk).exists()
    old.refresh_from_db()
    assert (old.first_name, old.last_name, old.email, old.street_address) == ("", "", "", "")
    assert old.personal_data_removed_at is not None
    old_subscribed.refresh_from_db()
    assert old_subscribed.email == "fan@x.org"
    assert "bodies_removed=" in out.getvalue()
    for marker in MARKERS:
        assert marker not in caplog.text

    again = io.StringIO()
    call_command("purge_personal_data", stdout=again)
    assert again.getvalue().split() == [
        "bodies_removed=0",
        "unconfirmed_deleted=0",
        "webhook_payloads_deleted=0",
        "identities_removed=0",
        "reply_texts_removed=0",
        "reply_follow_ups_unlinked=0",
        "consent_emails_removed=0",
        "admin_access_records_deleted=0",
    ]
    sent_31.refresh_from_db()
    assert sent_31.body == f"[removed {original_length} chars]"


# --- access export (TRUST 18) ------------------------------------------------------------------


def test_export_has_every_record_with_labels_in_both_languages(letter_campaign, mp, steward):
    letter = marked_letter(letter_campaign, mp)
    consent_for(letter)
    consent_for(letter, kind=Consent.Kind.SEND_LETTER)
    LetterEvent.objects.create(letter=letter, from_status="", to_status="pending_confirmation")
    audit(steward, AuditEntry.Action.EXPORT, subject=letter.sender_hash)
    other = LetterFactory(
        campaign=letter_campaign, mp=mp, email="someone-else@example.org", body="other"
    )

    started = time.monotonic()
    data = export.export_supporter("ZZ-Marker@Example.org", steward)
    assert time.monotonic() - started < 10
    sections = data["sections"]
    assert [row["public_id"] for row in sections["letters"]["rows"]] == [str(letter.public_id)]
    assert str(other.public_id) not in json.dumps(data)
    assert len(sections["consents"]["rows"]) == 2
    assert len(sections["events"]["rows"]) == 1
    assert len(sections["audit"]["rows"]) == 2  # the earlier one and this export
    labels = sections["letters"]["labels"]["email"]
    assert labels["en"] != labels["ru"] and labels["ru"]
    assert AuditEntry.objects.filter(action="export", actor=steward).count() == 2

    table = list(csv.reader(io.StringIO(export.export_as_csv(data))))
    assert table[0] == ["section", "row", "field", "label (en)", "label (ru)", "value"]
    assert any(row[2] == "body" and MARKERS[4] in row[5] for row in table)
    assert json.loads(export.export_as_json(data))["sections"]["letters"]["rows"]


# --- erasure (TRUST 19) ------------------------------------------------------------------------


def all_text_columns():
    """(table, column) of every text column in the database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb')"
        )
        return cursor.fetchall()


def tables_containing(value):
    found = []
    with connection.cursor() as cursor:
        for table, column in all_text_columns():
            cursor.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',  # noqa: S608
                [f"%{value}%"],
            )
            if cursor.fetchone():
                found.append(f"{table}.{column}")
    return found


def test_erasure_leaves_only_a_hash(letter_campaign, mp, steward):
    from django_tasks_db.models import DBTaskResult

    letter = marked_letter(letter_campaign, mp, status=Letter.Status.SENT, sent_at=timezone.now())
    queued = marked_letter(letter_campaign, mp, status=Letter.Status.QUEUED)
    consent_for(letter)
    # A finished task whose error message named the address.
    from letters import pipeline

    result = pipeline.send_confirmation_email.enqueue(letter.pk)
    DBTaskResult.objects.filter(id=result.id).update(
        status="FAILED", exception_class_path="x", traceback=f"refused {MARKERS[0]}"
    )
    for marker in MARKERS:
        assert tables_containing(marker), marker

    erasure.erase_supporter("zz-marker@EXAMPLE.org", steward)

    for marker in MARKERS:
        assert tables_containing(marker) == [], marker
    letter.refresh_from_db()
    queued.refresh_from_db()
    assert letter.body.startswith("[removed ") and letter.personal_data_removed_at
    assert queued.status == Letter.Status.FAILED
    assert Suppression.objects.filter(sender_hash=letter.sender_hash).exists()
    entry = AuditEntry.objects.get(action="erase")
    assert entry.actor == steward and "@" not in entry.filter
    assert erasure.is_suppressed("zz-marker@example.org")
    # Campaign emails never go to an erased supporter again.
    assert campaign_mail.send_campaign_update({"en": ("News", "Hello")}) == 0


# --- campaign emails and unsubscribe (TRUST 14, 11) --------------------------------------------


@pytest.fixture
def subscriber(letter_campaign, mp):
    letter = LetterFactory(
        campaign=letter_campaign, mp=mp, email="fan@example.org", status=Letter.Status.SENT
    )
    return consent_for(letter, language="ru")


def test_every_campaign_email_has_one_click_unsubscribe(subscriber, settings):
    settings.CAMPAIGN_POSTAL_ADDRESS = "123 Example St, Toronto ON"
    sent = campaign_mail.send_campaign_update(
        {"en": ("News", "The bill passed."), "ru": ("Новости", "Закон принят.")}
    )
    assert sent == 1
    message = mail.outbox[0]
    assert message.to == ["fan@example.org"] and message.subject == "Новости"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body and "Let Us Belong" in message.body
    assert "Отписаться можно в любой момент" in message.body  # the footer in their language
    assert settings.CAMPAIGN_CONTACT_EMAIL in message.body and "123 Example St" in message.body
    assert "fan" not in url and "@" not in url.split("//", 1)[1]
    assert "campaign" in message.tags


def test_one_click_post_withdraws_at_once_and_works_60_days_later(client, subscriber, settings):
    token = campaign_mail.unsubscribe_token(subscriber)
    path = f"/ru/unsubscribe/{token}/"
    page = client.get(path)
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert "Отписаться" in page.content.decode()
    assert Consent.objects.get(pk=subscriber.pk).withdrawn_at is None

    later = time.time() + 61 * 86400
    import unittest.mock

    with unittest.mock.patch("time.time", return_value=later):
        response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Consent.objects.get(pk=subscriber.pk).withdrawn_at is not None
    assert client.post(path).status_code == 200  # idempotent
    assert campaign_mail.send_campaign_update({"en": ("News", "Hello")}) == 0


def test_a_tampered_unsubscribe_token_is_refused(client, subscriber):
    token = campaign_mail.unsubscribe_token(subscriber)
    response = client.post(f"/en/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 400
    assert Consent.objects.get(pk=subscriber.pk).withdrawn_at is None
