"""The worker's mail connection, kept open from one email to the next.

Opening an SMTP connection (TCP, greeting, EHLO, STARTTLS, AUTH) costs more than sending a
letter over it. Every email the pipeline sends goes through `send(message)`, which reuses the
connection of the previous send while it was last used less than
`MAIL_CONNECTION_IDLE_SECONDS` ago and has carried fewer than `MAIL_CONNECTION_MAX_MESSAGES`
messages. So a batch (the tasks one worker runs back to back during a surge) shares one
connection. An SMTP connection idle for more than a second is asked first (NOOP): one the
server has dropped meanwhile (a restart, an idle timeout) is replaced before any message is
entrusted to it.

After any error the connection is thrown away and the next send opens a fresh one. A failed
send is never repeated here: the caller's retry decides, with the letter's stable Message-ID,
so this layer can never send a message twice. One connection per thread (the worker runs its
tasks on one thread); the backend comes from `MAILERS["default"]`, SMTP or an ESP through
Anymail alike. `is_permanent_failure` and `describe_failure` say what a failed send means.
"""

import atexit
import contextlib
import smtplib
import threading
import time

from anymail.exceptions import AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import mailers


class _ThreadConnection(threading.local):
    """This thread's open connection, the settings it was made from, and its use so far."""

    connection = None
    config = None
    last_used = float("-inf")
    messages = 0


_current = _ThreadConnection()
CHECK_AFTER_IDLE_SECONDS = 1.0


def send(message):
    """Send one EmailMessage over this thread's reusable connection; raises what the backend
    raises (and then drops the connection)."""
    connection = _open_connection()
    try:
        connection.send_messages([message])
    except BaseException:
        close()
        raise
    _current.last_used = time.monotonic()
    _current.messages += 1


def _open_connection():
    config = settings.MAILERS.get("default")
    idle = time.monotonic() - _current.last_used
    reusable = (
        _current.connection is not None
        and _current.config == config
        and idle < settings.MAIL_CONNECTION_IDLE_SECONDS
        and _current.messages < settings.MAIL_CONNECTION_MAX_MESSAGES
        and (idle < CHECK_AFTER_IDLE_SECONDS or _still_open(_current.connection))
    )
    if not reusable:
        close()
        connection = mailers.default
        connection.open()
        _current.connection, _current.config, _current.messages = connection, config, 0
    return _current.connection


def _still_open(connection):
    """False when an SMTP server no longer answers on this connection; other backends (an
    ESP's HTTP API, the test outbox) have nothing to ask and are taken as open."""
    smtp = getattr(connection, "connection", None)
    if not isinstance(smtp, smtplib.SMTP):
        return True
    try:
        return smtp.noop()[0] == 250
    except (smtplib.SMTPException, OSError):
        return False


def close():
    """Close this thread's connection, if any (politely: QUIT), ignoring a dead one."""
    connection, _current.connection = _current.connection, None
    if connection is not None:
        # Already broken: there is nobody left to say goodbye to.
        with contextlib.suppress(Exception):
            connection.close()


atexit.register(close)


# What a failed send means: final (5xx, a refused recipient) or worth another try.


def is_permanent_failure(error):
    """A 5xx answer from the mail server (or an ESP refusing the recipient) is final;
    connection trouble, timeouts and 4xx are not."""
    if isinstance(error, AnymailRecipientsRefused):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def describe_failure(error):
    """The error's type and SMTP code: never the message text, which may quote addresses."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _message in error.recipients.values()})
        return f"{type(error).__name__} {codes}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}"
    return type(error).__name__
