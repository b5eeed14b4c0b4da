"""The dashboard's campaign panel: letters sent today, this week and in all (days in TIME_ZONE,
weeks from Monday), letters by status, letters per day for 30 days as a server-drawn chart with
its table, ridings without a letter; everything for organizers and stewards, the counts for
editors, nothing for translators."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from letters import dashboard
from letters.models import Letter
from tests.factories import LetterFactory, MemberOfParliamentFactory

pytestmark = pytest.mark.django_db
S = Letter.Status
TORONTO = ZoneInfo("America/Toronto")
# A Wednesday, 12:30 in Toronto: Monday 00:00 is the week's start, 00:00 today the day's.
NOW = datetime(2031, 3, 5, 12, 30, tzinfo=TORONTO)


@pytest.fixture
def letters(make_letter, letter_campaign, mp):
    def sent(at, status=S.SENT, **extra):
        return LetterFactory(campaign=letter_campaign, mp=mp, status=status, sent_at=at, **extra)

    return {
        "today": sent(NOW - timedelta(hours=12, minutes=29)),  # 00:01 today
        "delivered_today": sent(NOW - timedelta(hours=1), status=S.DELIVERED),
        # 23:59 yesterday in Toronto, already "today" in UTC: counted yesterday.
        "yesterday_late": sent(datetime(2031, 3, 4, 23, 59, tzinfo=TORONTO)),
        "monday": sent(datetime(2031, 3, 3, 0, 5, tzinfo=TORONTO)),
        "last_sunday": sent(datetime(2031, 3, 2, 23, 55, tzinfo=TORONTO)),
        "old": sent(NOW - timedelta(days=45)),
        "bounced": sent(NOW - timedelta(hours=2), status=S.BOUNCED),
        "queued": LetterFactory(campaign=letter_campaign, mp=mp, status=S.QUEUED),
        "held": LetterFactory(campaign=letter_campaign, mp=mp, status=S.HELD),
    }


def test_sent_today_this_week_and_in_all(letters):
    assert dashboard.sent_counts(NOW) == {"today": 2, "week": 4, "total": 6}


def test_letters_by_status_list_every_status(letters):
    counts = {status: count for status, _label, count in dashboard.status_counts()}
    assert list(counts) == list(S)
    assert counts[S.SENT] == 5 and counts[S.DELIVERED] == 1 and counts[S.BOUNCED] == 1
    assert counts[S.QUEUED] == 1 and counts[S.HELD] == 1 and counts[S.SPAM] == 0


def test_sent_per_day_covers_thirty_local_days(letters):
    per_day = dict(dashboard.sent_per_day(NOW))
    days = list(per_day)
    assert len(days) == 30 and days[-1] == NOW.date() and days[0] == NOW.date() - timedelta(29)
    assert per_day[NOW.date()] == 2
    assert per_day[datetime(2031, 3, 4).date()] == 1  # 23:59 Toronto time, not the UTC day
    assert per_day[datetime(2031, 3, 3).date()] == 1 and per_day[datetime(2031, 3, 2).date()] == 1
    assert sum(per_day.values()) == 5  # the 45-day-old letter is outside


def test_the_chart_is_an_accessible_svg_without_script_or_style(letters):
    chart = dashboard.per_day_chart(dashboard.sent_per_day(NOW))
    svg = str(chart["svg"])
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert f"<title>{chart['title']}</title>" in svg
    assert "<script" not in svg and "<style" not in svg and "style=" not in svg
    assert len(re.findall(r'<rect [^>]*class="rect', svg)) == 30  # one bar a day
    # Whole numbers on the count axis, and every day in the table.
    assert all(float(n).is_integer() for n in re.findall(r'class="major">([\d.]+)<', svg))
    assert [count for _label, (_day, count) in chart["rows"]][-1] == 2


def test_ridings_without_a_letter_sent(letters, mp):
    MemberOfParliamentFactory(fed_code="24001")  # nobody wrote
    other = MemberOfParliamentFactory(fed_code="24002")
    LetterFactory(mp=other, status=S.BOUNCED)  # written, never sent
    assert dashboard.ridings_without_letter() == 2


def panel(response):
    content = response.content.decode()
    match = re.search(r'<section class="panel campaign-panel".*?</section>', content, re.S)
    return match and match.group(0)


def without_link():
    return f'href="{reverse("letters_totals")}?without=1"'


@pytest.mark.parametrize("who", ["steward_client", "admin_client"])
def test_stewards_and_organizers_see_everything(request, who, letters):
    client = request.getfixturevalue(who)
    LetterFactory(mp=letters["today"].mp, status=S.SENT, sent_at=timezone.now())
    shown = panel(client.get("/admin/"))
    assert shown and 'data-figure="total">7<' in shown
    assert 'href="/admin/letters/?status=held"' in shown
    assert 'role="img"' in shown and "<details" in shown
    assert without_link() in shown


def test_editors_see_the_counts_only(editor_client, letters):
    shown = panel(editor_client.get("/admin/"))
    assert shown and 'data-figure="total">6<' in shown
    assert "/admin/letters/?" not in shown and "<svg" not in shown  # no way into the letters
    assert without_link() in shown


def test_translators_see_no_campaign_panel(translator_client, letters):
    page = translator_client.get("/admin/")
    assert page.status_code == 200 and panel(page) is None


def test_the_panel_speaks_russian(steward, client, letters):
    from wagtail.users.models import UserProfile

    from tests.support.accounts import verified_login

    profile = UserProfile.get_for_user(steward)
    profile.preferred_language = "ru"
    profile.save()
    verified_login(client, steward)
    shown = panel(client.get("/admin/"))
    assert "Отправлено сегодня" in shown and "Письма по статусам" in shown
    assert "ждёт подтверждения" in shown.lower()
