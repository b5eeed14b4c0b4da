"""`make bench`: throughput of the production stack on loopback, measured with wrk.

Starts a throw-away PostgreSQL database with the campaign content, gunicorn (2 sync workers,
production settings, DEBUG off), the task worker and a local SMTP sink (bench/stack.py), then:

- worker: the task worker's delivery rate measured on its own (bench/worker_rate.py), first,
  while the queue holds nothing else;
- floor: /healthz, a constant view behind the whole middleware stack;
- home, a news article and the FAQ, cached (an anonymous GET from the page cache, X-Cache HIT)
  and uncached (the `X-Bench-No-Cache` header, honoured only because bench mode sets
  PAGE_CACHE_BYPASS_HEADER; X-Cache BYPASS); the letter tool's landing page (cached); the
  postal-code lookup (JSON, answer in the lookup cache);
- letter_post: the letter form POSTed at 64 connections, every request a different supporter
  writing their own words to one of BENCH_POST_FORMS MPs (the common path: letters waiting
  for their confirmation, none held); letter_post_near_duplicate: one MP, the same personal
  text every time (the duplicate screening's worst case: letters held);
- front: home through Varnish (deploy/varnish/letusbelong.vcl) in front of the gunicorn, as a
  ratio to nginx serving the same HTML as a static file;
- the queries of every step of the letter flow (bench/queries.py).

Every wrk run checks every response (bench/wrk.py): a row with a status other than 2xx/3xx
(303 for the POSTs), a wrong X-Cache verdict or a wrk socket error has failed, and so has a
POST row whose answered POSTs did not all make a letter. Any failed row makes `make bench`
exit non-zero. Prints a table (ratios to the floor of the same run) and writes
var/bench/latest.json.
"""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import queries
import worker_rate
import wrk
from flow import Supporter
from stack import BYPASS_HEADER, ROOT, Stack

from tests.support.loopback import Nginx, Varnish, http_get

POST_CONNECTIONS = 64
POST_FORMS = int(os.environ.get("BENCH_POST_FORMS", "120"))
WORKER_LETTERS = int(os.environ.get("BENCH_WORKER_LETTERS", "400"))
OUT = ROOT / "var" / "bench"
# Words the supporters' own sentences are drawn from: every letter_post request writes a
# different sentence, so no two letters share their personal part.
WORDS = str.split(
    "family work school clinic nurse teacher years waiting letter visa status fair process "
    "daughter son mother father neighbour community church mosque temple volunteer shift "
    "rent bus winter summer garden hockey soccer library bakery farm hospital study exam "
    "application interview office months hope worry trust future home street city river "
    "friends language english french russian cooking music choir tax business shop clients "
    "students colleagues engineer doctor driver cleaner cashier welder plumber carpenter"
)

POST_LUA = """
local counter = 0
init = function(args)
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919)
end
local function own_words()
  local picked = {}
  for i = 1, 14 do picked[i] = WORDS[math.random(#WORDS)] end
  return table.concat(picked, "+")
end
request = function()
  counter = counter + 1
  local form = FORMS[(counter * 2 + thread_id) % #FORMS + 1]
  local who = string.format("%d-%d", thread_id, counter)
  local body = form.body
  local email = RUN .. "-" .. who .. "%40example.org"
  body = string.gsub(body, "EMAILPLACEHOLDER", function() return email end)
  body = string.gsub(body, "NAMEPLACEHOLDER", function() return "Supporter" .. who end)
  if PERSONAL then
    body = string.gsub(body, "OWNWORDSPLACEHOLDER", own_words)
  else
    body = string.gsub(body, "OWNWORDSPLACEHOLDER", SAME_WORDS)
  end
  return wrk.format("POST", form.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = form.cookie,
    ["Referer"] = form.referer,
  }, body)
end
"""


