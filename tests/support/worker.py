"""Real `manage.py db_worker` processes on the pytest test database.

Fixture `start_worker` (needs `@pytest.mark.django_db(transaction=True)`, so that the worker
sees committed rows) starts workers and stops them after the test:

    @pytest.mark.slow
    @pytest.mark.django_db(transaction=True)
    def test_x(start_worker, smtp_mailers):
        worker = start_worker(smtp=smtp_mailers)   # mail goes to the SMTP sink
        ...                                         # enqueue tasks, e.g. confirm a letter
        wait_until(lambda: Letter.objects.get().status == "sent", timeout=20)
        worker.kill()        # SIGKILL: a crash, RUNNING task rows stay behind
        worker.start()       # the same --worker-id again
        worker.stop()        # SIGTERM: graceful, the current task finishes

Workers run `--interval 0.2 --no-reload --no-startup-delay` with
DJANGO_SETTINGS_MODULE=letusbelong.settings.test, DATABASE_URL naming the test database and
TEST_SMTP_PORT naming the sink's port (settings/test.py then sets MAILERS to it). Without
`smtp=` mail goes to the worker's own locmem outbox, i.e. nowhere observable.
`worker.output()` is the worker's log, handy in assertion messages.
`child_process_env(**extra)` is the environment for any other child process on the test database
(`database_url()` builds its DATABASE_URL).
`wait_until(predicate, timeout=, interval=, message=)` polls until the predicate is truthy and
returns its value, or fails the test.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import close_old_connections, connection


def wait_until(predicate, *, timeout=45, interval=0.1, message="condition"):
    deadline = time.monotonic() + timeout
    while True:
        close_old_connections()
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout} s waiting for {message}")
        time.sleep(interval)


def database_url(database=None):
    """A DATABASE_URL naming `database` (a DATABASES entry; by default the one this pytest run
    uses, test_<name>), for processes the tests start."""
    database = database or connection.settings_dict
    auth = quote(database.get("USER") or "postgres")
    if database.get("PASSWORD"):
        auth += ":" + quote(database["PASSWORD"])
    host, port = database.get("HOST") or "127.0.0.1", database.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{database['NAME']}"


def child_process_env(**extra):
    """The environment of a child process (manage.py, python -c) on the test database and the
    test settings, with `extra` variables on top."""
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "letusbelong.settings.test",
        "DATABASE_URL": database_url(),
        **extra,
    }


class WorkerProcess:
    """One db_worker subprocess with a stable worker id, restartable after a kill."""

    def __init__(self, log_path, *, smtp_port=None, extra_env=None):
        self.worker_id = f"test-{uuid.uuid4().hex[:12]}"
        self.log_path = log_path
        self.env = child_process_env(
            DATABASE_CONN_MAX_AGE="0", PYTHONUNBUFFERED="1", LOG_LEVEL="WARNING"
        )
        self.env.pop("TEST_SMTP_PORT", None)
        if smtp_port:
            self.env["TEST_SMTP_PORT"] = str(smtp_port)
        self.env |= extra_env or {}
        self.process = None

    def start(self):
        assert not self.running, "already running"
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    str(settings.BASE_DIR / "manage.py"),
                    "db_worker",
                    "--interval=0.2",
                    "--no-reload",
                    "--no-startup-delay",
                    f"--worker-id={self.worker_id}",
                ],
                cwd=settings.BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """SIGKILL, as the OOM killer or a power cut would."""
        if self.running:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, timeout=15):
        """SIGTERM: the worker finishes its current task and exits."""
        if self.running:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@pytest.fixture
def start_worker(transactional_db, tmp_path):
    workers = []

    def start(*, smtp=None, extra_env=None):
        worker = WorkerProcess(
            tmp_path / f"worker-{len(workers)}.log",
            smtp_port=smtp.port if smtp else None,
            extra_env=extra_env,
        )
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop(timeout=5)
