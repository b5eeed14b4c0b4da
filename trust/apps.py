from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    """Admin two-factor pages, data-steward tools and the privacy commands (docs/trust.md)."""

    name = "trust"
    verbose_name = _("Trust and privacy")
