"""Signed-in admin users (the users come from tests/factories/accounts.py).

- `verified_login(client, user)`: log in with a confirmed TOTP device, as after a real
  two-factor sign-in. Every admin view needs it (ADMIN_REQUIRE_2FA is on in the test settings);
  `client.force_login(user)` alone reaches only the enrolment page.
- `admin_client`: pytest-django's, signed in with a verified second factor (a superuser).
- `editor`, `translator`, `steward`: a member of Editors, Translators, Data stewards;
  `editor_client`, `translator_client`, `steward_client`: the test client signed in as them.
"""

import pytest

from tests.factories import DataStewardFactory, EditorFactory, TranslatorFactory


def verified_login(client, user):
    """Log `user` in with a confirmed TOTP device; returns the device."""
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
    verified_login(client, admin_user)
    return client


def _member(factory):
    @pytest.fixture
    def member(db):
        return factory()

    return member


def _signed_in(member_fixture):
    @pytest.fixture
    def signed_in_client(client, request):
        verified_login(client, request.getfixturevalue(member_fixture))
        return client

    return signed_in_client


editor = _member(EditorFactory)
translator = _member(TranslatorFactory)
steward = _member(DataStewardFactory)
editor_client = _signed_in("editor")
translator_client = _signed_in("translator")
steward_client = _signed_in("steward")
