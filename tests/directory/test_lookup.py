"""The lookup service against a real local HTTP server replaying recorded Represent answers."""

import json
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from directory.lookup import Status, lookup_postal_code, ridings_for_province
from directory.lookup.represent import RepresentClient
from directory.lookup.service import end_cool_down
from directory.models import PostcodeCacheEntry, Riding
from tests.support import represent as fake
from tests.support.worker import child_process_env


@pytest.fixture
def directory(mp_directory, represent_server):
    return represent_server


def fed_codes(result):
    return [riding.fed_code for riding in result.ridings]


def test_one_riding_from_the_recorded_answer_moved_to_the_2023_order(directory):
    result = lookup_postal_code("l5h 1a1")
    assert result.status == Status.FOUND and result.source == "represent"
    assert fed_codes(result) == ["35064"]
    assert not result.ambiguous and result.error is None
    assert result.ridings[0].current_mp.name == "Charles Sousa"
    assert result.province == "ON"


def test_the_live_shaped_2026_record(directory):
    result = lookup_postal_code("V7A 5J9")
    assert fed_codes(result) == ["59028"]
    assert result.ridings[0].current_mp.name == "Parm Bains"


def test_two_ridings_are_ambiguous_so_the_supporter_chooses(directory):
    result = lookup_postal_code("K2B 7Y4")
    assert result.ambiguous
    assert fed_codes(result) == ["35082", "35067"]
    assert [r.current_mp.name for r in result.ridings] == ["Anita Vandenbeld", "Mark Carney"]


def test_missing_representative_keys_still_give_the_riding_from_its_boundary(directory):
    result = lookup_postal_code("T5J 0N3")
    assert fed_codes(result) == ["48015"]


def test_a_vacant_seat_is_found_without_an_mp(directory):
    result = lookup_postal_code("H2L 2C4")
    assert fed_codes(result) == ["24037"]
    assert result.ridings[0].current_mp is None


def test_the_recorded_2013_answer_is_not_misread_as_a_2023_riding(directory):
    # 35061 was Mississauga—Lakeshore in 2013; in 2023 it is Mississauga Centre.
    result = lookup_postal_code("L5G 4L3")
    assert result.ridings == []
    assert result.status == Status.UNKNOWN and result.source == "fallback"
    assert len(result.fallback_ridings) == 122  # Ontario


def test_no_federal_riding_at_all_falls_back(directory):
    result = lookup_postal_code("H3B 4W8")
    assert result.status == Status.UNKNOWN
    assert {r.province for r in result.fallback_ridings} == {"QC"}
    assert len(result.fallback_ridings) == 78


def test_404_html_is_an_unknown_code_and_is_cached_briefly(directory, settings):
    result = lookup_postal_code(fake.NOT_FOUND)
    assert result.status == Status.UNKNOWN and result.error
    assert result.province == "ON" and result.fallback_ridings
    entry = PostcodeCacheEntry.objects.get(postal_code=fake.NOT_FOUND)
    assert entry.fed_codes == []
    days = (entry.expires_at - entry.fetched_at).days
    assert days == settings.POSTCODE_NEGATIVE_CACHE_DAYS == 1
    again = lookup_postal_code(fake.NOT_FOUND)
    assert again.status == Status.UNKNOWN
    assert directory.postcode_calls(fake.NOT_FOUND) == 1


@pytest.mark.parametrize(
    "code",
    [fake.UNAVAILABLE, fake.RATE_LIMITED, fake.SERVER_ERROR, fake.MALFORMED_JSON, fake.HTML_200],
)
def test_unavailable_answers_fall_back_to_the_province_and_are_not_cached(directory, code):
    result = lookup_postal_code(code)
    assert result.status == Status.UNAVAILABLE and result.source == "fallback"
    assert result.ridings == [] and result.error
    assert len(result.fallback_ridings) == 122
    assert not PostcodeCacheEntry.objects.filter(postal_code=code).exists()
    assert directory.postcode_calls(code) == 1


