"""Load or refresh the MP directory: ridings and members of Parliament, keyed by FED code.

    manage.py import_mps --csv ../shared/data/mp      # the folder's two CSV files
    manage.py import_mps --represent                  # live from Represent (offices, language)
    manage.py import_mps --house-xml members.xml      # the House of Commons members XML export
    manage.py import_mps --if-empty                   # `make run`: MP_DATA_DIR, else Represent

Every source is a full roster. The import is idempotent and never deletes anything: an MP who is
no longer listed becomes inactive, a renamed riding keeps its FED code and remembers its old name
in `other_names`, and organizer overrides (`email_override`, `do_not_send`, `contact_failing`,
`marked_vacant`) are never touched.
"""

import csv
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from letters.lookup.represent import (
    FEDERAL_SET,
    RepresentClient,
    RepresentError,
    fed_code_from_boundary_url,
    is_house_of_commons,
)
from letters.lookup.service import searchable_text
from letters.models import MemberOfParliament, Riding

# A roster that would vacate more seats than this at once is more likely broken (a scraper
# failing half-way) than a real election night; --allow-mass-vacate accepts it.
MAX_VACATED = 30
DISTRICTS_FILE = "fed_2023_districts.csv"
MEMBERS_FILE = "mps_45th_parliament.csv"
# The first two digits of a FED code are the province's Statistics Canada code.
PROVINCE_BY_SGC = {
    "10": "NL",
    "11": "PE",
    "12": "NS",
    "13": "NB",
    "24": "QC",
    "35": "ON",
    "46": "MB",
    "47": "SK",
    "48": "AB",
    "59": "BC",
    "60": "YT",
    "61": "NT",
    "62": "NU",
}
Source = MemberOfParliament.Source


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
class Report:
    ridings_added: int = 0
    ridings_updated: int = 0
    added: int = 0
    updated: int = 0
    vacated: int = 0
    warnings: list = field(default_factory=list)

    @property
    def changed(self):
        return any(
            (self.ridings_added, self.ridings_updated, self.added, self.updated, self.vacated)
        )

    def __str__(self):
        return (
            f"Ridings: {self.ridings_added} added, {self.ridings_updated} updated. "
            f"MPs: {self.added} added, {self.updated} updated, {self.vacated} vacated."
        )


