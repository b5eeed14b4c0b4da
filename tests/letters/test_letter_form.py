"""TRUST 6, 11, 17, 21, 23, 26 through the real letter form (views by the supporter-views
engineer, screening in letters/screening.py)."""

import html
import logging
import re
import time

import pytest
from django.core import signing
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, resolve
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from rest_framework.views import APIView
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from directory.models import MemberOfParliament
from letters import pipeline
from letters.models import Letter
from letters.screening import RENDERED_AT_SALT, mp_refusal
from tests.factories import compose_data
from tests.support.accounts import verified_login
from tests.support.letters import FED_CODE, letter_tasks, link, write_url

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


# Views that take POSTs without a CSRF token, and why. Nothing else may.
CSRF_EXEMPT_ROUTES = {
    "csp-report/": "browsers post violation reports without a token; the view only logs",
    "anymail/<str:esp>/tracking/": "the email service's delivery reports, behind basic auth",
    "en/unsubscribe/<str:token>/": "one-click unsubscribe (RFC 8058): mail clients post bare",
    "en/letters/find/<int:page_id>/": "the letter tool's postal-code lookup: changes nothing but "
    "a short-lived step, rate-limited; the cacheable start page carries no token",
    "en/letters/lookup/": "the JSON postal-code lookup: changes nothing, rate-limited; a POST "
    "so that no postal code is in a URL",
    "en/replies/find-my-mp/": "Where MPs stand's postal-code search: changes nothing, "
    "rate-limited; the cacheable page carries no token",
}
SAMPLE_VALUES = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000000"}


def url_routes(patterns=None, prefix=""):
    """(route, view) for every URL pattern, however deeply included."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern.url_patterns, route)
        else:
            yield route, pattern.callback


def page_routes(pages):
    """(route, view) for each live page and each route of its RoutablePageMixin, reached
    through Wagtail's serve view."""
    serve = resolve("/en/").func
    for page in pages:
        if page.url is None:  # outside every site: Wagtail serves it nowhere
            continue
        base = page.url.lstrip("/")
        yield base, serve
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                yield base + str(pattern.pattern), serve


def checks_csrf_itself(view):
    """Django REST framework views (the admin's APIs) are exempt from the middleware and
    check the token themselves for every session-authenticated request."""
    view_class = getattr(view, "cls", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)


def sample_path(route):
    """A path matching `route`, its converters filled with sample values (None if its regex is
    more than anchors)."""
    route = route.replace("^", "").replace("$", "")
    if any(sign in route for sign in "()[]\\*+?|"):
        return None
    return "/" + re.sub(
        r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_VALUES.get(m.group(1) or "", "x"), route
    )


def test_every_post_route_needs_the_csrf_token(letter_site, admin_user):
    """Every route (nested includes, i18n patterns, the admin and its APIs, each page and each
    route of the letter page) refuses a POST without a CSRF token, even from a signed-in
    organizer, except the allow-listed ones."""
    pages = [page.specific for page in Page.objects.live().filter(depth__gt=1)]
    routes = sorted(set(url_routes()) | set(page_routes(pages)), key=lambda item: item[0])
    exempt = {
        route
        for route, view in routes
        if getattr(view, "csrf_exempt", False) and not checks_csrf_itself(view)
    }
    assert exempt == set(CSRF_EXEMPT_ROUTES)

    discovered = {route for route, _view in routes}
    nested = {
        "admin/letters/",  # the letters admin, inside Wagtail's admin URLconf
        "admin/2fa/verify/",
        "admin/api/main/^pages/<int:pk>/action/<str:action_name>/",  # a REST API
        "en/letters/confirm/",  # inside i18n_patterns and an include
        "ru/write-to-your-mp/step/<str:step_id>/write/",  # a route of the letter page
        "ru/write-to-your-mp/step/<str:step_id>/",
    }
    assert nested <= discovered, nested - discovered

    client = Client(enforce_csrf_checks=True)
    verified_login(client, admin_user)
    refused = set()
    for route, _view in routes:
        path = sample_path(route)
        if path is None or route in CSRF_EXEMPT_ROUTES:
            continue
        response = client.post(path, compose_data())
        assert response.status_code == 403, (route, response.status_code)
        refused.add(route)
    assert nested <= refused and len(refused) > 250
    assert not Letter.objects.exists() and not letter_tasks().exists()


# --- per-IP limit through the proxy (TRUST 21) -------------------------------------------------


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=["127.0.0.1"])
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
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    with translation.override("ru"):
        explanation = str(mp_refusal(mp))
    with translation.override("en"):
        english = str(mp_refusal(mp))
    content = html.unescape(response.content.decode())
    assert explanation != english and explanation in content  # why, in the supporter's language
    assert not Letter.objects.exists() and not letter_tasks().exists()


# --- nothing personal in logs, URLs or task storage (TRUST 11, 17) -----------------------------


def test_markers_never_reach_logs_urls_or_task_arguments(client, letter_site, mailoutbox, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client.post(write_url("en"), marked_data())
        assert response.status_code == 303
        letter = Letter.objects.get()
        pipeline.send_confirmation_email.call(letter.pk)
        confirm_url = re.search(r"https?://\S+/confirm/\S+", mailoutbox[0].body)[0]
        path = confirm_url.split("//", 1)[1].split("/", 1)[1]
        page = link(client, "/" + path)
        assert client.get(page).status_code == 200
        assert client.post(page).status_code in (200, 302, 303)
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
