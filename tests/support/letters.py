"""Letters in the test database, made through the real pipeline.

Fixtures (each needs `db` or `transactional_db`):
- `wagtail_root`: Wagtail's root page and default locale, recreated if a transactional test's
  flush removed them (list it before fixtures that build pages under the root).
- `letter_campaign`: a published LetterCampaignPage (English, confirmation required).
- `make_mp(fed_code="35075", **fields)`: a riding and its sitting MP with a delivery email.
- `make_letter(**overrides)`: `letters.pipeline.submit_letter` with valid defaults
  (supporter Ada Lovelace <ada@example.org>, English letter, both consents); returns the Letter
  in `pending_confirmation`, its confirmation task enqueued. `make_letter(confirm=True)` also
  confirms it (`queued`, send task enqueued).
"""

import pytest
from wagtail.models import Locale, Page

CONSENT_WORDINGS = {
    "send_letter": ("2026-11", "Send this letter to my MP."),
    "campaign_updates": ("2026-11", "Send me campaign updates; unsubscribe at any time."),
}


@pytest.fixture
def wagtail_root(db):
    return root_page()


@pytest.fixture
def letter_campaign(db):
    from letters.models import LetterCampaignPage

    page = LetterCampaignPage(
        title="Write to your MP",
        slug="write-to-your-mp-test",
        letter_subject_en="Let us belong",
        letter_body_en="Dear {mp_name},\n\nPlease act.\n\n{supporter_name}",
        letter_subject_fr="Laissez-nous appartenir",
        letter_body_fr="Madame, Monsieur,\n\nAgissez.\n\n{supporter_name}",
    )
    root_page().add_child(instance=page)
    return page


def root_page():
    """Wagtail's tree root; a transactional test's flush removes the one migrations made."""
    Locale.objects.get_or_create(language_code="en")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))


@pytest.fixture
def make_mp(db):
    from directory.models import MemberOfParliament, Riding

    def make(fed_code="35075", **fields):
        riding, _ = Riding.objects.get_or_create(
            fed_code=fed_code,
            defaults={"name_en": f"Riding {fed_code}", "name_fr": f"Circ. {fed_code}"},
            province="ON",
        )
        values = {
            "name": f"MP {fed_code}",
            "email": f"mp{fed_code}@parl.gc.ca",
            "source": MemberOfParliament.Source.CSV,
        } | fields
        return MemberOfParliament.objects.create(riding=riding, **values)

    return make


@pytest.fixture
def make_letter(letter_campaign, make_mp):
    from letters import pipeline

    default_mp = []

    def make(*, confirm=False, **overrides):
        if "mp" not in overrides:
            if not default_mp:
                default_mp.append(make_mp())
            overrides["mp"] = default_mp[0]
        values = {
            "campaign": letter_campaign,
            "language": "en",
            "letter_language": "en",
            "subject": "Let us belong",
            "body": "Dear MP,\n\nPlease act.\n\nAda",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@example.org",
            "street_address": "1 Main Street",
            "city": "Ottawa",
            "postal_code": "K1A 0A6",
            "wants_updates": True,
            "consent_wordings": CONSENT_WORDINGS,
        } | overrides
        letter = pipeline.submit_letter(**values)
        if confirm:
            pipeline.confirm_letter(letter)
        return letter

    return make
