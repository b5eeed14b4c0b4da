"""Pages under Wagtail's root (wagtail-factories), in the default locale unless told."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale, Page

from campaign.models import NewsPage, StandardPage
from home.models import HomePage
from letters.models import LetterCampaignPage

# A campaign letter as organizers write one: every placeholder the letter tool fills in.
LETTER_TEMPLATE = (
    "Dear {mp_honorific} {mp_name},\n\n"
    "I live in {riding} and I am writing to ask you to support equal treatment for everyone "
    "who has made Canada their home, whatever their immigration status. Families should not "
    "live in fear of losing their place in the communities they help build.\n\n"
    "Sincerely,\n{supporter_name}\n{supporter_city} {supporter_postal_code}"
)


def root_page():
    """Wagtail's tree root and the default locale. A transactional test's flush removes the
    ones migrations made; this recreates them."""
    Locale.objects.get_or_create(language_code="en")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))


class PageFactory(wagtail_factories.PageFactory):
    """A page added under Wagtail's root unless `parent=` says where (never a second root).

    Pages are created live, as `add_child` makes them, without a revision; `publish=True`
    publishes a first revision as an editor does (signals, page cache, search index)."""

    class Meta:
        model = Page
        skip_postgeneration_save = True  # `publish` saves its own revision

    parent = factory.LazyFunction(root_page)
    slug = factory.Sequence(lambda n: f"page-{n}")

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted:
            page.save_revision().publish()


class _PageFactory(PageFactory):
    class Meta:
        abstract = True


class HomePageFactory(_PageFactory):
    class Meta:
        model = HomePage

    title = "Let Us Belong"
    hero_heading = factory.SelfAttribute("title")


class NewsPageFactory(_PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Update {n}")
    date = factory.LazyFunction(datetime.date.today)
    summary = "An update."


class StandardPageFactory(_PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "A short lead paragraph."


class LetterCampaignPageFactory(_PageFactory):
    """A letter campaign in English with its French letter; confirmation required."""

    class Meta:
        model = LetterCampaignPage

    title = "Write to your MP"
    slug = factory.Sequence(lambda n: f"write-to-your-mp-{n}")
    letter_subject_en = "Equal treatment"
    letter_body_en = LETTER_TEMPLATE
    letter_subject_fr = "Égalité"
    letter_body_fr = (
        "Madame, Monsieur {mp_name},\n\nJe vous écris depuis {riding}.\n\n{supporter_name}"
    )
