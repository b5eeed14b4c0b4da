"""Issue 12, hole 12: no postal code and no token in any URL that reaches an access log, and no
token in any log line. A whole flow in English and in Russian (plain HTTP, as without
JavaScript; tests/browser/test_journey.py walks it in Chromium with and without), every URL
recorded; the console log captured through the project's own handler; gunicorn's access log
written by gunicorn's logger class from gunicorn.conf.py."""

import io
import logging
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import translation

from letters import pipeline
from letters.models import Letter
from tests.factories import compose_data
from tests.support.letters import POSTAL_CODE, find_url

pytestmark = pytest.mark.usefixtures("letter_limits")


@pytest.fixture(autouse=True)
def back_to_english():
    # LocaleMiddleware leaves the language of a /ru/ request active in this thread.
    yield
    translation.activate("en")


class RecordingClient(Client):
    """A test client that keeps every request line it sends, as an access log would."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = []

    def request(self, **request):
        query = request.get("QUERY_STRING", "")
        path = request["PATH_INFO"] + (f"?{query}" if query else "")
        self.lines.append(f"{request['REQUEST_METHOD']} {path}")
        return super().request(**request)


def spellings(postal_code):
    """Every way a URL could spell the postal code."""
    compact = postal_code.replace(" ", "")
    spaced = f"{compact[:3]} {compact[3:]}"
    variants = {compact, spaced, spaced.replace(" ", "+"), spaced.replace(" ", "%20")}
    variants |= {compact[:3] + "-" + compact[3:]}
    return {form for variant in variants for form in (variant, variant.lower())}


def secret_parts(token):
    """The token and each of its signed parts that could identify the letter."""
    return {token, *(part for part in token.split(":") if len(part) >= 6)}


@pytest.fixture
def console():
    """What the project's console handler (with its filters) writes, for the test's length."""
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(type(f).__name__ == "RedactSecrets" for f in handler.filters)
    )
    stream, handler.stream = handler.stream, io.StringIO()
    levels = {name: logging.getLogger(name).level for name in ("django", "django.request")}
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield handler.stream
    handler.stream = stream
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_whole_flow_puts_no_postal_code_or_token_in_a_url_or_a_log(
    letter_site, represent_server, console, language
):
    other = "ru" if language == "en" else "en"
    represent_server.add_postcode(POSTAL_CODE.replace(" ", ""), ["35001"])
    client = RecordingClient()

    # Find, write, switch the language there and back, send.
    assert client.get(f"/{language}/write-to-your-mp/").status_code == 200
    client.post(find_url(other), {"postal_code": POSTAL_CODE, "switch_language": other})
    found = client.post(find_url(language), {"postal_code": POSTAL_CODE})
    assert found.status_code == 303
    write = found["Location"]
    assert client.get(write).status_code == 200
    switched = write.replace(f"/{language}/", f"/{other}/", 1)
    assert client.post(switched, {**compose_data(), "switch_language": other}).status_code == 200
    assert client.post(write, compose_data()).status_code == 303
    client.get(f"/{language}/write-to-your-mp/check-email/")

    # The email's links, then the pages they lead to, in both languages.
    token = pipeline.confirmation_token(Letter.objects.get())
    email_links = {f"GET /{language}/letters/{page}/{token}/" for page in ("confirm", "print")}
    assert client.get(f"/{language}/letters/confirm/{token}/").status_code == 303
    for code in (language, other):
        assert client.get(f"/{code}/letters/confirm/").status_code == 200
    assert client.post(f"/{language}/letters/confirm/").status_code == 303
    for page in ("sent", "print"):
        for code in (language, other):
            assert client.get(f"/{code}/letters/{page}/").status_code == 200
    assert client.get(f"/{language}/letters/print/{token}/").status_code == 303

    # What an attacker or a stale page does: log lines that name the path.
    assert Client(enforce_csrf_checks=True).post(f"/{language}/letters/confirm/").status_code == 403
    tampered = token[:-2] + "zz"
    stranger = Client()
    stranger.get(f"/{language}/letters/confirm/{tampered}/")
    assert stranger.get(f"/{language}/letters/confirm/").status_code == 400
    logging.getLogger("django.request").warning(
        "Bad Request: /%s/letters/confirm/%s/", language, token
    )
    logging.getLogger("django.security.csrf").warning(
        "Forbidden (CSRF token missing.): /%s/write-to-your-mp/find/?postal_code=%s",
        language,
        POSTAL_CODE.replace(" ", "+"),
    )

    lines = [line for line in client.lines if line not in email_links]
    assert len(lines) >= 12
    for line in lines:
        for secret in spellings(POSTAL_CODE) | secret_parts(token):
            assert secret not in line, line
    log = console.getvalue()
    assert "/letters/confirm/[token]/" in log and "[postal code]" in log  # lines were written
    for secret in spellings(POSTAL_CODE) | secret_parts(token) | secret_parts(tampered):
        assert secret not in log


def test_gunicorns_access_log_never_holds_a_token_or_a_postal_code(tmp_path, settings):
    """gunicorn.conf.py's logger class, writing a real access log, as `gunicorn -c
    gunicorn.conf.py --access-logfile …` runs it."""
    from gunicorn.config import Config

    namespace = {}
    exec((settings.BASE_DIR / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    logger = namespace["logger_class"](config)
    token = "0123456789abcdef0123456789abcdef:1vABCD:Zx9_kLmNoPqRsTuVwXyZ0123456789abcdEFGH"
    paths = [
        (f"/en/letters/confirm/{token}/", ""),
        (f"/ru/letters/print/{token}/", ""),
        (f"/en/replies/{token}/", "answer=replied"),
        ("/en/write-to-your-mp/find/", "postal_code=L1S+2J5"),
        ("/en/letters/lookup/", "postal_code=l1s2j5"),
    ]
    for path, query in paths:
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": path + (f"?{query}" if query else ""),
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "203.0.113.9",
            "HTTP_REFERER": f"https://letusbelong.example{path}",
        }
        response = SimpleNamespace(status="303 See Other", sent=0, headers=[])
        request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
        logger.access(response, request, environ, timedelta(milliseconds=5))
    for handler in logger.access_log.handlers:
        handler.flush()
    log = (tmp_path / "access.log").read_text()
    assert log.count("\n") == len(paths)
    assert "/en/letters/confirm/[token]/" in log and "postal_code=[postal code]" in log
    for secret in secret_parts(token) | spellings(POSTAL_CODE):
        assert secret not in log
    assert not re.search(r"[A-Z]\d[A-Z]\+?\d[A-Z]\d", log, re.I)
