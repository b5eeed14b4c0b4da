"""Servers on 127.0.0.1 for the tests and for `make bench`/`make soak` (bench/stack.py imports
this module): a free port, waiting for one to listen, and the SMTP sink.

This module imports neither pytest nor Django, so the benchmarks can use it as they are.

    sink = SmtpSink(); sink.start()                # aiosmtpd on a free port
    sink.wait_for(1, address="a@example.org")      # → [email.message.EmailMessage], or TimeoutError
    sink.wait_for(1, address="a@…", containing="/letters/confirm/", timeout=30)
    sink.to("a@example.org")                       # what arrived for that envelope recipient
    sink.messages                                  # everything, in order of arrival
    sink.stop(); …; sink.start()                   # an outage: connections are refused
    sink.hang(); …; sink.release()                 # DATA is stored but never answered, then 250

Each message is parsed with `email.policy.default`, with `.envelope_from`, `.envelope_to` (a
list), `.received_at` (time.time()) and `.peer` (the client's address and port, one per SMTP
connection) added; `text_of(message)` is its plain-text body.
"""

import asyncio
import contextlib
import socket
import threading
import time
from email import message_from_bytes, policy


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
