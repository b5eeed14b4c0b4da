"""What a live postal-code lookup teaches the directory about its MPs.

Represent's answer to a postal code carries the riding's House of Commons record, with the MP's
preferred official language and gender. Each lookup that reaches Represent refreshes those two
imported fields of the sitting MP it names, so a change on ourcommons.ca reaches the letter
without waiting for the next `import_mps`. Organizer overrides are separate fields: a lookup never
touches them. A record only updates the MP it is about (same House person id, else same name)."""

from django.utils import timezone

from directory.models import MemberOfParliament
from directory.names import searchable_text

from .represent import representative_details

REFRESHED_FIELDS = ("preferred_language", "form_of_address")


def refresh_members(representatives):
    """Apply the language and form of address of Represent records to their sitting MPs.

    A value Represent does not give ("") changes nothing. Returns how many MPs changed."""
    details = [found for rep in representatives if (found := representative_details(rep))]
    if not details:
        return 0
    sitting = MemberOfParliament.objects.filter(
        active=True, riding_id__in={found["fed_code"] for found in details}
    )
    by_riding = {member.riding_id: member for member in sitting}
    changed = 0
    for found in details:
        member = by_riding.get(found["fed_code"])
        if member is None or not _same_person(member, found):
            continue
        changes = {
            name: found[name]
            for name in REFRESHED_FIELDS
            if found[name] and getattr(member, name) != found[name]
        }
        if changes:
            MemberOfParliament.objects.filter(pk=member.pk).update(
                **changes, updated_at=timezone.now()
            )
            changed += 1
    return changed


def _same_person(member, found):
    if member.external_id and found["external_id"]:
        return member.external_id == found["external_id"]
    return searchable_text(member.name) == searchable_text(found["name"])
