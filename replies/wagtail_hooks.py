"""Wagtail admin registrations of the reply loop: the "Replies and stances" menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy

from . import admin_replies
from .admin_stances import AddOnlyPolicy, StanceViewSet
from .models import Stance

# Stances are only ever added to: see replies/admin_stances.py.
register_permission_policy(Stance, AddOnlyPolicy(Stance))

stance_viewset = StanceViewSet("stances", url_prefix="replies/stances")


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with `permission`."""

    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_viewset")
def register_stances():
    return stance_viewset


@hooks.register("register_admin_urls")
def register_replies_urls():
    return admin_replies.urlpatterns


@hooks.register("register_admin_menu_item")
def register_replies_menu():
    return SubmenuMenuItem(
        _("Replies and stances"),
        Menu(
            items=[
                PermissionMenuItem(
                    _("Replies"),
                    reverse("replies_report"),
                    icon_name="mail",
                    order=100,
                    permission=admin_replies.VIEW,
                ),
                PermissionMenuItem(
                    _("MPs' stances"),
                    reverse(stance_viewset.get_url_name("index")),
                    icon_name="tick-inverse",
                    order=200,
                    permission="replies.view_stance",
                ),
            ]
        ),
        icon_name="tick-inverse",
        order=245,
    )
