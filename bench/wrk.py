"""wrk runs for `make bench`: every response checked, every failure counted.

Each run's Lua script checks every response: its status (anything but 2xx/3xx, or another
status than the one expected, is counted as bad) and, where the row expects one, the cache's
verdict in `X-Cache` (HIT for a cached row, BYPASS for an uncached one). A row with a bad
status, a wrong verdict or a wrk socket error (connect, read, write, timeout) has failed.
"""

import json
import os
import subprocess
import tempfile
from pathlib import Path

SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
GET_CONNECTIONS = 32

CHECK_LUA = """
local threads = {}
setup = function(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end
bad, wrong_verdict, answered_expected, codes, verdict = 0, 0, 0, "", ""
response = function(status, headers, body)
  if status < 200 or status >= 400 or (EXPECT_STATUS and status ~= EXPECT_STATUS) then
    bad = bad + 1
    if #codes < 120 then codes = codes .. " " .. status end
  else
    answered_expected = answered_expected + 1
  end
  if EXPECT_CACHE then
    local seen = headers["X-Cache"] or headers["x-cache"] or "none"
    if seen ~= EXPECT_CACHE then
      wrong_verdict = wrong_verdict + 1
      verdict = seen
    end
  end
end
done = function(summary, latency, requests)
  local bad, wrong, good, codes, verdict = 0, 0, 0, "", ""
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("bad")
    wrong = wrong + thread:get("wrong_verdict")
    good = good + thread:get("answered_expected")
    codes = codes .. thread:get("codes")
    if thread:get("verdict") ~= "" then verdict = thread:get("verdict") end
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "seconds": %f, "p50_us": %d, "p99_us": %d, '
    .. '"socket_errors": %d, "bad_status": %d, "wrong_verdict": %d, "expected": %d, '
    .. '"codes": "%s", "verdict": "%s"}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, bad, wrong, good, codes, verdict))
end
"""


def lua_string(value):
    return "[==[" + value + "]==]"


def expectations(*, cache=None, status=None):
    """The Lua globals a row's checks read: the X-Cache verdict and the exact status wanted."""
    return (
        f"EXPECT_CACHE = {lua_string(cache) if cache else 'nil'}\n"
        f"EXPECT_STATUS = {status or 'nil'}\n"
    )


def form_post(body):
    """Lua that makes every request a form POST of `body` (a urlencoded string)."""
    return (
        f'wrk.method = "POST"\nwrk.body = {lua_string(body)}\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
    )


def run(url, *, connections=GET_CONNECTIONS, headers=None, cache=None, status=None, script=""):
    """One wrk run; returns the row's figures, with `failed` saying why it failed (or "")."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(expectations(cache=cache, status=status) + script + CHECK_LUA)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--timeout=10s", "-s", lua.name]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    try:
        finished = subprocess.run(
            [*command, url], capture_output=True, text=True, timeout=SECONDS + 60
        )
    finally:
        Path(lua.name).unlink()
    if "WRKJSON " not in finished.stdout:
        raise RuntimeError(f"wrk failed:\n{finished.stdout}\n{finished.stderr}")
    figures = json.loads(finished.stdout.split("WRKJSON ", 1)[1].splitlines()[0])
    problems = []
    if figures["socket_errors"]:
        problems.append(f"{figures['socket_errors']} socket errors")
    if figures["bad_status"]:
        problems.append(f"{figures['bad_status']} bad statuses:{figures['codes'][:60]}")
    if figures["wrong_verdict"]:
        problems.append(
            f"{figures['wrong_verdict']} X-Cache {figures['verdict']!r}, expected {cache}"
        )
    if not figures["requests"]:
        problems.append("no request answered")
    return {
        "requests": figures["requests"],
        "answered_as_expected": figures["expected"],
        "rps": round(figures["requests"] / figures["seconds"], 1),
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "errors": figures["socket_errors"] + figures["bad_status"] + figures["wrong_verdict"],
        "failed": "; ".join(problems),
    }
