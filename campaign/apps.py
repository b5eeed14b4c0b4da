from django.apps import AppConfig


class CampaignConfig(AppConfig):
    """The campaign's editorial pages, blocks, navigation, feeds and sitemap."""

    name = "campaign"
