"""`make soak`: 100 supporters through the whole letter flow for 60 s, with faults, on loopback.

Two gunicorn instances (2 workers each) behind Varnish (deploy/varnish/letusbelong.vcl, a
round-robin director over both) and two task workers share one throw-away PostgreSQL
database (bench/stack.py). 100 threads each play supporters one after another, through
Varnish: letter page → postal code → letter form → submit → wait for the confirmation email
at the local SMTP sink → confirm → sent page → print view. The sweeper
(`manage.py sweep_letters`) runs every SWEEP_SECONDS, as cron would.

Faults, at fixed points of the run: task worker 1 is killed with SIGKILL at 20 s (what it was
doing at that moment is recorded: a task in flight, or idle) and a new one started 2 s later;
the SMTP sink is stopped at 30 s and started again 10 s later.

After the 60 s no new flows start; flows in progress finish (bounded), and the queue is given
SOAK_DRAIN_SECONDS (default 420: a letter whose send failed while the sink was down retries
after its backoff) to drain. Then every letter a supporter confirmed is looked up by its
Message-ID at the sink. Prints flows/s, each step's p50/p95, `letters_confirmed=N
delivered=N lost=0 duplicates=D` and how the SIGKILL landed, and exits non-zero if any flow
failed, any confirmed letter was lost, any letter arrived twice, or fewer than
SOAK_MIN_CONFIRMED (300) letters were confirmed.
"""

import contextlib
import io
import os
import random
import signal
import statistics
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict

import worker_rate
from flow import Supporter, confirmation_link
from stack import ROOT, Stack

from tests.support.loopback import Varnish, text_of  # importable once stack is imported

SUPPORTERS = int(os.environ.get("SOAK_SUPPORTERS", "100"))
DURATION = int(os.environ.get("SOAK_SECONDS", "60"))
MIN_CONFIRMED = int(os.environ.get("SOAK_MIN_CONFIRMED", "300"))
# Seconds a supporter waits for the confirmation email before giving up (a failed flow): an
# email that failed while the sink was down is retried after a quarter of the letter's age
# (15 s at first), and one whose worker was killed is retried by the sweeper once its task
# is older than LETTERS_TASK_GRACE_MINUTES (1 in the soak).
EMAIL_WAIT = 150
SWEEP_SECONDS = 15
DRAIN_SECONDS = int(os.environ.get("SOAK_DRAIN_SECONDS", "420"))
FILL_SECONDS = 1  # LETTER_MIN_FILL_SECONDS for the soak: a fast human, not a bot
TARGET_FLOWS_PER_S = 14
TARGET_P95_S = 1.5
STEPS = (
    "letter_page",
    "find_mp",
    "letter_form",
    "submit",
    "confirmation_email",
    "confirm_page",
    "confirm",
    "sent_page",
    "print_page",
)


