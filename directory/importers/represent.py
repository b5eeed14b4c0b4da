"""Ridings and MPs live from Represent: the 2023 boundary set and the House of Commons set."""

import re

from directory.lookup.represent import (
    FEDERAL_SET,
    RepresentClient,
    fed_code_from_boundary_url,
    is_house_of_commons,
)
from directory.models import MemberOfParliament

from .records import MemberRecord, RidingRecord, Roster

_PERSON_ID = re.compile(r"\((\d+)\)\s*$")


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
        member = member_from_represent(rep) if is_house_of_commons(rep) else None
        if member:
            members.append(member)
        else:
            warnings.append(f"Skipped {rep.get('name')!r}: no riding of the 2023 order.")
    return Roster(MemberOfParliament.Source.REPRESENT, ridings, members, warnings)


def member_from_represent(rep):
    """A MemberRecord from one Represent House of Commons record, or None if unusable."""
    related = rep.get("related") if isinstance(rep.get("related"), dict) else {}
    fed_code = fed_code_from_boundary_url(related.get("boundary_url"))
    if not fed_code or not rep.get("name"):
        return None
    offices = [o for o in rep.get("offices") or [] if isinstance(o, dict)]
    hill = next((o for o in offices if o.get("type") == "legislature"), {})
    extra = rep.get("extra") if isinstance(rep.get("extra"), dict) else {}
    languages = extra.get("preferred_languages") or []
    person = _PERSON_ID.search(str(rep.get("url", "")))
    return MemberRecord(
        fed_code=fed_code,
        name=str(rep["name"]).strip(),
        external_id=person.group(1) if person else "",
        values={
            "party": rep.get("party_name", ""),
            "email": rep.get("email", ""),
            "phone": hill.get("tel", ""),
            "photo_url": rep.get("photo_url", ""),
            "offices": [_office(o) for o in offices if o.get("type") == "constituency"],
            "preferred_language": "fr" if languages and languages[0] == "French" else "en",
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
