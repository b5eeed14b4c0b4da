"""Admin registration: the navigation snippet, edited per language."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SiteNavigation


class SiteNavigationViewSet(SnippetViewSet):
    """One navigation per language; translators translate it with wagtail-localize."""

    model = SiteNavigation
    icon = "list-ul"
    menu_label = "Navigation"
    add_to_admin_menu = True
    menu_order = 300


register_snippet(SiteNavigationViewSet)
