"""The public "Where MPs stand" page: every riding, its MP's stance on each demand, the letters
sent from it, and what supporters told us about the MP's replies."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from campaign.blocks import RICH_TEXT_FEATURES
from campaign.models import PAGE_TRANSLATABLE_FIELDS
from replies.stand_views import where_mps_stand


class WhereMPsStandPage(RoutablePageMixin, Page):
    """Every riding with its MP's stances, letters and reply figures, searchable and filterable,
    with a chart by party and by province (and its table). The views: replies/stand_views.py."""

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)
    figures_explanation = RichTextField(
        _("what the reply figures mean"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown beside the reply figures: how they are collected and their limits."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("figures_explanation")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("figures_explanation"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("where MPs stand page")

    @path("", name="index")
    def index_route(self, request):
        return where_mps_stand(request, self)
