"""Fuzzing (issue 5, "Done when"): 1,250 random and hostile inputs (250 for the compose form,
125 for each other test, several requests each) across every public form and endpoint: never
a 500, and input that is refused creates no rows. Issue 12 adds every public form posted in
bad charsets (a 400 each) with bidi and zero-width characters, and CSP reports that are
deeply nested or oversize JSON."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letters.models import Letter
from privacy.models import Consent
from tests.factories import compose_data
from tests.support.letters import FED_CODE, find_url, write_url

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\nBcc: x@evil.example",
    "ada@example.org\r\nBcc: x@evil.example",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE letters_letter; --",
    "{mp_name}{supporter_name}{0}{__class__}",
    "%s%s%n%x",
    "../../../../etc/passwd",
    "K1A 0A6" * 50,
    "x" * 6000,
    "\u202eRTL\u202c",
    "Ada\u2066evil\u2069",
    "\u200eLovelace\u200f\u061c",
    "\ud7ff\ufeff\u200b",
    "😀" * 100,
    "Ⅻ１２３",
    "٣٤٥",
    "null",
    "None",
    "-1",
    "99999999999999999999999",
    "1e309",
    "[]",
    "{}",
]
# Text that survives the test client's encoding; NUL and lone surrogates come from HOSTILE.
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=200),
)
# Examples per test: the loaded profile's (tests/conftest.py: 125, or 25 in `make test-fast`).
FUZZ = settings(
    deadline=None,
    database=None,  # no .hypothesis/ folder in the work tree; every run explores afresh
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# The compose form: the letter, who the supporter is (the model's personal fields), consents
# and the bot trap.
COMPOSE_FIELDS = [
    "subject",
    "body",
    *Letter.PERSONAL_FIELDS,
    "consent_send",
    "consent_updates",
    "website",
    "rendered_at",
]


def counts():
    return Letter.objects.count(), Consent.objects.count()


def assert_sane(response, before):
    assert response.status_code < 500, response.status_code
    if response.status_code not in (302, 303):
        assert counts() == before


@settings(FUZZ, max_examples=2 * FUZZ.max_examples)
@given(
    language=st.sampled_from(["en", "ru"]),
    fields=st.dictionaries(st.sampled_from(COMPOSE_FIELDS), hostile_text, max_size=12),
    keep_valid=st.booleans(),
)
def test_fuzz_the_compose_form(client, letter_site, letter_limits, language, fields, keep_valid):
    data = {**compose_data(), **fields} if keep_valid else fields
    before = counts()
    response = client.post(write_url(language), data)
    assert_sane(response, before)
    assert response.status_code in (303, 400)  # always the form's own answer


@FUZZ
@given(
    language=st.sampled_from(["en", "ru"]),
    postal_code=hostile_text,
    fed_code=st.one_of(st.just(FED_CODE), st.from_regex(r"[0-9]{1,6}", fullmatch=True)),
    choose=st.sampled_from(["", "1", "x"]),
)
def test_fuzz_the_find_and_write_steps(
    client, letter_site, language, postal_code, fed_code, choose
):
    before = counts()
    params = {"postal_code": postal_code, "q": postal_code}
    assert_sane(client.post(find_url(language), params), before)
    step = write_url(language, fed_code).removesuffix("write/")
    assert_sane(client.get(step, {"choose": choose, "q": postal_code}), before)
    assert_sane(client.post(step, {"riding": postal_code}), before)
    assert_sane(client.get(f"{step}write/", {"postal_code": postal_code}), before)


@FUZZ
@given(token=hostile_text, action=st.sampled_from(["confirm", "sent", "print"]))
def test_fuzz_the_token_pages(client, letter_site, token, action):
    before = counts()
    token = token.replace("/", "") or "x"
    assert_sane(client.get(f"/en/letters/{action}/{token}/"), before)
    assert_sane(client.get(f"/en/letters/{action}/"), before)
    if action == "confirm":
        assert_sane(client.post("/en/letters/confirm/"), before)


@FUZZ
@given(postal_code=hostile_text, province=hostile_text, query=hostile_text)
def test_fuzz_the_lookup_json(client, letter_site, represent_server, postal_code, province, query):
    before = counts()
    assert_sane(client.post("/en/letters/lookup/", {"postal_code": postal_code}), before)
    assert_sane(client.get("/ru/letters/ridings/", {"province": province, "q": query}), before)


@FUZZ
@given(query=hostile_text, page=hostile_text)
def test_fuzz_search(client, letter_site, query, page):
    before = counts()
    assert_sane(client.get("/en/search/", {"q": query, "page": page}), before)


@FUZZ
@given(token=hostile_text, body=st.binary(max_size=300))
def test_fuzz_unsubscribe_and_csp_reports(client, token, body):
    before = counts()
    token = token.replace("/", "") or "x"
    assert_sane(client.get(f"/en/unsubscribe/{token}/"), before)
    assert_sane(client.post(f"/ru/unsubscribe/{token}/", {"List-Unsubscribe": token}), before)
    assert_sane(client.post("/csp-report/", body, content_type="application/csp-report"), before)


@FUZZ
@given(method=st.sampled_from(["get", "post", "put", "delete"]), path=hostile_text)
def test_fuzz_any_path(client, method, path):
    before = counts()
    path = "/" + path.lstrip("/")
    assert_sane(getattr(client, method)(path), before)


# --- issue 12: bad charsets, bidi characters, oversize and deeply nested JSON -----------------

CHARSETS = ["latin-1", "utf8", "utf-16", "utf-32", "koi8-r", "cp1252", "x-unknown", "", "utf-8"]
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\u200d", "\ufeff"]
bidi_text = st.builds(
    lambda parts: "".join(parts),
    st.lists(st.one_of(st.sampled_from(BIDI), st.text(max_size=5)), max_size=8),
)
deep_json = st.one_of(
    st.integers(1, 200_000).map(lambda n: "[" * n),
    st.integers(1, 5_000).map(lambda n: '{"csp-report": ' * n + "{}" + "}" * n),
    st.integers(1, 40_000).map(
        lambda n: '{"csp-report": {"violated-directive": "' + "x" * n + '"}}'
    ),
)


def public_form_posts(language, token):
    """Every form a visitor can post without signing in, with its fields."""
    return [
        (write_url(language), list(compose_data())),
        (f"/{language}/letters/confirm/{token}/", []),
        (f"/{language}/search/", ["q"]),
        (f"/{language}/unsubscribe/{token}/", ["List-Unsubscribe"]),
        (f"/{language}/replies/find-my-mp/", ["postal_code"]),
        ("/admin/login/", ["username", "password"]),
    ]


@FUZZ
@given(
    language=st.sampled_from(["en", "ru"]),
    charset=st.sampled_from(CHARSETS),
    value=st.one_of(bidi_text, hostile_text),
    token=st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=40),
)
def test_fuzz_public_forms_with_bad_charsets_and_bidi(
    client, letter_site, letter_limits, language, charset, value, token
):
    for path, names in public_form_posts(language, token):
        before = counts()
        fields = {**compose_data(), **dict.fromkeys(names[:4], value)}
        body = urlencode(fields).encode()
        content_type = "application/x-www-form-urlencoded"
        if charset:
            content_type += f"; charset={charset}"
        response = client.generic("POST", path, body, content_type=content_type)
        assert_sane(response, before)
        if charset not in ("", "utf-8"):
            assert response.status_code == 400, (path, charset)


@FUZZ
@given(body=deep_json)
def test_fuzz_csp_reports_with_deep_or_oversize_json(client, body):
    response = client.post("/csp-report/", body, content_type="application/csp-report")
    assert response.status_code in (204, 400)
