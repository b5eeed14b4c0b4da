"""Model fields more than one app declares the same way."""

from django.db import models


def optional_link(to, **options):
    """A link to a row that may be deleted (a page, an image, the admin user who did something):
    the link just empties, and the target gets no reverse accessor."""
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", **options
    )