def warm_up(url, in_a_row=20, tries=200):
    """GET until `in_a_row` answers in a row are HITs: every gunicorn worker process has its
    own copy of the page cache (without Redis), and each fills it with its first request."""
    hits = 0
    for _ in range(tries):
        _, headers, _ = http_get(url)
        hits = hits + 1 if headers.get("X-Cache") == "HIT" else 0
        if hits >= in_a_row:
            return


def site_paths(postal_code):
    from campaign.models import FAQPage, NewsPage

    def first_url(model):
        return model.objects.live().filter(locale__language_code="en").first().get_url()

    return {
        "home": "/en/",
        "news": first_url(NewsPage),
        "faq": first_url(FAQPage),
        "letter": "/en/write-to-your-mp/",
        "lookup": "/en/letters/lookup/",
    }


def lookup_is_posted(base, postal_code):
    """True when the JSON lookup takes its postal code in a POST (no postal code in a URL),
    False while it is a GET with a query string."""
    import urllib.error
    import urllib.request

    data = urlencode({"postal_code": postal_code}).encode()
    request = urllib.request.Request(base + "/en/letters/lookup/", data=data, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30):  # noqa: S310 - loopback
            return True  # answered: a GET-only lookup refuses a POST (403 or 405)
    except urllib.error.HTTPError:
        return False


def prepared_form(base, number, postal_code):
    """One supporter's filled-in letter form, as wrk will POST it: (url, body, cookie,
    referer), with placeholders for the email, the last name and the supporter's own
    sentence, which wrk fills in for each request."""
    supporter = Supporter(base, number)
    post_url, fields = supporter.letter_form(supporter.find_mp(postal_code))
    fields.update(email="EMAILPLACEHOLDER", last_name="NAMEPLACEHOLDER")
    fields["body"] = fields["body"].replace(supporter.own_words, "OWNWORDSPLACEHOLDER")
    cookie = "; ".join(f"{name}={value}" for name, value in supporter.cookies.items())
    return {"url": post_url, "body": urlencode(fields), "cookie": cookie, "referer": post_url}


def post_script(forms, *, personal, name):
    def lua(value):
        return wrk.lua_string(value)

    rows = ",\n".join(
        f"{{path = {lua(urlsplit(form['url']).path)}, body = {lua(form['body'])}, "
        f"cookie = {lua(form['cookie'])}, referer = {lua(form['referer'])}}}"
        for form in forms
    )
    words = ", ".join(lua(word) for word in WORDS)
    # The near-duplicate row: every letter carries the same personal paragraph (long enough
    # to be compared, short of LETTER_PERSONAL_WORDS_NEVER_HELD), as a pasted text would.
    same = "+".join(WORDS[:24])
    return (
        f"FORMS = {{\n{rows}\n}}\nWORDS = {{{words}}}\nSAME_WORDS = {lua(same)}\n"
        f"PERSONAL = {'true' if personal else 'false'}\nRUN = {lua(name)}\n" + POST_LUA
    )


def measure_post(stack, base, postal_codes, *, personal, name):
    """wrk POSTs prepared letter forms at 64 connections; every answered POST (303) must have
    made a letter, and on the common path (`personal`) none may be held."""
    from django.conf import settings

    from letters.models import Letter

    print(f"preparing {name} ({len(postal_codes)} forms)…", flush=True)
    forms = [prepared_form(base, 800_000 + n, code) for n, code in enumerate(postal_codes)]
    # The forms' signed render time must be older than a human could type (abuse screening).
    time.sleep(settings.LETTER_MIN_FILL_SECONDS + 0.5)
    before = Letter.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    print(f"measuring {name}…", flush=True)
    stack.wait_until_serving(int(urlsplit(base).port), 2)
    row = wrk.run(
        forms[0]["url"],
        connections=POST_CONNECTIONS,
        status=303,
        script=post_script(forms, personal=personal, name=name.replace("_", "-")),
    )
    made = Letter.objects.filter(pk__gt=before)
    row["letters_created"] = made.count()
    row["letters_held"] = made.exclude(hold_reason="").count()
    row["mps"] = made.values("mp").distinct().count()
    answered = row["answered_as_expected"]
    # wrk stops at the deadline with up to one POST per connection in flight: those may have
    # made a letter without their answer being counted.
    if not answered <= row["letters_created"] <= answered + POST_CONNECTIONS:
        row["failed"] = "; ".join(
            filter(None, [row["failed"], f"{answered} POSTs answered 303 but "
                          f"{row['letters_created']} letters made"])
        )  # fmt: skip
    if personal and row["letters_held"]:
        row["failed"] = "; ".join(filter(None, [row["failed"], "letters held"]))
    if not personal and not row["letters_held"]:
        row["failed"] = "; ".join(filter(None, [row["failed"], "no near-duplicate held"]))
    return row, forms[0]