class Results:
    """What the supporters saw, shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.confirmed = []  # supporter emails whose confirmation POST succeeded
        self.completed_at = []  # when each whole flow ended (monotonic)
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
    supporter = Supporter(base_url, number, host="127.0.0.1")
    try:
        supporter.open_letter_page()
        write_url = supporter.find_mp(postal_code)
        post_url, fields = supporter.letter_form(write_url)
        time.sleep(FILL_SECONDS + random.uniform(0.1, 2.0))  # noqa: S311 - pacing, not security
        supporter.submit(post_url, fields)
        submitted = time.monotonic()
        try:
            [message, *_] = sink.wait_for(
                address=supporter.email, containing="/confirm", timeout=EMAIL_WAIT
            )
        except TimeoutError:
            results.fail("no confirmation email")
            return
        supporter.timings["confirmation_email"] = time.monotonic() - submitted
        sent_url = supporter.confirm(confirmation_link(text_of(message)))
        with results.lock:
            results.confirmed.append(supporter.email)
        supporter.read_sent_and_print(sent_url)
        with results.lock:
            results.completed_at.append(time.monotonic())
    except Exception as error:  # noqa: BLE001 - counted and reported, the run goes on
        results.fail(f"{type(error).__name__}: {str(error)[:80]}")
    finally:
        results.add_timings(supporter.timings)


def supporter_thread(index, base_url, postal_codes, sink, results, stop_at):
    flow = 0
    while time.monotonic() < stop_at:
        number = index * 10_000 + flow
        one_flow(base_url, number, postal_codes[number % len(postal_codes)], sink, results)
        flow += 1


def task_in_flight(worker_id):
    """What the worker is running now: (task name, letter id), or None when it is idle."""
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status="RUNNING", worker_ids__contains=[worker_id])
    task = running.order_by("-started_at").first()
    if task is None:
        return None
    return task.task_path.rsplit(".", 1)[-1], (task.args_kwargs.get("args") or [None])[0]


def inject_faults(stack, workers, started, faults):
    """Kill worker 1 with SIGKILL (noting what it was doing) and start a new one; stop the
    SMTP sink for 10 s."""

    def at(second):
        time.sleep(max(0.0, started + second - time.monotonic()))

    try:
        at(20)
        faults["in_flight"] = task_in_flight(workers[0].worker_id)
        stack.stop_process(workers[0], signal.SIGKILL)
        print(f"fault: SIGKILL task worker 1 ({landing(faults['in_flight'])})", flush=True)
        at(22)
        workers[0] = stack.start_worker("worker-1-restarted")
        print("fault: task worker 1 restarted", flush=True)
        at(30)
        print("fault: SMTP sink stopped", flush=True)
        stack.sink.stop()
        at(40)
        stack.sink.start()
        print("fault: SMTP sink started again", flush=True)
    finally:
        from django.db import connection

        connection.close()


def landing(in_flight):
    if in_flight is None:
        return "idle: no task in flight"
    name, argument = in_flight
    return f"in flight: {name}({argument})"


def sweep(counts):
    """One sweep_letters run, as cron would; adds up what it did in `counts`."""
    from django.core.management import call_command

    output = io.StringIO()
    call_command("sweep_letters", verbosity=2, stdout=output)
    for pair in output.getvalue().split():
        name, _, value = pair.partition("=")
        if value.isdigit():
            counts[name] += int(value)


def sweeper(counts, stop):
    from django.db import connection

    try:
        while not stop.wait(SWEEP_SECONDS):
            sweep(counts)
    finally:
        connection.close()


def percentiles(values):
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
    }


def drain(confirmed_emails, sweeps):
    """Sweep, then wait (bounded) until every confirmed letter has left the queue."""
    from letters.models import Letter

    deadline = time.monotonic() + DRAIN_SECONDS
    waiting = Letter.objects.filter(email__in=confirmed_emails).exclude(status=Letter.Status.SENT)
    while time.monotonic() < deadline:
        sweep(sweeps)
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
    return delivered, duplicates, statuses, len(wanted)


def killed_task(worker_id, in_flight):
    """What the killed worker left RUNNING, as the sweeper found it (a task claimed between
    the look at the kill and the kill itself shows here): (task name, argument) or None."""
    from django_tasks_db.models import DBTaskResult

    stale = DBTaskResult.objects.filter(
        worker_ids__contains=[worker_id], exception_class_path__endswith="StaleWorker"
    ).first()
    if stale is None:
        return in_flight
    return stale.task_path.rsplit(".", 1)[-1], (stale.args_kwargs.get("args") or [None])[0]


def killed_letter_fate(in_flight):
    """For a send killed in flight: whether the sweeper re-queued that letter; for a
    supporter's email, whether it was enqueued again."""
    from django_tasks_db.models import DBTaskResult

    from letters.models import Letter, LetterEvent

    if in_flight is None:
        return ""
    if in_flight[0] != "send_letter":
        again = DBTaskResult.objects.filter(
            task_path__endswith=f".{in_flight[0]}", args_kwargs__args=[in_flight[1]]
        ).count()
        return f"; that task ran {again} time(s) in all (the sweeper enqueues a stale email again)"
    requeued = LetterEvent.objects.filter(
        letter_id=in_flight[1], note__startswith="re-queued by the sweeper"
    ).exists()
    status = Letter.objects.filter(pk=in_flight[1]).values_list("status", flat=True).first()
    return f"; the sweeper {'re-queued' if requeued else 'did not re-queue'} it; now {status}"


