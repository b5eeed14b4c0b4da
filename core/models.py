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


class LoadedContent(models.Model):
    """What `load_campaign_content` last wrote to one page or snippet, by the loader's key.

    The loader updates an object only while its newest revision is still this one: a revision
    made after it (an organizer's or a translator's edit, saved or published) means people own
    the object now, and the loader leaves it alone until an explicit `--reset`. A record whose
    object is gone means someone deleted it, and the loader does not bring it back either."""

    key = models.CharField(max_length=200, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    revision_id = models.BigIntegerField(null=True, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.key} (revision {self.revision_id})"
