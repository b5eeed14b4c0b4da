"""Varnish and nginx from Debian's packages on loopback, for tests and `make bench`/`make soak`.

`Varnish([port, ...])` runs `varnishd` in the foreground with the repository's VCL
(deploy/varnish/letusbelong.vcl) and a generated `nodes.vcl` naming the app nodes (gunicorn
or a live server on 127.0.0.1) and loopback as the purger, in its own working directory, on a
free port. `Nginx(root)` serves a directory of static files. Both are stopped by their PID.

Fixture `varnish_front` (with `live_server`): Varnish in front of the live server, and
`settings.WAGTAILFRONTENDCACHE` pointing the site's purges at it.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VCL = REPO / "deploy" / "varnish" / "letusbelong.vcl"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


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
            wait_for_port(self.port)
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


def get(url, headers=None, timeout=10):
    """(status, headers, body text) of a GET, errors included, with no cookie jar."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def varnish_front(live_server, settings, tmp_path):
    """Varnish in front of the live server; the site's purges go to it."""
    port = int(live_server.url.rsplit(":", 1)[1])
    varnish = Varnish([port], log_dir=tmp_path).start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "core.frontcache.TimedHTTPBackend", "LOCATION": varnish.url}
    }
    yield varnish
    varnish.stop()