def test_after_a_failure_represent_is_left_alone_for_a_while(directory, settings):
    assert lookup_postal_code(fake.UNAVAILABLE).status == Status.UNAVAILABLE
    # During the pause a good code falls back at once, without a call.
    assert lookup_postal_code("L5H 1A1").status == Status.UNAVAILABLE
    assert directory.postcode_calls() == 1
    end_cool_down()  # the pause is over
    assert lookup_postal_code("L5H 1A1").status == Status.FOUND
    assert lookup_postal_code(fake.UNAVAILABLE).status == Status.UNAVAILABLE
    assert directory.postcode_calls() == 3  # tried again: nothing was cached


def test_a_slow_answer_times_out_within_the_deadline(directory, settings):
    settings.REPRESENT_TIMEOUT_SECONDS = 0.5
    directory.slow_seconds = 2
    started = time.monotonic()
    result = lookup_postal_code(fake.SLOW)
    elapsed = time.monotonic() - started
    assert result.status == Status.UNAVAILABLE
    assert elapsed < 1.5
    assert directory.postcode_calls(fake.SLOW) == 1


def test_a_trickling_body_is_cut_at_the_same_deadline(directory, settings):
    settings.REPRESENT_TIMEOUT_SECONDS = 0.5
    started = time.monotonic()
    result = lookup_postal_code(fake.TRICKLE)
    assert result.status == Status.UNAVAILABLE
    assert time.monotonic() - started < 1.5


def test_the_timeout_is_never_above_three_seconds(settings):
    settings.REPRESENT_TIMEOUT_SECONDS = 30
    assert RepresentClient().timeout == 3.0


def test_a_found_answer_is_cached_for_thirty_days_and_the_same_code_costs_one_call(directory):
    first = lookup_postal_code("L5H 1A1")
    second = lookup_postal_code("l5h1a1")
    assert (first.source, second.source) == ("represent", "cache")
    assert fed_codes(second) == ["35064"]
    entry = PostcodeCacheEntry.objects.get(postal_code="L5H1A1")
    assert (entry.expires_at - entry.fetched_at).days == 30
    assert directory.postcode_calls("L5H1A1") == 1


def test_the_request_asks_for_the_2023_set(directory):
    lookup_postal_code("L5H 1A1")
    (call,) = directory.calls
    assert call.path == "/postcodes/L5H1A1/"
    assert call.query["sets"] == ["federal-electoral-districts-2023-representation-order"]


def test_add_postcode_maps_a_code_to_ridings(directory):
    directory.add_postcode("K1A0A6", ["35079"])
    result = lookup_postal_code("K1A 0A6")
    assert fed_codes(result) == ["35079"]
    assert result.ridings[0].name_en == "Ottawa Centre"


def test_unknown_fed_codes_fall_back(directory):
    directory.add_postcode("K1A0A7", ["99999"])
    assert lookup_postal_code("K1A 0A7").status == Status.UNKNOWN


def test_over_the_shared_limit_the_fallback_answers(directory, settings):
    settings.REPRESENT_CALLS_PER_MINUTE = 2
    results = [lookup_postal_code(code) for code in ["K1A0B1", "K1A0B2", "K1A0B3", "K1A0B4"]]
    assert [r.status for r in results] == ["unknown", "unknown", "unavailable", "unavailable"]
    assert directory.postcode_calls() == 2


@pytest.mark.parametrize("raw", [*fake.BAD_POSTAL_CODES, None])
def test_bad_input_gives_a_message_and_never_calls_represent(directory, raw):
    with translation.override("ru"):
        result = lookup_postal_code(raw)
        message = str(result.error)
    assert result.status == Status.INVALID
    assert result.postal_code is None and result.ridings == []
    assert message and message == message.strip()
    assert directory.calls == []
    assert Riding.objects.count() == 343


def test_an_empty_directory_says_so_without_calling(represent_server, db):
    result = lookup_postal_code("L5H 1A1")
    assert result.status == Status.NOT_LOADED and result.error
    assert represent_server.calls == []


