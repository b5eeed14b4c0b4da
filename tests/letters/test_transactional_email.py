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
