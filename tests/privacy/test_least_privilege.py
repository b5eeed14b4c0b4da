"""TRUST 9: Editors and Translators reach no personal data, export, task result or submission;
Data stewards can view and export, and every export writes an audit row."""

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from privacy.models import AuditEntry
from tests.factories import (
    DataStewardFactory,
    EditorFactory,
    LetterFactory,
    TranslatorFactory,
    UserFactory,
)
from tests.support.accounts import verified_login

pytestmark = pytest.mark.django_db
PERSONAL_WORDS = ("letter", "consent", "audit", "supporter", "task", "forms", "submission")
# The MP directory and the campaign pages hold no supporter data.
NOT_PERSONAL = ("mp-directory", "ridings", "members", "workflow")


def admin_routes(patterns=None, prefix=""):
    """Every admin URL route, with its converters, e.g. "admin/letters/<int:pk>/"."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from admin_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
            yield route


def personal_data_urls(letter_pk):
    urls = set()
    for route in admin_routes():
        lowered = route.lower()
        if not any(word in lowered for word in PERSONAL_WORDS):
            continue
        if any(word in lowered for word in NOT_PERSONAL) or "^" in route or "(?P" in route:
            continue
        path = "/" + route
        for converter in ("<int:pk>", "<str:pk>", "<int:letter_id>", "<int:id>", "<pk>"):
            path = path.replace(converter, str(letter_pk))
        if "<" not in path:
            urls.add(path)
    return sorted(urls)


@pytest.fixture
def letter(letter_campaign, mp):
    return LetterFactory(
        campaign=letter_campaign, mp=mp, email="marker@example.org", body="zz-marker"
    )


def test_the_groups_exist_with_the_right_permissions():
    stewards = Group.objects.get(name="Data stewards")
    codenames = set(stewards.permissions.values_list("codename", flat=True))
    assert {
        "view_personal_data",
        "export_personal_data",
        "erase_personal_data",
        "view_letter",
        "change_letter",
    } <= codenames
    for name in ("Editors", "Translators"):
        group = Group.objects.get(name=name)
        leaked = group.permissions.filter(
            content_type__app_label__in=[
                "letters",
                "privacy",
                "django_tasks_database",
                "wagtailforms",
            ]
        ).exclude(codename__endswith="lettercampaignpage")
        assert not leaked.exists(), (name, list(leaked.values_list("codename", flat=True)))


def test_neither_task_results_nor_form_submissions_are_mounted():
    from django.conf import settings

    routes = [route.lower() for route in admin_routes()]
    assert not [route for route in routes if "django_tasks" in route or "taskresult" in route]
    # No page collects form submissions, so Wagtail's forms app (and its admin) is not installed.
    assert "wagtail.contrib.forms" not in settings.INSTALLED_APPS
    assert not [route for route in routes if route.startswith("admin/forms/")]


@pytest.mark.parametrize("member", [EditorFactory, TranslatorFactory])
def test_editors_and_translators_are_kept_out(client, member, letter):
    verified_login(client, member())
    assert client.get("/admin/").status_code == 200  # they do reach the admin itself
    urls = personal_data_urls(letter.pk)
    assert "/admin/supporter-data/" in urls
    exports = ["/admin/letters/?export=csv", "/admin/letters/?export=xlsx"]
    for url in urls + exports:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        assert b"marker@example.org" not in response.content
    response = client.post(
        "/admin/supporter-data/", {"email": "marker@example.org", "file_format": "json"}
    )
    assert response.status_code in (302, 403)
    assert b"zz-marker" not in response.content
    assert not AuditEntry.objects.exists()


def test_a_data_steward_can_export_and_it_is_audited(client, letter):
    steward = DataStewardFactory()
    verified_login(client, steward)
    assert client.get("/admin/supporter-data/").status_code == 200
    response = client.post(
        "/admin/supporter-data/", {"email": "Marker@Example.org", "file_format": "json"}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"zz-marker" in response.content
    entry = AuditEntry.objects.get()
    assert entry.actor == steward and entry.action == "export" and entry.at
    assert entry.filter and "marker" not in entry.filter and "@" not in entry.filter


def test_a_user_given_only_the_view_permission_cannot_export(client, letter):
    user = UserFactory(permissions=["access_admin", "view_letter"])
    verified_login(client, user)
    response = client.get("/admin/supporter-data/")
    assert response.status_code in (302, 403) and b"Export supporter data" not in response.content
