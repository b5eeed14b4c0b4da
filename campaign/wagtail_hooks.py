"""Admin registration: the navigation snippet, edited per language.

Translators may change and publish the navigation's translations but never the English
(source) one, which needs `campaign.change_source_sitenavigation` (Editors): the permission
policy hides the actions, and the hooks refuse them on every view that could do them (edit,
revert, publish, unpublish, delete, bulk delete)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SiteNavigation

SOURCE_PERMISSION = "campaign.change_source_sitenavigation"
SOURCE_GUARDED_ACTIONS = {"change", "delete", "publish", "unpublish", "lock", "unlock"}


def may_change(user, navigation):
    """A translation is anyone's with the model permission; the source needs more."""
    if navigation.locale_id != Locale.get_default().pk:
        return True
    return user.is_active and user.has_perm(SOURCE_PERMISSION)


class NavigationPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, plus: changing the source-language navigation needs
    SOURCE_PERMISSION."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in SOURCE_GUARDED_ACTIONS and not may_change(user, instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class SiteNavigationViewSet(SnippetViewSet):
    """One navigation per language; translators translate it with wagtail-localize."""

    model = SiteNavigation
    icon = "list-ul"
    menu_label = _("Navigation")
    add_to_admin_menu = True
    menu_order = 300


register_permission_policy(SiteNavigation, NavigationPermissionPolicy(SiteNavigation))
register_snippet(SiteNavigationViewSet)


def refuse_source_changes(request, instances):
    for instance in instances:
        if isinstance(instance, SiteNavigation) and not may_change(request.user, instance):
            raise PermissionDenied


@hooks.register("before_edit_snippet")
def guard_navigation_edit(request, instance):
    refuse_source_changes(request, [instance])


@hooks.register("before_delete_snippet")
def guard_navigation_delete(request, instances):
    refuse_source_changes(request, instances)


@hooks.register("before_publish")
def guard_navigation_publish(request, instance):
    refuse_source_changes(request, [instance])


@hooks.register("before_unpublish")
def guard_navigation_unpublish(request, instance):
    refuse_source_changes(request, [instance])
