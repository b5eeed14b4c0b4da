from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaign.blocks import RICH_TEXT_FEATURES, BodyBlock
from campaign.models import DemandsPage, NewsPage, searched, translated
from core.fields import optional_link
from core.pages import in_own_language

LATEST_NEWS_COUNT = 3


class HomePage(Page):
    """The campaign's home page: one per language, at the root of each locale's tree.

    It shows the promise (hero), the call to action to the letter page, the letters-sent
    counter, the demands in short (read from the DemandsPage below it) and the latest news.
    """

    hero_heading = models.CharField(_("hero heading"), max_length=200, default="")
    hero_text = RichTextField(_("hero text"), blank=True, features=RICH_TEXT_FEATURES)
    call_to_action_text = models.CharField(
        _("call to action"),
        max_length=80,
        default="Write to your MP",
        help_text=_("The button's words."),
    )
    call_to_action_page = optional_link(
        "wagtailcore.Page",
        verbose_name=_("call to action page"),
        help_text=_("The letter page. Visitors are sent to its translation in their language."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("call_to_action_text"),
                FieldPanel("call_to_action_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    search_fields = searched("hero_heading", "hero_text", "body")
    translatable_fields = [
        *translated("hero_heading", "hero_text", "call_to_action_text"),
        SynchronizedField("call_to_action_page"),
        TranslatableField("body"),
    ]

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def clean_subpage_models(cls):
        """A home page takes exactly the page types that name it in their parent_page_types,
        so apps that add a page type (the letters app) need not edit this one."""
        if cls._clean_subpage_models is None:
            cls._clean_subpage_models = [
                model
                for model in get_page_models()
                if getattr(model, "parent_page_types", None) is not None
                and cls in model.clean_parent_page_models()
            ]
        return cls._clean_subpage_models

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["demands_page"] = (
            in_own_language(DemandsPage.objects.live()).public().child_of(self).first()
        )
        context["latest_news"] = (
            in_own_language(NewsPage.objects.live())
            .public()
            .descendant_of(self)
            .defer_streamfields()
            .order_by("-date", "-pk")[:LATEST_NEWS_COUNT]
        )
        letter_page = self.call_to_action_page
        context["call_to_action_url"] = letter_page.localized.url if letter_page else None
        return context
