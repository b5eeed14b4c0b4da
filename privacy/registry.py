"""Where supporters' personal data lives, as far as privacy knows: the registered holders.

The apps that keep personal data (letters) sit above privacy in the layers, so privacy cannot
import them. Instead each registers one holder at start-up, in its AppConfig.ready:

    from privacy import registry
    registry.register(LetterData())

and privacy's purge, export and erasure call every holder in registration order, inside their
own transaction. A holder reports what it did as counts ({"letters": 2}), which go to the audit
trail and the logs; counts never name a supporter.
"""

from typing import Protocol


class PersonalDataHolder(Protocol):
    """What an app that keeps supporters' personal data provides to privacy."""

    def purge(self, now):
        """Apply the retention periods as of `now`; return {count name: number}."""

    def export(self, email, fingerprint):
        """Everything kept about the supporter: ({count name: number}, {section: section}),
        each section made by `privacy.export.section`."""

    def erase(self, email, fingerprint, *, actor, now):
        """Stop whatever is still pending for the supporter and remove their data, leaving
        nothing but the keyed hash; return {count name: number}."""


_holders = []


def register(holder):
    """Add `holder` (a `PersonalDataHolder`) once; later calls with an equal holder are ignored."""
    if holder not in _holders:
        _holders.append(holder)
    return holder


def holders():
    return tuple(_holders)
