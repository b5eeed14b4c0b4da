"""The MP directory's importers: each source becomes a `Roster`, and `sync_directory` applies it.

    from directory.importers import from_csv, sync_directory

    report = sync_directory(from_csv("../shared/data/mp"))   # a Report; idempotent

Sources: `from_csv(folder)` (csv_files.py), `from_represent()` (represent.py, live),
`from_house_xml(path)` (house_xml.py, needs the ridings loaded). A source that cannot be read, and
a roster that would vacate too many seats, raise `ImportProblem` with a message for the organizer.
A new source only has to return a `Roster` (records.py); see docs/architecture.md.
"""

from .csv_files import DISTRICTS_FILE, from_csv, holds_a_roster
from .house_xml import from_house_xml
from .records import ImportProblem, MemberRecord, RidingRecord, Roster
from .represent import from_represent
from .sync import MAX_VACATED, Report, TooManyVacated, sync_directory

__all__ = [
    "DISTRICTS_FILE",
    "MAX_VACATED",
    "ImportProblem",
    "MemberRecord",
    "Report",
    "RidingRecord",
    "Roster",
    "TooManyVacated",
    "from_csv",
    "from_house_xml",
    "from_represent",
    "holds_a_roster",
    "sync_directory",
]
