"""The data stewards' page in the admin menu, for those allowed to export personal data."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from privacy import steward


@hooks.register("register_admin_urls")
def register_steward_urls():
    return [path("supporter-data/", steward.supporter_data, name="privacy_supporter_data")]


class StewardMenuItem(MenuItem):
    """The menu item, shown only to those allowed to export personal data."""

    def is_shown(self, request):
        return request.user.has_perm(steward.EXPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_steward_menu_item():
    return StewardMenuItem(
        _("Supporter data"),
        reverse("privacy_supporter_data"),
        icon_name="lock",
        order=900,
    )
