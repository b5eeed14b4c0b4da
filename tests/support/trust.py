"""Fixtures for the trust tests: an MP, a campaign page and a way to add letters quickly."""

import itertools
import time

import pytest
from django.core import signing
from django.test import RequestFactory
from wagtail.models import Page

from directory.models import MemberOfParliament, Riding
from letters.models import Letter, LetterCampaignPage
from letters.screening import RENDERED_AT_SALT
from privacy.identity import sender_hash

TEMPLATE_BODY = (
    "Dear {mp_honorific} {mp_name},\n\n"
    "I live in {riding} and I am writing to ask you to support equal treatment for everyone "
    "who has made Canada their home, whatever their immigration status. Families should not "
    "live in fear of losing their place in the communities they help build.\n\n"
    "Sincerely,\n{supporter_name}\n{supporter_city} {supporter_postal_code}"
)
_serial = itertools.count(1)


@pytest.fixture
def trust_riding(db):
    return Riding.objects.create(
        fed_code="35075", name_en="Ottawa Centre", name_fr="Ottawa-Centre", province="ON"
    )


@pytest.fixture
def trust_mp(trust_riding):
    return MemberOfParliament.objects.create(
        riding=trust_riding,
        name="Jane Example",
        honorific="Hon.",
        email="jane.example@parl.gc.ca",
        source=MemberOfParliament.Source.CSV,
    )


@pytest.fixture
def trust_campaign(db):
    root = Page.get_first_root_node()
    page = LetterCampaignPage(
        title="Write to your MP",
        slug=f"write-{next(_serial)}",
        letter_subject_en="Equal treatment",
        letter_body_en=TEMPLATE_BODY,
        letter_subject_fr="Égalité",
        letter_body_fr="Madame, Monsieur {mp_name}, je vous écris depuis {riding}.",
    )
    root.add_child(instance=page)
    return page


def signed_render_time(seconds_ago=10):
    return signing.dumps(time.time() - seconds_ago, salt=RENDERED_AT_SALT)


def letter_data(**overrides):
    """Cleaned data as the compose form hands it to screen_submission."""
    data = {
        "first_name": "Alex",
        "last_name": "Doe",
        "email": "alex@example.org",
        "street_address": "1 Main Street",
        "city": "Ottawa",
        "postal_code": "K1A 0A6",
        "subject": "Equal treatment",
        "body": "Dear Hon. Jane Example, I support equal treatment.",
        "website": "",
        "rendered_at": time.time() - 10,
    }
    data.update(overrides)
    return data


def add_letter(campaign, mp, *, email="someone@example.org", body="Hello", **fields):
    """A letter row as submit_letter would write it (the pipeline is not needed here)."""
    serial = next(_serial)
    values = {
        "campaign": campaign,
        "mp": mp,
        "riding": mp.riding,
        "language": "en",
        "subject": "Equal treatment",
        "body": body,
        "first_name": "Sam",
        "last_name": f"Writer{serial}",
        "email": email,
        "street_address": "1 Main Street",
        "city": "Ottawa",
        "postal_code": "K1A0A6",
        "sender_hash": sender_hash(email),
        "message_id": f"<test-{serial}-{time.time_ns()}@letusbelong.ca>",
    }
    values.update(fields)
    return Letter.objects.create(**values)


@pytest.fixture
def post_request():
    """A factory for POST requests from a given client address, with X-Forwarded-For."""

    def build(remote="203.0.113.10", forwarded=None, path="/en/write-to-your-mp/"):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        request = RequestFactory().post(path, **extra)
        request.LANGUAGE_CODE = "en"
        return request

    return build


def verified_login(client, user):
    """Log `user` in with a confirmed TOTP device, as after a real two-factor sign-in.

    Every admin view needs this since ADMIN_REQUIRE_2FA is on in the test settings; a plain
    `client.force_login(user)` only reaches the two-factor enrolment page."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's `admin_client`, signed in with a verified second factor."""
    verified_login(client, admin_user)
    return client
