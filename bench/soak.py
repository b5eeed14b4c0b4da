"""`make soak`: 100 supporters through the whole letter flow for 60 s, with faults, on loopback.

Two gunicorn instances (2 workers each) and two task workers share one throw-away PostgreSQL
database (bench/stack.py). 100 threads each play supporters one after another: letter page →
postal code → letter form → submit → wait for the confirmation email at the local SMTP sink →
confirm → sent page → print view, alternating between the two gunicorn instances.

Faults, at fixed points of the run: task worker 1 is killed with SIGKILL at 20 s and a new one
started 2 s later; the SMTP sink is stopped at 30 s and started again 10 s later.

After the 60 s no new flows start; flows in progress may finish (bounded), the sweeper
(`manage.py sweep_letters`) re-queues what the killed worker left in `sending`, and the queue
is given SOAK_DRAIN_SECONDS (default 420: a letter whose send failed while the sink was down
retries after its backoff) to drain. Then every letter a supporter confirmed is looked up
by its Message-ID at the sink. Prints `letters_confirmed=N delivered=N lost=0 duplicates=D`,
the latencies, and exits non-zero if a confirmed letter was lost.
"""

import os
import random
import signal
import statistics
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from flow import Supporter, confirmation_link
from stack import ROOT, Stack

from tests.support.loopback import text_of  # importable once stack has put ROOT on sys.path

SUPPORTERS = int(os.environ.get("SOAK_SUPPORTERS", "100"))
DURATION = int(os.environ.get("SOAK_SECONDS", "60"))
# Seconds a supporter waits for the confirmation email before giving up (and the thread moves
# on to the next supporter): an email that failed while the sink was down is retried after a
# quarter of the letter's age (15 s at first, up to 5 minutes: the pipeline's supporter-mail
# delay), so most arrive within the wait.
EMAIL_WAIT = 30
DRAIN_SECONDS = int(os.environ.get("SOAK_DRAIN_SECONDS", "420"))
FILL_SECONDS = 1  # LETTER_MIN_FILL_SECONDS for the soak: a fast human, not a bot


