"""The Wagtail admin of ridings and MPs: reachable by a superuser, filters, overrides."""

import re

import pytest
from django.urls import reverse

from directory.models import MemberOfParliament, Riding
from tests.factories import UserFactory
from tests.support.accounts import verified_login


@pytest.fixture
def admin(admin_client, mp_directory):
    return admin_client


def listed(response, pattern):
    """The edit links of the listing: one per row."""
    return re.findall(pattern, response.content.decode())


def riding_rows(response):
    return set(listed(response, r"/admin/ridings/edit/(\d{5})/"))


def mp_rows(response):
    return set(listed(response, r"/admin/members_of_parliament/edit/(\d+)/"))


def test_the_menu_and_both_listings_are_reachable(admin):
    home = admin.get("/admin/")
    assert home.status_code == 200
    assert "MP directory" in home.content.decode()
    assert admin.get(reverse("ridings:index")).status_code == 200
    assert admin.get(reverse("members_of_parliament:index")).status_code == 200


def test_ridings_filter_by_province_and_vacancy(admin):
    url = reverse("ridings:index")
    vacant = admin.get(url, {"seat": "vacant"})
    assert riding_rows(vacant) == {"24037", "24065", "24066", "35015", "35095", "47014"}
    quebec_vacant = admin.get(url, {"seat": "vacant", "province": "QC"})
    assert riding_rows(quebec_vacant) == {"24037", "24065", "24066"}
    nunavut = admin.get(url, {"province": "NU"})
    assert riding_rows(nunavut) == {"62001"}
    Riding.objects.filter(fed_code="62001").update(marked_vacant=True)
    assert "62001" in riding_rows(admin.get(url, {"seat": "vacant", "province": "NU"}))
    assert riding_rows(admin.get(url, {"marked_vacant": "true"})) == {"62001"}


def test_ridings_search_finds_other_names_and_codes(admin):
    url = reverse("ridings:index")
    assert riding_rows(admin.get(url, {"q": "North York"})) == {"35120"}
    assert riding_rows(admin.get(url, {"q": "35067"})) == {"35067"}


def test_members_filter_by_party_province_and_sitting(admin):
    url = reverse("members_of_parliament:index")
    green = admin.get(url, {"party": "Green Party"})
    assert len(mp_rows(green)) == 1
    bloc_in_ontario = admin.get(url, {"party": "Bloc Québécois", "province": "ON"})
    assert mp_rows(bloc_in_ontario) == set()
    carney = MemberOfParliament.objects.get(name="Mark Carney")
    assert mp_rows(admin.get(url, {"q": "Carney"})) == {str(carney.pk)}
    carney.active = False
    carney.save()
    assert mp_rows(admin.get(url, {"active": "false"})) == {str(carney.pk)}


def test_an_organizer_sets_the_overrides(admin):
    carney = MemberOfParliament.objects.get(name="Mark Carney")
    url = reverse("members_of_parliament:edit", args=[carney.pk])
    page = admin.get(url)
    assert page.status_code == 200
    assert carney.email in page.content.decode()  # shown, read-only
    response = admin.post(
        url,
        {
            "email_override": "pm@example.org",
            "do_not_send": "on",
            "active": "on",
            "email": "hijack@example.org",  # read-only: ignored
        },
    )
    assert response.status_code == 302
    carney.refresh_from_db()
    assert carney.email_override == "pm@example.org" and carney.do_not_send
    assert carney.email != "hijack@example.org"

    riding_url = reverse("ridings:edit", args=["35067"])
    assert admin.post(riding_url, {"marked_vacant": "on", "name_en": "X"}).status_code == 302
    riding = Riding.objects.get(fed_code="35067")
    assert riding.marked_vacant and riding.name_en == "Nepean"


def test_a_second_sitting_mp_is_a_form_error_not_a_crash(admin):
    response = admin.post(
        reverse("members_of_parliament:add"),
        {"riding": "35067", "name": "Someone Else", "preferred_language": "en"},
    )
    assert response.status_code == 200
    assert "already has a sitting MP" in response.content.decode()
    ok = admin.post(
        reverse("members_of_parliament:add"),
        {"riding": "35015", "name": "By-election Winner", "preferred_language": "en"},
    )
    assert ok.status_code == 302
    winner = MemberOfParliament.objects.get(name="By-election Winner")
    assert winner.source == MemberOfParliament.Source.ORGANIZER and winner.active


def test_nothing_can_be_deleted(admin):
    carney = MemberOfParliament.objects.get(name="Mark Carney")
    response = admin.post(reverse("members_of_parliament:delete", args=[carney.pk]))
    assert response.status_code in (302, 403)
    assert MemberOfParliament.objects.filter(pk=carney.pk).exists()
    admin.post(reverse("ridings:delete", args=["35067"]))
    assert Riding.objects.filter(fed_code="35067").exists()


def test_an_editor_without_the_permissions_cannot_see_the_directory(client, mp_directory):
    verified_login(client, UserFactory(permissions=["access_admin"]))
    assert client.get("/admin/").status_code == 200
    response = client.get(reverse("members_of_parliament:index"))
    assert response.status_code in (302, 403)
    assert "Mark Carney" not in response.content.decode()
