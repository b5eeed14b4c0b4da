from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page."""

    name = "home"
