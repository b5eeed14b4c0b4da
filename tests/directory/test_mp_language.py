"""The MP's preferred language and form of address: from Represent (import and every live
lookup), from optional CSV columns, and organizer overrides that every import leaves alone."""

import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse

from directory.lookup import lookup_postal_code
from directory.lookup.represent import form_of_address, preferred_language
from directory.models import MemberOfParliament
from tests.factories import MemberOfParliamentFactory, SuperuserFactory
from tests.support.accounts import verified_login
from tests.support.directory import MP_DATA_DIR

from .test_import_mps import data_copy, edit_csv  # noqa: F401 (data_copy is a fixture)

pytestmark = pytest.mark.django_db


def run(*args, **options):
    """The command's output, warnings (stderr) included."""
    out = io.StringIO()
    call_command("import_mps", *args, stdout=out, stderr=out, **options)
    return out.getvalue()


def sitting(fed_code):
    return MemberOfParliament.objects.get(riding_id=fed_code, active=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["French"], "fr"),
        (["English"], "en"),
        (["English", "French"], "both"),
        (["English /", "French"], "both"),
        ([], ""),
        (None, ""),
        (["Klingon"], ""),
        ("fr", "fr"),
        ("English", "en"),
        ("en/fr", "both"),
        ("Français", "fr"),
        ("", ""),
    ],
)
def test_what_a_source_says_becomes_en_fr_both_or_not_known(value, expected):
    assert preferred_language(value) == expected


def test_gender_becomes_a_form_of_address_and_nothing_is_guessed():
    assert form_of_address("F") == "madame"
    assert form_of_address("male") == "monsieur"
    assert form_of_address("") == form_of_address(None) == form_of_address("X") == ""


def test_the_csv_alone_knows_no_language(mp_directory):
    assert set(MemberOfParliament.objects.values_list("preferred_language", flat=True)) == {""}
    assert sitting("24059").letter_language_preference == ""


def test_represent_gives_each_mp_their_own_language_and_form_of_address(represent_server):
    run(csv=str(MP_DATA_DIR))
    run(represent=True)
    assert sitting("24059").preferred_language == "fr"  # a Quebec riding
    assert sitting("24048").preferred_language == "en"  # Mount Royal: English in Quebec
    assert sitting("13001").preferred_language == "fr"  # Acadie—Bathurst: French in NB
    assert sitting("35077").preferred_language == "fr"  # Orléans, Ontario
    assert sitting("24077").preferred_language == "both"
    assert sitting("35038").preferred_language == ""  # no preferred_languages in the record
    assert sitting("59028").preferred_language == "en"
    assert sitting("24052").form_of_address == "madame"
    assert sitting("24048").form_of_address == "monsieur"
    assert sitting("59028").form_of_address == ""  # Represent's gender is empty there
    assert "Nothing changed" in run(represent=True)


