"""Letters and consents."""

import time

import factory
from factory.django import DjangoModelFactory

from letters import pipeline
from letters.models import Letter
from privacy.identity import sender_hash
from privacy.models import Consent
from tests.factories.directory import MemberOfParliamentFactory
from tests.factories.pages import LetterCampaignPageFactory

# What the compose form hands the pipeline: (version, wording) of each consent.
CONSENT_WORDINGS = {
    "send_letter": ("2026-11", "Send this letter to my MP."),
    "campaign_updates": ("2026-11", "Send me campaign updates; unsubscribe at any time."),
}


class _Supporter(factory.Factory):
    """The letter and who wrote it: the values every letter factory starts from."""

    class Meta:
        abstract = True

    campaign = factory.SubFactory(LetterCampaignPageFactory)
    mp = factory.SubFactory(MemberOfParliamentFactory)
    language = "en"
    letter_language = "en"
    subject = "Let us belong"
    body = "Dear MP,\n\nPlease act.\n\nAda"
    first_name = "Ada"
    last_name = "Lovelace"
    email = "ada@example.org"
    street_address = "1 Main Street"
    city = "Ottawa"
    postal_code = "K1A 0A6"


class SubmittedLetterFactory(_Supporter):
    """A letter written by `letters.pipeline.submit_letter`, as the compose form does it: the
    letter in `pending_confirmation`, its consents and its confirmation task. `confirm=True`
    also confirms it (`queued`, or `held` with a `hold_reason`; its send task enqueued).
    The pipeline's own checks apply: an invalid email raises ValidationError."""

    class Meta:
        model = Letter

    wants_updates = True
    consent_wordings = CONSENT_WORDINGS
    confirm = False

    @classmethod
    def _create(cls, model_class, *args, confirm=False, **values):
        letter = pipeline.submit_letter(**values)
        if confirm:
            pipeline.confirm_letter(letter)
            letter.refresh_from_db()
        return letter


class LetterFactory(_Supporter, DjangoModelFactory):
    """A letter row as the pipeline writes one (sender fingerprint, Message-ID), without its
    consents, events or tasks: for tests of what reads letters (screening, purge, exports).
    Set any state directly: `LetterFactory(status="sent", sent_at=...)`."""

    class Meta:
        model = Letter

    riding = factory.SelfAttribute("mp.riding")
    postal_code = "K1A0A6"
    sender_hash = factory.LazyAttribute(lambda letter: sender_hash(letter.email))
    message_id = factory.Sequence(lambda n: f"<test-{n}-{time.time_ns()}@letusbelong.ca>")


class ConsentFactory(DjangoModelFactory):
    """A consent given with `given_with` (a letter): campaign updates by default, which keep the
    email; a `send_letter` consent keeps none."""

    class Meta:
        model = Consent

    given_with = factory.SubFactory(LetterFactory)
    kind = Consent.Kind.CAMPAIGN_UPDATES
    email = factory.LazyAttribute(
        lambda consent: (
            consent.given_with.email if consent.kind == Consent.Kind.CAMPAIGN_UPDATES else ""
        )
    )
    sender_hash = factory.SelfAttribute("given_with.sender_hash")
    language = "en"
    wording_version = "2026-11"
    wording_hash = "0" * 64
