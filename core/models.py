"""The two rows every process shares through the database: the page cache's content version
and the rate-limit counters."""

from django.db import models
from django.db.models import F


class ContentVersion(models.Model):
    """One row whose value changes whenever public content changes: part of every page-cache key.

    Bumped inside the transaction that changes the content, so no process can see the new
    version with the old content."""

    ROW_ID = 1

    value = models.BigIntegerField(default=0)

    def __str__(self):
        return f"content version {self.value}"

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=cls.ROW_ID).values_list("value", flat=True).first() or 0

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=cls.ROW_ID).update(value=F("value") + 1):
            cls.objects.get_or_create(pk=cls.ROW_ID, defaults={"value": 1})


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
