from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Admin sign-in: two-factor enrolment and verification, the middleware that requires them,
    the lockout (django-axes, configured in settings), the organizer account of `make run`, and
    the Editors, Translators and Data stewards groups (docs/trust.md)."""

    name = "accounts"
    verbose_name = _("Admin sign-in")
