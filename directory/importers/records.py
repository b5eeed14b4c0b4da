"""What every importer produces: a roster of ridings and sitting MPs, as its source describes
them, before anything touches the database."""

from dataclasses import dataclass, field


class ImportProblem(Exception):
    """An import that cannot go ahead; the message says why and what to do."""


@dataclass
class RidingRecord:
    """One riding as a source describes it. `authoritative` sources may rename the riding;
    the others only add the names they use to `other_names`."""

    fed_code: str
    name_en: str
    name_fr: str = ""
    ocd_id: str = ""
    other_names: list = field(default_factory=list)
    authoritative: bool = True


@dataclass
class MemberRecord:
    """One sitting MP as a source describes it; `values` holds only what the source knows."""

    fed_code: str
    name: str
    external_id: str = ""
    values: dict = field(default_factory=dict)


@dataclass
class Roster:
    """A full roster from one source (`MemberOfParliament.Source`), with the importer's notes
    about what it skipped."""

    source: str
    ridings: list = field(default_factory=list)
    members: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
