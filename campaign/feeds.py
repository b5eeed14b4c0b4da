"""The Atom feed of a news index, one per language (each index lives in one locale's tree)."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _


class NewsFeed(Feed):
    """Atom 1.0 feed of the latest news of one NewsIndexPage."""

    feed_type = Atom1Feed
    item_count = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return _("%(title)s · %(organisation)s") % {
            "title": index_page.title,
            "organisation": settings.CAMPAIGN_ORGANISATION,
        }

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def subtitle(self, index_page):
        return index_page.search_description or _("News from the %(organisation)s campaign") % {
            "organisation": settings.CAMPAIGN_ORGANISATION
        }

    def items(self, index_page):
        return index_page.news()[: self.item_count]

    def item_title(self, news_page):
        return news_page.title

    def item_description(self, news_page):
        return news_page.summary

    def item_link(self, news_page):
        return news_page.get_full_url(self.request)

    def item_pubdate(self, news_page):
        return datetime.datetime.combine(news_page.date, datetime.time(12), tzinfo=datetime.UTC)

    def item_updateddate(self, news_page):
        return news_page.last_published_at
