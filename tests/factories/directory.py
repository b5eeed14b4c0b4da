"""Ridings and their MPs."""

import factory
from factory.django import DjangoModelFactory

from directory.models import MemberOfParliament, Riding


class RidingFactory(DjangoModelFactory):
    """An Ontario riding. Made-up FED codes run from 35200 up, clear of the real ones (35001 to
    35122), so factories and the real directory (`mp_directory`) can share a test; pass
    `fed_code="35075"` for a known one (an existing riding is reused)."""

    class Meta:
        model = Riding
        django_get_or_create = ("fed_code",)

    fed_code = factory.Sequence(lambda n: f"{35200 + n % 800}")
    name_en = factory.LazyAttribute(lambda riding: f"Riding {riding.fed_code}")
    name_fr = factory.LazyAttribute(lambda riding: f"Circ. {riding.fed_code}")
    province = "ON"


class MemberOfParliamentFactory(DjangoModelFactory):
    """The sitting MP of a riding, with a delivery email (`mp<fed code>@parl.gc.ca`).

    `MemberOfParliamentFactory(fed_code="24001")` seats them in that riding, made if needed."""

    class Meta:
        model = MemberOfParliament

    class Params:
        fed_code = factory.Sequence(lambda n: f"{35200 + n % 800}")

    riding = factory.SubFactory(RidingFactory, fed_code=factory.SelfAttribute("..fed_code"))
    name = factory.LazyAttribute(lambda mp: f"MP {mp.riding.fed_code}")
    email = factory.LazyAttribute(lambda mp: f"mp{mp.riding.fed_code}@parl.gc.ca")
    source = MemberOfParliament.Source.CSV
