"""The data stewards' page in the admin menu, for those allowed to export personal data."""

from django.utils.translation import gettext_lazy as _

from core.admin_menu import register_admin_page
from privacy import steward

register_admin_page(
    "supporter-data/",
    steward.supporter_data,
    name="privacy_supporter_data",
    label=_("Supporter data"),
    allowed=lambda user: user.has_perm(steward.EXPORT_PERMISSION),
    icon_name="lock",
    order=900,
)
