from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from privacy import registry


class LettersConfig(AppConfig):
    """The letter tool: the campaign page, letters and their delivery pipeline."""

    name = "letters"
    verbose_name = _("Letters")

    def ready(self):
        # Both modules import the models, which exist only once the app registry is ready.
        from . import pipeline, switches, tracking
        from .personal_data import LetterData

        # The pipeline's receivers (turning "pause sending" off enqueues the backlog) must be
        # connected in every process, whether or not a view has imported the pipeline yet.
        pipeline.connect_receivers()
        # The email service's delivery reports arrive on django-anymail's tracking signal.
        tracking.connect_receivers()
        # Changes of a campaign's safety switches are audited.
        switches.connect_receivers()
        # Privacy's purge, export and erasure reach letters through this holder.
        registry.register(LetterData())
