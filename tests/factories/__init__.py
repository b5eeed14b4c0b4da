"""Test data, built with factory-boy and wagtail-factories (see docs/testing.md).

Every factory makes rows the way the site does: `SubmittedLetterFactory` goes through the real
pipeline, `LetterFactory` writes a row as the pipeline would, page factories add pages under
Wagtail's root, user factories put users in the admin's real groups.

    from tests.factories import MemberOfParliamentFactory, SubmittedLetterFactory

    mp = MemberOfParliamentFactory(fed_code="35075")
    letter = SubmittedLetterFactory(mp=mp, confirm=True)   # queued, send task enqueued
"""

from tests.factories.accounts import (
    DataStewardFactory,
    EditorFactory,
    SuperuserFactory,
    TranslatorFactory,
    UserFactory,
)
from tests.factories.directory import MemberOfParliamentFactory, RidingFactory
from tests.factories.forms import compose_data, screened_data, signed_render_time
from tests.factories.letters import (
    CONSENT_WORDINGS,
    ConsentFactory,
    LetterFactory,
    SubmittedLetterFactory,
)
from tests.factories.pages import (
    HomePageFactory,
    LetterCampaignPageFactory,
    NewsPageFactory,
    PageFactory,
    StandardPageFactory,
    root_page,
)
from tests.factories.replies import FollowUpFactory

__all__ = [
    "CONSENT_WORDINGS",
    "ConsentFactory",
    "DataStewardFactory",
    "EditorFactory",
    "FollowUpFactory",
    "HomePageFactory",
    "LetterCampaignPageFactory",
    "LetterFactory",
    "MemberOfParliamentFactory",
    "NewsPageFactory",
    "PageFactory",
    "RidingFactory",
    "StandardPageFactory",
    "SubmittedLetterFactory",
    "SuperuserFactory",
    "TranslatorFactory",
    "UserFactory",
    "compose_data",
    "root_page",
    "screened_data",
    "signed_render_time",
]
