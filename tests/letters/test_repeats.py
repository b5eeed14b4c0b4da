"""Issue 12, holes 4, 6 and 9: the letter form tells nobody what an address did before, letters
nobody confirmed do not block the address's owner, and repeats and the per-address limit are
decided at confirmation, with an email to the owner only (letters/repeats.py). Through the real
form, the confirmation link and the pipeline's tasks."""

import time

import pytest

from directory.models import MemberOfParliament
from letters import pipeline, repeats
from letters.models import Letter
from tests.factories import compose_data
from tests.support.letters import FED_CODE, letter_tasks, link, write_url

pytestmark = pytest.mark.django_db
OWNER = "anna@example.org"
# Ridings of Ontario with a sitting MP in the real directory, other than Ajax (FED_CODE).
OTHER_RIDINGS = {"35075": "K1P 1J1", "35110": "M5V 3L9", "35012": "L6V 1A1"}


@pytest.fixture
def many_ips(settings):
    """Each POST from another address, so only the per-address rules apply."""
    counter = iter(range(1, 250))
    return lambda: f"203.0.113.{next(counter)}"


def post_letter(client, ip, email, fed_code=FED_CODE, language="en", postal_code=None):
    data = compose_data(email=email)
    if postal_code:
        data["postal_code"] = postal_code
    return client.post(write_url(language, fed_code), data, REMOTE_ADDR=ip)


def confirm(client, letter, language="en"):
    token = pipeline.confirmation_token(letter)
    page = link(client, f"/{language}/letters/confirm/{token}/")  # the token into its cookie
    response = client.post(page)
    assert response.status_code == 303
    letter.refresh_from_db()
    return client.get(response["Location"])


def newest():
    return Letter.objects.order_by("-pk").first()


def the_answer(response):
    return response.status_code, response.get("Location"), response.content


def test_a_repeat_is_answered_exactly_like_a_fresh_letter(client, letter_site, many_ips):
    """Hole 4: the attacker learns nothing; the owner hears about it by email, and only them."""
    assert post_letter(client, many_ips(), OWNER).status_code == 303
    confirm(client, newest())
    assert newest().status == Letter.Status.QUEUED

    fresh = post_letter(client, many_ips(), "never-wrote@example.org")
    repeat = post_letter(client, many_ips(), "Anna+probe@EXAMPLE.org")  # hole 9: same sender
    assert the_answer(repeat) == the_answer(fresh)
    probe = newest()
    assert probe.status == Letter.Status.PENDING_CONFIRMATION
    assert letter_tasks(pipeline.send_confirmation_email, probe).count() == 1  # like any letter


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "so this second letter was not sent"), ("ru", "поэтому второе письмо не отправлено")],
)
def test_a_confirmed_repeat_is_not_sent_and_its_owner_is_told_by_email(
    client, letter_site, many_ips, mailoutbox, language, words
):
    post_letter(client, many_ips(), OWNER, language=language)
    confirm(client, newest(), language)
    post_letter(client, many_ips(), "anna+2@example.org", language=language)
    second = newest()
    page = confirm(client, second, language)
    assert second.status == Letter.Status.DECLINED
    assert not letter_tasks(pipeline.send_letter, second).exists()
    assert page.status_code == 200
    assert repeats.send_declined_notice.call(second.pk) == "sent"
    [notice] = mailoutbox
    assert notice.to == ["anna+2@example.org"]
    assert words in notice.body and "Jennifer McKelvie" in notice.subject


def test_unconfirmed_letters_do_not_block_the_owner(client, letter_site, many_ips, settings):
    """Hole 6: three letters nobody confirmed, one to the same MP, leave the owner free."""
    post_letter(client, many_ips(), OWNER)
    for fed_code, postal_code in list(OTHER_RIDINGS.items())[:2]:
        post_letter(
            client, many_ips(), f"anna+{fed_code}@example.org", fed_code, postal_code=postal_code
        )
    assert Letter.objects.filter(status=Letter.Status.PENDING_CONFIRMATION).count() == 3
    response = post_letter(client, many_ips(), OWNER)
    assert response.status_code == 303
    confirm(client, newest())
    assert newest().status == Letter.Status.QUEUED
    assert letter_tasks(pipeline.send_letter, newest()).count() == 1


def test_past_the_daily_limit_a_confirmed_letter_is_not_sent(
    client, letter_site, many_ips, mailoutbox, settings
):
    settings.LETTER_RATE_LIMIT_PER_EMAIL = 2
    for fed_code, postal_code in list(OTHER_RIDINGS.items())[:2]:
        post_letter(client, many_ips(), OWNER, fed_code, postal_code=postal_code)
        confirm(client, newest())
        assert newest().status == Letter.Status.QUEUED
    post_letter(client, many_ips(), OWNER)
    third = newest()
    confirm(client, third)
    assert third.status == Letter.Status.DECLINED
    assert repeats.send_declined_notice.call(third.pk) == "sent"
    assert "You confirmed 2 letters" in mailoutbox[-1].body


def test_too_many_unconfirmed_letters_get_no_more_emails_and_the_same_answer(
    client, letter_site, many_ips, settings
):
    settings.LETTER_UNCONFIRMED_PER_EMAIL = 2
    answers = [the_answer(post_letter(client, many_ips(), OWNER)) for _ in range(4)]
    assert len(set(answers)) == 1 and answers[0][0] == 303
    assert Letter.objects.count() == 2
    assert letter_tasks(pipeline.send_confirmation_email).count() == 2


def test_the_429_says_how_long_the_wait_really_is(client, letter_site, settings):
    settings.LETTER_RATE_LIMIT_PER_IP = 1
    settings.LETTER_RATE_LIMIT_IP_WINDOW_SECONDS = 86_400
    post_letter(client, "198.51.100.9", "first@example.org")
    response = post_letter(client, "198.51.100.9", "second@example.org")
    assert response.status_code == 429
    expected = 86_400 - time.time() % 86_400  # the day's window ends at midnight UTC
    assert abs(int(response["Retry-After"]) - expected) <= 3


def test_the_ridings_used_here_have_sitting_mps(letter_site):
    for fed_code in OTHER_RIDINGS:
        assert MemberOfParliament.objects.filter(riding_id=fed_code, active=True).exists()


def test_a_declined_letters_body_is_purged_after_the_retention_period(letter_campaign, mp):
    from datetime import timedelta

    from django.utils import timezone

    from privacy.purge import purge_personal_data
    from tests.factories import LetterFactory

    old = timezone.now() - timedelta(days=31)
    letter = LetterFactory(
        campaign=letter_campaign, mp=mp, status="declined", created_at=old, body="my own words"
    )
    purge_personal_data()
    letter.refresh_from_db()
    assert letter.body.startswith("[removed ")
