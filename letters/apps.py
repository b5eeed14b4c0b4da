from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    """The letter tool: the campaign page, letters and their delivery pipeline."""

    name = "letters"
    verbose_name = _("Letters")

    def ready(self):
        # The pipeline's receivers (turning "pause sending" off enqueues the backlog) must be
        # connected in every process, whether or not a view has imported the pipeline yet.
        from . import pipeline  # noqa: F401
