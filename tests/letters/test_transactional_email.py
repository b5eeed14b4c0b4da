"""TRUST 15: confirmation, copy and failure emails stay transactional (no fundraising, shop or
ticket links; no unsubscribe machinery), reach supporters who did not opt in, and link the
privacy policy."""

import re

import pytest
from django.conf import settings

from letters import mail

pytestmark = pytest.mark.django_db
DENYLIST = re.compile(
    r"donat|shop|store|ticket|merch|fundrais|gofundme|patreon|paypal|buy |"
    r"пожертв|магазин|билет|купить",
    re.IGNORECASE,
)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_transactional_emails_carry_no_marketing(make_letter, language):
    letter = make_letter(language=language, wants_updates=False)
    messages = [
        mail.confirmation_email(
            letter, f"{settings.LETTERS_SITE_URL}/{language}/letters/confirm/x/"
        ),
        mail.copy_email(letter),
        mail.failure_email(letter),
    ]
    site = settings.LETTERS_SITE_URL.rstrip("/")
    for message in messages:
        assert message.to == [letter.email]  # sent whether or not they opted in
        text = f"{message.subject}\n{message.body}"
        assert not DENYLIST.search(text), DENYLIST.search(text)
        assert "List-Unsubscribe" not in message.extra_headers
        links = re.findall(r"https?://\S+", message.body)
        assert all(link.startswith(site) for link in links), links
        assert f"/{language}/privacy/" in message.body


# --- issue 12, hole 3: the confirmation carries nothing the form's author typed ---------------

SPAM_NAME = "WINNER! Claim your prize at https://evil.example/claim"
SPAM_BODY = "Your account is locked: log in at https://evil.example/login now."


@pytest.mark.parametrize(
    ("language", "greeting", "review"),
    [("en", "Hello,", "read the letter on our site"), ("ru", "Здравствуйте!", "прочитать письмо")],
)
def test_the_confirmation_carries_no_free_text_from_the_form(
    make_letter, language, greeting, review
):
    letter = make_letter(
        language=language,
        first_name=SPAM_NAME,
        last_name="https://evil.example/x",
        subject="Prize: https://evil.example/subject",
        body=SPAM_BODY,
        city="https://evil.example/city",
        street_address="1 https://evil.example/street",
    )
    url = f"{settings.LETTERS_SITE_URL}/{language}/letters/confirm/token/"
    message = mail.confirmation_email(letter, url)
    text = f"{message.subject}\n{message.body}"
    assert "evil.example" not in text and "WINNER" not in text and "locked" not in text
    assert message.body.startswith(greeting)
    assert review in message.body and url in message.body
    assert letter.mp.name in message.body and letter.mp.name in message.subject
