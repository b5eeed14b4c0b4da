"""Wagtail admin registrations of the reply loop: the "Replies and stances" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.admin_menu import permitted_submenu

from . import admin_replies
from .admin_stances import AddOnlyPolicy, StanceViewSet
from .models import Stance

# Stances are only ever added to: see replies/admin_stances.py.
register_permission_policy(Stance, AddOnlyPolicy(Stance))

stance_viewset = StanceViewSet("stances", url_prefix="replies/stances")


@hooks.register("register_admin_viewset")
def register_stances():
    return stance_viewset


@hooks.register("register_admin_urls")
def register_replies_urls():
    return admin_replies.urlpatterns


def has(permission):
    """Who may see a menu item: the users with `permission`."""
    return lambda user: user.has_perm(permission)


@hooks.register("register_admin_menu_item")
def register_replies_menu():
    return permitted_submenu(
        _("Replies and stances"),
        [
            (_("Replies"), "replies_report", "mail", has(admin_replies.VIEW)),
            (
                _("MPs' stances"),
                stance_viewset.get_url_name("index"),
                "tick-inverse",
                has("replies.view_stance"),
            ),
        ],
        icon_name="tick-inverse",
        order=245,
    )
