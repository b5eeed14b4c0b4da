"""Applying a roster to the MP directory, whatever source it came from.

Every roster is a full one. The sync is idempotent and never deletes anything: an MP who is no
longer listed becomes inactive, a renamed riding keeps its FED code and remembers its old name in
`other_names`, and organizer overrides (`email_override`, `do_not_send`, `contact_failing`,
`marked_vacant`) are never touched.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction

from directory.models import MemberOfParliament, Riding
from directory.names import searchable_text

from .records import ImportProblem

# A roster that would vacate more seats than this at once is more likely broken (a scraper
# failing half-way) than a real election night; `max_vacated=None` accepts it.
MAX_VACATED = 30
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


class TooManyVacated(ImportProblem):
    """The roster would make more sitting MPs inactive than `max_vacated`; nothing changed."""


@dataclass
class Report:
    """What a sync changed, and the warnings of the roster and of the sync."""

    warnings: list = field(default_factory=list)
    ridings_added: int = 0
    ridings_updated: int = 0
    added: int = 0
    updated: int = 0
    vacated: int = 0

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


def sync_directory(roster, *, max_vacated=MAX_VACATED):
    """Apply `roster` (a `Roster`) to the database in one transaction and return a `Report`.

    Raises `TooManyVacated`, changing nothing, when more than `max_vacated` sitting MPs would
    become inactive at once (None: no limit)."""
    return _DirectorySync(roster.source, max_vacated=max_vacated).run(roster)


class _DirectorySync:
    """Applies a full roster from one source to the database, in one transaction."""

    def __init__(self, source, *, max_vacated):
        self.source = source
        self.max_vacated = max_vacated
        self.report = Report()

    def run(self, roster):
        self.report.warnings.extend(roster.warnings)
        with transaction.atomic():
            self._apply_ridings(roster.ridings)
            self._apply_members(roster.members)
            if self.max_vacated is not None and self.report.vacated > self.max_vacated:
                # Raising rolls the whole import back.
                raise TooManyVacated(
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