def test_the_csv_may_carry_preferred_language_and_gender_columns(data_copy):  # noqa: F811
    path = data_copy / "mps_45th_parliament.csv"
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().strip()
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    values = {"24048": ("en", "M"), "13001": ("French", ""), "24052": ("", "F")}
    values["35031"] = ("Elvish", "")
    lines = [header + ",preferred_language,gender"]
    for row in rows:
        language, gender = values.get(row[:5], ("", ""))
        lines.append(f"{row},{language},{gender}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    output = run(csv=str(data_copy))
    assert sitting("24048").preferred_language == "en"
    assert sitting("24048").form_of_address == "monsieur"
    assert sitting("13001").preferred_language == "fr"
    assert sitting("13001").form_of_address == ""
    assert sitting("24052").form_of_address == "madame"
    assert sitting("35031").preferred_language == ""
    assert "'Elvish' is not en, fr or both; ignored" in output


def test_an_import_that_does_not_know_the_language_never_wipes_it(
    represent_server,
    data_copy,  # noqa: F811
):
    run(csv=str(data_copy))
    run(represent=True)
    assert sitting("24059").preferred_language == "fr"
    run(csv=str(data_copy))  # the CSV has no language column
    assert sitting("24059").preferred_language == "fr"


def test_organizer_overrides_win_and_survive_every_import(represent_server):
    run(csv=str(MP_DATA_DIR))
    member = sitting("24048")
    member.preferred_language_override = "fr"
    member.form_of_address_override = "neutral"
    member.save()
    run(represent=True)
    run(csv=str(MP_DATA_DIR))
    member = sitting("24048")
    assert member.preferred_language == "en"  # the import's own value, kept apart
    assert member.form_of_address == "monsieur"
    assert member.preferred_language_override == "fr"
    assert member.form_of_address_override == "neutral"
    assert member.letter_language_preference == "fr"
    assert member.address_form == ""  # the neutral greeting
    member.form_of_address_override = "madame"
    assert member.address_form == "madame"


def test_every_live_lookup_refreshes_the_mps_language(mp_directory, represent_server):
    assert sitting("24048").preferred_language == ""
    represent_server.add_postcode("H3P1A1", ["24048"])
    result = lookup_postal_code("H3P 1A1")
    assert result.source == "represent"
    member = result.ridings[0].current_mp
    assert (member.preferred_language, member.form_of_address) == ("en", "monsieur")
    assert (sitting("24048").preferred_language, sitting("24048").form_of_address) == (
        "en",
        "monsieur",
    )

    # ourcommons.ca changes its mind; the next lookup that reaches Represent follows it.
    record = next(r for r in represent_server.house_of_commons if r["name"] == member.name)
    record["extra"] = {"preferred_languages": ["French"]}
    represent_server.add_postcode("H3P1A2", ["24048"])
    lookup_postal_code("H3P1A2")
    assert sitting("24048").preferred_language == "fr"


def test_a_lookup_never_changes_an_override_or_another_person(mp_directory, represent_server):
    member = sitting("24048")
    member.preferred_language_override = "fr"
    member.save()
    represent_server.add_postcode("H3P1A1", ["24048"])
    lookup_postal_code("H3P1A1")
    member.refresh_from_db()
    assert member.preferred_language_override == "fr" and member.letter_language_preference == "fr"

    # A record about somebody else (a placeholder for a riding Represent has no MP for) is
    # never applied to the riding's MP.
    represent_server.house_of_commons = [
        r for r in represent_server.house_of_commons if "24052" not in r["related"]["boundary_url"]
    ]
    represent_server.add_postcode("H4A1A1", ["24052"])
    lookup_postal_code("H4A1A1")
    assert sitting("24052").preferred_language == ""


def test_the_migration_keeps_languages_a_source_or_an_organizer_gave(mp_directory):
    migration = importlib.import_module("directory.migrations.0003_mp_language_and_form_of_address")
    MemberOfParliament.objects.filter(riding_id="24059").update(preferred_language="en")
    MemberOfParliament.objects.filter(riding_id="24048").update(
        preferred_language="en", source="represent"
    )
    MemberOfParliament.objects.filter(riding_id="13001").update(preferred_language="fr")
    by_hand = MemberOfParliamentFactory(
        fed_code="35015", source="organizer", preferred_language="fr"
    )
    migration.unknown_unless_a_source_said_so(django_apps, None)
    assert sitting("24059").preferred_language == ""  # "en" was only the default
    assert sitting("24048").preferred_language == "en"  # Represent said so
    assert sitting("13001").preferred_language == "fr"
    by_hand.refresh_from_db()
    assert (by_hand.preferred_language, by_hand.preferred_language_override) == ("", "fr")


@pytest.fixture
def organizer(client, mp_directory):
    """The first organizer (a superuser, as `ensure_organizer` makes), signed in."""
    verified_login(client, SuperuserFactory())
    return client


def test_an_organizer_sets_the_overrides_but_not_the_imported_values(organizer):
    member = sitting("24048")
    url = reverse("members_of_parliament:edit", args=[member.pk])
    page = organizer.get(url).content.decode()
    assert 'name="preferred_language_override"' in page
    assert 'name="form_of_address_override"' in page
    assert 'name="preferred_language"' not in page  # imported: shown read-only
    response = organizer.post(
        url,
        {
            "preferred_language_override": "fr",
            "form_of_address_override": "monsieur",
            "preferred_language": "both",
            "email_override": "",
            "active": "on",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.preferred_language_override == "fr"
    assert member.form_of_address_override == "monsieur"
    assert member.preferred_language == ""
    french = organizer.get(reverse("members_of_parliament:index"), {"letter_language": "fr"})
    assert f"/admin/members_of_parliament/edit/{member.pk}/" in french.content.decode()
    assert "French (set by an organizer)" in french.content.decode()
    unknown = organizer.get(reverse("members_of_parliament:index"), {"letter_language": "unknown"})
    assert f"/admin/members_of_parliament/edit/{member.pk}/" not in unknown.content.decode()


def test_the_lookup_json_gives_the_language_letters_are_offered_in(mp_directory, client):
    member = sitting("35067")
    member.preferred_language_override = "fr"
    member.save()
    response = client.get("/en/letters/ridings/", {"province": "ON", "q": "nepean"})
    card = next(c for c in response.json()["ridings"] if c["fed_code"] == "35067")
    assert card["mp"]["preferred_language"] == "fr"