def test_query_count_is_small(directory, django_assert_max_num_queries):
    lookup_postal_code("K2B 7Y4")
    with django_assert_max_num_queries(4):
        result = lookup_postal_code("K2B 7Y4")
        assert [r.current_mp.name for r in result.ridings]


def test_province_picker_searches_every_name_without_accents(
    mp_directory, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        ridings = ridings_for_province("QC", "levis")
        assert all(r.current_mp for r in ridings)
    assert [r.fed_code for r in ridings] == ["24010", "24040"]
    assert [r.fed_code for r in ridings_for_province("QC", "QUEBEC centre")] == ["24059"]
    assert [r.fed_code for r in ridings_for_province("QC", "ile des soeurs")] == ["24077"]
    assert [r.fed_code for r in ridings_for_province("ON", "north york")] == ["35120"]
    assert [r.fed_code for r in ridings_for_province("ON", "35067")] == ["35067"]
    assert [r.fed_code for r in ridings_for_province("ON", "carney")] == ["35067"]
    assert ridings_for_province("XX") == []
    assert len(ridings_for_province("NU")) == 1


# Several processes: the limit and the "one call per code" hold across them --------------------

WORKER = """
import json, sys, time
import django
django.setup()
from django.conf import settings
from directory.lookup import lookup_postal_code
settings.REPRESENT_API_URL = sys.argv[1]
start_at, codes = float(sys.argv[2]), json.load(sys.stdin)
time.sleep(max(0.0, start_at - time.time()))
print(json.dumps([(r.status, r.source) for r in map(lookup_postal_code, codes)]))
"""


def distinct_codes(count, first_letter="K"):
    """`count` different well-formed postal codes, such as K0B0C0, K0B0C1…"""
    return [f"{first_letter}{i // 100 % 10}B{i // 10 % 10}C{i % 10}" for i in range(count)]


def run_in_processes(server, code_lists):
    """Run lookups in one fresh process per list, all starting at the same moment."""
    env = child_process_env()
    start_at = str(time.time() + 4)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, server.url, start_at],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=django_settings.BASE_DIR,
        )
        for _ in code_lists
    ]
    outputs = [
        p.communicate(json.dumps(codes), timeout=120)[0]
        for p, codes in zip(processes, code_lists, strict=True)
    ]
    assert all(p.returncode == 0 for p in processes)
    return [json.loads(output) for output in outputs]


@pytest.mark.django_db
def test_a_burst_of_500_codes_makes_at_most_55_calls_a_minute(directory):
    results = [lookup_postal_code(code) for code in distinct_codes(500)]
    asked = [r for r in results if r.status == Status.UNKNOWN]  # Represent answered: a 404
    fell_back = [r for r in results if r.status == Status.UNAVAILABLE]
    assert max(directory.calls_per_minute().values()) <= 55
    assert len(asked) == directory.postcode_calls() >= 55
    assert len(fell_back) == 500 - len(asked)
    assert len(fell_back[0].fallback_ridings) == len(fell_back[-1].fallback_ridings) == 122


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_processes_share_the_55_a_minute_limit(directory):
    codes = distinct_codes(500)
    first, second = run_in_processes(directory, [codes[:250], codes[250:]])
    answered = [s for s in first + second if s[0] == "unknown"]  # 404: Represent answered
    unavailable = [s for s in first + second if s[0] == "unavailable"]
    assert max(directory.calls_per_minute().values()) <= 55
    assert len(answered) == directory.postcode_calls() >= 55
    assert len(unavailable) == 500 - len(answered)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_same_codes_in_two_processes_cost_one_call_each(directory):
    codes = distinct_codes(15, first_letter="L")
    for code in codes:
        directory.add_postcode(code, ["35064"], delay=0.2)
    first, second = run_in_processes(directory, [codes, codes])
    assert {tuple(s) for s in first + second} <= {("found", "represent"), ("found", "cache")}
    assert sorted(s[1] for s in first + second).count("represent") == 15
    assert all(directory.postcode_calls(code) == 1 for code in codes)
