"""Admin pages that only some users see: their URL and their menu item, registered together,
and the submenus that group such items."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem


class PermittedMenuItem(MenuItem):
    """A menu item linking to the URL named `url_name`, shown only to the users `allowed(user)`
    accepts. (It hides the link; the view itself checks the permission again.)"""

    def __init__(self, label, url_name, *, allowed, icon_name, order):
        super().__init__(label, reverse(url_name), icon_name=icon_name, order=order)
        self.allowed = allowed

    def is_shown(self, request):
        return self.allowed(request.user)


def register_admin_page(route, view, *, name, label, allowed, icon_name, order, menu="main"):
    """Mount `view` at /admin/<route> as `name`, and list it in the admin's main menu (or its
    Reports submenu: `menu="reports"`) for the users `allowed(user)` accepts."""
    hooks.register("register_admin_urls", lambda: [path(route, view, name=name)])
    menu_hook = {"main": "register_admin_menu_item", "reports": "register_reports_menu_item"}
    item = {"allowed": allowed, "icon_name": icon_name, "order": order}
    hooks.register(menu_hook[menu], lambda: PermittedMenuItem(label, name, **item))


def everyone(user):
    """Every admin user (the admin itself already requires a signed-in, verified user)."""
    return True


def permitted_submenu(label, entries, *, icon_name, order):
    """A submenu of the admin's main menu. `entries` are (label, url_name, icon_name, allowed),
    listed in that order; each is shown to the users `allowed(user)` accepts."""
    items = [
        PermittedMenuItem(item_label, url_name, allowed=allowed, icon_name=icon, order=100 * n)
        for n, (item_label, url_name, icon, allowed) in enumerate(entries, start=1)
    ]
    return SubmenuMenuItem(label, Menu(items=items), icon_name=icon_name, order=order)
