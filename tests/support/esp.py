"""Real email-service webhooks for tests, posted through the site's URL and middleware.

The payloads are the documented examples django-anymail's own tests use
(tests/test_postmark_webhooks.py, tests/test_amazon_ses_webhooks.py; Amazon's are from
docs.aws.amazon.com/ses/latest/DeveloperGuide/notification-examples.html), verbatim except for
what ties them to our letter: the service's message id, the recipient, the metadata our emails
carry, and for the soft bounces the Type/bounceType and status code named in the test.

Fixtures:
- `postmark_site`: ANYMAIL_ESP=postmark with a webhook secret; `.post(payload, auth=…)`.
- `ses_site`: ANYMAIL_ESP=amazon_ses with a secret and the local `sns_server`;
  `.post(sns_message, auth=…, sign=True)` signs it as SNS would.
- `esp_letter`: a letter confirmed and sent through django-anymail's test backend (so it has a
  real `esp_message_id`; the test backend numbers messages by their place in
  `django.core.mail.outbox`, so never clear it), its copy task run: `esp_letter()` makes one,
  `esp_letter(mp=…)` one to another MP.
"""

import base64
import copy
import json

import pytest
from django.test import Client

from letters import pipeline

SECRET = "letusbelong:webhook-secret-for-tests"

POSTMARK_BOUNCE = {
    "RecordType": "Bounce",
    "ID": 901542550,
    "Type": "HardBounce",
    "TypeCode": 1,
    "ServerID": 23,
    "Name": "Hard bounce",
    "MessageID": "2706ee8a-737c-4285-b032-ccd317af53ed",
    "Description": "The server was unable to deliver your message"
    " (ex: unknown user, mailbox not found).",
    "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    "Email": "bounce@example.com",
    "From": "sender@example.com",
    "BouncedAt": "2016-04-27T16:28:50.3963933-04:00",
    "DumpAvailable": True,
    "Inactive": True,
    "CanActivate": True,
    "Subject": "Postmark event test",
    "Content": "...",
}
POSTMARK_DELIVERY = {
    "RecordType": "Delivery",
    "ServerId": 23,
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "Recipient": "recipient@example.com",
    "Tag": "welcome-email",
    "Metadata": {"cohort": "2014-08-A", "userid": "12345"},
    "DeliveredAt": "2014-08-01T13:28:10.2735393-04:00",
    "Details": "Test delivery webhook details",
}
POSTMARK_SPAM_COMPLAINT = {
    "RecordType": "SpamComplaint",
    "ID": 901542550,
    "Type": "SpamComplaint",
    "TypeCode": 512,
    "Name": "Spam complaint",
    "Tag": "Test",
    "MessageID": "2706ee8a-737c-4285-b032-ccd317af53ed",
    "ServerID": 1234,
    "Description": "",
    "Details": "Test spam complaint details",
    "Email": "spam@example.com",
    "From": "sender@example.com",
    "BouncedAt": "2016-04-27T16:28:50.3963933-04:00",
    "DumpAvailable": True,
    "Inactive": True,
    "CanActivate": False,
    "Subject": "Postmark event test",
}

SES_BOUNCE = {
    "notificationType": "Bounce",
    "bounce": {
        "bounceType": "Permanent",
        "reportingMTA": "dns; email.example.com",
        "bouncedRecipients": [
            {
                "emailAddress": "jane@example.com",
                "status": "5.1.1",
                "action": "failed",
                "diagnosticCode": "smtp; 550 5.1.1 <jane@example.com>... User unknown",
            }
        ],
        "bounceSubType": "General",
        "timestamp": "2016-01-27T14:59:44.101Z",
        "feedbackId": "00000138111222aa-44455566-cccc-cccc-cccc-ddddaaaa068a-000000",
        "remoteMtaIp": "127.0.2.0",
    },
    "mail": {
        "timestamp": "2016-01-27T14:59:38.237Z",
        "source": "john@example.com",
        "sourceArn": "arn:aws:ses:us-west-2:888888888888:identity/example.com",
        "sourceIp": "127.0.3.0",
        "sendingAccountId": "123456789012",
        "messageId": "00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000",
        "destination": ["jane@example.com"],
        "headersTruncated": False,
        "headers": [
            {"name": "From", "value": '"John Doe" <john@example.com>'},
            {"name": "To", "value": '"Jane Doe" <jane@example.com>'},
            {"name": "Message-ID", "value": "custom-message-ID"},
            {"name": "Subject", "value": "Hello"},
            {"name": "X-Metadata", "value": '{"meta1":"string","meta2":2}'},
        ],
        "commonHeaders": {
            "from": ["John Doe <john@example.com>"],
            "date": "Wed, 27 Jan 2016 14:05:45 +0000",
            "to": ["Jane Doe <jane@example.com>"],
            "messageId": "custom-message-ID",
            "subject": "Hello",
        },
    },
}
SES_COMPLAINT = {
    "notificationType": "Complaint",
    "complaint": {
        "userAgent": "AnyCompany Feedback Loop (V0.01)",
        "complainedRecipients": [{"emailAddress": "richard@example.com"}],
        "complaintFeedbackType": "abuse",
    },
    "mail": {
        "messageId": "000001378603177f-7a5433e7-8edb-42ae-af10-f0181f34d6ee-000000",
        "destination": ["richard@example.com"],
    },
}
SES_DELIVERY = {
    "notificationType": "Delivery",
    "mail": {
        "timestamp": "2016-01-27T14:59:38.237Z",
        "messageId": "0000014644fe5ef6-9a483358-9170-4cb4-a269-f5dcdf415321-000000",
        "destination": ["jane@example.com"],
    },
    "delivery": {
        "timestamp": "2016-01-27T14:59:38.237Z",
        "recipients": ["jane@example.com"],
        "processingTimeMillis": 546,
        "reportingMTA": "a8-70.smtp-out.amazonses.com",
        "smtpResponse": "250 ok:  Message 64111812 accepted",
        "remoteMtaIp": "127.0.2.0",
    },
}
SNS_NOTIFICATION = {
    "Type": "Notification",
    "MessageId": "19ba9823-d7f2-53c1-860e-cb10e0d13dfc",
    "TopicArn": "arn:aws:sns:us-east-1:1234567890:SES_Events",
    "Subject": "Amazon SES Email Event Notification",
    "Timestamp": "2018-03-26T17:58:59.675Z",
    "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn",
}
SNS_SUBSCRIPTION_CONFIRMATION = {
    "Type": "SubscriptionConfirmation",
    "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
    "Token": "EXAMPLE_TOKEN",
    "TopicArn": "arn:aws:sns:us-west-2:123456789012:SES_Notifications",
    "Message": "You have chosen to subscribe ...\n"
    "To confirm..., visit the SubscribeURL included in this message.",
    "Timestamp": "2012-04-26T20:45:04.751Z",
}


