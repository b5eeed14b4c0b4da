"""A data steward uses the letters admin in the browser, in English and in Russian: finds a
letter by typing part of its riding's name, opens it from its row, reads its times in the named
zone and its status in words."""

import pytest

from directory.models import MemberOfParliament
from letters.models import Letter, LetterCampaignPage
from tests.factories import SubmittedLetterFactory

from .admin import make_admin_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def letter(campaign_site):
    campaign = LetterCampaignPage.objects.get(locale__language_code="en")
    mp = MemberOfParliament.objects.filter(riding__name_en__startswith="Ottawa").first()
    return SubmittedLetterFactory(campaign=campaign, mp=mp, email="steward-view@example.org")


@pytest.mark.parametrize(
    ("language", "zone_note", "status_word"),
    [
        ("en", "Times are in America/Toronto.", "waiting for confirmation"),
        ("ru", "Время указано по часовому поясу America/Toronto.", "ждёт подтверждения"),
    ],
)
def test_a_steward_finds_and_opens_a_letter(admin_visit, letter, language, zone_note, status_word):
    steward = make_admin_user("steward", "Data stewards", language=language)
    admin = admin_visit(steward)
    admin.goto("/admin/letters/")
    assert zone_note in admin.page.inner_text("main")

    admin.page.locator("#filters-drilldown [data-w-dropdown-target=toggle]").click()
    admin.page.locator("button[aria-controls=drilldown-id_riding]").click()
    admin.page.fill("#id_riding", letter.riding.name_en[:6])
    admin.page.wait_for_url("**riding=**")
    admin.page.keyboard.press("Escape")
    rows = admin.page.locator("main table tbody tr")
    assert rows.count() == 1
    assert status_word in rows.first.inner_text()
    admin.check(f"letters-admin-{language}")

    rows.first.locator("a").first.click()
    admin.page.wait_for_url(f"**/admin/letters/inspect/{letter.pk}/")
    text = admin.page.inner_text("main")
    assert zone_note in text and status_word in text
    assert Letter.Status.PENDING_CONFIRMATION.value not in text
