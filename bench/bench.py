"""`make bench`: throughput of the production stack on loopback, measured with wrk.

Starts a throw-away PostgreSQL database with the campaign content, gunicorn (2 sync workers,
production settings, DEBUG off), the task worker and a local SMTP sink (bench/stack.py), then
measures, each for BENCH_SECONDS (default 8) with wrk on 127.0.0.1:

- floor: /healthz, a constant view behind the whole middleware stack;
- home, a news article and the FAQ, cached (an anonymous GET, from the page cache) and uncached
  (the same GET with the `X-Bench-No-Cache` header, honoured only because bench mode sets
  PAGE_CACHE_BYPASS_HEADER);
- the letter page, the postal-code lookup (JSON, answer in the lookup cache);
- the letter POST with its CSRF token at 64 connections (every request a different supporter,
  the loopback load generator exempt from the per-IP limit through RATE_LIMIT_EXEMPT_IPS);
- the worker's delivery rate: N letters queued in one transaction, time until all are sent.

Queries per request are counted in this process with Django's test client under
CaptureQueriesContext, on the same database and settings. Prints a table and writes
var/bench/latest.json.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import worker_rate
from flow import Supporter, form_fields
from stack import BYPASS_HEADER, ROOT, Stack

SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
GET_CONNECTIONS = 32
POST_CONNECTIONS = 64
WORKER_LETTERS = int(os.environ.get("BENCH_WORKER_LETTERS", "400"))
OUT = ROOT / "var" / "bench"

REPORT_LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'WRKJSON {"requests": %d, "seconds": %f, "p50_us": %d, "p99_us": %d, "errors": %d, '
    .. '"kinds": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    errors, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
"""

# Each POST is a different supporter: a new email address per request, so the per-email limits
# and the "already wrote today" rule never refuse one.
POST_LUA = """
-- thread_id is a global that setup() sets in each thread (a local would hide it).
local counter = 0
local threads = {}
codes = {}
setup = function(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end
response = function(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
  if status >= 400 and status ~= 303 then
    seen = (seen or "") .. " " .. status
  end
end
report_codes = function()
  for _, thread in ipairs(threads) do
    local seen = thread:get("seen")
    if seen then io.write("WRKCODES" .. string.sub(seen, 1, 400) .. "\\n") end
  end
end
request = function()
  counter = counter + 1
  local email = string.format("bench-%d-%d%%40example.org", thread_id, counter)
  local body = string.gsub(BODY_TEMPLATE, "EMAIL_PLACEHOLDER", function() return email end)
  return wrk.format("POST", nil, HEADERS, body)
end
"""


def wrk(url, *, connections=GET_CONNECTIONS, headers=None, script=REPORT_LUA):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--timeout=10s", "-s", lua.name]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    try:
        finished = subprocess.run(
            [*command, url], capture_output=True, text=True, timeout=SECONDS + 30
        )
    finally:
        Path(lua.name).unlink()
    if "WRKJSON " not in finished.stdout:
        raise RuntimeError(f"wrk failed:\n{finished.stdout}\n{finished.stderr}")
    output = finished.stdout
    figures = json.loads(output.split("WRKJSON ", 1)[1].splitlines()[0])
    if figures["errors"]:
        print(f"  errors of {url}: {figures['kinds']} (status = answers of 400 and above)")
        for line in output.splitlines():
            if line.startswith("WRKCODES"):
                print("  error statuses seen:", line.removeprefix("WRKCODES")[:200])
    return {
        "requests": figures["requests"],
        "rps": round(figures["requests"] / figures["seconds"], 1),
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "errors": figures["errors"],
    }


