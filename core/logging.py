"""Log filters for the console.

`make run` starts the worker after `load_campaign_content` has queued hundreds of Wagtail's own
bookkeeping tasks (the reference index, the search index): two lines each would bury the admin
login it prints. Their routine lines are dropped; their failures and every line of the
project's own tasks (letters, mail) stay."""

import logging
import re

HOUSEKEEPING_TASK_PREFIXES = ("wagtail.", "modelsearch.")


class QuietHousekeepingTasks(logging.Filter):
    """Drops routine (below WARNING) django.tasks lines about Wagtail's bookkeeping tasks."""

    def filter(self, record):
        if record.name != "django.tasks" or record.levelno >= logging.WARNING:
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        path = str(args[1]) if len(args) > 1 else ""
        return not path.startswith(HOUSEKEEPING_TASK_PREFIXES)


# The only request lines that still carry a secret are the email links, which move their token
# into a cookie (letters/token_views.py, replies/views.py); a postal code in a URL could come
# only from an old bookmark or a hand-made request. Both are rewritten in every log line.
_TOKEN_IN_PATH = re.compile(
    r"(/letters/(?:confirm|sent|print)/|/replies/(?!answer/|find-my-mp/))[^/\s?\"']+"
)
_POSTAL_CODE = re.compile(r"\b[A-Za-z]\d[A-Za-z](?:\s|\+|%20|-)?\d[A-Za-z]\d\b")


def redact(text):
    """`text` without link tokens (`…/[token]/`) or anything shaped like a postal code."""
    text = _TOKEN_IN_PATH.sub(r"\1[token]", text)
    return _POSTAL_CODE.sub("[postal code]", text)


class RedactSecrets(logging.Filter):
    """Rewrites each record's message with `redact` (Django's CSRF and request warnings name the
    path), on the handler, so it holds for every logger."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


def gunicorn_logger_class():
    """gunicorn's logger with every access-log atom passed through `redact` (gunicorn.conf.py)."""
    from gunicorn.glogging import Logger  # imported here: only gunicorn processes need it

    class RedactingLogger(Logger):
        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            return {
                name: redact(value) if isinstance(value, str) else value
                for name, value in atoms.items()
            }

    return RedactingLogger
