"""The "Where MPs stand" page and the follow-up's answer page, as supporters use them: in English
with JavaScript (axe at zero violations) and in Russian without JavaScript, searching by postal
code, riding or MP name, filtering by province and party, reading the figures and the chart."""

import re

import pytest
from wagtail.models import Locale

from directory.models import MemberOfParliament
from replies.follow_ups import answer_token
from replies.models import Answer, Demand, Position, Stance, WhereMPsStandPage
from tests.factories import FollowUpFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FED_CODE = "35001"  # Ajax, Ontario
POSTAL_CODE = "L1S 2J5"
TEXT = {
    "en": {
        "find": "Find my MP",
        "show": "Show",
        "supports": "Supports",
        "save": "Save my answer",
        "saved": "your answer is saved",
        "figures": "3 of 4 writers got a reply (75%)",
        "province": "Quebec",
        "form_letter": "They replied with a form letter",
    },
    "ru": {
        "find": "Найти депутата",
        "show": "Показать",
        "supports": "Поддерживает",
        "save": "Сохранить ответ",
        "saved": "ваш ответ сохранён",
        "figures": "получили ответ: 3 из 4 (75%)",
        "province": "Квебек",
        "form_letter": "Прислали шаблонный ответ",
    },
}


@pytest.fixture
def stand_data(campaign_site, settings, represent_server):
    settings.REPLY_MIN_ANSWERS = 5
    represent_server.add_postcode(POSTAL_CODE.replace(" ", ""), [FED_CODE])
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    Stance.objects.create(
        mp=mp,
        demand=Demand.objects.order_by("position").first(),
        position=Position.SUPPORTS,
        source_url="https://www.ourcommons.ca/",
        quote="Conscripts are not a threat.",
        quote_language="en",
    )
    for value in [
        Answer.REPLIED,
        Answer.REPLIED,
        Answer.FORM_LETTER,
        Answer.NO_REPLY,
        Answer.NOT_EXPECTED,
    ]:
        FollowUpFactory(mp=mp, answer=value)
    return mp


def rows(site):
    return site.page.locator("tbody tr[id^=riding-]")


def stand_path(language):
    return WhereMPsStandPage.objects.get(locale=Locale.objects.get(language_code=language)).url


@pytest.mark.parametrize(("language", "javascript"), [("en", True), ("ru", False)])
def test_supporters_find_where_their_mp_stands(visit, stand_data, language, javascript):
    site = visit(javascript=javascript)
    words = TEXT[language]
    path = stand_path(language)
    site.goto(path)
    assert rows(site).count() == 343
    assert site.page.locator("svg.chart__svg[role=img]").count() == 2
    assert site.page.locator("table caption").filter(has_text=re.compile(".")).count() >= 2
    site.check(f"stand-{language}-{'js' if javascript else 'nojs'}")

    # By postal code: a POST, and the address bar never shows it.
    site.page.get_by_label(re.compile("^(Postal code|Почтовый индекс)$")).fill(POSTAL_CODE)
    site.page.get_by_role("button", name=words["find"]).click()
    site.page.wait_for_url(re.compile(rf"riding={FED_CODE}"))
    assert "L1S" not in site.page.url
    row = site.page.locator(f"#riding-{FED_CODE}")
    assert rows(site).count() == 1
    assert words["supports"] in row.inner_text()
    assert words["figures"] in row.inner_text()
    assert stand_data.name in row.inner_text()
    site.check(f"stand-{language}-postcode")

    # By province and party.
    site.goto(path)
    site.page.get_by_label(
        re.compile("^(Province or territory|Провинция или территория)$")
    ).select_option(label=words["province"])
    site.page.get_by_role("button", name=words["show"]).click()
    site.page.wait_for_url(re.compile("province=QC"))
    assert rows(site).count() == 78
    site.page.get_by_label(re.compile("^(Party|Партия)$")).select_option(stand_data.party)
    site.page.get_by_role("button", name=words["show"]).click()
    site.page.wait_for_url(re.compile("party="))
    assert 0 < rows(site).count() < 78

    # By the MP's name.
    site.goto(path)
    site.page.get_by_label(re.compile("^(Riding or MP's name|Округ или имя депутата)$")).fill(
        stand_data.name.split()[-1]
    )
    site.page.get_by_role("button", name=words["show"]).click()
    site.page.wait_for_url(re.compile("q="))
    assert site.page.locator(f"#riding-{FED_CODE}").count() == 1
    site.check(f"stand-{language}-search")


@pytest.mark.parametrize(("language", "javascript"), [("en", True), ("ru", False)])
def test_a_supporter_answers_the_follow_up(visit, campaign_site, language, javascript):
    mp = MemberOfParliament.objects.filter(active=True).first()
    follow_up = FollowUpFactory(mp=mp, language=language)
    site = visit(javascript=javascript)
    words = TEXT[language]
    path = f"/{language}/replies/{answer_token(follow_up)}/"
    site.goto(f"{path}?answer=form_letter")
    # The link put its token in a cookie: the page's own URL holds none.
    assert site.page.url.endswith(f"/{language}/replies/answer/?answer=form_letter")
    assert site.page.get_by_label(words["form_letter"]).is_checked()
    site.check(f"answer-{language}-{'js' if javascript else 'nojs'}")
    follow_up.refresh_from_db()
    assert follow_up.answer == ""  # opening the link changed nothing
    site.page.get_by_role("button", name=words["save"]).click()
    site.page.wait_for_url(re.compile(r"saved=1"))
    assert words["saved"] in site.page.content()
    follow_up.refresh_from_db()
    assert follow_up.answer == Answer.FORM_LETTER
    site.check(f"answer-{language}-saved")
