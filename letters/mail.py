"""The emails of the letter pipeline, built but not sent: the letter to the MP and the
supporter's confirmation, copy, failure and bounce notices.

Each carries ESP metadata (`tracking_metadata`: the letter's random public id and which email it
is, nothing personal), which django-anymail passes to the email service and the service returns
in its webhooks, so letters/tracking.py knows what a report is about. SMTP ignores it.

Everything is plain text. Templates in `letters/templates/letters/email/` render with autoescape
off, so whatever a supporter typed (HTML included) reaches the reader literally and is never
interpreted. Header values pass through `one_line()` first: a CR or LF can never start a new
header, whatever the form let through.
"""

import re
from email.headerregistry import Address
from email.utils import formataddr, make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

# Content-Language of the letter an MP receives: written to Canadian conventions either way.
CONTENT_LANGUAGES = {"en": "en-CA", "fr": "fr-CA"}
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Runs of ordinary whitespace only: a French subject keeps its no-break spaces (U+00A0, U+202F).
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def one_line(value):
    """`value` without line breaks or other control characters, safe in an email header."""
    return _SPACES.sub(" ", _CONTROL_CHARACTERS.sub(" ", str(value))).strip()


def site_url(path):
    """An absolute URL on the public site (emails are sent by the worker, without a request)."""
    return settings.LETTERS_SITE_URL.rstrip("/") + path


def domain_of(address):
    return address.rpartition("@")[2].strip(" >")


class LetterMessage(EmailMessage):
    """An EmailMessage whose address headers are set as `Address` objects.

    Django sets From/To/Reply-To from strings, and Python 3.13.0's header folding loses the
    quotes of a display name that has both specials and non-ASCII characters (`Ann "Q",
    Иван`), turning one address into two. Setting `Address` objects encodes them correctly.
    The envelope still uses the plain `formataddr` strings."""

    def __init__(self, *, sender, recipient, reply_to, **kwargs):
        self.address_headers = {"From": [sender], "To": [recipient], "Reply-To": [reply_to]}
        super().__init__(
            from_email=formataddr(sender),
            to=[formataddr(recipient)],
            reply_to=[formataddr(reply_to)],
            **kwargs,
        )

    def message(self, **kwargs):
        msg = super().message(**kwargs)
        for header, pairs in self.address_headers.items():
            del msg[header]
            msg[header] = [Address(display_name=name, addr_spec=addr) for name, addr in pairs]
        return msg


def tracking_metadata(letter, mail_kind):
    """What the email service hands back with every event about this email."""
    return {"letter": letter.public_id.hex, "mail": mail_kind}


def esp_message_id(message):
    """The email service's id for a sent message (django-anymail's `anymail_status`), which
    its webhooks quote; empty with SMTP."""
    status = getattr(message, "anymail_status", None)
    message_id = getattr(status, "message_id", None)
    if isinstance(message_id, set):  # one id per recipient; a letter has one recipient
        message_id = next(iter(message_id), None) if len(message_id) == 1 else None
    return "" if message_id is None else str(message_id)[:200]


def letter_to_mp(letter):
    """The letter itself: From "<name> via <CAMPAIGN_ORGANISATION>", Reply-To the supporter,
    To the MP only, with the letter's own stable Message-ID so that a re-send is recognisable.

    Everything the MP reads is in the letter's language: the subject and body as written, the
    footer of `letter_to_mp.<en|fr>.txt`, and `Content-Language: en-CA` or `fr-CA`."""
    language = "fr" if letter.letter_language == "fr" else "en"
    name = one_line(letter.supporter_name)
    body = render_to_string(
        f"letters/email/letter_to_mp.{language}.txt",
        {
            "letter": letter,
            "site_url": site_url("/"),
            "organisation": settings.CAMPAIGN_ORGANISATION,
        },
    )
    message = LetterMessage(
        subject=one_line(letter.subject),
        body=body,
        sender=(f"{name} via {settings.CAMPAIGN_ORGANISATION}", settings.LETTERS_FROM_EMAIL),
        recipient=(one_line(letter.mp.name), letter.mp.delivery_email),
        reply_to=(name, letter.email),
        headers={"Message-ID": letter.message_id, "Content-Language": CONTENT_LANGUAGES[language]},
    )
    message.metadata = tracking_metadata(letter, "letter")
    return message


def _supporter_email(letter, template, subject, *, mail_kind=None, **context):
    """A transactional email to the supporter, in their language, with the privacy footer."""
    with translation.override(letter.language):
        context |= {
            "letter": letter,
            "mp_name": one_line(letter.mp.name),
            "privacy_url": site_url(f"/{letter.language}/privacy/"),
            "contact_email": settings.CAMPAIGN_CONTACT_EMAIL,
            "site_name": settings.CAMPAIGN_ORGANISATION,
        }
        body = render_to_string(f"letters/email/{template}.txt", context)
        subject = one_line(subject % {"mp_name": context["mp_name"]})
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[letter.email],
        headers={
            "Auto-Submitted": "auto-generated",
            "Message-ID": make_msgid(domain=domain_of(settings.DEFAULT_FROM_EMAIL)),
            "Content-Language": letter.language,
        },
    )
    message.metadata = tracking_metadata(letter, mail_kind or template)
    return message


def confirmation_email(letter, confirm_url):
    with translation.override(letter.language):
        subject = _("Please confirm your letter to %(mp_name)s")
    return _supporter_email(letter, "confirmation", subject, confirm_url=confirm_url)


def copy_email(letter):
    with translation.override(letter.language):
        subject = _("Your letter to %(mp_name)s has been sent")
    return _supporter_email(letter, "copy", subject)


def failure_email(letter):
    with translation.override(letter.language):
        subject = _("We could not deliver your letter to %(mp_name)s")
    return _supporter_email(letter, "failure", subject)


def bounce_email(letter, print_url):
    """The MP's mail server refused the letter for good: say so, and offer the print letter."""
    with translation.override(letter.language):
        subject = _("Your letter to %(mp_name)s did not reach their mailbox")
    return _supporter_email(
        letter, "bounced", subject, mail_kind="bounce_notice", print_url=print_url
    )


def declined_email(letter, reason):
    """The owner confirmed a letter that is not sent: a repeat to the same MP within a day
    (`letters.repeats.REPEAT`), or past the day's limit per address (`LIMIT`)."""
    with translation.override(letter.language):
        subject = _("Your letter to %(mp_name)s was not sent")
    return _supporter_email(
        letter,
        "declined",
        subject,
        mail_kind="declined_notice",
        repeat=reason == "repeat",
        limit=settings.LETTER_RATE_LIMIT_PER_EMAIL,
    )