def main():
    started_run = time.monotonic()
    log_dir = ROOT / "var" / "soak"
    soak_env = {
        "LETTER_MIN_FILL_SECONDS": str(FILL_SECONDS),
        # The sweeper may treat a letter as stuck in `sending` (and a task as stale) after
        # 1 minute instead of 10/15, so the recovery after the SIGKILL fits in the run.
        "LETTERS_SENDING_TIMEOUT_MINUTES": "1",
        "LETTERS_TASK_GRACE_MINUTES": "1",
    }
    with Stack("soak", log_dir=log_dir, extra_env=soak_env) as stack:
        print(f"database {stack.db_name}: migrating and loading content…", flush=True)
        stack.prepare()
        postal_codes = stack.cache_postal_codes(500)
        webs = [stack.start_web(workers=2, name=f"gunicorn-{n}") for n in (1, 2)]
        workers = [stack.start_worker(f"worker-{n}") for n in (1, 2)]
        # Loading the content left Wagtail's bookkeeping tasks (reference index, search) in
        # the queue: the run starts once the workers have done them.
        worker_rate.wait_for_empty_queue(timeout=300)
        with Varnish([web.port for web in webs], log_dir=log_dir) as varnish:
            results, faults, sweeps, unfinished, started = run_supporters(
                stack, workers, varnish.url, postal_codes
            )
        confirmed = list(results.confirmed)
        drain(confirmed, sweeps)
        delivered, duplicates, statuses, in_db = delivery_report(stack, confirmed)
        killed = killed_task("worker-1", faults.get("in_flight"))
        fate = killed_letter_fate(killed)

    in_window = sum(1 for at in results.completed_at if at <= started + DURATION)
    flows_per_s = in_window / DURATION
    lost = len(confirmed) - delivered
    print()
    print(
        f"flows completed in the {DURATION} s: {in_window} ({flows_per_s:.1f} flows/s; "
        f"{len(results.completed_at)} in all); flows started={len(results.timings['letter_page'])}"
    )
    print(
        f"letters_confirmed={len(confirmed)} delivered={delivered} lost={lost} "
        f"duplicates={duplicates}"
    )
    print(f"confirmed letters in the database: {in_db}, by status: {dict(statuses)}")
    print(f"failed flows: {dict(results.failures) or 0}; threads still running: {unfinished}")
    print(
        f"SIGKILL of worker 1: seen {landing(faults.get('in_flight'))} just before; "
        f"left behind: {f'{killed[0]}({killed[1]})' if killed else 'nothing'}{fate}"
    )
    print(f"the sweeper, all runs together: {dict(sweeps)}")
    slow_steps = []
    for step in STEPS:
        figures = percentiles(results.timings.get(step, []))
        if figures["n"]:
            print(
                f"  {step:20} n={figures['n']:5d} p50={figures['p50'] * 1000:6.0f} ms "
                f"p95={figures['p95'] * 1000:6.0f} ms"
            )
            if step != "confirmation_email" and figures["p95"] >= TARGET_P95_S:
                slow_steps.append(step)
    print(
        f"target {TARGET_FLOWS_PER_S} flows/s with every step's p95 < {TARGET_P95_S} s: "
        + ("met" if flows_per_s >= TARGET_FLOWS_PER_S and not slow_steps else "NOT met")
        + (f" (slow: {', '.join(slow_steps)})" if slow_steps else "")
    )
    print(f"soak finished in {time.monotonic() - started_run:.0f} s")
    problems = [
        (sum(results.failures.values()), "failed flows"),
        (lost, "confirmed letters lost"),
        (duplicates, "letters delivered twice"),
        (in_db != len(confirmed), "confirmed letters missing from the database"),
        (len(confirmed) < MIN_CONFIRMED, f"fewer than {MIN_CONFIRMED} letters confirmed"),
    ]
    failed = [text for count, text in problems if count]
    if failed:
        print("SOAK FAILED: " + "; ".join(failed))
    return 1 if failed else 0


def run_supporters(stack, workers, base_url, postal_codes):
    """The supporters, the faults and the sweeper, for DURATION seconds (flows in progress
    then finish, bounded)."""
    results, faults, sweeps = Results(), {}, Counter()
    started = time.monotonic()
    stop_at = started + DURATION
    print(f"{SUPPORTERS} supporters for {DURATION} s through Varnish at {base_url}…", flush=True)
    threads = [
        threading.Thread(
            target=supporter_thread,
            args=(index, base_url, postal_codes, stack.sink, results, stop_at),
            daemon=True,
        )
        for index in range(SUPPORTERS)
    ]
    fault_thread = threading.Thread(target=inject_faults, args=(stack, workers, started, faults))
    stop_sweeping = threading.Event()
    sweep_thread = threading.Thread(target=sweeper, args=(sweeps, stop_sweeping), daemon=True)
    for thread in [fault_thread, sweep_thread, *threads]:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, stop_at + EMAIL_WAIT + 60 - time.monotonic()))
    fault_thread.join()
    stop_sweeping.set()
    with contextlib.suppress(RuntimeError):
        sweep_thread.join(timeout=60)
    return results, faults, sweeps, sum(thread.is_alive() for thread in threads), started


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        sys.exit(2)
