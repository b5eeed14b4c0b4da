"""The admin API answers outside the language prefix (for translators too), and the publishing
set-up leaves no workflow step waiting on a group without members."""

import pytest
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow

from campaign.models import StandardPage

pytestmark = pytest.mark.django_db


def api_url(page_id):
    return f"/admin/api/main/pages/{page_id}/"


def test_translators_read_english_pages_from_the_admin_api(translator_client, site_content):
    about = StandardPage.objects.get(slug="about", locale=site_content["en"])
    response = translator_client.get(api_url(about.pk))
    assert response.status_code == 200
    assert response.json()["title"] == "About us"


def test_a_missing_page_is_a_json_404_not_a_language_redirect(editor_client, site_content):
    response = editor_client.get(api_url(999_999))
    assert response.status_code == 404
    assert "Location" not in response and response["Content-Type"].startswith("application/json")
    # A visitor's path without a language still goes to its language.
    assert editor_client.get("/about/").status_code == 302


def test_no_active_workflow_waits_on_an_empty_group(db):
    for workflow in Workflow.objects.filter(active=True):
        for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow):
            assert any(group.user_set.filter(is_active=True) for group in task.groups.all()), (
                workflow.name
            )


def test_editors_publish_directly(editor_client, site_content):
    about = StandardPage.objects.get(slug="about", locale=site_content["en"])
    page = editor_client.get(reverse("wagtailadmin_pages:edit", args=[about.pk])).content.decode()
    assert "action-publish" in page
    assert "Moderators approval" not in page and "action-submit" not in page
