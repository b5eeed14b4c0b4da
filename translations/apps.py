from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The translators' side of the admin, on top of wagtail-localize: what is left to
    translate or out of date (status.py, the report and the dashboard panel), the sync that
    never publishes untranslated text (views.py), and the notices on stale translations.

    It knows pages and snippets only through Wagtail and wagtail-localize, never a project
    app, so it sits beside the other shared domains."""

    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        # comments.py imports wagtail-localize's models, which need the app registry.
        from .comments import localize_translation_comments

        localize_translation_comments()
