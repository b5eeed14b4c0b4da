"""Demands keyed on their blocks, stances with history, and the public "Where MPs stand" page:
filters, postal-code search (POST, never in a URL), reply figures only from REPLY_MIN_ANSWERS,
the chart with its table, the MP card on the write step, and cache refresh."""

import re

import pytest

from directory.models import MemberOfParliament
from replies.demands import current_demands, sync_demands
from replies.models import Answer, Demand, Position, Stance
from tests.factories import FollowUpFactory
from tests.support.letters import FED_CODE, POSTAL_CODE, write_url
from tests.support.replies import demand_block

pytestmark = pytest.mark.django_db

STAND_URL = "/{language}/where-mps-stand/"


def record(mp, demand, position, **fields):
    return Stance.objects.create(mp=mp, demand=demand, position=position, **fields)


def answer(mp, value, count=1):
    FollowUpFactory.create_batch(count, mp=mp, answer=value)


def test_publishing_the_demands_page_keeps_demands_in_step(stand_site):
    page = stand_site["demands"]
    first, second = Demand.objects.order_by("position")
    assert [first.anchor, second.anchor] == ["military-service", "ordinary-jobs"]
    mp = MemberOfParliament.objects.filter(active=True).first()
    record(mp, first, Position.SUPPORTS)

    # Re-ordered, retitled and a fifth… well, third, demand added: no code, same identities.
    blocks = list(page.demands.raw_data)
    blocks[0]["value"]["title"] = "Military service is not a crime"
    page.demands = [blocks[1], blocks[0], demand_block("relief", "Faster relief")]
    page.save_revision().publish()
    first.refresh_from_db()
    assert first.position == 1 and first.title == "Military service is not a crime"
    assert Demand.objects.count() == 3
    assert Stance.objects.get().demand == first

    # Removed from the page: retired, its stance kept for the record.
    page.demands = [blocks[1]]
    page.save_revision().publish()
    first.refresh_from_db()
    assert first.retired and Stance.objects.filter(demand=first).exists()
    assert [demand.anchor for demand, _t, _u in current_demands("en")] == ["ordinary-jobs"]


def test_a_translated_demands_page_gives_the_titles_in_russian(stand_site):
    from wagtail.models import Locale

    page = stand_site["demands"]
    translated = page.copy_for_translation(Locale.objects.get(language_code="ru"))
    blocks = list(translated.demands.raw_data)
    blocks[0]["value"]["title"] = "Призыв — не угроза"
    translated.demands = blocks
    translated.save_revision().publish()
    sync_demands()
    titles = [title for _d, title, _u in current_demands("ru")]
    assert titles[0] == "Призыв — не угроза"
    assert Demand.objects.count() == 2  # the translation adds no demand


def test_history_is_kept_and_the_latest_stance_counts(stand_site, client):
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    demand = Demand.objects.order_by("position").first()
    record(mp, demand, Position.UNDECIDED, stated_on="2026-03-01")
    record(
        mp,
        demand,
        Position.SUPPORTS,
        stated_on="2026-05-01",
        source_url="https://example.org/hansard",
        quote="I will press for clear guidance.",
        quote_language="en",
    )
    assert Stance.objects.filter(mp=mp).count() == 2
    assert Stance.objects.current().get().position == Position.SUPPORTS
    html = client.get(STAND_URL.format(language="en") + f"?riding={FED_CODE}").content.decode()
    row = re.search(rf'<tr id="riding-{FED_CODE}">.*?</tr>', html, re.S).group()
    assert "Supports" in row and "I will press for clear guidance." in row
    assert 'href="https://example.org/hansard"' in row and "Undecided" not in row


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_page_lists_every_riding_and_filters(stand_site, client, language):
    url = STAND_URL.format(language=language)
    html = client.get(url).content.decode()
    assert html.count('<tr id="riding-') == 343
    quebec = client.get(url, {"province": "QC"}).content.decode()
    assert quebec.count('<tr id="riding-') == 78
    party = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True).party
    both = client.get(url, {"province": "ON", "party": party}).content.decode()
    rows = re.findall(r'<tr id="riding-(\d+)"', both)
    assert FED_CODE in rows and 0 < len(rows) < 122
    by_name = client.get(url, {"q": "ajax"}).content.decode()
    assert re.findall(r'<tr id="riding-(\d+)"', by_name) == [FED_CODE]
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    by_mp = client.get(url, {"q": mp.name.split()[-1]}).content.decode()
    assert FED_CODE in re.findall(r'<tr id="riding-(\d+)"', by_mp)


