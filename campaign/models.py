"""The campaign's page types and its locale-aware navigation snippet."""

import json

from django.contrib.contenttypes.fields import GenericRelation
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Locale, Page, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.fields import optional_link
from core.pagecache import uses_query
from core.pages import in_own_language

from .blocks import RICH_TEXT_FEATURES, BodyBlock, DemandBlock, LinkBlock, QuestionBlock
from .feeds import NewsFeed

NEWS_PER_PAGE = 10

# The Page fields every page type translates. The slug is synchronized so that /ru/about/
# mirrors /en/about/ and links between languages stay predictable.
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("slug"),
]

# A section of the site with nothing below it: one page of its type under each home page.
ONE_SECTION_PER_HOME = (["home.HomePage"], [], 1)


def searched(*names):
    """A page type's search fields: Page's own and these text fields."""
    return [*Page.search_fields, *(index.SearchField(name) for name in names)]


def translated(*names):
    """A page type's translatable fields: title, SEO fields and slug, and these fields."""
    return [*PAGE_TRANSLATABLE_FIELDS, *(TranslatableField(name) for name in names)]


# JSON inside <script> must not be able to close the element.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data):
    """Serialize data for an inline JSON(-LD) script element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308


class StandardPage(Page):
    """A plain page: About, Privacy policy, Contact, and the like."""

    intro = models.TextField(_("intro"), blank=True, help_text=_("A short lead paragraph."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = searched("intro", "body")
    translatable_fields = translated("intro", "body")

    parent_page_types = ["home.HomePage", "campaign.StandardPage"]
    subpage_types = ["campaign.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class DemandsPage(Page):
    """The campaign's demands, each with its explanation and a stable anchor."""

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)
    demands = StreamField([("demand", DemandBlock())], blank=True, verbose_name=_("demands"))
    closing = StreamField(BodyBlock(), blank=True, verbose_name=_("closing"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("demands"),
        FieldPanel("closing"),
    ]
    search_fields = searched("intro", "demands")
    translatable_fields = translated("intro", "demands", "closing")

    parent_page_types, subpage_types, max_count_per_parent = ONE_SECTION_PER_HOME

    class Meta:
        verbose_name = _("demands page")


class FAQPage(Page):
    """Questions and answers, each linkable by its anchor, marked up as FAQPage data."""

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)
    questions = StreamField(
        [("question", QuestionBlock())], blank=True, verbose_name=_("questions")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("questions")]
    search_fields = searched("intro", "questions")
    translatable_fields = translated("intro", "questions")

    parent_page_types, subpage_types, max_count_per_parent = ONE_SECTION_PER_HOME

    class Meta:
        verbose_name = _("FAQ page")

    def structured_data(self):
        """schema.org FAQPage, ready for a <script type="application/ld+json"> element."""
        return json_for_script(
            {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "inLanguage": self.locale.language_code,
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": item.value["question"],
                        "acceptedAnswer": {
                            "@type": "Answer",
                            "text": strip_tags(str(item.value["answer"])).strip(),
                        },
                    }
                    for item in self.questions
                ],
            }
        )


class NewsIndexPage(RoutablePageMixin, Page):
    """The news listing, paginated, with an Atom feed at feed/ in each language."""

    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = searched("intro")
    translatable_fields = translated("intro")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaign.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def news(self):
        """Live news of this index (so of this language), newest first."""
        return (
            in_own_language(NewsPage.objects.live())
            .public()
            .child_of(self)
            .defer_streamfields()
            .order_by("-date", "-pk")
        )

    @path("")
    def listing(self, request):
        """The news, NEWS_PER_PAGE at a time: `?page=N` for N in range (`?page=1` redirects to
        the URL without it); any other page number is a 404, so the page cache keeps only real
        pages (core/pagecache.py)."""
        paginator = Paginator(self.news(), NEWS_PER_PAGE)
        number = request.GET.get("page")
        if number is None:
            news_page = paginator.page(1)
        else:
            try:
                news_page = paginator.page(number)
            except (PageNotAnInteger, EmptyPage) as error:
                raise Http404 from error
            if number == "1":
                return HttpResponsePermanentRedirect(request.path)
            if str(news_page.number) != number:
                raise Http404
        uses_query(request, "page")
        return self.render(request, context_overrides={"news_page": news_page})

    @path("feed/", name="feed")
    def feed(self, request):
        return NewsFeed(self)(request)


class NewsPage(Page):
    """A news article: date, summary, optional image, body."""

    date = models.DateField(_("date"))
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences for listings and feeds.")
    )
    image = optional_link("wagtailimages.Image", verbose_name=_("image"))
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("body"),
    ]
    search_fields = [*searched("summary", "body"), index.FilterField("date")]
    translatable_fields = [
        *translated("summary", "image_alt", "body"),
        SynchronizedField("date"),
        SynchronizedField("image"),
    ]

    parent_page_types = ["campaign.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")

    @property
    def share_image(self):
        return self.image


class SiteNavigation(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """The header menu and the footer of one language. wagtail-localize translates it;
    templates look up the live one of the active locale (see campaign_tags.site_navigation).

    Drafts and revisions, like pages: a new translation starts as a draft (the Russian site keeps
    its menu until a translator publishes), and edits leave a history the content loader reads
    to know that people changed it. Only users with `change_source_sitenavigation` (Editors)
    may change the English one; Translators change translations only
    (campaign/wagtail_hooks.py)."""

    menu = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("menu"),
        help_text=_("Links in the header, in order."),
    )
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])
    privacy_page = optional_link(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        help_text=_("Linked from every page's footer, in the visitor's language."),
    )
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links"))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="sitenavigation")

    panels = [
        FieldPanel("menu"),
        FieldPanel("footer_text"),
        FieldPanel("privacy_page"),
        FieldPanel("footer_links"),
    ]
    translatable_fields = [
        TranslatableField("menu"),
        TranslatableField("footer_text"),
        SynchronizedField("privacy_page"),
        TranslatableField("footer_links"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site navigation")
        verbose_name_plural = _("site navigation")
        permissions = [
            ("change_source_sitenavigation", _("Can change the navigation in the source language"))
        ]

    def __str__(self):
        return str(_("Navigation and footer ({language})")).format(
            language=self.locale.get_display_name()
        )

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def for_locale(cls, locale):
        """The live navigation of this locale, else the default locale's (a new language starts
        with the source menu until its translation is published)."""
        live = cls.objects.filter(live=True).order_by("pk")
        own = live.filter(locale=locale).first()
        return own or live.filter(locale=Locale.get_default()).first()
