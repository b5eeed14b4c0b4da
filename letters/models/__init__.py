from .audit import AuditEntry, Suppression
from .campaign_page import LetterCampaignPage
from .directory import MemberOfParliament, PostcodeCacheEntry, Province, Riding
from .letter import Consent, DeliverySettings, InvalidTransition, Letter, LetterEvent

__all__ = [
    "AuditEntry",
    "Consent",
    "DeliverySettings",
    "InvalidTransition",
    "Letter",
    "LetterCampaignPage",
    "LetterEvent",
    "MemberOfParliament",
    "PostcodeCacheEntry",
    "Province",
    "Riding",
    "Suppression",
]