def count_queries(path, *, cached, method="get", data=None):
    """Queries one request costs in steady state, as under wrk: counted in this process on the
    same database and settings, after one warm-up request (which fills the page cache when
    `cached`, and the shared navigation and content-version lookups either way)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    headers = {} if cached else {BYPASS_HEADER: "1"}
    cache.clear()
    getattr(client, method)(path, data=data, headers=headers)
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data=data, headers=headers)
    assert response.status_code in (200, 302), (path, response.status_code)
    return len(queries)


def site_paths(postal_code):
    from campaign.models import FAQPage, NewsPage

    def first_url(model):
        return model.objects.live().filter(locale__language_code="en").first().get_url()

    return {
        "home": "/en/",
        "news": first_url(NewsPage),
        "faq": first_url(FAQPage),
        "letter": "/en/write-to-your-mp/",
        "lookup": f"/en/letters/lookup/?postal_code={postal_code}",
    }


def lua_string(value):
    return "[==[" + value + "]==]"


def post_script(body, headers):
    lua_headers = ", ".join(
        f"[ {lua_string(name)} ] = {lua_string(v)}" for name, v in headers.items()
    )
    return (
        f"BODY_TEMPLATE = {lua_string(body)}\nHEADERS = {{{lua_headers}}}\n" + POST_LUA + REPORT_LUA
    )


def worker_delivery_rate(stack):
    """Queue WORKER_LETTERS letters (to as many MPs) in one transaction, with the worker running;
    letters sent per second from that commit until the last one is sent."""
    from letters.models import Letter, LetterCampaignPage

    campaign = LetterCampaignPage.objects.live().filter(locale__language_code="en").first()
    # Straight to the queue, as after a confirmation: this measures delivery, not confirmation.
    LetterCampaignPage.objects.filter(pk=campaign.pk).update(require_confirmation=False)
    letters = worker_rate.queue_letters(WORKER_LETTERS)
    started = time.monotonic()
    ids = [letter.pk for letter in letters]
    deadline = started + 120
    while time.monotonic() < deadline:
        sent = Letter.objects.filter(pk__in=ids, status=Letter.Status.SENT).count()
        if sent == len(ids):
            break
        time.sleep(0.1)
    elapsed = time.monotonic() - started
    if sent < len(ids):
        print(f"worker: only {sent} of {len(ids)} letters sent within 120 s")
    return round(sent / elapsed, 1)


def print_table(report):
    floor = report["floor_rps"]
    print(f"\nfloor (/healthz): {floor} requests/s\n")
    columns = ("req/s", "p50 ms", "p99 ms", "errors", "ratio", "queries")
    print(f"{'name':15}" + "".join(f"{column:>9}" for column in columns))
    for name, row in report["results"].items():
        print(
            f"{name:15}{row['rps']:9.1f}{row['p50_ms']:9.2f}{row['p99_ms']:9.2f}"
            f"{row['errors']:9d}{row['ratio']:9.2f}{row['queries']:9d}"
        )
    print(f"\nworker: {report['worker_letters_per_s']} letters/s")
    print(f"gunicorn worker RSS: {report['worker_rss_mb']} MB (largest of the workers)")


def main():
    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    with Stack("bench", log_dir=OUT / "logs") as stack:
        print(f"database {stack.db_name}: migrating and loading content…", flush=True)
        stack.prepare()
        postal_codes = stack.cache_postal_codes(10)
        paths = site_paths(postal_codes[0])
        web = stack.start_web(workers=2)
        stack.start_worker()
        base = f"http://127.0.0.1:{web.port}"
        bypass = {BYPASS_HEADER: "1"}

        floor = wrk(base + "/healthz")
        results = {}

        def measure(name, path, *, cached, headers=None, **kwargs):
            print(f"measuring {name}…", flush=True)
            stack.wait_until_serving(web.port, 2)  # the previous run's backlog is served
            row = wrk(base + path, headers={**(headers or {}), **({} if cached else bypass)})
            row["ratio"] = round(row["rps"] / floor["rps"], 3)
            row["queries"] = count_queries(path, cached=cached, **kwargs)
            results[name] = row

        only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
        for name in () if only else ("home", "news", "faq"):
            measure(f"{name}_cached", paths[name], cached=True)
            measure(f"{name}_uncached", paths[name], cached=False)
        if not only:
            measure("letter_page", paths["letter"], cached=True)
            measure("lookup_cached", paths["lookup"], cached=True)
        results["letter_post"] = measure_letter_post(stack, base, floor, postal_codes[1])
        for row in results.values():
            del row["requests"]

        letters_per_s = worker_delivery_rate(stack)
        report = {
            "floor_rps": floor["rps"],
            "results": results,
            "worker_letters_per_s": letters_per_s,
            "worker_rss_mb": round(max(stack.web_worker_rss_mb(web)), 1),
        }
    (OUT / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    print(f"\nwritten to var/bench/latest.json in {time.monotonic() - started:.0f} s")


def measure_letter_post(stack, base, floor, postal_code):
    """wrk POSTs the letter form at 64 connections, each request a new supporter."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from letters.models import Letter

    supporter = Supporter(base, 0)
    write_url = supporter.find_mp(postal_code)
    post_url, fields = supporter.letter_form(write_url)
    # The form's signed render time must be older than a human could type (abuse screening).
    time.sleep(settings.LETTER_MIN_FILL_SECONDS + 0.5)
    cookie = "; ".join(f"{name}={value}" for name, value in supporter.cookies.items())
    fields["email"] = "EMAIL_PLACEHOLDER"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Referer": post_url,
    }
    before = Letter.objects.count()
    print("measuring letter_post…", flush=True)
    stack.wait_until_serving(int(urlsplit(base).port), 2)
    row = wrk(
        post_url, connections=POST_CONNECTIONS, script=post_script(urlencode(fields), headers)
    )
    created = Letter.objects.count() - before
    row["letters_created"] = created
    if created < row["requests"] - row["errors"]:
        print(f"letter_post: {row['requests']} answered but only {created} letters created")
    row["ratio"] = round(row["rps"] / floor["rps"], 3)

    from django.test import Client

    # Queries of one POST, counted here: a fresh form, filled the same way, posted once.
    client = Client(HTTP_HOST="127.0.0.1")
    path = post_url.removeprefix(base)
    _, fresh = form_fields(client.get(path).content.decode())
    time.sleep(settings.LETTER_MIN_FILL_SECONDS + 0.5)
    data = {**fields, "rendered_at": fresh["rendered_at"], "email": "queries@example.org"}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(path, data)
    if response.status_code != 303:
        errors = response.text[response.text.find("error-summary") :][:1500]
        raise RuntimeError(f"the counted POST got {response.status_code}:\n{errors}")
    row["queries"] = len(queries)
    return row


if __name__ == "__main__":
    sys.exit(main())