class DirectoryImport:
    """Applies a full roster from one source to the database, in one transaction."""

    def __init__(self, source, *, max_vacated=MAX_VACATED):
        self.source = source
        self.max_vacated = max_vacated
        self.report = Report()

    def run(self, ridings, members, warnings=()):
        self.report.warnings.extend(warnings)
        with transaction.atomic():
            self._apply_ridings(ridings)
            self._apply_members(members)
            if self.max_vacated is not None and self.report.vacated > self.max_vacated:
                # Raising rolls the whole import back.
                raise CommandError(
                    f"This roster would make {self.report.vacated} sitting MPs inactive at once "
                    f"(more than {self.max_vacated}); nothing was changed. Check the source, or "
                    "run again with --allow-mass-vacate after a general election."
                )
        return self.report

    def _apply_ridings(self, records):
        existing = Riding.objects.in_bulk()
        added = {}
        for record in records:
            province = PROVINCE_BY_SGC.get(record.fed_code[:2])
            if not province or not re.fullmatch(r"\d{5}", record.fed_code):
                self.report.warnings.append(f"Skipped riding {record.fed_code!r}: not a FED code.")
            elif record.fed_code in existing:
                self._update_riding(existing[record.fed_code], record, province)
            elif record.fed_code not in added:
                added[record.fed_code] = Riding(
                    fed_code=record.fed_code,
                    name_en=record.name_en,
                    name_fr=record.name_fr or record.name_en,
                    province=province,
                    ocd_id=record.ocd_id,
                    other_names=_unique(record.other_names, exclude=[record.name_en]),
                )
        Riding.objects.bulk_create(added.values())
        self.report.ridings_added += len(added)

    def _update_riding(self, riding, record, province):
        before = _riding_state(riding)
        names = list(riding.other_names)
        if record.authoritative:
            # A rename keeps the FED code; the old names stay searchable.
            for attribute in ("name_en", "name_fr"):
                new, old = getattr(record, attribute), getattr(riding, attribute)
                if new and new != old:
                    names.append(old)
                    setattr(riding, attribute, new)
            riding.ocd_id = record.ocd_id or riding.ocd_id
        else:
            names.append(record.name_en)
        riding.province = province
        riding.other_names = _unique(
            [*names, *record.other_names], exclude=[riding.name_en, riding.name_fr]
        )
        if _riding_state(riding) != before:
            riding.save()
            self.report.ridings_updated += 1

    def _apply_members(self, records):
        ridings = Riding.objects.in_bulk()
        everyone = list(MemberOfParliament.objects.order_by("-active", "-updated_at"))
        seen_ridings, matched = set(), {}
        for record in records:
            if record.fed_code not in ridings:
                self.report.warnings.append(
                    f"Skipped {record.name}: no riding with FED code {record.fed_code}."
                )
            elif record.fed_code in seen_ridings:
                self.report.warnings.append(
                    f"Skipped {record.name}: a second MP for riding {record.fed_code}."
                )
            else:
                seen_ridings.add(record.fed_code)
                matched[record.fed_code] = (record, _existing_member(record, everyone))
        keep = {member.pk for _, member in matched.values() if member}
        # Vacate first, so the one-sitting-MP-per-riding constraint holds throughout.
        for member in everyone:
            if not member.active or member.pk in keep:
                continue
            if member.source == Source.ORGANIZER and member.riding_id not in seen_ridings:
                continue  # an organizer's by-election entry the roster does not know yet
            member.active = False
            member.save(update_fields=["active", "updated_at"])
            self.report.vacated += 1
        new_members = []
        for fed_code, (record, member) in matched.items():
            values = _member_values(ridings[fed_code], record)
            if member is None:
                new_members.append(MemberOfParliament(source=self.source, **values))
                continue
            changed = [key for key, value in values.items() if getattr(member, key) != value]
            if changed:
                for key in changed:
                    setattr(member, key, values[key])
                member.source = self.source
                member.save()
                self.report.updated += 1
        MemberOfParliament.objects.bulk_create(new_members)
        self.report.added += len(new_members)


def _existing_member(record, everyone):
    """The member a roster line is about: same House person id, else same name and riding."""
    if record.external_id:
        member = next((m for m in everyone if m.external_id == record.external_id), None)
        if member:
            return member
    wanted = searchable_text(record.name)
    return next(
        (
            m
            for m in everyone
            if m.riding_id == record.fed_code and searchable_text(m.name) == wanted
        ),
        None,
    )


def _member_values(riding, record):
    # Only what the source knows: an empty value never wipes what another source gave.
    values = {key: value for key, value in record.values.items() if value not in ("", [], None)}
    values.update(name=record.name, riding=riding, active=True)
    if record.external_id:
        values["external_id"] = record.external_id
    return values


def _riding_state(riding):
    return (riding.name_en, riding.name_fr, riding.province, riding.ocd_id, riding.other_names)


def _unique(names, *, exclude=()):
    excluded = set(exclude)
    return [name for name in dict.fromkeys(n for n in names if n) if name not in excluded]


# Sources --------------------------------------------------------------------------------------


def _read_csv(path):
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from error


def from_csv(directory):
    """Ridings and MPs from a folder in the format of ../shared/data/mp."""
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
    members = [
        MemberRecord(
            fed_code=row["fed_code"].strip(),
            name=row["mp_name"].strip(),
            external_id=row.get("ourcommons_person_id", "").strip(),
            values={
                "honorific": row.get("honorific", "").strip(),
                "party": row.get("party", "").strip(),
                "email": row.get("email", "").strip(),
                "phone": row.get("hill_phone", "").strip(),
            },
        )
        for row in _read_csv(directory / MEMBERS_FILE)
    ]
    return ridings, members


_PERSON_ID = re.compile(r"\((\d+)\)\s*$")


