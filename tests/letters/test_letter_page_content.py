"""The letter campaign built by load_campaign_content, and the letters-sent counter."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page

from letters.models import LetterCampaignPage


@pytest.fixture
def loaded(site_content):
    """The whole site as load_campaign_content builds it (shared: tests/support/site.py)."""
    pages = LetterCampaignPage.objects.select_related("locale")
    return {page.locale.language_code: page for page in pages}


def test_the_campaign_exists_in_english_and_russian(client, loaded):
    english, russian = loaded["en"], loaded["ru"]
    assert english.url == "/en/write-to-your-mp/" and russian.url == "/ru/write-to-your-mp/"
    assert english.live and russian.live
    assert russian.translation_key == english.translation_key
    assert english.goal == russian.goal == 1000
    assert english.require_confirmation and english.allow_editing

    # The letter that is sent: English and French, the four demands, Bill C-2, a story slot.
    assert "Bill C-2" in english.letter_body_en and "projet de loi C-2" in english.letter_body_fr
    for body, marker in ((english.letter_body_en, ". "), (english.letter_body_fr, ") ")):
        assert all(f"\n{n}{marker}" in body for n in range(1, 5))
        assert "{mp_name}" in body and "{riding}" in body and "{supporter_name}" in body
        assert body.count("[") == 1
    # French opens and closes with the MP's form of address, and keeps Quebec typography: a
    # no-break space before « : », « ; », « ? », never a plain one.
    assert english.letter_body_fr.startswith("{salutation}\n")
    assert "\n{closing}\n" in english.letter_body_fr
    assert not re.search(r" [:;?!»]|« ", english.letter_body_fr + english.letter_subject_fr)
    assert "\u00a0:" in english.letter_body_fr and "\u00a0?" in english.letter_body_fr
    assert russian.letter_body_fr == english.letter_body_fr  # synchronized, never translated

    # The reference translation for Russian readers, through wagtail-localize.
    assert russian.title == "Напишите своему депутату"
    assert russian.reference_body.startswith("Здравствуйте, {mp_name}!")
    assert "законопроекта C-2" in russian.reference_body
    assert "\n\n" in russian.reference_body  # paragraphs survive the translation round trip
    assert "Кто вы?" in russian.writing_prompts
    assert "пять минут" in russian.share_text

    for language in ("en", "ru"):
        assert client.get(f"/{language}/write-to-your-mp/").status_code == 200


def test_loading_again_changes_nothing(loaded):
    revisions = {code: page.latest_revision_id for code, page in loaded.items()}
    output = io.StringIO()
    call_command("load_campaign_content", stdout=output)
    assert "LetterCampaignPage" not in output.getvalue()
    for code, page in loaded.items():
        page.refresh_from_db()
        assert page.latest_revision_id == revisions[code]
    assert LetterCampaignPage.objects.count() == 2


def test_home_page_counter_shows_letters_sent_and_the_goal(client, loaded):
    cache.clear()
    content = client.get("/en/").content.decode()
    assert "0 letters sent to MPs. Our goal: 1000." in content
    assert '<progress class="letter-counter__bar" max="1000" value="0"' in content
    assert "Депутатам отправлено 0 писем" in client.get("/ru/").content.decode()


def test_counter_counts_sent_letters_of_every_translation(letter_campaign, make_letter):
    for _index in range(3):
        letter = make_letter(confirm=True)
        letter.status = letter.Status.SENT
        letter.save(update_fields=["status"])
    cache.clear()
    with translation.override("en"):
        html = render_to_string("letters/includes/counter.html", {"campaign_page": letter_campaign})
    assert "3 letters sent to MPs. Our goal: 1000." in html
    # A plain Page pointing at the campaign works too (a call-to-action ForeignKey to Page).
    as_page = Page.objects.get(pk=letter_campaign.pk)
    with translation.override("en"):
        html = render_to_string("letters/includes/counter.html", {"campaign_page": as_page})
    assert "3 letters" in html


@pytest.mark.parametrize("campaign_page", [None, "root"])
def test_counter_renders_nothing_without_a_letter_campaign(db, campaign_page):
    if campaign_page == "root":
        campaign_page = Page.get_first_root_node()
    html = render_to_string("letters/includes/counter.html", {"campaign_page": campaign_page})
    assert html.strip() == ""


def test_an_old_placeholder_page_is_replaced_once(client, loaded):
    from campaign.models import StandardPage
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    for page in (loaded["ru"], loaded["en"]):
        page.delete()
    placeholder = StandardPage(title="Write to your MP", slug="write-to-your-mp")
    home.add_child(instance=placeholder)
    placeholder.save_revision().publish()
    russian = placeholder.copy_for_translation(loaded["ru"].locale)
    russian.save_revision().publish()

    call_command("load_campaign_content", stdout=io.StringIO())
    assert not StandardPage.objects.filter(slug="write-to-your-mp").exists()
    for language in ("en", "ru"):
        page = Page.objects.get(
            url_path__endswith="/write-to-your-mp/", locale__language_code=language
        )
        assert isinstance(page.specific, LetterCampaignPage)
        assert client.get(f"/{language}/write-to-your-mp/").status_code == 200
    home.refresh_from_db()
    assert home.call_to_action_page.specific_class is LetterCampaignPage