def test_bad_filters_get_a_translated_400(stand_site, client):
    response = client.get(STAND_URL.format(language="ru"), {"province": "XX"})
    assert response.status_code == 400
    assert "Пожалуйста, выберите провинцию" in response.content.decode()
    assert client.get(STAND_URL.format(language="en"), {"party": "<b>"}).status_code == 400


def test_search_by_postal_code_posts_and_redirects_to_the_riding(stand_site, represent_server):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # the page carries no CSRF token
    represent_server.add_postcode(POSTAL_CODE.replace(" ", ""), [FED_CODE])
    url = STAND_URL.format(language="en")
    find = "/en/replies/find-my-mp/"
    response = client.post(find, {"postal_code": POSTAL_CODE})
    assert response.status_code == 303
    assert response["Location"] == f"{url}?riding={FED_CODE}#results"
    assert "L1S" not in response["Location"]
    assert client.post(find, {"postal_code": "12345"}).status_code == 400
    assert client.get(find).status_code == 302  # GET changes nothing


def test_postal_code_searches_are_rate_limited(stand_site, client, settings):
    settings.LOOKUPS_PER_IP_PER_MINUTE = 2
    url = "/ru/replies/find-my-mp/"
    statuses = [client.post(url, {"postal_code": "K1A 0A6"}).status_code for _ in range(3)]
    assert statuses[-1] == 429
    last = client.post(url, {"postal_code": "K1A 0A6"})
    assert 1 <= int(last["Retry-After"]) <= 60 and "Подождите минуту" in last.content.decode()


def test_reply_figures_appear_only_from_the_threshold(stand_site, client, settings):
    settings.REPLY_MIN_ANSWERS = 5
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    url = STAND_URL.format(language="en") + f"?riding={FED_CODE}"
    answer(mp, Answer.REPLIED, 2)
    answer(mp, Answer.NO_REPLY, 1)
    answer(mp, Answer.NOT_EXPECTED, 1)
    html = client.get(url).content.decode()
    assert "Shown from 5 answers" in html and "got a reply" not in html
    answer(mp, Answer.FORM_LETTER, 1)
    html = client.get(url).content.decode()
    # 5 answers; "didn't expect" leaves the base: 3 of 4 got a reply.
    assert "3 of 4 writers got a reply (75%)" in html


def test_the_chart_is_inline_svg_without_script_or_style_with_a_table(stand_site, client):
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    record(mp, Demand.objects.first(), Position.SUPPORTS)
    html = client.get(STAND_URL.format(language="en")).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg and "<title>" in svg
        assert "<script" not in svg and "<style" not in svg and "style=" not in svg
    table = re.search(r"<caption>Stances by party</caption>.*?</table>", html, re.S).group()
    assert "Supports" in table and mp.party in table


def test_the_write_steps_mp_card_shows_the_stance_and_motivates(stand_site, client):
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    html = client.get(write_url("en")).content.decode()
    assert "has not yet taken a position on these demands" in html
    assert 'name="consent_reply_follow_up"' in html
    assert not re.search(r'name="consent_reply_follow_up"[^>]*checked', html)
    record(mp, Demand.objects.order_by("position").first(), Position.SUPPORTS)
    html = client.get(write_url("ru")).content.decode()
    assert "по нашим требованиям" in html and "Поддерживает" in html
    assert "Через две недели спросите меня" in html
    # The card is kept per content version, which the stance moved on: never a stale card.
    html = client.get(write_url("en")).content.decode()
    assert "stands on our demands" in html and "Supports" in html


def test_a_new_stance_refreshes_the_cached_page(stand_site, client):
    url = STAND_URL.format(language="en")
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    record(mp, Demand.objects.first(), Position.OPPOSES)
    from core.pagecache import content_version

    content_version.forget()
    response = client.get(url)
    assert response["X-Cache"] == "MISS" and "Opposes" in response.content.decode()