def _office(office):
    postal = "\n".join(line for line in str(office.get("postal", "")).splitlines() if line.strip())
    return {
        "type": office.get("type", ""),
        "postal": postal,
        "tel": office.get("tel", ""),
        "fax": office.get("fax", ""),
    }


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


def from_represent(client=None):
    """Ridings (the 2023 boundary set) and MPs (the house-of-commons set), live and paginated."""
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
    return ridings, members, warnings


def from_house_xml(path):
    """MPs from the House of Commons XML (https://www.ourcommons.ca/Members/en/search/XML).

    The XML names ridings but gives no FED code, so names are matched against every name we
    know (including `other_names`); the ridings themselves must already be loaded."""
    try:
        # The file is the organizer's own download from ourcommons.ca; expat refuses
        # entity-expansion bombs.
        root = ET.parse(path).getroot()  # noqa: S314
    except (OSError, ET.ParseError) as error:
        raise CommandError(f"Cannot read {path}: {error}.") from error
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
    return [], members, unmatched


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class Command(BaseCommand):
    help = "Load or refresh ridings and MPs (idempotent; never deletes)."

    def add_arguments(self, parser):
        sources = parser.add_mutually_exclusive_group(required=True)
        sources.add_argument("--csv", metavar="DIR", help="a folder like ../shared/data/mp")
        sources.add_argument("--represent", action="store_true", help="live from the Represent API")
        sources.add_argument("--house-xml", metavar="FILE", help="the House of Commons XML")
        parser.add_argument(
            "--allow-mass-vacate",
            action="store_true",
            help=f"accept a roster that makes more than {MAX_VACATED} sitting MPs inactive",
        )
        sources.add_argument(
            "--if-empty",
            action="store_true",
            help="only when no riding is loaded: from MP_DATA_DIR, else from Represent",
        )

    def handle(self, *args, **options):
        if options["if_empty"]:
            return self.fill_if_empty()
        max_vacated = None if options["allow_mass_vacate"] else MAX_VACATED
        if options["csv"]:
            source, roster = Source.CSV, from_csv(options["csv"])
        elif options["represent"]:
            try:
                source, roster = Source.REPRESENT, from_represent()
            except RepresentError as error:
                raise CommandError(f"Represent could not be read: {error}") from error
        else:
            if not Riding.objects.exists():
                raise CommandError("Load the ridings first (--csv or --represent).")
            source, roster = Source.HOUSE_XML, from_house_xml(options["house_xml"])
        report = DirectoryImport(source, max_vacated=max_vacated).run(*roster)
        self.print_report(report)

    def fill_if_empty(self):
        if Riding.objects.exists():
            self.stdout.write("The MP directory is already loaded.")
            return
        data_dir = settings.MP_DATA_DIR
        if data_dir and (Path(data_dir) / DISTRICTS_FILE).is_file():
            self.stdout.write(f"Loading the MP directory from {data_dir}.")
            self.print_report(DirectoryImport(Source.CSV).run(*from_csv(data_dir)))
            return
        if data_dir:
            self.stdout.write(f"MP_DATA_DIR ({data_dir}) holds no {DISTRICTS_FILE}.")
        self.stdout.write(f"Loading the MP directory live from {settings.REPRESENT_API_URL}.")
        try:
            report = DirectoryImport(Source.REPRESENT).run(*from_represent())
        except RepresentError as error:
            self.stdout.write(
                self.style.WARNING(
                    "The MP directory could not be loaded: no MP_DATA_DIR with the CSV files, "
                    f"and Represent cannot be reached ({error}). The site runs, and the letter "
                    "page tells supporters the directory is not loaded yet. Load it later with "
                    "`manage.py import_mps --csv DIR` or `--represent`."
                )
            )
            return
        self.print_report(report)

    def print_report(self, report):
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        vacant = Riding.objects.vacant().count()
        self.stdout.write(
            self.style.SUCCESS(str(report)) if report.changed else f"{report} Nothing changed."
        )
        self.stdout.write(
            f"{Riding.objects.count()} ridings, "
            f"{MemberOfParliament.objects.filter(active=True).count()} sitting MPs, "
            f"{vacant} seats vacant."
        )
