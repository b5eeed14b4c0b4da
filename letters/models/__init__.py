from .campaign_page import LetterCampaignPage
from .letter import DeliverySettings, InvalidTransition, Letter, LetterEvent

__all__ = [
    "DeliverySettings",
    "InvalidTransition",
    "Letter",
    "LetterCampaignPage",
    "LetterEvent",
]
