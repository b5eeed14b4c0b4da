"""A small client for Open North's Represent API (https://represent.opennorth.ca).

Represent is free up to 60 calls a minute for everyone; `RepresentClient.postcode` therefore goes
through a rate limit shared by every process (see `core.ratelimit`) before it spends a call,
and every call has a hard deadline of `REPRESENT_TIMEOUT_SECONDS` (at most 3 s) in total.
"""

import json
import logging
import re
import time
from urllib.parse import urljoin

import requests
from django.conf import settings
from urllib3.util import Timeout

from core import ratelimit

logger = logging.getLogger(__name__)

# The 2023 Representation Order (343 ridings). FED codes of older orders mean other ridings,
# so boundaries of any other set are ignored rather than misread.
FEDERAL_SET = "federal-electoral-districts-2023-representation-order"
HOUSE_OF_COMMONS_SET_URL = "/representative-sets/house-of-commons/"
RATE_LIMIT_KEY = "represent-api"
MAX_TIMEOUT_SECONDS = 3.0
# The importer is not waited on by a supporter: a page of 100 MPs may take longer.
IMPORT_TIMEOUT_SECONDS = 20.0
MAX_BODY_BYTES = 2 * 1024 * 1024
USER_AGENT = "LetUsBelong/1.0 (+https://letusbelong.ca; write-to-your-MP tool)"

_BOUNDARY_URL = re.compile(rf"/boundaries/{FEDERAL_SET}/(\d{{5}})/?$")
# A House of Commons profile URL ends with the person's id: ".../parm-bains(111067)".
_PERSON_ID = re.compile(r"\((\d+)\)\s*$")


class RepresentError(Exception):
    """Base class of the answers that are not a list of ridings."""


class UnknownPostalCode(RepresentError):
    """Represent does not know the code (HTTP 404 with an HTML page)."""


class RepresentUnavailable(RepresentError):
    """No usable answer: rate limited (ours or theirs), down, slow, or not JSON."""


class OverOurLimit(RepresentUnavailable):
    """Our share of Represent's limit is spent for this minute: no call was made."""


def fed_code_from_boundary_url(url):
    """'/boundaries/federal-electoral-districts-2023-representation-order/59028/' → '59028'."""
    match = _BOUNDARY_URL.search(url or "") if isinstance(url, str) else None
    return match.group(1) if match else None


def _as_list(value):
    return value if isinstance(value, list) else []


def is_house_of_commons(representative):
    related = representative.get("related")
    related = related if isinstance(related, dict) else {}
    return (
        representative.get("representative_set_name") == "House of Commons"
        or related.get("representative_set_url") == HOUSE_OF_COMMONS_SET_URL
    )


_LANGUAGE_NAMES = {
    "english": "en",
    "anglais": "en",
    "en": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "fr": "fr",
}
_GENDERS = {"f": "madame", "female": "madame", "m": "monsieur", "male": "monsieur"}


def preferred_language(value):
    """ "en", "fr", "both" or "" (not known) from what a source says: Represent's
    `extra.preferred_languages` (["French"], ["English", "French"]…), or a CSV cell ("fr",
    "English", "en/fr"). Anything unrecognised is not known, never a guess."""
    if isinstance(value, str):
        value = re.split(r"[/,;|]+|\s+and\s+|\s+et\s+", value)
    if not isinstance(value, list):
        return ""
    names = [str(item).replace("/", " ").strip().casefold() for item in value]
    codes = {_LANGUAGE_NAMES.get(name) for name in names if name}
    if None in codes or not codes:
        return ""
    return "both" if codes == {"en", "fr"} else codes.pop()


def form_of_address(gender):
    """ "madame", "monsieur" or "" from Represent's `gender` ("F", "M", "" …), which its scraper
    takes from the House of Commons' own filter of members by gender."""
    return _GENDERS.get(str(gender or "").strip().casefold(), "")


def representative_details(rep):
    """What one House of Commons record says of its MP that a lookup may refresh:
    {"fed_code", "name", "external_id", "preferred_language", "form_of_address"}, or None."""
    if not isinstance(rep, dict) or not is_house_of_commons(rep):
        return None
    related = rep.get("related") if isinstance(rep.get("related"), dict) else {}
    fed_code = fed_code_from_boundary_url(related.get("boundary_url"))
    if not fed_code or not rep.get("name"):
        return None
    extra = rep.get("extra") if isinstance(rep.get("extra"), dict) else {}
    person = _PERSON_ID.search(str(rep.get("url", "")))
    return {
        "fed_code": fed_code,
        "name": str(rep["name"]).strip(),
        "external_id": person.group(1) if person else "",
        "preferred_language": preferred_language(extra.get("preferred_languages")),
        "form_of_address": form_of_address(rep.get("gender")),
    }


def representatives_in_postcode(data):
    """The House of Commons records of a `/postcodes/{code}/` body, concordance first."""
    if not isinstance(data, dict):
        return []
    return [
        rep
        for match_type in ("concordance", "centroid")
        for rep in _as_list(data.get(f"representatives_{match_type}"))
        if isinstance(rep, dict) and is_house_of_commons(rep)
    ]


