"""Servers on 127.0.0.1 for the tests and for `make bench`/`make soak` (bench/stack.py imports
this module): a free port, waiting for one to listen, the SMTP sink, and Varnish and nginx
from Debian's packages.

This module imports neither pytest nor Django, so the benchmarks can use it as they are.

    sink = SmtpSink(); sink.start()                # aiosmtpd on a free port
    sink.wait_for(1, address="a@example.org")      # → [email.message.EmailMessage], or TimeoutError
    sink.wait_for(1, address="a@…", containing="/letters/confirm/", timeout=30)
    sink.to("a@example.org")                       # what arrived for that envelope recipient
    sink.messages                                  # everything, in order of arrival
    sink.stop(); …; sink.start()                   # an outage: connections are refused
    sink.hang(); …; sink.release()                 # DATA is stored but never answered, then 250

    with Varnish([app_port, ...]) as varnish:      # deploy/varnish/letusbelong.vcl in front
        http_get(varnish.url + "/en/")             # → (status, headers, text)
        varnish.purge("/")
    with Nginx(directory) as nginx: ...            # static files

Each message is parsed with `email.policy.default`, with `.envelope_from`, `.envelope_to` (a
list), `.received_at` (time.time()) and `.peer` (the client's address and port, one per SMTP
connection) added; `text_of(message)` is its plain-text body.
"""

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path


def free_port():
    """A port nobody listens on now (aiosmtpd's Controller cannot bind port 0 itself)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=60):
    """Return once something accepts connections on 127.0.0.1:`port`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def text_of(message):
    """The plain-text body of a message ("" if it has none)."""
    body = message.get_body(("plain", "html"))
    return body.get_content() if body is not None else ""


class SmtpSink:
    """An SMTP server on 127.0.0.1:`port` keeping every message it accepts; it can be stopped,
    started again on the same port, and made to hang. Safe to read from any thread."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.hanging = False
        self._received = []
        self._arrived = threading.Condition()
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = message_from_bytes(
            envelope.original_content or envelope.content, policy=policy.default
        )
        message.envelope_from = envelope.mail_from
        message.envelope_to = list(envelope.rcpt_tos)
        message.received_at = time.time()
        message.peer = session.peer  # the client's (host, port): one per SMTP connection
        with self._arrived:
            self._received.append(message)
            self._arrived.notify_all()
        while self.hanging:  # the message is stored, the client never hears back
            await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"

    def start(self):
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self):
        self.hanging = False
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def hang(self):
        self.hanging = True

    def release(self):
        self.hanging = False

    @property
    def messages(self):
        with self._arrived:
            return list(self._received)

    def to(self, address, containing=None):
        """The messages whose envelope named `address` (any case), holding `containing` in
        their text if given."""
        with self._arrived:
            return self._matching(address, containing)

    def wait_for(self, count=1, *, address=None, containing=None, timeout=45):
        """Wait until `count` messages (to `address`, holding `containing`) have arrived and
        return them all; raise TimeoutError if they do not within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            found = self._matching(address, containing)
            while len(found) < count and (remaining := deadline - time.monotonic()) > 0:
                self._arrived.wait(remaining)
                found = self._matching(address, containing)
        if len(found) < count:
            raise TimeoutError(f"{len(found)} of {count} messages arrived in {timeout} s")
        return found

    def _matching(self, address, containing):
        return [
            message
            for message in self._received
            if (address is None or address.lower() in map(str.lower, message.envelope_to))
            and (containing is None or containing in text_of(message))
        ]

    @property
    def mailers(self):
        """Django's MAILERS setting sending here."""
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5},
            }
        }


REPO = Path(__file__).resolve().parents[2]
VCL = REPO / "deploy" / "varnish" / "letusbelong.vcl"


def nodes_vcl(ports):
    """The app nodes on 127.0.0.1, a round-robin director `app` over them, and loopback as the
    only address allowed to purge."""
    lines = [
        f'backend node{n} {{ .host = "127.0.0.1"; .port = "{port}"; '
        ".connect_timeout = 2s; .first_byte_timeout = 60s; }"
        for n, port in enumerate(ports, 1)
    ]
    lines += ["sub vcl_init {", "    new app = directors.round_robin();"]
    lines += [f"    app.add_backend(node{n});" for n in range(1, len(ports) + 1)]
    lines += ["}", 'acl purgers { "127.0.0.1"; "::1"; }', ""]
    return "\n".join(lines)


class _Daemon:
    """A foreground server process in its own directory, stopped by its PID."""

    name = "daemon"

    def __init__(self, log_dir=None):
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix=f"lub-{self.name}-"))
        self.log_dir = Path(log_dir or tempfile.gettempdir())
        self.log_path = self.log_dir / f"{self.name}-{self.port}.log"
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        raise NotImplementedError

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            wait_for_port(self.port, timeout=30)
        except RuntimeError:
            log = self.log_path.read_text(errors="replace")
            self.stop()
            raise RuntimeError(f"{self.name} did not start:\n{log}") from None
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Varnish(_Daemon):
    """varnishd with the repository's VCL in front of app nodes on 127.0.0.1:`ports`."""

    name = "varnish"

    def __init__(self, backend_ports, *, log_dir=None, memory_mb=128):
        super().__init__(log_dir)
        self.memory_mb = memory_mb
        (self.workdir / "nodes.vcl").write_text(nodes_vcl(backend_ports))

    def command(self):
        return [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-F",
            "-j", "none",  # no privilege separation: everything as the user who runs the tests
            "-n", str(self.workdir / "state"),
            "-a", f"127.0.0.1:{self.port}",
            "-T", "none",
            "-f", str(VCL),
            "-p", f"vcl_path={self.workdir}:{VCL.parent}",
            "-s", f"malloc,{self.memory_mb}m",
        ]  # fmt: skip

    def purge(self, path="/"):
        request = urllib.request.Request(self.url + path, method="PURGE")
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            return response.status


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""


class Nginx(_Daemon):
    """nginx serving the files under `root` (one worker process, no access log)."""

    name = "nginx"

    def __init__(self, root, *, log_dir=None):
        super().__init__(log_dir)
        # nginx's workers run as an unprivileged user when started by root: let them read.
        for path in (Path(root), *Path(root).iterdir()):
            path.chmod(0o755 if path.is_dir() else 0o644)
        conf = NGINX_CONF.format(workdir=self.workdir, port=self.port, root=Path(root).resolve())
        (self.workdir / "nginx.conf").write_text(conf)

    def command(self):
        return [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-c", str(self.workdir / "nginx.conf"),
            "-p", str(self.workdir),
            "-e", str(self.workdir / "error.log"),
        ]  # fmt: skip


def http_get(url, headers=None, timeout=10):
    """(status, headers, body text) of a GET, errors included, with no cookie jar."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
