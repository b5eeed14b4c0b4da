"""Letter campaigns, MPs and letters in the test database (built with tests/factories).

Fixtures:
- `letter_campaign` (needs `db`): a LetterCampaignPageFactory page under Wagtail's root.
- `mp`: the sitting MP of riding 35075, `MP 35075 <mp35075@parl.gc.ca>`.
- `make_letter(**overrides)`: a SubmittedLetterFactory letter from `letter_campaign` to `mp`
  (Ada Lovelace <ada@example.org>, both consents; the fixture's later letters come from
  ada2@, ada3@… so that confirming them is no repeat) in `pending_confirmation`;
  `make_letter(confirm=True)` confirms it too.
- `letter_pages`: the real letter campaign of letters/content.py at /en/write-to-your-mp/ and
  /ru/write-to-your-mp/ under a home page that is the default site's root; no MP directory;
  returns `{"en": page, "ru": page}`.
- `letter_site`: `letter_pages` and the real MP directory (343 ridings, 337 sitting MPs), built
  once for all the tests that use it (tests/support/shared.py); each gets fresh page objects.
- `letter_limits`: lifts the per-IP and per-email limits for tests that post many letters from
  one address (the minimum fill time stays: `compose_data` signs a render time 30 s ago).

Helpers: `write_url(language, fed_code, postal_code)` (the compose step of a new `LetterStep`
for that riding and postal code, as the find step makes it; FED_CODE is Ajax, Jennifer
McKelvie, whose postal code POSTAL_CODE is; another riding gets a code of its province),
`find(client, language, postal_code)` (the find step's POST, as the form sends it),
`link(client, url)` (an email's token link, followed: the token-free URL it leads to),
`letter_tasks(task, letter)` (the letter pipeline's task rows).
"""

import pytest
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, Site

from tests.factories import (
    HomePageFactory,
    LetterCampaignPageFactory,
    MemberOfParliamentFactory,
    SubmittedLetterFactory,
)
from tests.support.directory import import_directory
from tests.support.shared import shared_transaction

# Ajax (Ontario), sitting MP Jennifer McKelvie, in the real directory.
FED_CODE = "35001"
POSTAL_CODE = "L1S 2J5"


def write_url(language, fed_code=FED_CODE, postal_code=None):
    """The write step of a fresh step for `fed_code` (needs the database)."""
    from directory.models import Riding
    from directory.postcode import PROVINCE_BY_FIRST_LETTER, PostalCode
    from letters.models import LetterStep

    if postal_code is None:
        riding = Riding.objects.filter(fed_code=fed_code).first()
        province = riding.province if riding else "ON"
        codes = {v: f"{k}1A 1A1" for k, v in PROVINCE_BY_FIRST_LETTER.items()}
        codes |= {"ON": POSTAL_CODE, "NT": "X1A 1A1", "NU": "X0A 1A1"}
        postal_code = codes[province]
    step = LetterStep.start(PostalCode.parse(postal_code), [fed_code])
    return f"/{language}/write-to-your-mp/step/{step.pk}/write/"


def link(client, url):
    """Follow an email's token link as the browser does: it answers 303 to the same page
    without the token (now in a cookie); returns that token-free URL."""
    response = client.get(url)
    assert response.status_code == 303, response.status_code
    assert "/letters/" in url or "/replies/" in url
    return response["Location"]


def find_url(language, page=None):
    """Where the postal-code form posts (the campaign page of `letter_pages` by default)."""
    from letters.models import LetterCampaignPage

    page = page or LetterCampaignPage.objects.get(locale__language_code=language)
    return f"/{language}/letters/find/{page.pk}/"


def find(client, language, postal_code, **extra):
    """The find step's POST; the response is the 303 to the step (or the form again)."""
    return client.post(find_url(language), {"postal_code": postal_code, **extra})