def fed_codes_from_postcode(data):
    """The FED codes of a `/postcodes/{code}/` body, concordance first, without duplicates.

    Missing `representatives_*` keys count as empty. A boundary of the 2023 set without a
    representative (a vacant seat) still names its riding."""
    if not isinstance(data, dict):
        raise RepresentUnavailable("the body is not a JSON object")
    codes = []
    for match_type in ("concordance", "centroid"):
        for rep in _as_list(data.get(f"representatives_{match_type}")):
            if isinstance(rep, dict) and is_house_of_commons(rep):
                related = rep.get("related") if isinstance(rep.get("related"), dict) else {}
                codes.append(fed_code_from_boundary_url(related.get("boundary_url")))
        for boundary in _as_list(data.get(f"boundaries_{match_type}")):
            if isinstance(boundary, dict):
                codes.append(fed_code_from_boundary_url(boundary.get("url")))
    return list(dict.fromkeys(code for code in codes if code))


class RepresentClient:
    """HTTP access to Represent with a total deadline per call and the shared rate limit."""

    def __init__(self, base_url=None, timeout=None, calls_per_minute=None):
        self.base_url = (base_url or settings.REPRESENT_API_URL).rstrip("/") + "/"
        configured = timeout if timeout is not None else settings.REPRESENT_TIMEOUT_SECONDS
        self.timeout = min(float(configured), MAX_TIMEOUT_SECONDS)
        self.calls_per_minute = (
            calls_per_minute
            if calls_per_minute is not None
            else settings.REPRESENT_CALLS_PER_MINUTE
        )

    def may_call(self):
        """Count one call against the limit shared by every process; False once it is spent."""
        return ratelimit.allow(RATE_LIMIT_KEY, limit=self.calls_per_minute, window_seconds=60)

    def get_json(self, path, params=None, timeout=None):
        """GET `path` and return the decoded JSON, within `timeout` (default `self.timeout`)
        seconds in total.

        Raises `UnknownPostalCode` for a 404 and `RepresentUnavailable` for everything else
        that is not a 200 with a JSON body. The caller has already passed `may_call()`."""
        url = urljoin(self.base_url, path.lstrip("/"))
        timeout = timeout or self.timeout
        deadline = time.monotonic() + timeout
        try:
            with requests.get(
                url,
                params=params,
                headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
                # `total` bounds connecting plus waiting for the headers; the body is read
                # against the same deadline below.
                timeout=Timeout(connect=min(1.0, timeout), read=timeout, total=timeout),
                stream=True,
                allow_redirects=False,
            ) as response:
                body = self._read_within(response, deadline)
        except requests.RequestException as error:
            raise RepresentUnavailable(f"{type(error).__name__} for {url}") from error
        if response.status_code == 404:
            raise UnknownPostalCode(url)
        if response.status_code != 200:
            raise RepresentUnavailable(f"HTTP {response.status_code} for {url}")
        try:
            return json.loads(body)
        except ValueError as error:  # an HTML maintenance page, a truncated body…
            raise RepresentUnavailable(f"not JSON from {url}") from error

    @staticmethod
    def _read_within(response, deadline):
        # requests' read timeout is per socket read; a server trickling bytes could exceed it,
        # so the body is read as it arrives (read1) and checked against one deadline.
        chunks, size = [], 0
        while chunk := response.raw.read1(16384, decode_content=True):
            chunks.append(chunk)
            size += len(chunk)
            if time.monotonic() > deadline:
                raise requests.Timeout("total deadline passed")
            if size > MAX_BODY_BYTES:
                raise requests.RequestException("body too large")
        return b"".join(chunks)

    def postcode(self, code):
        """The FED codes Represent gives for a normalised postal code ("K1A0A6")."""
        return self.postcode_answer(code)[0]

    def postcode_answer(self, code):
        """(FED codes, House of Commons records) for a normalised postal code ("K1A0A6")."""
        if not self.may_call():
            raise OverOurLimit("our share of Represent's rate limit is spent")
        data = self.get_json(f"postcodes/{code}/", params={"sets": FEDERAL_SET})
        return fed_codes_from_postcode(data), representatives_in_postcode(data)

    def paginate(self, path, *, wait_for_rate_limit=True, page_size=100):
        """Yield every object of a paginated list such as `/representatives/house-of-commons/`.

        Used by the importer: it waits for the next rate-limit window instead of failing."""
        next_path, params = path, {"limit": page_size}
        while next_path:
            while not self.may_call():
                if not wait_for_rate_limit:
                    raise OverOurLimit("our share of Represent's rate limit is spent")
                time.sleep(60 - time.time() % 60 + 0.1)
            page = self.get_json(next_path, params=params, timeout=IMPORT_TIMEOUT_SECONDS)
            if not isinstance(page, dict):
                raise RepresentUnavailable(f"unexpected page from {next_path}")
            yield from (item for item in _as_list(page.get("objects")) if isinstance(item, dict))
            meta = page.get("meta") if isinstance(page.get("meta"), dict) else {}
            next_path, params = meta.get("next") or None, None
