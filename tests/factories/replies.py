"""Follow-ups ("did your MP reply?")."""

from datetime import UTC, datetime, timedelta

import factory
from factory.django import DjangoModelFactory

from replies.models import FollowUp
from tests.factories.directory import MemberOfParliamentFactory


class FollowUpFactory(DjangoModelFactory):
    """A follow-up as the sweeper writes one: for `letter=` (its MP and riding, asked when it
    was sent), or, with no letter (one purged and unlinked), for `mp=`, created on 1 January
    2026. Given an `answer`, it was answered 19 days after it was created."""

    class Meta:
        model = FollowUp

    letter = None
    mp = factory.LazyAttribute(
        lambda o: o.letter.mp if o.letter else MemberOfParliamentFactory.create()
    )
    riding = factory.LazyAttribute(lambda o: o.mp.riding)
    language = "en"
    created_at = factory.LazyAttribute(
        lambda o: o.letter.sent_at if o.letter else datetime(2026, 1, 1, tzinfo=UTC)
    )
    answer = ""
    answered_at = factory.LazyAttribute(
        lambda o: o.created_at + timedelta(days=19) if o.answer else None
    )
