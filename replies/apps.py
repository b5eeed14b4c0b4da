from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepliesConfig(AppConfig):
    """Closing the loop: "did your MP reply?" follow-ups, MPs' stances on the demands, and the
    public "Where MPs stand" page (docs/replies.md)."""

    name = "replies"
    verbose_name = _("Replies and stances")

    def ready(self):
        # These modules import models, which exist only once the app registry is ready.
        from wagtail.signals import page_published

        from campaign.models import DemandsPage
        from letters.extensions import OptionalConsent, register_optional_consent
        from privacy import registry

        from .consent import REPLY_FOLLOW_UP_VERSION, reply_follow_up_consent_text
        from .demands import on_page_published
        from .personal_data import ReplyData

        # The "ask me in two weeks" box on the letter's details step (letters/extensions.py).
        register_optional_consent(
            OptionalConsent(
                field_name="consent_reply_follow_up",
                kind="reply_follow_up",
                version=REPLY_FOLLOW_UP_VERSION,
                label=reply_follow_up_consent_text,
            )
        )
        page_published.connect(
            on_page_published, sender=DemandsPage, dispatch_uid="replies-sync-demands"
        )
        registry.register(ReplyData())