class Results:
    """What the supporters saw, shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.confirmed = []  # supporter emails whose confirmation POST succeeded
        self.failures = Counter()
        self.timings = defaultdict(list)

    def add_timings(self, timings):
        with self.lock:
            for step, seconds in timings.items():
                self.timings[step].append(seconds)

    def fail(self, reason):
        with self.lock:
            self.failures[reason] += 1


def one_flow(base_url, number, postal_code, sink, results):
    supporter = Supporter(base_url, number)
    try:
        supporter.open_letter_page()
        write_url = supporter.find_mp(postal_code)
        post_url, fields = supporter.letter_form(write_url)
        time.sleep(FILL_SECONDS + random.uniform(0.1, 2.0))  # noqa: S311 - pacing, not security
        supporter.submit(post_url, fields)
        submitted = time.monotonic()
        try:
            [message, *_] = sink.wait_for(
                address=supporter.email, containing="/letters/confirm/", timeout=EMAIL_WAIT
            )
        except TimeoutError:
            results.fail("no confirmation email")
            return
        text = text_of(message)
        supporter.timings["confirmation_email"] = time.monotonic() - submitted
        sent_url = supporter.confirm(urlsplit(confirmation_link(text)).path)
        with results.lock:
            results.confirmed.append(supporter.email)
        supporter.read_sent_and_print(sent_url)
    except Exception as error:  # noqa: BLE001 - counted and reported, the run goes on
        results.fail(f"{type(error).__name__}: {str(error)[:80]}")
    finally:
        results.add_timings(supporter.timings)


def supporter_thread(index, web_urls, postal_codes, sink, results, stop_at):
    flow = 0
    while time.monotonic() < stop_at:
        number = index * 10_000 + flow
        one_flow(
            web_urls[flow % len(web_urls)],
            number,
            postal_codes[number % len(postal_codes)],
            sink,
            results,
        )
        flow += 1


def inject_faults(stack, workers, started):
    """Kill worker 1 with SIGKILL and start a new one; stop the SMTP sink for 10 s."""

    def at(second):
        time.sleep(max(0.0, started + second - time.monotonic()))

    at(20)
    print("fault: SIGKILL task worker 1", flush=True)
    stack.stop_process(workers[0], signal.SIGKILL)
    at(22)
    workers[0] = stack.start_worker("worker-1-restarted")
    print("fault: task worker 1 restarted", flush=True)
    at(30)
    print("fault: SMTP sink stopped", flush=True)
    stack.sink.stop()
    at(40)
    stack.sink.start()
    print("fault: SMTP sink started again", flush=True)


def percentiles(values):
    if not values:
        return "-"
    ordered = sorted(values)

    def pick(fraction):
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    return (
        f"n={len(ordered)} p50={statistics.median(ordered) * 1000:.0f}ms "
        f"p95={pick(0.95) * 1000:.0f}ms p99={pick(0.99) * 1000:.0f}ms"
    )


def drain(stack, confirmed_emails):
    """Sweep, then wait (bounded) until every confirmed letter has left the queue."""
    from django.core.management import call_command

    from letters.models import Letter

    deadline = time.monotonic() + DRAIN_SECONDS
    waiting = Letter.objects.filter(email__in=confirmed_emails).exclude(status=Letter.Status.SENT)
    while time.monotonic() < deadline:
        call_command("sweep_letters", verbosity=0)
        left = waiting.count()
        if left == 0:
            return
        print(f"draining: {left} confirmed letters not sent yet", flush=True)
        time.sleep(5)


def delivery_report(stack, confirmed_emails):
    from letters.models import Letter

    letters = Letter.objects.filter(email__in=confirmed_emails)
    wanted = {letter.message_id.strip("<>"): letter.email for letter in letters}
    to_mp = Counter()
    for message in stack.sink.messages:
        message_id = (message["Message-ID"] or "").strip("<>")
        if message_id in wanted and wanted[message_id] not in message.envelope_to:
            to_mp[message_id] += 1
    delivered = sum(1 for message_id in wanted if to_mp[message_id])
    duplicates = sum(count - 1 for count in to_mp.values() if count > 1)
    statuses = Counter(letters.values_list("status", flat=True))
    return len(confirmed_emails), delivered, duplicates, statuses, len(wanted)


def main():
    started_run = time.monotonic()
    log_dir = ROOT / "var" / "soak"
    soak_env = {
        "LETTER_MIN_FILL_SECONDS": str(FILL_SECONDS),
        # The sweeper may treat a letter as stuck in `sending` (and a task as stale) after
        # 1 minute instead of 10/15, so the drain after the SIGKILL fits in the run.
        "LETTERS_SENDING_TIMEOUT_MINUTES": "1",
        "LETTERS_TASK_GRACE_MINUTES": "1",
    }
    with Stack("soak", log_dir=log_dir, extra_env=soak_env) as stack:
        print(f"database {stack.db_name}: migrating and loading content…", flush=True)
        stack.prepare()
        postal_codes = stack.cache_postal_codes(500)
        webs = [stack.start_web(workers=2, name=f"gunicorn-{n}") for n in (1, 2)]
        workers = [stack.start_worker(f"worker-{n}") for n in (1, 2)]
        web_urls = [f"http://127.0.0.1:{web.port}" for web in webs]

        results = Results()
        started = time.monotonic()
        stop_at = started + DURATION
        print(f"{SUPPORTERS} supporters for {DURATION} s…", flush=True)
        threads = [
            threading.Thread(
                target=supporter_thread,
                args=(index, web_urls, postal_codes, stack.sink, results, stop_at),
                daemon=True,
            )
            for index in range(SUPPORTERS)
        ]
        faults = threading.Thread(target=inject_faults, args=(stack, workers, started))
        faults.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(1.0, stop_at + EMAIL_WAIT + 60 - time.monotonic()))
        faults.join()
        unfinished = sum(thread.is_alive() for thread in threads)

        confirmed = list(results.confirmed)
        drain(stack, confirmed)
        confirmed_count, delivered, duplicates, statuses, in_db = delivery_report(stack, confirmed)

    lost = confirmed_count - delivered
    print()
    print(
        f"letters_confirmed={confirmed_count} delivered={delivered} lost={lost} "
        f"duplicates={duplicates}"
    )
    print(f"confirmed letters in the database: {in_db}, by status: {dict(statuses)}")
    print(
        f"flows started={len(results.timings['letter_page'])}; failures: "
        f"{dict(results.failures) or 0}; threads still running: {unfinished}"
    )
    for step in (
        "letter_page",
        "find_mp",
        "letter_form",
        "submit",
        "confirmation_email",
        "confirm_page",
        "confirm",
        "sent_page",
        "print_page",
    ):
        print(f"  {step:20} {percentiles(results.timings.get(step, []))}")
    print(f"soak finished in {time.monotonic() - started_run:.0f} s")
    return 1 if lost or in_db != confirmed_count else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        sys.exit(2)
