"""The SMTP sink as fixtures (the sink itself is tests/support/loopback.py, shared with bench/).

- `smtp_sink`: a started `SmtpSink` on a free port, stopped after the test.
- `smtp_mailers`: `smtp_sink`, with `settings.MAILERS` pointed at it for this process. A worker
  started by `tests.support.worker` reaches it through TEST_SMTP_PORT (see settings/test.py).

    def test_x(smtp_mailers):
        EmailMessage("hi", "body", to=["a@example.org"]).send()
        [msg] = smtp_mailers.wait_for(1, address="a@example.org")
        assert msg["To"] == "a@example.org"
"""

import pytest

from tests.support.loopback import SmtpSink


@pytest.fixture
def smtp_sink():
    from letters import outgoing

    sink = SmtpSink().start()
    yield sink
    outgoing.close()  # this process's reusable mail connection to the sink dies with it
    sink.stop()


@pytest.fixture
def smtp_mailers(smtp_sink, settings):
    settings.MAILERS = smtp_sink.mailers
    return smtp_sink
