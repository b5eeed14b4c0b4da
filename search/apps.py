from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search."""

    name = "search"
