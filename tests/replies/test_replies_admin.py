"""The organizers' side: the replies view (counts only, never who answered), quote approval,
stance recording with history, and the stewards' CSV of answers."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from privacy.models import AuditEntry
from replies.models import Answer, Demand, Position, Stance
from replies.models.follow_up import QuoteStatus
from replies.wagtail_hooks import stance_viewset
from tests.factories import FollowUpFactory, MemberOfParliamentFactory
from tests.support.accounts import verified_login

pytestmark = pytest.mark.django_db


def signed_in(client, group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x-1234567")
    user.groups.add(Group.objects.get(name=group_name))
    verified_login(client, user)
    return user


@pytest.fixture
def answered(sent_letter):
    letter = sent_letter(first_name="Zinaida", email="zina@example.org")
    return FollowUpFactory(
        letter=letter,
        language="ru",
        answer=Answer.REPLIED,
        answered_at=letter.sent_at,
        reply_text="Dear Zinaida, I support transparent screening. =HYPERLINK(x)",
        quote_consent=True,
        quote_status=QuoteStatus.PENDING,
    )


def test_editors_see_counts_and_quotes_never_who_answered(client, answered):
    signed_in(client, "Editors", "editor")
    html = client.get(reverse("replies_report")).content.decode()
    assert answered.mp.name in html and "Answers by party" in html and "Answers by week" in html
    assert "zina@example.org" not in html and "Lovelace" not in html
    assert "I support transparent screening" in html  # the MP's words, to approve or not
    assert reverse("replies_answers_csv") not in html  # no export for editors
    refused = client.get(reverse("replies_answers_csv"))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # denied


def test_translators_see_nothing_of_replies(client, answered):
    signed_in(client, "Translators", "translator")
    refused = client.get(reverse("replies_report"))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # denied
    assert client.get(reverse(stance_viewset.get_url_name("index"))).status_code in (302, 403)


def test_an_editor_approves_a_trimmed_quote_and_it_is_published(client, answered):
    signed_in(client, "Editors", "editor")
    url = reverse("replies_review_quote", args=[answered.pk, "approve"])
    assert client.get(url).status_code == 405
    response = client.post(url, {"quote": "  I support transparent screening.  "})
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.quote_status == QuoteStatus.APPROVED
    assert answered.quote == "I support transparent screening."
    assert answered.quote_reviewed_by.username == "editor"
    # Once decided, a second decision is refused.
    client.post(reverse("replies_review_quote", args=[answered.pk, "reject"]))
    answered.refresh_from_db()
    assert answered.quote_status == QuoteStatus.APPROVED


def test_a_rejected_quote_is_never_published(client, answered):
    signed_in(client, "Editors", "editor")
    client.post(reverse("replies_review_quote", args=[answered.pk, "reject"]))
    answered.refresh_from_db()
    assert answered.quote_status == QuoteStatus.REJECTED and answered.quote == ""


def test_stewards_export_the_answers_as_csv_without_supporters(client, answered):
    signed_in(client, "Data stewards", "steward")
    response = client.get(reverse("replies_answers_csv"))
    assert response.status_code == 200
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["answered_on", "mp", "party"]
    assert rows[1][1] == answered.mp.name and rows[1][5] == "replied"
    assert "zina" not in text.lower() and "HYPERLINK" not in text
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_editing_a_stance_records_a_new_one_and_keeps_the_history(client, db):
    editor = signed_in(client, "Editors", "editor")
    mp = MemberOfParliamentFactory()
    demand = Demand.objects.create(block_id="6f1d3c1e-2f55-4c1b-9a3e-1e7b4c2d9a11", title="D1")
    add_url = reverse(stance_viewset.get_url_name("add"))
    response = client.post(
        add_url,
        {
            "mp": mp.pk,
            "demand": demand.pk,
            "position": Position.UNDECIDED,
            "stated_on": "2026-03-01",
            "source_url": "https://example.org/a",
            "quote": "",
            "quote_language": "",
            "source_reply": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    first = Stance.objects.get()
    assert first.recorded_by == editor

    edit_url = reverse(stance_viewset.get_url_name("edit"), args=[first.pk])
    assert client.get(edit_url).status_code == 200
    client.post(
        edit_url,
        {
            "mp": mp.pk,
            "demand": demand.pk,
            "position": Position.SUPPORTS,
            "stated_on": "2026-05-01",
            "source_url": "https://example.org/b",
            "quote": "Oui.",
            "quote_language": "fr",
            "source_reply": "",
        },
    )
    assert Stance.objects.count() == 2
    first.refresh_from_db()
    assert first.position == Position.UNDECIDED  # the history is untouched
    assert Stance.objects.current().get().position == Position.SUPPORTS
    delete_url = reverse(stance_viewset.get_url_name("delete"), args=[first.pk])
    assert client.post(delete_url).status_code in (302, 403)
    assert Stance.objects.count() == 2
