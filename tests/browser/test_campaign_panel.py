"""The dashboard's campaign panel, in the browser, as each kind of admin user: an organizer (EN,
and RU without JavaScript) sees the letters sent today, this week and in all, the letters by
status (leading to the letters list), the 30-day chart (a server-drawn SVG image, no script)
with its table, and the ridings without a letter (leading to the totals page); an Editors member
sees the counts only; a Translators member sees no panel and no supporter's letter."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.models import MemberOfParliament
from letters.models import Letter, LetterCampaignPage
from tests.factories import LetterFactory

from .admin import make_admin_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
S = Letter.Status
PANEL = "section[aria-labelledby=campaign-panel-heading]"


@pytest.fixture
def letters(campaign_site):
    campaign = LetterCampaignPage.objects.get(locale__language_code="en")
    mp = MemberOfParliament.objects.filter(riding__name_en__startswith="Ottawa").first()
    now = timezone.now()
    made = [
        LetterFactory(campaign=campaign, mp=mp, status=S.SENT, sent_at=now - timedelta(minutes=5)),
        LetterFactory(
            campaign=campaign, mp=mp, status=S.DELIVERED, sent_at=now - timedelta(days=8)
        ),
        LetterFactory(campaign=campaign, mp=mp, status=S.SENT, sent_at=now - timedelta(days=40)),
        LetterFactory(campaign=campaign, mp=mp, status=S.HELD, email="held@example.org"),
    ]
    return made


def figure(admin, name):
    return admin.page.locator(f"{PANEL} [data-figure={name}]").inner_text()


def test_an_organizer_sees_the_campaign_at_a_glance(admin_visit, letters):
    organizer = make_admin_user("organizer", superuser=True)
    admin = admin_visit(organizer)
    panel = admin.page.locator(PANEL)
    assert figure(admin, "today") == "1" and figure(admin, "total") == "3"
    chart = panel.locator("svg[role=img]")
    assert chart.locator("title").first.text_content().startswith("Letters sent per day")
    assert chart.locator("rect.rect").count() == 30
    assert panel.locator("script").count() == 0
    admin.check("campaign-panel-organizer-en")

    panel.locator("summary").click()  # the chart's numbers, as a table
    table = panel.locator("details table")
    assert table.locator("tbody tr").count() == 30
    assert table.locator("tbody tr").last.locator("td").inner_text() == "1"

    panel.get_by_role("link", name="Held for review").click()
    admin.page.wait_for_url("**/admin/letters/?status=held")
    rows = admin.page.locator("main table tbody tr")
    assert rows.count() == 1

    admin.goto("/admin/")
    panel.get_by_role("link", name="ridings have no letter sent yet").click()
    admin.page.wait_for_url("**without=1")
    assert "have no letter sent yet" in admin.page.inner_text("main")


def test_an_organizer_reads_it_in_russian_without_javascript(admin_visit, letters):
    organizer = make_admin_user("organizer", superuser=True, language="ru")
    admin = admin_visit(organizer, javascript=False)
    text = admin.page.locator(PANEL).inner_text()
    for words in ("Письма депутатам", "Отправлено сегодня", "Письма по статусам", "Ждёт"):
        assert words.lower() in text.lower(), words
    assert "Sent" not in text and "Letters" not in text
    table = admin.page.locator(f"{PANEL} details table")
    admin.page.locator(f"{PANEL} summary").click()
    assert table.is_visible() and table.locator("tbody tr").count() == 30
    admin.check("campaign-panel-organizer-ru-nojs")


def test_an_editor_sees_the_counts_only(admin_visit, letters):
    editor = make_admin_user("editor", "Editors")
    admin = admin_visit(editor)
    panel = admin.page.locator(PANEL)
    assert figure(admin, "week") == "1" and figure(admin, "total") == "3"
    assert panel.locator("svg").count() == 0 and panel.locator("table").count() == 0
    assert panel.locator("a[href*='/admin/letters/?']").count() == 0
    admin.check("campaign-panel-editor-en")
    admin.goto("/admin/letters/")  # and the letters themselves stay closed
    assert admin.page.url.endswith("/admin/")


def test_a_translator_sees_no_campaign_panel_and_no_letter(admin_visit, letters):
    translator = make_admin_user("translator", "Translators", language="ru")
    admin = admin_visit(translator)
    assert admin.page.locator(PANEL).count() == 0
    assert "held@example.org" not in admin.page.content()
    for path in ("/admin/letters/", f"/admin/letters/inspect/{letters[-1].pk}/"):
        admin.goto(path)
        assert admin.page.url.endswith("/admin/"), path
        assert "held@example.org" not in admin.page.content()
