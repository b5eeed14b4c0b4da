"""TRUST 6, 11, 17, 21, 23, 26 through the real letter form (views by the supporter-views
engineer, screening in letters/screening.py)."""

import logging
import re
import time

import pytest
from django.core import signing
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from directory.models import MemberOfParliament
from letters import pipeline
from letters.models import Letter
from letters.screening import RENDERED_AT_SALT
from tests.factories import compose_data
from tests.support.letters import FED_CODE, letter_tasks, write_url

pytestmark = pytest.mark.django_db
MARKER_EMAIL = "zz-marker@example.org"
MARKERS = (MARKER_EMAIL, "Zorblatt", "Markerfield", "77 Marker Crescent", "+1-555-0100")


def marked_data(**overrides):
    return compose_data(
        email=MARKER_EMAIL,
        first_name=MARKERS[1],
        last_name=MARKERS[2],
        street_address=f"{MARKERS[3]} {MARKERS[4]}",
        **overrides,
    )


# --- CSRF (TRUST 6) ----------------------------------------------------------------------------


def test_a_post_without_csrf_token_or_from_another_origin_creates_nothing(letter_site):
    client = Client(enforce_csrf_checks=True)
    assert client.post(write_url("en"), compose_data()).status_code == 403
    page = client.get(write_url("en"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    forged = client.post(
        write_url("en"),
        compose_data(csrfmiddlewaretoken=token),
        HTTP_ORIGIN="https://evil.example",
    )
    assert forged.status_code == 403
    assert not Letter.objects.exists() and not letter_tasks().exists()
    good = client.post(write_url("en"), compose_data(csrfmiddlewaretoken=token))
    assert good.status_code == 303  # the same token from our own page works


def test_no_letter_view_is_csrf_exempt():
    from django.urls import get_resolver

    from letters import views

    exempt = [name for name in dir(views) if getattr(getattr(views, name), "csrf_exempt", False)]
    assert exempt == []
    for pattern in get_resolver().url_patterns:
        assert not getattr(getattr(pattern, "callback", None), "csrf_exempt", False) or str(
            pattern.pattern
        ) in ("csp-report/", "anymail/<str:esp>/tracking/")  # server-to-server, basic auth


# --- per-IP limit through the proxy (TRUST 21) -------------------------------------------------


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(("language", "words"), [("en", "Please wait"), ("ru", "Подождите")])
def test_sixth_letter_from_one_address_gets_a_translated_429(
    client, letter_site, caplog, language, words
):
    statuses = []
    with caplog.at_level(logging.WARNING, logger="letters.abuse"):
        for n in range(20):
            response = client.post(
                write_url(language),
                compose_data(email=f"writer{n}@example.org"),
                REMOTE_ADDR="10.0.0.5",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.77",
            )
            statuses.append(response.status_code)
            if response.status_code == 429:
                last_429 = response
    assert statuses == [303] * 5 + [429] * 15
    assert words in last_429.content.decode()
    assert Letter.objects.count() == 5
    assert "abuse.ratelimit" in caplog.text and "203.0.113.77" not in caplog.text


# --- bots (TRUST 23) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "trap",
    [
        {"website": "https://cheap-pills.example"},
        {"rendered_at": "ONE SECOND AGO"},
        {"rendered_at": "forged"},
    ],
    ids=["honeypot", "too-fast", "forged-stamp"],
)
def test_a_bot_sees_the_normal_page_and_nothing_is_kept_or_sent(
    client, letter_site, mailoutbox, trap
):
    if trap.get("rendered_at") == "ONE SECOND AGO":
        trap = {"rendered_at": signing.dumps(time.time() - 1, salt=RENDERED_AT_SALT)}
    response = client.post(write_url("en"), marked_data(**trap))
    assert response.status_code == 303
    assert response["Location"] == "/en/write-to-your-mp/check-email/"
    assert not Letter.objects.exists()
    assert not letter_tasks().exists()
    assert mailoutbox == []


# --- blocked MPs (TRUST 26) --------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["do_not_send", "contact_failing"])
def test_a_blocked_mp_is_refused_with_an_explanation(client, letter_site, flag):
    MemberOfParliament.objects.filter(riding_id=FED_CODE, active=True).update(**{flag: True})
    response = client.post(write_url("ru"), compose_data())
    assert response.status_code == 400
    assert not Letter.objects.exists() and not letter_tasks().exists()


# --- repeats (TRUST 22) ------------------------------------------------------------------------


def test_a_second_letter_to_the_same_mp_the_same_day_is_refused(client, letter_site):
    assert client.post(write_url("en"), compose_data(email="Ada.L@gmail.com")).status_code == 303
    again = client.post(write_url("ru"), compose_data(email="adal+2@GMAIL.com"))
    assert again.status_code == 400
    assert "уже писали" in again.content.decode()
    assert Letter.objects.count() == 1


# --- nothing personal in logs, URLs or task storage (TRUST 11, 17) -----------------------------


def test_markers_never_reach_logs_urls_or_task_arguments(client, letter_site, mailoutbox, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client.post(write_url("en"), marked_data())
        assert response.status_code == 303
        letter = Letter.objects.get()
        pipeline.send_confirmation_email.call(letter.pk)
        confirm_url = re.search(r"https?://\S+/confirm/\S+", mailoutbox[0].body)[0]
        path = confirm_url.split("//", 1)[1].split("/", 1)[1]
        assert client.get("/" + path).status_code == 200
        assert client.post("/" + path).status_code in (200, 302, 303)
        letter.refresh_from_db()
        assert letter.status in (Letter.Status.QUEUED, Letter.Status.HELD)
        pipeline.send_letter.call(letter.pk)
    urls = [response["Location"], confirm_url]
    for marker in MARKERS:
        assert marker.lower() not in caplog.text.lower(), marker
        assert all(marker.lower() not in url.lower() for url in urls)
    assert "@" not in confirm_url.split("/confirm/", 1)[1]
    assert letter_tasks().count() >= 2
    for result in DBTaskResult.objects.all():
        assert set(result.args_kwargs) == {"args", "kwargs"}
        assert result.args_kwargs["kwargs"] == {}
        if result.task_path.startswith("letters."):
            assert [type(arg) for arg in result.args_kwargs["args"]] == [int]
        else:  # Wagtail's index tasks: app label, model name, primary key
            assert all(re.fullmatch(r"[a-z_]+|\d+", str(a)) for a in result.args_kwargs["args"])
        stored = f"{result.args_kwargs} {result.return_value} {result.traceback}"
        assert "@" not in stored and all(m.lower() not in stored.lower() for m in MARKERS)


def test_error_reports_carry_no_personal_data(rf):
    import sys

    from django.views.debug import ExceptionReporter

    # Built at run time, so that the report's source excerpts cannot contain them.
    email, name, address = "-".join(["zz", "err@example.org"]), "Err" + "olda", "203.0.113." + "200"
    request = rf.post(
        "/en/write-to-your-mp/write/35001/",
        {"email": email, "first_name": name},
        REMOTE_ADDR=address,
    )
    try:
        raise ValueError("boom")
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
    for report in (reporter.get_traceback_text(), reporter.get_traceback_html()):
        assert "boom" in report
        assert email not in report and name not in report and address not in report
