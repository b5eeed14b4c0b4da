"""The production stack on loopback, for `make bench` and `make soak`.

A throw-away PostgreSQL database (created, migrated, loaded with the campaign content and the
MP directory, dropped at the end), gunicorn with production settings and DEBUG off, the task
worker (`manage.py db_worker`) and an in-process SMTP sink (tests/support/loopback.py, the one
the tests use) that keeps every message it accepts. This process itself runs Django on the same
database and settings, to prepare data and to count queries. Every process it starts, it stops
by its own PID.
"""

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project, and the SMTP sink the tests use too

from tests.support.loopback import SmtpSink, free_port, wait_for_port  # noqa: E402

VENV_BIN = Path(sys.executable).parent
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BYPASS_HEADER = "X-Bench-No-Cache"
POSTAL_LETTERS = "ABCEGHJKLMNPRSTVXY"  # the letters Canada Post uses after the first


def toronto_postal_code(number):
    """A distinct, well-formed Ontario (M) postal code for each number."""
    letters = POSTAL_LETTERS
    return (
        f"M{number % 10}{letters[(number // 10) % 18]}"
        f"{(number // 180) % 10}{letters[(number // 1800) % 18]}{number % 7}"
    )


def rss_mb(pid):
    """Resident memory of one process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


class Stack:
    """The whole site on loopback with its own database; use as a context manager."""

    def __init__(self, name, *, log_dir, extra_env=None):
        self.db_name = f"lub_{name}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.sink = SmtpSink()
        self.processes = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "letusbelong.settings.production",
            "DATABASE_URL": f"{SERVER}/{self.db_name}",
            "SECRET_KEY": "bench-only-" + uuid.uuid4().hex * 2,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.sink.port),
            "EMAIL_USE_TLS": "false",
            "REPRESENT_API_URL": "http://127.0.0.1:9",  # never the internet: the cache answers
            "PAGE_CACHE_BYPASS_HEADER": BYPASS_HEADER,
            # TRUST.md item 38: load generators on loopback are exempt from the rate limits.
            "RATE_LIMIT_EXEMPT_IPS": "127.0.0.1",
            "MP_DATA_DIR": os.environ.get("MP_DATA_DIR") or str(ROOT.parent / "shared/data/mp"),
            "LETTERS_PER_MP_PER_HOUR": "100000",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }

    # -- lifecycle -----------------------------------------------------------------------

    def __enter__(self):
        self._admin_sql(f'CREATE DATABASE "{self.db_name}"')
        try:
            os.environ.update(self.env)
            import django

            django.setup()
            self.sink.start()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, *exc):
        for process in reversed(self.processes):
            self.stop_process(process)
        self.sink.stop()
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        self._admin_sql(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def _admin_sql(self, sql):
        import psycopg

        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
            connection.execute(sql)

    def prepare(self):
        """Migrate, collect static files, load the content, the MP directory and one postal code."""
        from django.core.management import call_command

        quiet = {"verbosity": 0, "stdout": io.StringIO()}
        call_command("migrate", interactive=False, **quiet)
        call_command("collectstatic", interactive=False, **quiet)
        call_command("load_campaign_content", **quiet)
        call_command("import_mps", csv=self.env["MP_DATA_DIR"], **quiet)
        from letters.models import DeliverySettings

        # The first send would create the delivery settings' row, and a setting's save starts a
        # new content version (every page cache and snapshot refilled): done here, before any
        # measurement, as on a site that has sent letters before.
        DeliverySettings.load()

    def cache_postal_codes(self, count):
        """Put `count` Ontario postal codes in the lookup cache, one per riding in turn, so the
        site never asks Represent and letters spread over the MPs. Returns the codes."""
        from directory.lookup.service import remember
        from directory.models import Riding
        from directory.postcode import PostalCode

        ridings = list(
            Riding.objects.occupied().filter(province="ON").values_list("fed_code", flat=True)
        )
        codes = [toronto_postal_code(number) for number in range(count)]
        for number, code in enumerate(codes):
            remember(PostalCode.parse(code), [ridings[number % len(ridings)]])
        return codes

    # -- processes -----------------------------------------------------------------------

    def spawn(self, name, args):
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop_process
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log = log
        process.name = name
        self.processes.append(process)
        return process

    def start_web(self, *, workers=2, name="gunicorn"):
        port = free_port()
        process = self.spawn(
            name,
            [
                str(VENV_BIN / "gunicorn"),
                "letusbelong.wsgi:application",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{port}",
                "--backlog=2048",
                "--timeout=60",
            ],
        )
        process.port = port
        wait_for_port(port)
        self.wait_until_serving(port, workers)
        return process

    def wait_until_serving(self, port, workers, timeout=60):
        """Until every worker has booted: enough /healthz answers in a row, quickly."""
        import requests

        deadline = time.monotonic() + timeout
        fast_in_a_row = 0
        while fast_in_a_row < 10 * workers:
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn on port {port} is not serving after {timeout} s")
            started = time.monotonic()
            with contextlib.suppress(requests.RequestException):
                ok = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).ok
                quick = time.monotonic() - started < 0.2
                fast_in_a_row = fast_in_a_row + 1 if ok and quick else 0

    def start_worker(self, name="worker"):
        """A task worker whose worker id is `name` (it shows in the tasks it claims)."""
        process = self.spawn(
            name,
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval=0.1",
                "--no-reload",
                f"--worker-id={name}",
            ],
        )
        process.worker_id = name
        return process

    def stop_process(self, process, sig=signal.SIGTERM):
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        process.log.close()
        if process in self.processes:
            self.processes.remove(process)

    def web_worker_rss_mb(self, web):
        return [rss_mb(pid) for pid in children(web.pid)]
