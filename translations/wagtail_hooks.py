"""The translators' report in the admin (Reports → Translation status, in place of
wagtail-localize's own, which cannot tell an out-of-date translation), its dashboard panel, and
the notice on the edit view of an original or a translation that is out of date."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, TranslatableMixin

from core.admin_menu import register_admin_page
from translations import status as translation_status
from translations import views
from translations.admin_api import TranslatorPagesAdminAPIViewSet


@hooks.register("insert_global_admin_js")
def translation_editor_words():
    """The words wagtail-localize's editor writes in English only (editor-words.js)."""
    if get_language() == "en":
        return ""
    return format_html(
        '<script src="{}" data-heading="{}" data-more-actions="{}" defer></script>',
        static("translations/js/editor-words.js"),
        _("Translation: %(source)s → %(target)s"),
        _("More actions"),
    )


@hooks.register("construct_admin_api")
def let_translators_read_linked_pages(router):
    router.register_endpoint("pages", TranslatorPagesAdminAPIViewSet)


register_admin_page(
    "translation-status/",
    views.translation_report,
    name="translations_report",
    label=gettext_lazy("Translation status"),
    allowed=views.may_translate,
    icon_name="site",
    order=100,
    menu="reports",
)


@hooks.register("construct_reports_menu")
def hide_wagtail_localize_report(request, menu_items):
    """Its "Up to date" means "every string of the last sync has a translation", even when
    the original changed since: one report, ours, says both."""
    localize_url = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != localize_url]


class TranslationsPanel(Component):
    """What is left to translate, on the dashboard of Editors and Translators."""

    name = "translations"
    order = 120
    template_name = "translations/panel.html"

    def get_context_data(self, parent_context=None):
        statuses = translation_status.all_statuses()
        return {
            "summary": translation_status.summary(statuses),
            "labels": translation_status.STATE_LABELS,
            "work": [status for status in statuses if status.needs_work][:5],
            "report_url": reverse("translations_report"),
        }


@hooks.register("construct_homepage_panels")
def add_translations_panel(request, panels):
    if views.may_translate(request.user):
        panels.append(TranslationsPanel())


def warn_if_stale(request, instance):
    """On an original: which translations fell behind it. On a translation: that its
    original changed since the last sync."""
    if request.method != "GET" or not isinstance(instance, TranslatableMixin):
        return
    default = Locale.get_default()
    if instance.locale_id == default.pk:
        original, locales = instance, translation_status.target_locales()
    else:
        original = instance.get_translation_or_none(default)
        locales = [instance.locale]
    if original is None:
        return
    for locale in locales:
        status = translation_status.status_of(original, locale)
        if status.state != translation_status.STALE:
            continue
        message = ngettext(
            "Translation into %(language)s is out of date: the original changed since it was "
            "last synced (%(count)d changed string). Sync it, then translate and publish the "
            "changes.",
            "Translation into %(language)s is out of date: the original changed since it was "
            "last synced (%(count)d changed strings). Sync it, then translate and publish the "
            "changes.",
            status.changed_strings,
        ) % {"language": locale.get_display_name(), "count": status.changed_strings}
        buttons = []
        if views.may_translate(request.user):
            buttons.append(
                messages.button(views.sync_url(status.source, request.path), _("Sync translations"))
            )
        messages.warning(request, message, buttons=buttons)


@hooks.register("before_edit_page")
def stale_notice_on_page(request, page):
    warn_if_stale(request, page.specific)


@hooks.register("before_edit_snippet")
def stale_notice_on_snippet(request, instance):
    warn_if_stale(request, instance)