def post_queries(base, form):
    """Queries of one letter POST like wrk's, counted in this process."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from flow import form_fields

    client = Client(HTTP_HOST="127.0.0.1")
    path = urlsplit(form["url"]).path
    _, fresh = form_fields(client.get(path).content.decode(), having="body")
    time.sleep(settings.LETTER_MIN_FILL_SECONDS + 0.5)
    data = dict(parse_qsl(form["body"], keep_blank_values=True))
    data.update(rendered_at=fresh["rendered_at"], email="queries@example.org", last_name="Q")
    data["body"] = data["body"].replace("OWNWORDSPLACEHOLDER", " ".join(random.sample(WORDS, 14)))
    with CaptureQueriesContext(connection) as captured:
        response = client.post(path, data)
    if response.status_code != 303:
        raise RuntimeError(f"the counted POST got {response.status_code}")
    return len(queries.statements(captured))


def measure_front(web, base, rows):
    """Home through Varnish in front of the gunicorn, and nginx serving the same HTML."""
    print("measuring home through Varnish and nginx…", flush=True)
    # The Host a front on port 80 receives: the page cache keeps canonical URLs only, and a
    # Host naming Varnish's loopback port (not the app's) is not one (core/pagecache.py).
    front = {"Host": "127.0.0.1"}
    with Varnish([web.port], log_dir=OUT / "logs") as varnish:
        http_get(varnish.url + "/en/", headers=front)  # the first fetch fills Varnish
        status, _, html = http_get(varnish.url + "/en/", headers=front)
        if status != 200:
            raise RuntimeError(f"Varnish answered {status} for /en/")
        rows["home_varnish"] = wrk.run(varnish.url + "/en/", headers=front, cache="HIT")
    with tempfile.TemporaryDirectory() as root:
        Path(root, "index.html").write_text(html)
        with Nginx(root, log_dir=OUT / "logs") as nginx:
            rows["home_nginx_static"] = wrk.run(nginx.url + "/")
    rows["home_varnish"]["vs_nginx"] = round(
        rows["home_varnish"]["rps"] / rows["home_nginx_static"]["rps"], 3
    )


def print_table(report):
    floor = report["floor_rps"]
    print(f"\nfloor (/healthz): {floor} requests/s   load before the run: {report['load']}\n")
    columns = ("req/s", "p50 ms", "p99 ms", "errors", "ratio", "queries")
    print(f"{'name':27}" + "".join(f"{column:>9}" for column in columns) + "  verdict")
    for name, row in report["results"].items():
        queries_column = "" if row.get("queries") is None else row["queries"]
        print(
            f"{name:27}{row['rps']:9.1f}{row['p50_ms']:9.2f}{row['p99_ms']:9.2f}"
            f"{row['errors']:9d}{row['ratio']:9.3f}{queries_column:>9}  "
            + (f"FAILED: {row['failed']}" if row["failed"] else "ok")
        )
    for name in ("letter_post", "letter_post_near_duplicate"):
        if name in report["results"]:
            row = report["results"][name]
            print(
                f"{name}: {row['letters_created']} letters to {row['mps']} MPs, "
                f"{row['letters_held']} held"
            )
    if "home_varnish" in report["results"]:
        print(
            f"home through Varnish / nginx static: {report['results']['home_varnish']['vs_nginx']}"
        )
    if report.get("flow_queries"):
        steps = ", ".join(f"{step} {count}" for step, count in report["flow_queries"].items())
        print(f"queries per step of the letter flow: {steps}")
    worker = report.get("worker")
    if worker:
        print(
            f"worker: {worker['letters_per_s']} letters/s ({worker['arrived']} of "
            f"{worker['letters']} letters at the sink in {worker['seconds']} s, "
            f"{worker['duplicates']} duplicates; supporters' copies done after "
            f"{worker['copies_done_s']} s)"
        )
    print(f"gunicorn worker RSS: {report['worker_rss_mb']} MB (largest of the workers)")


def main():
    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))

    def wanted(group):
        return not only or group in only

    load = os.getloadavg()
    with Stack("bench", log_dir=OUT / "logs") as stack:
        print(f"database {stack.db_name}: migrating and loading content…", flush=True)
        stack.prepare()
        postal_codes = stack.cache_postal_codes(POST_FORMS + 2)
        paths = site_paths(postal_codes[0])
        web = stack.start_web(workers=2)
        stack.start_worker()
        base = f"http://127.0.0.1:{web.port}"
        report = {"load": [round(value, 2) for value in load], "results": {}}

        if wanted("worker"):
            print(f"measuring the worker ({WORKER_LETTERS} letters)…", flush=True)
            report["worker"] = worker_rate.measure(stack.sink, WORKER_LETTERS)

        floor = wrk.run(base + "/healthz")
        report["floor_rps"] = floor["rps"]
        results = report["results"]

        def measure(name, path, *, cached, post=None):
            print(f"measuring {name}…", flush=True)
            stack.wait_until_serving(web.port, 2)  # the previous run's backlog is served
            headers = {} if cached else {BYPASS_HEADER: "1"}
            if cached:
                warm_up(base + path)
            script = wrk.form_post(urlencode(post)) if post else ""
            verdict = "HIT" if cached else "BYPASS"
            row = wrk.run(base + path, headers=headers, cache=verdict, script=script)
            row["queries"] = queries.count_queries(
                path, cached=cached, method="post" if post else "get", data=post
            )
            results[name] = row

        if wanted("pages"):
            for name in ("home", "news", "faq"):
                measure(f"{name}_cached", paths[name], cached=True)
                measure(f"{name}_uncached", paths[name], cached=False)
            measure("letter_page", paths["letter"], cached=True)
            lookup = {"postal_code": postal_codes[0]}
            if lookup_is_posted(base, postal_codes[0]):
                measure("lookup_cached", paths["lookup"], cached=False, post=lookup)
            else:
                measure("lookup_cached", f"{paths['lookup']}?{urlencode(lookup)}", cached=False)
        if wanted("front"):
            measure_front(web, base, results)
        if wanted("letter_post"):
            codes = postal_codes[1 : POST_FORMS + 1]
            row, form = measure_post(stack, base, codes, personal=True, name="letter_post")
            row["queries"] = post_queries(base, form)
            results["letter_post"] = row
            row, _ = measure_post(
                stack, base, codes[:1], personal=False, name="letter_post_near_duplicate"
            )
            results["letter_post_near_duplicate"] = row
        if wanted("flow"):
            print("counting the queries of every step of the letter flow…", flush=True)
            report["flow_queries"] = queries.flow_queries(postal_codes[-1], stack.sink)
        for row in results.values():
            row["ratio"] = round(row["rps"] / floor["rps"], 3)
            del row["requests"], row["answered_as_expected"]
        report["worker_rss_mb"] = round(max(stack.web_worker_rss_mb(web)), 1)
    (OUT / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    failed = [name for name, row in report["results"].items() if row["failed"]]
    print(f"\nwritten to var/bench/latest.json in {time.monotonic() - started:.0f} s")
    if failed:
        print(f"FAILED rows: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
