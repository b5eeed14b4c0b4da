"""Template context shared by every page."""

from django.conf import settings


def organisation(request):
    """`organisation`: the campaign's name (CAMPAIGN_ORGANISATION), for titles and the header."""
    return {"organisation": settings.CAMPAIGN_ORGANISATION}
