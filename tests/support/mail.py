"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, keeping every message it accepts.

Fixtures:
- `smtp_sink`: a started `SmtpSink` on a free port (stopped after the test).
- `smtp_mailers`: `smtp_sink`, with `settings.MAILERS` pointed at it for this process. A worker
  started by `tests.support.worker` reaches it through TEST_SMTP_PORT (see settings/test.py).

    def test_x(smtp_mailers):
        EmailMessage("hi", "body", to=["a@example.org"]).send()
        [msg] = smtp_mailers.wait_for(1)           # email.message.EmailMessage objects
        assert msg["To"] == "a@example.org"
        smtp_mailers.to("a@example.org")            # the messages whose envelope had a@…
        smtp_mailers.stop(); ...; smtp_mailers.start()   # an outage: connections refused
        smtp_mailers.hang()                         # accept DATA, keep it, never answer
        smtp_mailers.release()                      # back to answering 250

Each stored message is the parsed message (`policy.default`) with `.envelope_from` and
`.envelope_to` attributes added.
"""

import asyncio
import socket
import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


def free_port():
    """A port nobody listens on now (aiosmtpd's Controller cannot use port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(
            envelope.original_content or envelope.content, policy=policy.default
        )
        msg.envelope_from = envelope.mail_from
        msg.envelope_to = list(envelope.rcpt_tos)
        self.sink.messages.append(msg)
        while self.sink.hanging:  # the message is stored, the client never hears back
            await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


class SmtpSink:
    """An SMTP server on 127.0.0.1:`port` that can be stopped, restarted and made to hang."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.messages = []
        self.hanging = False
        self._controller = None

    def start(self):
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        self.hanging = False
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def hang(self):
        self.hanging = True

    def release(self):
        self.hanging = False

    def to(self, address):
        return [msg for msg in self.messages if address in msg.envelope_to]

    def wait_for(self, count, *, timeout=45, address=None):
        """Wait until `count` messages (to `address`, if given) arrived; return them."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.to(address) if address else list(self.messages)
            if len(found) >= count or time.monotonic() > deadline:
                assert len(found) >= count, f"{len(found)} of {count} messages arrived"
                return found
            time.sleep(0.05)

    @property
    def mailers(self):
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5},
            }
        }


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp_mailers(smtp_sink, settings):
    settings.MAILERS = smtp_sink.mailers
    return smtp_sink
