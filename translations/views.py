"""The translators' report: every original and language, what is left to do, and the button
that starts it (translate, sync, open the translation editor). Editors and Translators see it
(`wagtail_localize.submit_translation`); it shows titles and counts only."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.permissions import policy_registry

from translations import status as translation_status

PERMISSION = "wagtail_localize.submit_translation"


def may_translate(user):
    return user.is_active and user.has_perm(PERMISSION)


def snippet_url(instance, action):
    meta = instance._meta
    return reverse(
        f"wagtailsnippets_{meta.app_label}_{meta.model_name}:{action}", args=[quote(instance.pk)]
    )


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return snippet_url(instance, "edit")


def submit_url(original):
    if isinstance(original, Page):
        return reverse("wagtail_localize:submit_page_translation", args=[original.pk])
    meta = original._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[meta.app_label, meta.model_name, quote(original.pk)],
    )


def sync_url(source, next_url):
    return f"{reverse('wagtail_localize:update_translations', args=[source.pk])}?next={next_url}"


def row(status, user, next_url):
    """What the report shows and offers for one status."""
    original = status.original
    if isinstance(original, Page):
        can_edit_original = original.permissions_for_user(user).can_edit()
    else:
        policy = policy_registry.get_by_type(type(original))
        can_edit_original = bool(policy) and policy.user_has_permission_for_instance(
            user, "change", original
        )
    return {
        "status": status,
        "title": str(original.get_admin_display_title() if status.is_page else original),
        "kind": original._meta.verbose_name,
        "original_url": getattr(original, "url", None) if status.is_page else None,
        "original_edit_url": edit_url(original) if can_edit_original else None,
        "submit_url": submit_url(original) if status.state == translation_status.MISSING else None,
        "sync_url": (
            sync_url(status.source, next_url)
            if status.source is not None and status.state == translation_status.STALE
            else None
        ),
        "target_edit_url": edit_url(status.target) if status.target is not None else None,
        "target_live_url": (
            status.target.url if status.is_page and status.target and status.target.live else None
        ),
    }


def translation_report(request):
    if not may_translate(request.user):
        raise PermissionDenied
    statuses = translation_status.all_statuses()
    next_url = reverse("translations_report")
    only_work = request.GET.get("all") != "1"
    shown = [status for status in statuses if status.needs_work] if only_work else statuses
    return TemplateResponse(
        request,
        "translations/report.html",
        {
            "page_title": _("Translation status"),
            "header_icon": "site",
            "rows": [row(status, request.user, next_url) for status in shown],
            "summary": translation_status.summary(statuses),
            "labels": translation_status.STATE_LABELS,
            "only_work": only_work,
        },
    )
