"""A fake Represent API for tests: a real local HTTP server (no mocking of `requests`).

It replays the REAL recorded responses in `../shared/data/mp/represent_examples/` and variations
derived from them, and counts every call it receives.

Use the `represent_server` fixture: it starts the server on 127.0.0.1 (a free port), points
`settings.REPRESENT_API_URL` at it, and stops it after the test::

    def test_something(represent_server, db):
        represent_server.add_postcode("K1A0A6", ["35079"])          # one riding (Ottawa Centre)
        represent_server.add_postcode("K2B7Y5", ["35082", "35067"])  # two ridings: ambiguous
        represent_server.respond("M5V3L9", status=503)              # any status / body / delay
        ...
        assert represent_server.postcode_calls("K1A0A6") == 1       # calls the server received
        assert represent_server.postcode_calls() == 3               # …for every postal code

Codes nobody registered answer like Represent does for an unknown code: 404 with an HTML page.
Built-in scenarios (constants below): `REAL_2013_SET` (the recorded L5G4L3 answer, verbatim: a
2013-order riding, which must not be read as a 2023 one), `ONE_RIDING` (that answer moved to the
2023 order: 35064 Mississauga—Lakeshore), `PARM_BAINS` (the live-shaped 2026 record, 59028),
`TWO_RIDINGS` (two House of Commons reps in the concordance: 35082 and 35067),
`MISSING_REP_KEYS` (no `representatives_*` keys, a 2023 boundary 48015 in the centroid),
`VACANT_SEAT` (boundary 24037 only), `NO_FEDERAL_RIDING` (neither key nor 2023 boundary),
`NOT_FOUND` (404 HTML), `UNAVAILABLE` (503), `RATE_LIMITED` (429), `SERVER_ERROR` (500),
`SLOW` (answers after `represent_server.slow_seconds`, default 4 s: longer than the 3 s
timeout), `TRICKLE` (headers at once, then the body a byte every 20 ms),
`MALFORMED_JSON` (a truncated body) and `HTML_200` (a maintenance page with 200).

`/representatives/house-of-commons/` is a paginated set (`limit`, `offset`, `meta.next`) of the
337 MPs of `mps_45th_parliament.csv`, each shaped like the recorded records (legislature and
constituency offices, `extra.preferred_languages`, `gender`, `related.boundary_url` in the 2023
order); edit `represent_server.house_of_commons` (a list of dicts) to change it. Languages are
realistic rather than by province (`ENGLISH_IN_QUEBEC`, `FRENCH_ELSEWHERE`, `BOTH_LANGUAGES`,
`NO_LANGUAGE`); `gender` is given for the MPs in `GENDERS`. `add_postcode` answers with the
riding's own MP record from that set (a placeholder record for a riding with no MP there).
Boundaries of the 2023 set are served at
`/boundaries/federal-electoral-districts-2023-representation-order/`.

Every request is recorded in `represent_server.calls` as `Call(time, path, query, code)`.
"""

import copy
import csv
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

DATA_DIR = Path(settings.MP_DATA_DIR)
EXAMPLES_DIR = DATA_DIR / "represent_examples"
FEDERAL_SET = "federal-electoral-districts-2023-representation-order"
HOUSE_SET_URL = "/representative-sets/house-of-commons/"
NOT_FOUND_HTML = "<!DOCTYPE html><html><title>Not Found</title></html>"

# What supporters (or attackers) might type instead of a postal code: never sent to Represent.
BAD_POSTAL_CODES = [
    "",
    "12345",
    "ZZZ ZZZ",
    "K" * 10_240,
    "K1A ٠A٦",
    "'; DROP TABLE letters_riding; --",
    "K1A0A6' OR '1'='1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
]

REAL_2013_SET = "L5G4L3"
ONE_RIDING = "L5H1A1"
PARM_BAINS = "V7A5J9"
TWO_RIDINGS = "K2B7Y4"
MISSING_REP_KEYS = "T5J0N3"
VACANT_SEAT = "H2L2C4"
NO_FEDERAL_RIDING = "H3B4W8"
NOT_FOUND = "K0K0K0"
UNAVAILABLE = "M5V3L9"
RATE_LIMITED = "M5V3L8"
SERVER_ERROR = "M5V3L7"
SLOW = "M4W1A8"
TRICKLE = "M4W1A7"
MALFORMED_JSON = "M4W1A5"
HTML_200 = "M4W1A4"

