"""MPs from the House of Commons XML (https://www.ourcommons.ca/Members/en/search/XML)."""

import xml.etree.ElementTree as ET

from directory.models import MemberOfParliament, Riding
from directory.names import searchable_text

from .records import ImportProblem, MemberRecord, Roster


def from_house_xml(path):
    """The sitting MPs of the XML export. The XML names ridings but gives no FED code, so names
    are matched against every name we know (including `other_names`); the ridings themselves
    must already be loaded."""
    try:
        # The file is the organizer's own download from ourcommons.ca; expat refuses
        # entity-expansion bombs.
        root = ET.parse(path).getroot()  # noqa: S314
    except (OSError, ET.ParseError) as error:
        raise ImportProblem(f"Cannot read {path}: {error}.") from error
    by_name = {}
    for riding in Riding.objects.all():
        for name in [riding.name_en, riding.name_fr, *riding.other_names]:
            by_name.setdefault(searchable_text(name), riding.fed_code)
    members, unmatched = [], []
    for element in root.iter():
        if _local(element.tag) != "MemberOfParliament":
            continue
        fields = {_local(child.tag): (child.text or "").strip() for child in element}
        if fields.get("ToDateTime"):
            continue  # a former member
        riding_name = fields.get("ConstituencyName", "")
        fed_code = by_name.get(searchable_text(riding_name))
        name = " ".join(
            part
            for part in (
                fields.get("PersonOfficialFirstName"),
                fields.get("PersonOfficialLastName"),
            )
            if part
        )
        if not fed_code:
            unmatched.append(f"Skipped {name}: no riding named {riding_name!r}.")
            continue
        members.append(
            MemberRecord(
                fed_code=fed_code,
                name=name,
                external_id=fields.get("PersonId", ""),
                values={
                    "honorific": fields.get("PersonShortHonorific", ""),
                    "party": fields.get("CaucusShortName", ""),
                },
            )
        )
    return Roster(MemberOfParliament.Source.HOUSE_XML, [], members, unmatched)


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
