"""Fixed-window counters shared by every process and machine through the database."""

from django.db import models


class RateLimitCounter(models.Model):
    """How many times `key` was hit in the window starting at `window_start` (Unix seconds).

    Keys are hashed before they get here, so no address or email is stored."""

    key = models.CharField(max_length=100)
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="unique_ratelimit_window")
        ]

    def __str__(self):
        return f"{self.key}@{self.window_start}: {self.count}"
