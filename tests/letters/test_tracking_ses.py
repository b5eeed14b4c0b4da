"""TRUST 35-36 with Amazon SES: Amazon's documented notifications, delivered by a local stand-in
for SNS (signed with its own certificate), through the real URL and middleware."""

import json

import pytest

from directory.models import MemberOfParliament
from letters import tracking
from letters.models import Letter, LetterEvent
from tests.support.esp import (
    SES_BOUNCE,
    SES_COMPLAINT,
    SES_DELIVERY,
    SNS_SUBSCRIPTION_CONFIRMATION,
    ses_notification,
)

S = Letter.Status
pytestmark = pytest.mark.django_db


def status(letter):
    return Letter.objects.get(pk=letter.pk).status


def reports(letter):
    return LetterEvent.objects.filter(letter=letter).exclude(tracking="")


def test_a_signed_permanent_bounce_replayed_three_times_bounces_the_letter_once(
    ses_site, esp_letter, sns_server
):
    letter = esp_letter()
    notification = ses_notification(SES_BOUNCE, letter)
    for _ in range(3):
        assert ses_site.post(notification).status_code == 200

    assert status(letter) == S.BOUNCED
    [event] = reports(letter)
    assert event.note == "hard_bounce 5.1.1" and event.mail == "letter"
    assert tracking.send_bounce_notice.call(letter.pk) == "sent"
    # The certificate was fetched once, from the stand-in, and then cached.
    assert sns_server.requests == ["/SimpleNotificationService-test.pem"]


@pytest.mark.parametrize(
    ("bounce_type", "sub_type", "code"),
    [("Transient", "MailboxFull", "5.2.2"), ("Transient", "General", "4.4.7")],
)
def test_a_transient_or_mailbox_full_bounce_is_retried(
    ses_site, esp_letter, bounce_type, sub_type, code
):
    letter = esp_letter()
    notification = ses_notification(
        SES_BOUNCE, letter, bounceType=bounce_type, bounceSubType=sub_type, status=code
    )
    assert ses_site.post(notification).status_code == 200
    assert status(letter) == S.QUEUED
    assert not LetterEvent.objects.filter(to_status=S.BOUNCED).exists()


def test_delivery_sets_delivered(ses_site, esp_letter):
    letter = esp_letter()
    assert ses_site.post(ses_notification(SES_DELIVERY, letter)).status_code == 200
    assert status(letter) == S.DELIVERED


def test_a_letter_matched_by_its_message_id_header(ses_site, esp_letter):
    letter = esp_letter()
    notification = ses_notification(SES_BOUNCE, letter)
    Letter.objects.filter(pk=letter.pk).update(esp_message_id="")  # e.g. sent before tracking
    event = json.loads(notification["Message"])
    event["mail"]["commonHeaders"]["messageId"] = letter.message_id
    notification["Message"] = json.dumps(event)
    assert ses_site.post(notification).status_code == 200
    assert status(letter) == S.BOUNCED


def test_a_complaint_pauses_letters_to_the_mp(ses_site, esp_letter):
    letter = esp_letter()
    assert ses_site.post(ses_notification(SES_COMPLAINT, letter)).status_code == 200
    assert MemberOfParliament.objects.get(pk=letter.mp_id).letters_paused
    assert reports(letter).get().tracking == "complaint"


def test_a_bad_signature_gets_400_and_changes_nothing(ses_site, esp_letter, sns_server):
    letter = esp_letter()
    signed = sns_server.sign(ses_notification(SES_BOUNCE, letter))
    tampered = dict(signed, Message=signed["Message"].replace("Permanent", "Transient"))
    assert ses_site.post(tampered, sign=False).status_code == 400
    unsigned = ses_notification(SES_BOUNCE, letter)  # as in anymail's example: no signature
    assert ses_site.post(unsigned, sign=False).status_code == 400
    assert status(letter) == S.SENT and not reports(letter).exists()


def test_a_certificate_from_anywhere_but_sns_is_refused(ses_site, esp_letter, sns_server):
    letter = esp_letter()
    signed = sns_server.sign(ses_notification(SES_BOUNCE, letter))
    signed["SigningCertURL"] = "https://attacker.example/SimpleNotificationService-x.pem"
    assert ses_site.post(signed, sign=False).status_code == 400
    assert status(letter) == S.SENT


def test_without_credentials_sns_is_challenged_and_a_wrong_secret_gets_400(ses_site, esp_letter):
    letter = esp_letter()
    challenge = ses_site.post(ses_notification(SES_BOUNCE, letter), auth=None)
    # SNS sends basic auth only after a 401 with a Basic challenge (anymail's behaviour).
    assert challenge.status_code == 401
    assert challenge["WWW-Authenticate"].startswith("Basic realm=")
    wrong = ses_site.post(ses_notification(SES_BOUNCE, letter), auth="letusbelong:guess")
    assert wrong.status_code == 400
    assert status(letter) == S.SENT and not reports(letter).exists()


def test_a_subscription_is_confirmed_at_the_sns_address_without_the_internet(ses_site, sns_server):
    confirmation = dict(
        SNS_SUBSCRIPTION_CONFIRMATION, SubscribeURL=sns_server.url("/?Action=Confirm&Token=T")
    )
    assert ses_site.post(confirmation).status_code == 200
    assert "/?Action=Confirm&Token=T" in sns_server.requests


def test_a_subscription_link_outside_sns_is_never_loaded(ses_site, sns_server):
    confirmation = dict(
        SNS_SUBSCRIPTION_CONFIRMATION, SubscribeURL="https://attacker.example/?Action=Confirm"
    )
    assert ses_site.post(confirmation).status_code == 400
    assert sns_server.requests == ["/SimpleNotificationService-test.pem"]


@pytest.mark.parametrize("body", ["{}", "not json", '{"Type": "Notification"}'])
def test_malformed_sns_messages_get_400(ses_site, body):
    response = ses_site.post(
        {"Type": "Notification", "MessageId": "1", "Message": body}, sign=False
    )
    assert response.status_code == 400