# What ourcommons.ca says of each MP's language is not a function of the province: anglophone
# ridings on Montreal's West Island, francophone ones in New Brunswick, Ontario and Manitoba,
# a few MPs listing both languages, and records with no `preferred_languages` at all.
ENGLISH_IN_QUEBEC = {"24034", "24048", "24052", "24056"}
FRENCH_ELSEWHERE = {"13001", "13002", "13005", "13007", "35077", "35088", "46008"}
BOTH_LANGUAGES = {"24077"}
NO_LANGUAGE = {"35038", "59001"}
# Represent's `gender` ("M"/"F", from the House of Commons' gender filter) for a few MPs; the
# others have "" as older records do, so the neutral greeting is exercised too.
GENDERS = {
    "13001": "M",
    "24042": "M",
    "24048": "M",
    "24052": "F",
    "24054": "F",
    "24062": "M",
    "35077": "F",
}


def _example(name):
    return json.loads((EXAMPLES_DIR / name).read_text(encoding="utf-8"))


def _rows(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def boundary_url(fed_code):
    return f"/boundaries/{FEDERAL_SET}/{fed_code}/"


def _boundary(fed_code, name):
    return {
        "url": boundary_url(fed_code),
        "name": name,
        "external_id": fed_code,
        "boundary_set_name": "Federal electoral district (2023 Representation Order)",
        "related": {"boundary_set_url": f"/boundary-sets/{FEDERAL_SET}/"},
    }


def _moved_to_2023(rep, fed_code):
    """A recorded representative, re-pointed at a riding of the 2023 order."""
    rep = copy.deepcopy(rep)
    rep["related"]["boundary_url"] = boundary_url(fed_code)
    return rep


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    delay: float = 0.0
    trickle: float = 0.0  # seconds between the body's bytes


@dataclass(frozen=True)
class Call:
    time: float
    path: str
    query: dict
    code: str | None


def json_reply(data, status=200):
    return Reply(status, json.dumps(data).encode())


class FakeRepresent:
    """The server's state: replies per postal code, the House of Commons set, recorded calls."""

    def __init__(self):
        self.ridings = {row["fed_code"]: row for row in _rows("fed_2023_districts.csv")}
        self.postcodes = {}
        self.calls = []
        self.slow_seconds = 4.0
        self._lock = threading.Lock()
        self.house_of_commons = self._house_of_commons()
        self._add_scenarios()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    # Building answers ------------------------------------------------------------------------

    def add_postcode(self, code, fed_codes, *, match="centroid", delay=0.0):
        """Make `code` answer with one House of Commons rep per FED code (several = ambiguous),
        shaped like the recorded live 2026 record. `match` is "centroid" or "concordance";
        `delay` (seconds) holds the answer back."""
        template = _example("representative_parm-bains_live-shaped_2026.json")
        sitting = {
            rep["related"]["boundary_url"].rstrip("/").rpartition("/")[2]: rep
            for rep in self.house_of_commons
        }
        # The riding's own MP, as Represent would give it; a placeholder record elsewhere.
        reps = [
            copy.deepcopy(sitting[fed_code])
            if fed_code in sitting
            else _moved_to_2023(template, fed_code)
            for fed_code in fed_codes
        ]
        for rep, fed_code in zip(reps, fed_codes, strict=True):
            rep["district_name"] = self.ridings.get(fed_code, {}).get("name_en", rep["name"])
        boundaries = [
            _boundary(code_, self.ridings.get(code_, {}).get("name_en", "")) for code_ in fed_codes
        ]
        other = "concordance" if match == "centroid" else "centroid"
        body = {
            "code": code,
            "city": "",
            "province": "",
            f"boundaries_{match}": boundaries,
            f"boundaries_{other}": [],
            f"representatives_{match}": reps,
        }
        self.respond(code, body=body, delay=delay)

    def respond(self, code, *, status=200, body=None, content_type=None, delay=0.0, trickle=0.0):
        """Make `code` answer with anything: a dict/list (JSON), str or bytes, any status;
        `delay` holds the headers back, `trickle` sends the body a byte at a time."""
        if isinstance(body, (dict, list)):
            raw, default_type = json.dumps(body).encode(), "application/json"
        elif body is None:
            raw, default_type = (
                (NOT_FOUND_HTML.encode(), "text/html")
                if status == 404
                else (
                    b"",
                    "text/plain",
                )
            )
        else:
            raw = body.encode() if isinstance(body, str) else body
            default_type = "text/html"
        self.postcodes[code] = Reply(status, raw, content_type or default_type, delay, trickle)

    def answer_postcode(self, code, city, province, **parts):
        """Make `code` answer like Represent: its city and province, and `parts` (the
        boundaries_* and representatives_* lists, a centroid)."""
        self.respond(code, body={"code": code, "city": city, "province": province, **parts})

    def _add_scenarios(self):
        real = _example("L5G4L3_sets_federal-electoral-districts_c2022.json")
        self.respond(REAL_2013_SET, body=real)

        moved = copy.deepcopy(real)
        moved["code"] = ONE_RIDING
        moved["boundaries_centroid"] = [_boundary("35064", "Mississauga—Lakeshore")]
        moved["representatives_centroid"] = [
            _moved_to_2023(rep, "35064") for rep in real["representatives_centroid"]
        ]
        self.respond(ONE_RIDING, body=moved)

        bains = _example("representative_parm-bains_live-shaped_2026.json")
        self.answer_postcode(
            PARM_BAINS,
            "Richmond",
            "BC",
            boundaries_concordance=[],
            boundaries_centroid=[_boundary("59028", "Richmond East—Steveston")],
            representatives_centroid=[bains],
        )

        excerpt = _example("representatives_house-of-commons_page1_excerpt_c2017.json")["objects"]
        vandenbeld, bossio = excerpt[1], excerpt[0]
        self.answer_postcode(
            TWO_RIDINGS,
            "Ottawa",
            "ON",
            boundaries_concordance=[
                _boundary("35082", "Ottawa West—Nepean"),
                _boundary("35067", "Nepean"),
            ],
            boundaries_centroid=[],
            representatives_concordance=[
                _moved_to_2023(vandenbeld, "35082"),
                _moved_to_2023(bossio, "35067"),
            ],
        )

        self.answer_postcode(
            MISSING_REP_KEYS,
            "EDMONTON",
            "AB",
            centroid={"type": "Point", "coordinates": [-113.490305, 53.541236]},
            boundaries_concordance=[],
            boundaries_centroid=[_boundary("48015", "Edmonton Centre")],
        )
        self.answer_postcode(
            VACANT_SEAT,
            "MONTREAL",
            "QC",
            boundaries_centroid=[_boundary("24037", "Laurier—Sainte-Marie")],
        )
        self.answer_postcode(
            NO_FEDERAL_RIDING,
            "MONTREAL",
            "QC",
            centroid={"type": "Point", "coordinates": [-73.571571, 45.497394]},
            boundaries_concordance=[
                {
                    "url": "/boundaries/federal-electoral-districts/24054/",
                    "name": "Ville-Marie",
                    "external_id": "24054",
                    "related": {"boundary_set_url": "/boundary-sets/federal-electoral-districts/"},
                }
            ],
            boundaries_centroid=[],
        )
        self.respond(NOT_FOUND, status=404)
        self.respond(UNAVAILABLE, status=503, body="Service Unavailable", content_type="text/plain")
        self.respond(RATE_LIMITED, status=429, body="Too Many Requests", content_type="text/plain")
        self.respond(SERVER_ERROR, status=500, body="<h1>Server Error (500)</h1>")
        self.respond(SLOW, body=moved, delay=-1)  # -1: wait `slow_seconds`
        self.respond(TRICKLE, body=moved, trickle=0.02)
        self.respond(MALFORMED_JSON, body=json.dumps(moved)[:150], content_type="application/json")
        self.respond(HTML_200, body="<html><body>Down for maintenance</body></html>")

    def _house_of_commons(self):
        """The 337 sitting MPs of our CSV, each shaped like a recorded Represent record."""
        bains = _example("representative_parm-bains_live-shaped_2026.json")
        excerpt = _example("representatives_house-of-commons_page1_excerpt_c2017.json")["objects"]
        office_shapes = [rep["offices"] for rep in [bains, *excerpt]]
        reps = []
        for index, row in enumerate(_rows("mps_45th_parliament.csv")):
            rep = _moved_to_2023(bains, row["fed_code"])
            first, _, last = row["mp_name"].partition(" ")
            offices = copy.deepcopy(office_shapes[index % len(office_shapes)])
            offices[0].update(tel=row["hill_phone"], postal="House of Commons\nOttawa ON  K1A 0A6")
            code = row["fed_code"]
            french = (row["province"] == "QC") != (code in ENGLISH_IN_QUEBEC | FRENCH_ELSEWHERE)
            languages = ["French"] if french else ["English"]
            if code in BOTH_LANGUAGES:
                languages = ["English", "French"]
            rep.update(
                name=row["mp_name"],
                first_name=first,
                last_name=last,
                party_name=row["party"],
                email=row["email"],
                district_name=row["riding_name_house"] or row["riding_name_en"],
                url=f"https://www.ourcommons.ca/Members/en/mp({row['ourcommons_person_id']})",
                offices=offices,
                gender=GENDERS.get(code, ""),
                extra={} if code in NO_LANGUAGE else {"preferred_languages": languages},
            )
            reps.append(rep)
        return reps

    # Serving ---------------------------------------------------------------------------------

    def reply(self, path, query):
        parts = [part for part in path.split("/") if part]
        if len(parts) == 2 and parts[0] == "postcodes":
            reply = self.postcodes.get(parts[1])
            if reply is None:
                return Reply(404, NOT_FOUND_HTML.encode(), "text/html")
            return reply
        if parts == ["representatives", "house-of-commons"]:
            return self._page("/" + "/".join(parts) + "/", self.house_of_commons, query)
        if parts == ["boundaries", FEDERAL_SET]:
            items = [_boundary(code, row["name_en"]) for code, row in self.ridings.items()]
            return self._page("/" + "/".join(parts) + "/", items, query)
        return Reply(404, NOT_FOUND_HTML.encode(), "text/html")

    @staticmethod
    def _page(path, items, query):
        limit = int(query.get("limit", ["20"])[0])
        offset = int(query.get("offset", ["0"])[0])
        following = offset + limit
        meta = {
            "limit": limit,
            "offset": offset,
            "total_count": len(items),
            "previous": None if offset == 0 else f"{path}?limit={limit}&offset={offset - limit}",
            "next": f"{path}?limit={limit}&offset={following}" if following < len(items) else None,
        }
        return json_reply({"meta": meta, "objects": items[offset:following]})

    def record(self, path, query):
        parts = [part for part in path.split("/") if part]
        code = parts[1] if len(parts) == 2 and parts[0] == "postcodes" else None
        with self._lock:
            self.calls.append(Call(time.time(), path, query, code))

    def postcode_calls(self, code=None):
        """How many /postcodes/ calls the server received (for `code`, or for any code)."""
        with self._lock:
            return sum(1 for call in self.calls if call.code and code in (None, call.code))

    def calls_per_minute(self):
        """Postcode calls grouped by calendar minute: {minute_start: count}."""
        with self._lock:
            minutes = [int(call.time // 60) * 60 for call in self.calls if call.code]
        return {minute: minutes.count(minute) for minute in set(minutes)}

    def start(self):
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()


def _handler_for(fake):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (the name http.server calls)
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            fake.record(url.path, query)
            reply = fake.reply(url.path, query)
            if reply.delay:
                time.sleep(fake.slow_seconds if reply.delay < 0 else reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if not reply.trickle:
                    self.wfile.write(reply.body)
                for index in range(len(reply.body) if reply.trickle else 0):
                    self.wfile.write(reply.body[index : index + 1])
                    self.wfile.flush()
                    time.sleep(reply.trickle)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to answer

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def represent_server(settings):
    """A running fake Represent; settings.REPRESENT_API_URL points at it for the test."""
    from directory.lookup.service import end_cool_down

    fake = FakeRepresent().start()
    settings.REPRESENT_API_URL = fake.url
    end_cool_down(fake.url)  # a pause left by an earlier test on the same port
    try:
        yield fake
    finally:
        fake.stop()
