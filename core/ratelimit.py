"""A rate limit shared across processes and machines, kept in the database.

One atomic INSERT … ON CONFLICT DO UPDATE … RETURNING per hit: no read-modify-write race,
whatever the number of gunicorn workers or nodes."""

import hashlib
import hmac
import math
import time

from django.conf import settings
from django.db import connection

from core.models import RateLimitCounter


def hashed_key(*parts):
    """An HMAC of the parts, so counters never hold an IP address or an email in clear."""
    message = "\x1f".join(str(part) for part in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]


def hit(key, *, window_seconds):
    """Count one hit for `key` in the current window and return the new count."""
    window_start = int(time.time() // window_seconds) * window_seconds
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} ("key", "window_start", "count") VALUES (%s, %s, 1) '  # noqa: S608
            f'ON CONFLICT ("key", "window_start") DO UPDATE SET "count" = {table}."count" + 1 '
            'RETURNING "count"',
            [key, window_start],
        )
        return cursor.fetchone()[0]


def allow(key, *, limit, window_seconds):
    """True while `key` has had at most `limit` hits in the current window (this one included)."""
    return hit(key, window_seconds=window_seconds) <= limit


# The longest window any limit counts in (the per-email letter limit: a day), plus an hour:
# a window is only pruned once it has certainly ended.
LONGEST_WINDOW_SECONDS = 86400


def prune(older_than_seconds=None):
    """Delete windows that ended long ago (rows keep only their start: a window is pruned when
    it started longer ago than the longest window, plus an hour)."""
    if older_than_seconds is None:
        longest = max(LONGEST_WINDOW_SECONDS, settings.LETTER_RATE_LIMIT_EMAIL_WINDOW_SECONDS)
        older_than_seconds = longest + 3600
    cutoff = int(time.time()) - older_than_seconds
    return RateLimitCounter.objects.filter(window_start__lt=cutoff).delete()[0]


def seconds_left(window_seconds):
    """Seconds until the current window of `window_seconds` ends: the real wait of a limit
    that `allow` refused (windows are fixed, aligned on multiples of their length)."""
    return max(1, math.ceil(window_seconds - time.time() % window_seconds))
