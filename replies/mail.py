"""The follow-up email: "did your MP reply?", in the supporter's language, plain text, with a
one-click link per answer and the unsubscribe headers of every optional email."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from letters.mail import domain_of, one_line, site_url
from privacy.campaign_mail import unsubscribe_url

from .models.follow_up import Answer


def answer_url(language, token, answer=None):
    with translation.override(language):
        path = reverse("replies:link", kwargs={"token": token})
    return site_url(path) + (f"?answer={answer}" if answer else "")


def follow_up_email(follow_up, consent, token, round_number):
    """The question for one letter (`round_number` 2 is the one after "no reply yet")."""
    letter = follow_up.letter
    language = follow_up.language or settings.LANGUAGE_CODE
    unsubscribe = unsubscribe_url(consent)
    with translation.override(language):
        context = {
            "mp_name": one_line(follow_up.mp.name),
            "sent_on": letter.sent_at,
            "again": round_number == 2,
            "answers": [
                (str(label), answer_url(language, token, value)) for value, label in Answer.choices
            ],
            "answer_page": answer_url(language, token),
            "unsubscribe_url": unsubscribe,
            "privacy_url": site_url(f"/{language}/privacy/"),
            "contact_email": settings.CAMPAIGN_CONTACT_EMAIL,
            "organisation": settings.CAMPAIGN_ORGANISATION,
            "site_name": settings.CAMPAIGN_ORGANISATION,
        }
        body = render_to_string("replies/email/follow_up.txt", context)
        subject = (
            _("Still no reply from %(mp_name)s?")
            if round_number == 2
            else _("Did %(mp_name)s reply to your letter?")
        ) % {"mp_name": context["mp_name"]}
    message = EmailMessage(
        subject=one_line(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[letter.email],
        headers={
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": f"<reply-{follow_up.public_id}-{round_number}"
            f"@{domain_of(settings.DEFAULT_FROM_EMAIL)}>",
        },
    )
    message.tags = ["reply-follow-up"]  # the ESP's tag (django-anymail); ignored elsewhere
    return message
