"""Extension points of the letter tool, for the apps above it.

Letters never imports those apps. An app that wants the supporter's separate, optional consent
on the details step registers it here from its AppConfig.ready:

    from letters.extensions import OptionalConsent, register_optional_consent

    register_optional_consent(OptionalConsent(
        field_name="consent_reply_follow_up",
        kind="reply_follow_up",          # a privacy.Consent.Kind
        version="replies-2026-12-v1",    # change it whenever the wording changes
        label=reply_follow_up_label,     # a function returning the translated wording
    ))

The form then shows an unticked box for it (after the campaign-updates box), and
`pipeline.submit_letter` stores a `privacy.Consent` of that kind with the letter, wording
version and hash included, exactly like the built-in consents. What the consent is for is the
registering app's business: it finds the consents by kind through `Letter.consents`.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class OptionalConsent:
    """An optional consent on the letter's details step, owned by another app."""

    field_name: str
    kind: str
    version: str
    label: Callable[[], str]


_optional_consents = []


def register_optional_consent(consent):
    """Add `consent` once (registering an equal one again is ignored)."""
    if all(existing.field_name != consent.field_name for existing in _optional_consents):
        _optional_consents.append(consent)
    return consent


def optional_consents():
    return tuple(_optional_consents)
