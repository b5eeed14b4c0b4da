"""The site's clock: `now()` is what every time-dependent piece of the reply loop asks.

In production it is `django.utils.timezone.now()`. The test settings may name a file
(`CLOCK_OFFSET_FILE`) holding a number of seconds to add: an end-to-end test writes "1209600"
there and every process reading the same settings (the test itself and a real `db_worker`)
lives fourteen days later from that moment on, without restarting. Production never sets it."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone


def offset():
    """The test offset as a timedelta (zero unless CLOCK_OFFSET_FILE names a readable file)."""
    path = settings.CLOCK_OFFSET_FILE
    if not path:
        return timedelta(0)
    try:
        return timedelta(seconds=float(Path(path).read_text().strip() or 0))
    except (OSError, ValueError):
        return timedelta(0)


def now():
    """The current time, aware, moved by the test offset if one is set."""
    return timezone.now() + offset()
