from .audit import AuditEntry, Suppression
from .campaign_page import LetterCampaignPage
from .letter import Consent, DeliverySettings, InvalidTransition, Letter, LetterEvent

__all__ = [
    "AuditEntry",
    "Consent",
    "DeliverySettings",
    "InvalidTransition",
    "Letter",
    "LetterCampaignPage",
    "LetterEvent",
    "Suppression",
]