def letter_tasks(task=None, letter=None):
    """Task rows of the letter pipeline (publishing pages also enqueues Wagtail's own tasks):
    of one `task` (a task of letters.pipeline, or its name) and one `letter` if given."""
    if task is None:
        rows = DBTaskResult.objects.filter(task_path__startswith="letters.")
    else:
        path = getattr(task, "module_path", f"letters.pipeline.{task}")
        rows = DBTaskResult.objects.filter(task_path=path)
    return rows if letter is None else rows.filter(args_kwargs__args=[letter.pk])


@pytest.fixture
def letter_campaign(db):
    return LetterCampaignPageFactory()


@pytest.fixture
def mp(db):
    return MemberOfParliamentFactory(fed_code="35075")


@pytest.fixture
def make_letter(letter_campaign, mp):
    written = []

    def make(**overrides):
        # Each letter from its own supporter unless the test names one (ada@, ada2@…): the
        # pipeline declines a second confirmed letter from one sender to one MP in a day.
        written.append(None)
        email = "ada@example.org" if len(written) == 1 else f"ada{len(written)}@example.org"
        values = {"campaign": letter_campaign, "mp": mp, "email": email} | overrides
        return SubmittedLetterFactory(**values)

    return make


def build_letter_pages():
    """The letter campaign (letters/content.py) in English and Russian. Much faster than building
    the whole site with load_campaign_content (tests/letters/test_letter_page_content.py covers
    that)."""
    from core.content.loader import in_language
    from letters.content import LETTER_CAMPAIGN, LETTER_CAMPAIGN_SETTINGS
    from letters.models import LetterCampaignPage

    english, _ = Locale.objects.get_or_create(language_code="en")
    russian, _ = Locale.objects.get_or_create(language_code="ru")
    home = HomePageFactory(slug="letter-views-home", locale=english)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    page = LetterCampaignPageFactory(
        parent=home,
        slug="write-to-your-mp",
        locale=english,
        **{name: in_language(value, "en", name) for name, value in LETTER_CAMPAIGN.items()},
        **LETTER_CAMPAIGN_SETTINGS,
    )
    home.copy_for_translation(russian).save_revision().publish()
    translated = page.copy_for_translation(russian)
    for name, value in LETTER_CAMPAIGN.items():
        setattr(translated, name, in_language(value, "ru", name))
    translated.save_revision().publish()
    return {"en": page, "ru": LetterCampaignPage.objects.get(pk=translated.pk)}


@pytest.fixture
def letter_pages(db):
    return build_letter_pages()


def build_letter_site():
    import_directory()
    return build_letter_pages()


@pytest.fixture(scope="session")
def _shared_letter_site(request, django_db_setup, django_db_blocker):
    """The letter site built once for the tests that use it (tests/support/shared.py)."""
    with shared_transaction(request, django_db_blocker) as held:
        pages = build_letter_site() if held else {}
        yield held, {language: page.pk for language, page in pages.items()}


@pytest.fixture
def letter_site(_shared_letter_site, db):
    """`letter_pages` and the real MP directory (343 ridings, 337 sitting MPs)."""
    from letters.models import LetterCampaignPage

    held, pks = _shared_letter_site
    if held is None or not held.open:
        return build_letter_site()
    return {language: LetterCampaignPage.objects.get(pk=pk) for language, pk in pks.items()}


@pytest.fixture
def postal_code_mp(letter_site, represent_server):
    """The sitting MP a supporter finds by POSTAL_CODE: the replayed Represent answers that code
    with FED_CODE, whose MP comes from the real directory in `letter_site`."""
    from directory.models import MemberOfParliament

    represent_server.add_postcode(POSTAL_CODE.replace(" ", ""), [FED_CODE])
    return MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)


@pytest.fixture
def letter_limits(settings):
    settings.LETTER_RATE_LIMIT_PER_IP = 1000
    settings.LETTER_RATE_LIMIT_PER_EMAIL = 1000
    settings.LETTER_UNCONFIRMED_PER_EMAIL = 1000
    return settings
