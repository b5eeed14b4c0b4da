"""Every model of the letters app, for Django's registry and for other apps.

Inside letters, the views and the modules they use (pipeline, screening, forms…) import the
letter models from `letters.models.letter`, never from here: this package also imports the
campaign page, whose routes import the views."""

from .campaign_page import LetterCampaignPage
from .letter import DeliverySettings, InvalidTransition, Letter, LetterEvent, TrackingPayload
from .step import LetterStep

__all__ = [
    "DeliverySettings",
    "InvalidTransition",
    "Letter",
    "LetterCampaignPage",
    "LetterEvent",
    "LetterStep",
    "TrackingPayload",
]
