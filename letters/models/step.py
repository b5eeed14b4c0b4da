"""Where a supporter is in the letter tool, kept on the server so no URL carries it."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_step_id():
    return secrets.token_urlsafe(16)


class LetterStep(models.Model):
    """One supporter's way through the letter tool, from the find step to the letter.

    The find step (a POST) makes one and redirects to `…/step/<id>/`; the riding choice and the
    write step hang off that id. The postal code and the riding live here, not in a URL, so
    access logs never hold them. A step lasts `LETTER_STEP_MINUTES`, then the id leads back to
    the start; `sweep_letters` deletes expired steps."""

    id = models.CharField(primary_key=True, max_length=32, default=new_step_id, editable=False)
    postal_code = models.CharField(max_length=6)
    # What the lookup found: the riding codes to choose from (empty: the province's list).
    fed_codes = models.JSONField(default=list, blank=True)
    # The riding the supporter writes about (chosen, or the only one found).
    fed_code = models.CharField(max_length=8, blank=True)
    # Why the supporter picks from the province's list: "unknown", "unavailable", "limited".
    notice = models.CharField(max_length=16, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "letter step"

    def __str__(self):
        return f"letter step until {self.expires_at:%Y-%m-%d %H:%M}"  # never the postal code

    @classmethod
    def start(cls, postal_code, fed_codes, notice=""):
        """A new step for a looked-up postal code; the riding is set when only one was found."""
        return cls.objects.create(
            postal_code=postal_code.code,
            fed_codes=list(fed_codes),
            notice=notice,
            fed_code=fed_codes[0] if len(fed_codes) == 1 else "",
            expires_at=timezone.now() + timedelta(minutes=settings.LETTER_STEP_MINUTES),
        )

    @classmethod
    def find(cls, step_id):
        """The live step with this id, or None (unknown, malformed or expired)."""
        if not isinstance(step_id, str) or len(step_id) > 32:
            return None
        return cls.objects.filter(pk=step_id, expires_at__gt=timezone.now()).first()

    @classmethod
    def prune(cls):
        """Delete expired steps; returns how many."""
        return cls.objects.filter(expires_at__lte=timezone.now()).delete()[0]

    def choose(self, fed_code):
        self.fed_code = fed_code
        self.save(update_fields=["fed_code"])
