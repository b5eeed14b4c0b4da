"""Driving the supporter's letter forms over HTTP (see docs/letter-tool.md).

Fixtures:
- `letter_pages` (needs `db`): the letter campaign of letters/content.py at
  /en/write-to-your-mp/ and /ru/write-to-your-mp/; returns `{"en": page, "ru": page}`.
- `letter_site`: the same with the real MP directory (`import_mps --csv ../shared/data/mp`).
- `letter_limits`: lifts the per-IP and per-email rate limits for tests that post many letters
  from one address (the minimum fill time stays: `compose_data` signs a render time 30 s ago).

Helpers: `write_url(language, fed_code)`, `compose_data(**overrides)` (a valid plain POST of the
compose form, as a browser with JavaScript off sends it).
"""

import io
import time

import pytest
from django.core import signing
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from letters.screening import RENDERED_AT_SALT
from tests.support.directory import MP_DATA_DIR

# Ajax (Ontario), sitting MP Jennifer McKelvie, in the real directory.
FED_CODE = "35001"
POSTAL_CODE = "L1S 2J5"


def write_url(language, fed_code=FED_CODE, postal_code=None):
    url = f"/{language}/write-to-your-mp/write/{fed_code}/"
    return f"{url}?postal_code={postal_code.replace(' ', '+')}" if postal_code else url


def compose_data(**overrides):
    """The compose form's fields with valid values (the letter text is the supporter's own)."""
    data = {
        "subject": "Fair and transparent security screening",
        "body": (
            "Dear Jennifer McKelvie,\n\nI live in Ajax and I teach chemistry. My colleague has "
            "waited four years for a security screening with no news at all.\n\n"
            "Please support clear timelines.\n\n{supporter_name}\n{supporter_city}, "
            "{supporter_postal_code}"
        ),
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.org",
        "street_address": "12 Harwood Avenue South",
        "city": "Ajax",
        "postal_code": POSTAL_CODE,
        "consent_send": "on",
        "website": "",
        "rendered_at": signing.dumps(time.time() - 30, salt=RENDERED_AT_SALT),
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def letter_pages(db):
    """The letter campaign (letters/content.py) in English and Russian under a home page that
    is the default site's root; no MP directory. Much faster than building the whole site with
    load_campaign_content (tests/letters/test_letter_page_content.py covers that)."""
    from core.content.loader import in_language
    from home.models import HomePage
    from letters.content import LETTER_CAMPAIGN, LETTER_CAMPAIGN_SETTINGS
    from letters.models import LetterCampaignPage

    english, _ = Locale.objects.get_or_create(language_code="en")
    russian, _ = Locale.objects.get_or_create(language_code="ru")
    home = HomePage(
        title="Let Us Belong",
        hero_heading="Let Us Belong",
        slug="letter-views-home",
        locale=english,
    )
    Page.get_first_root_node().add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    page = LetterCampaignPage(
        slug="write-to-your-mp",
        locale=english,
        **{name: in_language(value, "en", name) for name, value in LETTER_CAMPAIGN.items()},
        **LETTER_CAMPAIGN_SETTINGS,
    )
    home.add_child(instance=page)
    home.copy_for_translation(russian).save_revision().publish()
    translated = page.copy_for_translation(russian)
    for name, value in LETTER_CAMPAIGN.items():
        setattr(translated, name, in_language(value, "ru", name))
    translated.save_revision().publish()
    return {"en": page, "ru": LetterCampaignPage.objects.get(pk=translated.pk)}


@pytest.fixture
def letter_site(letter_pages):
    """`letter_pages` and the real MP directory (343 ridings, 337 sitting MPs)."""
    call_command("import_mps", csv=str(MP_DATA_DIR), stdout=io.StringIO())
    return letter_pages


@pytest.fixture
def letter_limits(settings):
    settings.LETTER_RATE_LIMIT_PER_IP = 1000
    settings.LETTER_RATE_LIMIT_PER_EMAIL = 1000
    return settings
