"""Wagtail admin registrations of the letters app."""

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from letters import admin_letters, dashboard
from letters.models import Letter
from letters.monitoring import delivery_alerts

# Letters hold personal data: see letters/admin_letters.py.
register_permission_policy(Letter, admin_letters.LetterPermissionPolicy(Letter))


@hooks.register("register_admin_viewset")
def register_letters():
    return admin_letters.letter_viewset


@hooks.register("register_admin_urls")
def register_letters_urls():
    return admin_letters.urlpatterns


@hooks.register("register_admin_menu_item")
def register_letters_menu():
    return admin_letters.letters_menu_item()


class DeliveryAlertsPanel(Component):
    """The delivery alarms (letters/monitoring.py), first on the dashboard, only when raised."""

    name = "delivery_alerts"
    order = 10
    template_name = "letters_admin/alerts_panel.html"

    def get_context_data(self, parent_context=None):
        return {"alerts": delivery_alerts()}


@hooks.register("construct_homepage_panels")
def add_delivery_alerts(request, panels):
    panels.insert(0, DeliveryAlertsPanel())


@hooks.register("construct_homepage_panels")
def add_campaign_panel(request, panels):
    level = dashboard.audience(request.user)
    if level is not None:
        panels.append(dashboard.CampaignPanel(level))
