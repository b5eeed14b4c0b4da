"""import_mps: the real CSV files, Represent's paginated set, the House XML, and --if-empty."""

import csv
import io
import shutil
from xml.sax.saxutils import escape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.models import MemberOfParliament, Riding
from tests.factories import MemberOfParliamentFactory
from tests.support.directory import MP_DATA_DIR


def run(*args, **options):
    out = io.StringIO()
    call_command("import_mps", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def counts():
    return (
        Riding.objects.count(),
        MemberOfParliament.objects.filter(active=True).count(),
        Riding.objects.vacant().count(),
    )


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the CSV folder, to change and re-import."""
    for name in ("fed_2023_districts.csv", "mps_45th_parliament.csv"):
        shutil.copy(MP_DATA_DIR / name, tmp_path / name)
    return tmp_path


def edit_csv(path, change):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows = [row for row in (change(row) for row in rows) if row is not None]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def update_rows(path, where, **changes):
    """In the CSV at `path`, the rows where `where` = (column, value) get `changes`."""
    column, value = where
    edit_csv(path, lambda row: row | changes if row[column] == value else row)


def state():
    members = MemberOfParliament.objects.order_by("pk").values_list(
        "pk", "name", "email", "party", "active", "riding_id", "updated_at"
    )
    ridings = Riding.objects.order_by("pk").values_list(
        "pk", "name_en", "other_names", "updated_at"
    )
    return list(members), list(ridings)


@pytest.mark.django_db
def test_csv_gives_343_ridings_337_mps_and_6_vacant_seats():
    output = run(csv=str(MP_DATA_DIR))
    assert counts() == (343, 337, 6)
    assert set(Riding.objects.vacant().values_list("fed_code", flat=True)) == {
        "24037",
        "24065",
        "24066",
        "35015",
        "35095",
        "47014",
    }
    assert "343 added" in output and "337 added" in output
    carney = MemberOfParliament.objects.get(name="Mark Carney")
    assert carney.riding_id == "35067" and carney.email and carney.external_id
    assert Riding.objects.get(fed_code="35120").other_names == ["North York"]


@pytest.mark.django_db
def test_a_second_run_changes_nothing():
    run(csv=str(MP_DATA_DIR))
    before = state()
    output = run(csv=str(MP_DATA_DIR))
    assert state() == before
    assert "0 added, 0 updated" in output and "0 vacated" in output
    assert "Nothing changed" in output


@pytest.mark.django_db
def test_a_changed_email_is_updated_and_overrides_survive(data_copy):
    run(csv=str(data_copy))
    carney = MemberOfParliament.objects.get(name="Mark Carney")
    carney.email_override = "corrected@example.org"
    carney.do_not_send = True
    carney.save()
    Riding.objects.filter(fed_code="35079").update(marked_vacant=True)
    other = MemberOfParliament.objects.get(riding_id="35082")
    other.contact_failing = True
    other.save()

    carney_email = {"email": "mark.carney.new@parl.gc.ca"}
    update_rows(data_copy / "mps_45th_parliament.csv", ("mp_name", "Mark Carney"), **carney_email)
    output = run(csv=str(data_copy))
    assert "1 updated" in output
    carney.refresh_from_db()
    assert carney.email == "mark.carney.new@parl.gc.ca"
    assert carney.email_override == "corrected@example.org" and carney.do_not_send
    assert carney.delivery_email == "corrected@example.org"
    assert Riding.objects.get(fed_code="35079").marked_vacant
    assert MemberOfParliament.objects.get(pk=other.pk).contact_failing


@pytest.mark.django_db
def test_a_renamed_riding_keeps_its_fed_code_and_its_old_name(data_copy):
    run(csv=str(data_copy))
    mp_before = MemberOfParliament.objects.get(riding_id="12007", active=True)

    new_name = {"name_en": "Halifax West—Peggy's Cove"}
    update_rows(data_copy / "fed_2023_districts.csv", ("fed_code", "12007"), **new_name)
    output = run(csv=str(data_copy))
    assert "Ridings: 0 added, 1 updated" in output
    riding = Riding.objects.get(fed_code="12007")
    assert riding.name_en == "Halifax West—Peggy's Cove"
    assert "Halifax West" in riding.other_names
    assert Riding.objects.count() == 343
    assert riding.current_mp == mp_before


@pytest.mark.django_db
def test_an_mp_who_disappears_becomes_inactive_and_is_never_deleted(data_copy):
    run(csv=str(data_copy))
    carney = MemberOfParliament.objects.get(name="Mark Carney")
    edit_csv(
        data_copy / "mps_45th_parliament.csv",
        lambda row: None if row["mp_name"] == "Mark Carney" else row,
    )
    output = run(csv=str(data_copy))
    assert "1 vacated" in output
    carney.refresh_from_db()
    assert not carney.active
    assert MemberOfParliament.objects.count() == 337
    assert counts() == (343, 336, 7)
    assert Riding.objects.get(fed_code="35067").current_mp is None


@pytest.mark.django_db
def test_a_new_mp_for_a_seat_replaces_the_former_one_who_stays_on_record(data_copy):
    run(csv=str(data_copy))
    former = MemberOfParliament.objects.get(riding_id="35067", active=True)

    update_rows(
        data_copy / "mps_45th_parliament.csv",
        ("fed_code", "35067"),
        mp_name="New Member",
        email="new.member@parl.gc.ca",
        party="NDP",
        ourcommons_person_id="999999",
    )
    output = run(csv=str(data_copy))
    assert "1 added, 0 updated, 1 vacated" in output
    former.refresh_from_db()
    assert not former.active
    assert Riding.objects.get(fed_code="35067").current_mp.name == "New Member"
    assert MemberOfParliament.objects.count() == 338
    assert counts() == (343, 337, 6)


@pytest.mark.django_db
def test_an_organizers_mp_survives_a_roster_that_does_not_know_the_seat(data_copy):
    run(csv=str(data_copy))
    riding = Riding.objects.get(fed_code="35015")
    MemberOfParliamentFactory(
        riding=riding,
        name="By-election Winner",
        email="",
        source=MemberOfParliament.Source.ORGANIZER,
    )
    run(csv=str(data_copy))
    assert Riding.objects.get(fed_code="35015").current_mp.name == "By-election Winner"


@pytest.mark.django_db
def test_represent_fills_offices_and_preferred_language(represent_server):
    run(csv=str(MP_DATA_DIR))
    output = run(represent=True)
    pages = [c for c in represent_server.calls if c.path.startswith("/representatives/")]
    assert len(pages) == 4  # 337 MPs, 100 a page: paginated through meta.next
    assert counts() == (343, 337, 6)
    assert "0 vacated" in output
    bains = MemberOfParliament.objects.get(riding_id="59028", active=True)
    assert bains.source == MemberOfParliament.Source.REPRESENT
    constituency = [office for office in bains.offices if office["type"] == "constituency"]
    assert constituency and all(office["postal"] for office in constituency)
    assert MemberOfParliament.objects.get(riding_id="24059").preferred_language == "fr"
    assert bains.preferred_language == "en"
    assert "0 added" in output
    assert run(represent=True).count("Nothing changed") == 1


@pytest.mark.django_db
def test_represent_alone_loads_an_empty_directory(represent_server):
    run(represent=True)
    assert counts() == (343, 337, 6)
    assert Riding.objects.get(fed_code="35067").name_en == "Nepean"


@pytest.mark.django_db
def test_if_empty_uses_mp_data_dir_then_does_nothing(settings):
    settings.MP_DATA_DIR = str(MP_DATA_DIR)
    assert "Loading the MP directory from" in run(if_empty=True)
    assert counts() == (343, 337, 6)
    assert "already loaded" in run(if_empty=True)


@pytest.mark.django_db
def test_if_empty_without_data_dir_loads_from_represent(settings, represent_server):
    settings.MP_DATA_DIR = None
    run(if_empty=True)
    assert counts() == (343, 337, 6)


@pytest.mark.django_db
def test_if_empty_with_nothing_reachable_says_so_and_exits_cleanly(settings):
    settings.MP_DATA_DIR = None
    settings.REPRESENT_API_URL = "http://127.0.0.1:9"  # nothing listens there
    output = run(if_empty=True)  # no exception: make run goes on
    assert "could not be loaded" in output
    assert Riding.objects.count() == 0


@pytest.mark.django_db
def test_house_xml_updates_the_roster_by_riding_name(tmp_path):
    run(csv=str(MP_DATA_DIR))
    with (MP_DATA_DIR / "mps_45th_parliament.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    members = []
    for row in rows:
        first, _, last = row["mp_name"].partition(" ")
        party = "Conservative" if row["mp_name"] == "Mark Carney" else row["party"]
        members.append(
            "<MemberOfParliament>"
            f"<PersonId>{row['ourcommons_person_id']}</PersonId>"
            f"<PersonShortHonorific>{escape(row['honorific'])}</PersonShortHonorific>"
            f"<PersonOfficialFirstName>{escape(first)}</PersonOfficialFirstName>"
            f"<PersonOfficialLastName>{escape(last)}</PersonOfficialLastName>"
            # The House's own (sometimes renamed) riding names: matched through other_names.
            f"<ConstituencyName>{escape(row['riding_name_house'] or row['riding_name_en'])}"
            "</ConstituencyName>"
            f"<CaucusShortName>{escape(party)}</CaucusShortName>"
            '<ToDateTime xsi:nil="true" />'
            "</MemberOfParliament>"
        )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<ArrayOfMemberOfParliament xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + "".join(members)
        + "</ArrayOfMemberOfParliament>"
    )
    path = tmp_path / "members.xml"
    path.write_text(xml, encoding="utf-8")
    output = run(house_xml=str(path))
    assert "0 added, 1 updated, 0 vacated" in output
    assert MemberOfParliament.objects.get(name="Mark Carney").party == "Conservative"
    assert counts() == (343, 337, 6)


@pytest.mark.django_db
def test_a_roster_that_would_vacate_most_seats_is_refused_unless_allowed(data_copy):
    run(csv=str(data_copy))
    before = state()
    edit_csv(
        data_copy / "mps_45th_parliament.csv", lambda row: row if row["province"] == "PE" else None
    )
    with pytest.raises(CommandError, match="nothing was changed"):
        run(csv=str(data_copy))
    assert state() == before
    output = run(csv=str(data_copy), allow_mass_vacate=True)
    assert "333 vacated" in output
    assert counts() == (343, 4, 339)


def test_a_missing_folder_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="Cannot read"):
        run(csv=str(tmp_path / "nowhere"))
