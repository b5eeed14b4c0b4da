"""The organizers' letters admin: who sees what, the export, held letters and the totals."""

import csv
import io

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from letters import pipeline
from letters.admin_letters import letter_viewset
from letters.models import Letter
from privacy.models import AuditEntry
from tests.factories import (
    DataStewardFactory,
    EditorFactory,
    MemberOfParliamentFactory,
    TranslatorFactory,
    UserFactory,
)
from tests.support.accounts import verified_login
from tests.support.letters import letter_tasks

S = Letter.Status
INDEX = reverse(letter_viewset.get_url_name("index"))
TOTALS = reverse("letters_totals")
HELD = reverse("letters_held")


def inspect_url(letter):
    return reverse(letter_viewset.get_url_name("inspect"), args=[letter.pk])


@pytest.fixture
def hostile_letter(make_letter):
    return make_letter(
        first_name="<b>Eve</b>",
        subject="<script>alert('s')</script>",
        body="<script>alert('b')</script>\nsecond line",
        email="zz-marker@example.org",
        confirm=True,
    )


def test_a_steward_lists_filters_and_inspects_with_events_escaped(
    steward_client, hostile_letter, make_letter
):
    other = make_letter(mp=MemberOfParliamentFactory(fed_code="24001"), email="other@example.org")
    response = steward_client.get(INDEX)
    assert response.status_code == 200
    assert b"&lt;b&gt;Eve&lt;/b&gt;" in response.content and b"<b>Eve</b>" not in response.content
    assert "no-store" in response["Cache-Control"]

    filtered = steward_client.get(INDEX, {"status": S.QUEUED, "province": "ON", "riding": "35075"})
    assert list(filtered.context["object_list"]) == [hostile_letter]
    assert list(steward_client.get(INDEX, {"riding": "24001"}).context["object_list"]) == [other]
    by_date = steward_client.get(
        INDEX, {"created_at_from": "2000-01-01", "created_at_to": "2000-01-02"}
    )
    assert list(by_date.context["object_list"]) == []

    page = steward_client.get(inspect_url(hostile_letter)).content.decode()
    assert "&lt;script&gt;alert(&#x27;b&#x27;)&lt;/script&gt;" in page
    assert "<script>alert(" not in page
    # The events, their statuses as words.
    assert "waiting for confirmation" in page and "pending_confirmation" not in page


def test_export_is_csv_audited_and_formula_safe(steward_client, steward, make_letter):
    make_letter(first_name="=HYPERLINK(1)", email="zz-marker@example.org")
    response = steward_client.get(INDEX, {"export": "csv", "status": S.PENDING_CONFIRMATION})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["First name"] == "'=HYPERLINK(1)"
    assert rows[0]["Email"] == "zz-marker@example.org"
    entry = AuditEntry.objects.get()
    assert entry.action == "export" and entry.actor == steward
    assert "status=pending_confirmation" in entry.filter and "@" not in entry.filter


@pytest.mark.parametrize("member", [EditorFactory, TranslatorFactory])
def test_editors_and_translators_see_totals_only(client, hostile_letter, member):
    verified_login(client, member())
    for url in (INDEX, inspect_url(hostile_letter), INDEX + "?export=csv", HELD):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"zz-marker" not in response.content
    response = client.get(TOTALS)
    assert response.status_code == 200
    assert b"zz-marker" not in response.content and b"Eve" not in response.content


def test_view_letter_alone_is_not_enough(client, hostile_letter, make_letter):
    viewer = UserFactory(permissions=["access_admin", "view_letter", "change_letter"])
    verified_login(client, viewer)
    for url in (INDEX, inspect_url(hostile_letter), INDEX + "?export=csv", HELD):
        assert client.get(url).status_code in (302, 403), url
    held = make_letter(hold_reason="near-duplicate", confirm=True)
    response = client.post(reverse("letters_held_moderate", args=[held.pk, "release"]))
    assert response.status_code in (302, 403)
    assert Letter.objects.get(pk=held.pk).status == S.HELD


def test_nobody_edits_or_deletes_letters_here(admin_client, hostile_letter):
    for name in ("edit", "delete"):
        url = reverse(letter_viewset.get_url_name(name), args=[hostile_letter.pk])
        assert admin_client.get(url).status_code in (302, 403)
    assert admin_client.get(reverse(letter_viewset.get_url_name("add"))).status_code in (302, 403)
    assert admin_client.get(inspect_url(hostile_letter)).status_code == 200  # superusers see


