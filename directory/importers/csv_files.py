"""Ridings and MPs from a folder of CSV files in the format of ../shared/data/mp."""

import csv
from pathlib import Path

from directory.lookup.represent import form_of_address, preferred_language
from directory.models import MemberOfParliament

from .records import ImportProblem, MemberRecord, RidingRecord, Roster

DISTRICTS_FILE = "fed_2023_districts.csv"
MEMBERS_FILE = "mps_45th_parliament.csv"


def from_csv(directory):
    """The roster of a folder holding `DISTRICTS_FILE` and `MEMBERS_FILE`."""
    directory = Path(directory)
    ridings = [
        RidingRecord(
            fed_code=row["fed_code"].strip(),
            name_en=row["name_en"].strip(),
            name_fr=row["name_fr"].strip(),
            ocd_id=row.get("ocd_id", "").strip(),
            other_names=[row.get("name_house_2026", "").strip()],
        )
        for row in _read_csv(directory / DISTRICTS_FILE)
    ]
    members, warnings = [], []
    for row in _read_csv(directory / MEMBERS_FILE):
        member = MemberRecord(
            fed_code=row["fed_code"].strip(),
            name=row["mp_name"].strip(),
            external_id=(row.get("ourcommons_person_id") or "").strip(),
            values={
                "honorific": (row.get("honorific") or "").strip(),
                "party": (row.get("party") or "").strip(),
                "email": (row.get("email") or "").strip(),
                "phone": (row.get("hill_phone") or "").strip(),
            },
        )
        # Optional columns: `preferred_language` (en, fr, both, English, French…) and `gender`
        # (F or M, as Represent gives it). Empty or unrecognised: not known, nothing replaced.
        language = (row.get("preferred_language") or "").strip()
        member.values["preferred_language"] = preferred_language(language)
        if language and not member.values["preferred_language"]:
            warnings.append(
                f"{member.name}: preferred_language {language!r} is not en, fr or both; ignored."
            )
        member.values["form_of_address"] = form_of_address(row.get("gender"))
        members.append(member)
    return Roster(MemberOfParliament.Source.CSV, ridings, members, warnings)


def holds_a_roster(directory):
    """True when `directory` has the districts file (what `import_mps --if-empty` looks for)."""
    return (Path(directory) / DISTRICTS_FILE).is_file()


def _read_csv(path):
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as error:
        raise ImportProblem(f"Cannot read {path}: {error.strerror}.") from error
