"""Issue 12, hole 17: the admin lockout page is the admin's own style, translated, and says how
long the lock lasts; a throttled two-factor code is called throttled, not wrong; axes' records
of admin sign-ins are purged after the retention period."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from privacy.purge import purge_personal_data
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple 42"
LOCKED = {
    "en": ("Sign-in locked", "locked for 30 minutes"),
    "ru": ("Вход заблокирован", "заблокирован на 30 минут"),
}


@pytest.fixture
def staff(db):
    return SuperuserFactory(username="organizer", password=PASSWORD)


@override_settings(AXES_ENABLED=True)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_lockout_page_is_styled_translated_and_gives_the_duration(client, staff, language):
    reset()
    address = {"REMOTE_ADDR": "203.0.113.9", "HTTP_ACCEPT_LANGUAGE": language}
    for _ in range(5):
        client.post("/admin/login/", {"username": "organizer", "password": "x"}, **address)
    response = client.post(
        "/admin/login/", {"username": "organizer", "password": PASSWORD}, **address
    )
    assert response.status_code == 429
    content = response.content.decode()
    heading, duration = LOCKED[language]
    assert heading in content and duration in content
    assert "wagtailadmin" in content  # the admin's own stylesheets
    assert int(response["Retry-After"]) == 30 * 60


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Too many wrong codes in a row"), ("ru", "Слишком много неверных кодов подряд")],
)
def test_a_throttled_code_is_called_throttled(client, staff, language, words):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    device.throttling_failure_count = 3
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    client.force_login(staff)
    response = client.post("/admin/2fa/verify/", {"token": "123456"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 5  # 3 failures: a 4-second wait
    content = response.content.decode()
    assert words in content
    assert "This code is not right" not in content and "Код неверный" not in content


def test_admin_access_records_are_purged_after_the_retention_period(staff, settings):
    settings.ADMIN_ACCESS_LOG_RETENTION_DAYS = 30
    common = {"user_agent": "Mozilla/5.0 marker", "ip_address": "203.0.113.5"}
    old = timezone.now() - timedelta(days=31)
    extra = {AccessAttempt: {"failures_since_start": 1}}
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        model.objects.create(username="organizer", **common, **extra.get(model, {}))
        recent = model.objects.create(username="organizer2", **common, **extra.get(model, {}))
        model.objects.exclude(pk=recent.pk).update(attempt_time=old)
    counts = purge_personal_data()
    assert counts["admin_access_records_deleted"] == 3
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("username", flat=True)) == ["organizer2"]