def test_held_letters_are_released_or_rejected_by_post(steward_client, steward, make_letter):
    release = make_letter(hold_reason="near-duplicate", confirm=True, body="<i>held one</i>")
    reject = make_letter(hold_reason="second postcode", confirm=True)
    page = steward_client.get(HELD)
    assert b"near-duplicate" in page.content and b"&lt;i&gt;held one&lt;/i&gt;" in page.content

    release_url = reverse("letters_held_moderate", args=[release.pk, "release"])
    assert steward_client.get(release_url).status_code == 405  # a GET changes nothing
    assert steward_client.post(release_url).status_code == 302
    assert (
        steward_client.post(
            reverse("letters_held_moderate", args=[reject.pk, "reject"])
        ).status_code
        == 302
    )
    release.refresh_from_db(), reject.refresh_from_db()
    assert (release.status, reject.status) == (S.QUEUED, S.SPAM)
    assert letter_tasks(pipeline.send_letter).count() == 1
    assert release.events.last().actor == steward


def test_held_actions_need_the_csrf_token(client, db, make_letter):
    csrf_client = Client(enforce_csrf_checks=True)
    verified_login(csrf_client, DataStewardFactory())
    held = make_letter(hold_reason="near-duplicate", confirm=True)
    response = csrf_client.post(reverse("letters_held_moderate", args=[held.pk, "release"]))
    assert response.status_code == 403
    assert Letter.objects.get(pk=held.pk).status == S.HELD


def test_totals_match_the_rows_and_list_ridings_with_none(
    admin_client, make_letter, letter_campaign, mp
):
    from wagtail.models import Locale

    ottawa = mp  # 35075
    toronto = MemberOfParliamentFactory(fed_code="35100")
    MemberOfParliamentFactory(fed_code="24001")  # a riding nobody wrote to
    ru_page = letter_campaign.copy_for_translation(
        Locale.objects.get_or_create(language_code="ru")[0]
    )
    for mp, campaign, status in [
        (ottawa, letter_campaign, S.SENT),
        (ottawa, ru_page, S.SENT),
        (ottawa, letter_campaign, S.QUEUED),
        (toronto, letter_campaign, S.FAILED),
        (toronto, ru_page, S.PENDING_CONFIRMATION),
        (toronto, letter_campaign, S.SPAM),
    ]:
        letter = make_letter(mp=mp, campaign=campaign)
        Letter.objects.filter(pk=letter.pk).update(status=status)

    response = admin_client.get(TOTALS)
    [campaign] = response.context["campaigns"]
    assert campaign["title"] == letter_campaign.title
    for key, statuses in {
        "sent": [S.SENT],
        "in_progress": [S.PENDING_CONFIRMATION, S.QUEUED, S.SENDING, S.HELD],
        "failed": [S.FAILED],
        "spam": [S.SPAM],
        "total": list(S),
    }.items():
        assert campaign[key] == Letter.objects.filter(status__in=statuses).count(), key
    ridings = {r.fed_code: r for r in response.context["ridings"]}
    assert set(ridings) == {"35075", "35100", "24001"}
    for fed_code, riding in ridings.items():
        rows = Letter.objects.filter(riding_id=fed_code)
        assert riding.sent == rows.filter(status=S.SENT).count()
        assert riding.total == rows.count()
    assert ridings["24001"].total == 0
    assert response.context["without_count"] == 2  # 35100 and 24001 have none sent

    only_without = admin_client.get(TOTALS, {"without": "1"})
    assert {r.fed_code for r in only_without.context["ridings"]} == {"35100", "24001"}
    assert b'data-riding="24001"' in only_without.content


# What each URL of the letters viewset is for: stewards read letters (200 for them); the views
# that would change a letter are refused to everyone, superusers included (letters change only
# in the pipeline, see LetterPermissionPolicy).
STEWARD_VIEWS = {"index", "index_results", "inspect"}
NOBODYS_VIEWS = {"add", "edit", "delete", "history", "history_results", "usage"}


def viewset_url(name, letter):
    try:
        return reverse(letter_viewset.get_url_name(name))
    except NoReverseMatch:
        return reverse(letter_viewset.get_url_name(name), args=[letter.pk])


def test_every_letters_admin_url_answers_without_error(steward_client, admin_user, hostile_letter):
    names = {pattern.name for pattern in letter_viewset.get_urlpatterns()}
    assert names == STEWARD_VIEWS | NOBODYS_VIEWS  # a new view must be placed in one of them
    for name in sorted(STEWARD_VIEWS):
        response = steward_client.get(viewset_url(name, hostile_letter))
        assert response.status_code == 200, name
        assert b"<script>alert(" not in response.content
    for url in (HELD, TOTALS, INDEX + "?export=csv", INDEX + "?export=xlsx"):
        assert steward_client.get(url).status_code == 200, url
    assert steward_client.get("/admin/").status_code == 200  # the menu renders

    superuser = Client()
    verified_login(superuser, admin_user)
    for client in (steward_client, superuser):
        for name in sorted(NOBODYS_VIEWS):
            response = client.get(viewset_url(name, hostile_letter))
            assert response.status_code == 302 and response["Location"] == "/admin/", name
            assert b"zz-marker" not in response.content
