"""Ridings and MPs live from Represent: the 2023 boundary set and the House of Commons set."""

from directory.lookup.represent import (
    FEDERAL_SET,
    RepresentClient,
    fed_code_from_boundary_url,
    representative_details,
)
from directory.models import MemberOfParliament

from .records import MemberRecord, RidingRecord, Roster


def from_represent(client=None):
    """The roster, paginated; raises `RepresentError` when Represent cannot be read."""
    client = client or RepresentClient()
    ridings = [
        RidingRecord(fed_code=fed_code, name_en=str(b["name"]), authoritative=False)
        for b in client.paginate(f"boundaries/{FEDERAL_SET}/")
        if b.get("name") and (fed_code := fed_code_from_boundary_url(b.get("url")))
    ]
    members, warnings = [], []
    for rep in client.paginate("representatives/house-of-commons/"):
        member = member_from_represent(rep)
        if member:
            members.append(member)
        else:
            warnings.append(f"Skipped {rep.get('name')!r}: no riding of the 2023 order.")
    return Roster(MemberOfParliament.Source.REPRESENT, ridings, members, warnings)


def member_from_represent(rep):
    """A MemberRecord from one Represent House of Commons record, or None if unusable.

    A language or gender Represent does not give stays empty, so it never replaces what
    another source said (see `sync_directory`)."""
    details = representative_details(rep)
    if details is None:
        return None
    offices = [o for o in rep.get("offices") or [] if isinstance(o, dict)]
    hill = next((o for o in offices if o.get("type") == "legislature"), {})
    return MemberRecord(
        fed_code=details["fed_code"],
        name=details["name"],
        external_id=details["external_id"],
        values={
            "party": rep.get("party_name", ""),
            "email": rep.get("email", ""),
            "phone": hill.get("tel", ""),
            "photo_url": rep.get("photo_url", ""),
            "offices": [_office(o) for o in offices if o.get("type") == "constituency"],
            "preferred_language": details["preferred_language"],
            "form_of_address": details["form_of_address"],
        },
    )


def _office(office):
    postal = "\n".join(line for line in str(office.get("postal", "")).splitlines() if line.strip())
    return {
        "type": office.get("type", ""),
        "postal": postal,
        "tel": office.get("tel", ""),
        "fax": office.get("fax", ""),
    }