def metadata(letter, mail_kind):
    return {"letter": letter.public_id.hex, "mail": mail_kind}


def postmark_event(example, letter, *, recipient=None, mail_kind="letter", **changes):
    """A Postmark example about `letter`'s email (`mail_kind`), as Postmark would post it."""
    event = copy.deepcopy(example)
    event["MessageID"] = letter.esp_message_id or event["MessageID"]
    event["Metadata"] = metadata(letter, mail_kind)
    address_key = "Recipient" if "Recipient" in event else "Email"
    event[address_key] = recipient or letter.mp.delivery_email
    event.update(changes)
    return event


def ses_notification(example, letter, *, recipient=None, sns_id=None, status=None, **bounce):
    """An SNS Notification carrying an SES example about the letter to the MP."""
    event = copy.deepcopy(example)
    recipient = recipient or letter.mp.delivery_email
    event["mail"]["messageId"] = letter.esp_message_id
    event["mail"]["destination"] = [recipient]
    if "bounce" in event:
        event["bounce"].update(bounce)
        [bounced] = event["bounce"]["bouncedRecipients"]
        bounced["emailAddress"] = recipient
        if status:
            bounced["status"] = status
            bounced["diagnosticCode"] = f"smtp; 552 {status} mailbox full"
    if "complaint" in event:
        event["complaint"]["complainedRecipients"] = [{"emailAddress": recipient}]
    if "delivery" in event:
        event["delivery"]["recipients"] = [recipient]
    message = dict(SNS_NOTIFICATION, Message=json.dumps(event) + "\n")
    if sns_id:
        message["MessageId"] = sns_id
    return message


def basic_auth(secret):
    return "Basic " + base64.b64encode(secret.encode()).decode()


class EspSite:
    """Posts webhooks to the site as the service does."""

    def __init__(self, esp, sns_server=None):
        self.esp = esp
        self.path = f"/anymail/{esp}/tracking/"
        self.sns_server = sns_server

    def post(self, payload, *, auth=SECRET, sign=True, client=None):
        headers = {"Authorization": basic_auth(auth)} if auth else {}
        client = client or Client()
        if self.esp == "amazon_ses":
            if sign and self.sns_server:
                payload = self.sns_server.sign(payload)
            headers |= {
                "x-amz-sns-message-id": payload.get("MessageId", ""),
                "x-amz-sns-message-type": payload.get("Type", ""),
            }
            body = json.dumps(payload)
            return client.post(
                self.path, body, content_type="text/plain; charset=UTF-8", headers=headers
            )
        body = payload if isinstance(payload, str) else json.dumps(payload)
        return client.post(self.path, body, content_type="application/json", headers=headers)


@pytest.fixture
def postmark_site(settings):
    settings.ANYMAIL_ESP = "postmark"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    return EspSite("postmark")


@pytest.fixture
def ses_site(settings, sns_server):
    settings.ANYMAIL_ESP = "amazon_ses"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    return EspSite("amazon_ses", sns_server)


@pytest.fixture
def esp_letter(settings, make_letter):
    settings.MAILERS = {"default": {"BACKEND": "anymail.backends.test.EmailBackend"}}

    def make(mp=None, **fields):
        letter = make_letter(confirm=True, **({"mp": mp} if mp else {}), **fields)
        assert pipeline.send_letter.call(letter.pk) == "sent"
        assert pipeline.send_supporter_copy.call(letter.pk) == "sent"
        letter.refresh_from_db()
        assert letter.esp_message_id != ""
        return letter

    return make
