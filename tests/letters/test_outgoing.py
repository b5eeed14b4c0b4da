"""The worker's reusable mail connection (letters/outgoing.py), against a real SMTP server.

Every message the aiosmtpd sink accepts records the client's (host, port): one per connection.
"""

import smtplib

import pytest
from django.core.mail import EmailMessage
from django.test import override_settings

from letters import outgoing, pipeline
from letters.models import Letter
from tests.support.loopback import SmtpSink

S = Letter.Status


def message(number):
    return EmailMessage(f"Message {number}", "Hello.", to=[f"person{number}@example.org"])


def connections(sink):
    return {msg.peer for msg in sink.messages}


@pytest.fixture(autouse=True)
def fresh_connection():
    outgoing.close()
    yield
    outgoing.close()


def test_consecutive_sends_share_one_connection(smtp_mailers):
    for number in range(5):
        outgoing.send(message(number))
    assert [msg["Subject"] for msg in smtp_mailers.wait_for(5)] == [
        f"Message {n}" for n in range(5)
    ]
    assert len(connections(smtp_mailers)) == 1


@pytest.mark.parametrize(
    ("setting", "messages", "connections_made"),
    [
        ({"MAIL_CONNECTION_MAX_MESSAGES": 2}, 5, 3),
        ({"MAIL_CONNECTION_IDLE_SECONDS": 0}, 3, 3),
    ],
    ids=["a-connection-carries-at-most-the-configured-number", "an-idle-connection-is-not-reused"],
)
def test_a_connection_is_replaced_when_its_limits_are_reached(
    smtp_mailers, setting, messages, connections_made
):
    with override_settings(**setting):
        for number in range(messages):
            outgoing.send(message(number))
    smtp_mailers.wait_for(messages)
    assert len(connections(smtp_mailers)) == connections_made


def test_a_connection_the_server_dropped_is_replaced_before_sending(smtp_mailers, monkeypatch):
    outgoing.send(message(1))
    smtp_mailers.stop()  # a restart of the mail server: the open connection is gone
    smtp_mailers.start()
    monkeypatch.setattr(outgoing, "CHECK_AFTER_IDLE_SECONDS", 0)  # as after a second's pause
    outgoing.send(message(2))
    assert [msg["Subject"] for msg in smtp_mailers.wait_for(2)] == ["Message 1", "Message 2"]
    assert len(connections(smtp_mailers)) == 2


def test_after_a_failure_the_next_send_opens_a_new_connection(smtp_mailers):
    outgoing.send(message(1))
    smtp_mailers.stop()
    with pytest.raises((smtplib.SMTPException, OSError)):
        outgoing.send(message(2))  # the dead connection, used within the second: fails
    with pytest.raises(OSError):
        outgoing.send(message(3))  # a new connection: refused while the server is down
    smtp_mailers.start()
    outgoing.send(message(4))
    assert [msg["Subject"] for msg in smtp_mailers.wait_for(2)] == ["Message 1", "Message 4"]


def test_a_different_mail_server_gets_its_own_connection(smtp_mailers, settings):
    outgoing.send(message(1))
    other = SmtpSink()
    other.start()
    try:
        settings.MAILERS = other.mailers
        outgoing.send(message(2))
        assert [msg["Subject"] for msg in other.wait_for(1)] == ["Message 2"]
    finally:
        outgoing.close()
        other.stop()
    assert [msg["Subject"] for msg in smtp_mailers.wait_for(1)] == ["Message 1"]


def test_letters_and_copies_of_a_batch_go_over_one_connection(make_letter, smtp_mailers):
    letters = [make_letter(email=f"s{n}@example.org", confirm=True) for n in range(4)]
    for letter in letters:
        assert pipeline.send_letter.call(letter.pk) == "sent"
        assert pipeline.send_supporter_copy.call(letter.pk) == "sent"

    received = smtp_mailers.wait_for(8)
    assert len(connections(smtp_mailers)) == 1
    to_mp = [msg for msg in received if "mp35075@parl.gc.ca" in msg.envelope_to]
    expected = sorted(letter.message_id for letter in letters)
    assert sorted(msg["Message-ID"] for msg in to_mp) == expected
    for letter in letters:
        [copy] = smtp_mailers.to(letter.email)
        assert "has been sent" in copy["Subject"]
