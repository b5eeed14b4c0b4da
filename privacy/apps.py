from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Supporters' personal data as a whole: consents, the audit trail, the suppression list,
    the retention purge, access export and erasure, and campaign mail (docs/trust.md).

    The apps that keep personal data sit above this one and register a holder with
    `privacy.registry` (letters does in its AppConfig.ready), so privacy reaches their data
    without importing them."""

    name = "privacy"
    verbose_name = _("Privacy")
