"""Issue 12, hole 7: only superusers can change a letter campaign's safety switches, and every
change is audited. Through Wagtail's own edit view with the admin client, as an Editors user
and as a superuser, pressing Publish with the form as the editor serves it."""

from html.parser import HTMLParser

import pytest

from letters.models import LetterCampaignPage
from privacy.models import AuditEntry
from tests.factories import EditorFactory
from tests.support.accounts import verified_login

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The values a browser would post from the page's main edit form."""

    def __init__(self):
        super().__init__()
        self.fields, self._textarea, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            else:
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select":
            self._select = None


def publish_with_switches_off(client, page):
    """Open the editor, untick both switches if shown, press Publish. Returns the edit page."""
    url = f"/admin/pages/{page.pk}/edit/"
    response = client.get(url)
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.fields:
        if name not in ("require_confirmation", "allow_editing"):
            data[name] = value
    data["action-publish"] = "action-publish"
    posted = client.post(url, data)
    assert posted.status_code == 302, posted.content.decode()[:2000]
    return response.content.decode()


@pytest.fixture
def campaign(letter_pages):
    return LetterCampaignPage.objects.get(locale__language_code="en")


def test_an_editor_cannot_see_or_change_the_switches(client, campaign):
    editor = EditorFactory()
    verified_login(client, editor)
    assert campaign.require_confirmation and campaign.allow_editing
    form = publish_with_switches_off(client, campaign)
    assert 'name="require_confirmation"' not in form and 'name="allow_editing"' not in form
    campaign.refresh_from_db()
    assert campaign.require_confirmation and campaign.allow_editing
    assert campaign.live_revision.user == editor  # the publish went through, switches kept
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SAFETY_SWITCH).exists()


def test_a_superuser_changes_them_and_each_change_is_audited(client, admin_user, campaign):
    verified_login(client, admin_user)
    form = publish_with_switches_off(client, campaign)
    assert 'name="require_confirmation"' in form
    campaign.refresh_from_db()
    assert not campaign.require_confirmation and not campaign.allow_editing
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.SAFETY_SWITCH)
    texts = sorted(entry.filter for entry in entries)
    assert len(texts) == 2
    assert all(entry.actor == admin_user for entry in entries)
    assert "require_confirmation True → False" in texts[1]
    assert "allow_editing True → False" in texts[0]


def test_a_change_outside_the_editor_is_audited_too(campaign):
    campaign.require_confirmation = False
    campaign.save()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SAFETY_SWITCH)
    assert entry.actor_username == "system" and "require_confirmation" in entry.filter
