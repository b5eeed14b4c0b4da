"""The organizers' "Letters" menu in the Wagtail admin.

- Letters: the list (filters: campaign, status, province, riding, date), an inspect view with the
  letter's events, and a CSV export. They show supporters' personal data, so they need
  `privacy.view_personal_data` (the Data stewards group; superusers); `letters.view_letter` alone
  is not enough. The export also needs `privacy.export_personal_data` and writes an audit row.
- Held letters: release or reject them (POST). Needs personal data access and `change_letter`.
- Totals (letters/views_reports.py): counts only, for every admin user.

Nobody adds, edits or deletes a letter here: a letter's status only moves through
letters.pipeline. Everything is rendered by Django templates, so supporters' text is escaped.
"""

from datetime import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_menu import everyone, permitted_submenu
from core.spreadsheet import neutralise_formula
from directory.models import Province, Riding
from letters import admin_display as display
from letters import pipeline, views_reports
from letters.models import Letter
from privacy.audit import audit
from privacy.models import AuditEntry

PERSONAL_DATA = "privacy.view_personal_data"
REQUIRED_PERMISSIONS = {
    "view": {PERSONAL_DATA},
    "export": {PERSONAL_DATA, "privacy.export_personal_data"},
    "moderate": {PERSONAL_DATA, "letters.change_letter"},
}


class LetterPermissionPolicy(ModelPermissionPolicy):
    """Seeing letters means seeing personal data; changing them happens only in the pipeline.

    Actions: "view" (list, inspect), "export" (CSV), "moderate" (release/reject held letters).
    "add", "change" and "delete" are refused to everyone, superusers included."""

    def user_has_permission(self, user, action):
        permissions = REQUIRED_PERMISSIONS.get(action)
        return bool(permissions and user.is_active and user.has_perms(permissions))

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not any(action in REQUIRED_PERMISSIONS for action in actions):
            return users.none()
        app_label, codename = PERSONAL_DATA.split(".")
        personal_data = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
        return users.filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=personal_data)
            | Q(groups__permissions__in=personal_data)
        ).distinct()


def can(user, action):
    return LetterPermissionPolicy(Letter).user_has_permission(user, action)


def can_view(user):
    return can(user, "view")


def can_moderate(user):
    return can(user, "moderate")


def campaign_choices():
    """One choice per campaign, its translations together, named by its source-language title."""
    return [(str(row["translation_key"]), row["title"]) for row in views_reports.campaign_totals()]


class LetterFilterSet(WagtailFilterSet):
    """The letters list's filters: campaign, status, province, riding (typed: part of its name
    or its FED code), date written."""

    campaign = django_filters.ChoiceFilter(
        field_name="campaign__translation_key", choices=campaign_choices, label=_("campaign")
    )
    status = django_filters.ChoiceFilter(choices=Letter.Status.choices, label=_("status"))
    province = django_filters.ChoiceFilter(
        field_name="riding__province", choices=Province.choices, label=_("province")
    )
    riding = django_filters.CharFilter(
        method="filter_riding",
        label=_("riding (name or FED code)"),
        widget=forms.TextInput(attrs={"list": "riding-names", "autocomplete": "off"}),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("written"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Letter
        fields = []

    def filter_riding(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(riding__fed_code=value)
        return queryset.filter(
            Q(riding__name_en__icontains=value) | Q(riding__name_fr__icontains=value)
        )


CSV = SpreadsheetExportMixin.FORMAT_CSV
XLSX = SpreadsheetExportMixin.FORMAT_XLSX


class LetterIndexView(generic.IndexView):
    """The letters list and its CSV export, which needs the export permission and is audited.

    Times are in TIME_ZONE (named above the list) and, in exports, ISO 8601 with the offset;
    statuses, languages and yes/no are words in the admin language, headings too."""

    template_name = "letters_admin/letter_index.html"
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime: {CSV: display.iso_datetime, XLSX: display.iso_datetime},
        bool: {CSV: display.yes_no, XLSX: display.yes_no},
        str: {CSV: neutralise_formula},
    }
    custom_field_preprocess = {
        "status": {CSV: display.status_name, XLSX: display.status_name},
        "language": {CSV: display.language_name, XLSX: display.language_name},
        "letter_language": {CSV: display.language_name, XLSX: display.language_name},
    }

    def get_heading(self, queryset, field):
        return capfirst(super().get_heading(queryset, field))

    def stream_csv(self, queryset):
        """Rows are written after the view returns, when the admin's language is no longer
        active: write each in it, so headings and words match the screen."""
        language = translation.get_language()  # now, while the view runs
        rows = super().stream_csv(queryset)

        def in_admin_language():
            while True:
                with translation.override(language):
                    line = next(rows, None)
                if line is None:
                    return
                yield line

        return in_admin_language()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["time_zone_note"] = display.time_zone_note()
        context["riding_names"] = Riding.objects.order_by("name_en").values_list(
            "name_en", "fed_code"
        )
        return context

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign", "mp", "riding")

    @property
    def show_export_buttons(self):
        return bool(self.list_export) and can(self.request.user, "export")

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            if not can(self.request.user, "export"):
                raise PermissionDenied
            audit(
                self.request.user,
                AuditEntry.Action.EXPORT,
                filter_text=f"letters {self.request.GET.urlencode()}",
                result=f"{context['object_list'].count()} letters",
            )
        return super().render_to_response(context, **response_kwargs)


class LetterInspectView(generic.InspectView):
    """One letter, its body shown as written, and its events; times in TIME_ZONE, languages
    as words."""

    template_name = "letters_admin/letter_inspect.html"

    def get_body_display_value(self):
        return format_html('<pre class="letter-body">{}</pre>', self.object.body)

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name, None)
        if isinstance(value, datetime):
            return display.local_datetime(value)
        if field_name in ("language", "letter_language"):
            return display.language_name(value)
        if isinstance(value, bool):
            return display.yes_no(value)
        return super().get_field_display_value(field_name, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = [
            {
                "event": event,
                "at": display.local_datetime(event.at),
                "reported_at": display.local_datetime(event.reported_at)
                if getattr(event, "reported_at", None)
                else "",
                "from_status": display.status_name(event.from_status),
                "to_status": display.status_name(event.to_status),
            }
            for event in self.object.events.select_related("actor")
        ]
        context["time_zone_note"] = display.time_zone_note()
        return context


class LetterViewSet(ModelViewSet):
    """Letters, for data stewards: list, filters, inspect with events, CSV export."""

    model = Letter
    icon = "mail"
    menu_label = _("Letters")
    add_to_admin_menu = False  # it is an item of the "Letters" submenu below
    index_view_class = LetterIndexView
    inspect_view_class = LetterInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["hold_reason"]  # never used: "change" is refused to everyone
    filterset_class = LetterFilterSet
    list_display = [
        TitleColumn(
            "written",
            label=_("written"),
            accessor=lambda letter: display.local_datetime(letter.created_at),
            sort_key="created_at",
            url_name="letters_admin:inspect",
        ),
        "status",
        "campaign",
        "riding",
        "mp",
        Column("supporter_name", label=_("supporter")),
        "attempts",
    ]
    list_export = [
        "public_id",
        "created_at",
        "confirmed_at",
        "sent_at",
        "status",
        "language",
        "letter_language",
        "campaign",
        "riding.fed_code",
        "riding.name_en",
        "mp.name",
        *Letter.PERSONAL_FIELDS,
        "subject",
        "body",
        "attempts",
        "last_error",
        "hold_reason",
        "message_id",
        "esp_message_id",
    ]
    # The other columns are headed by their fields' names.
    export_headings = {
        "public_id": _("Letter ID"),
        "created_at": _("Written"),
        "riding.fed_code": _("Riding FED code"),
        "riding.name_en": _("Riding"),
        "mp.name": _("MP"),
    }
    export_filename = "letters"
    ordering = ["-created_at"]
    list_per_page = 50
    inspect_view_fields = [
        "status",
        "created_at",
        "confirmed_at",
        "sent_at",
        "campaign",
        "mp",
        "riding",
        "language",
        "letter_language",
        "subject",
        "body",
        *Letter.PERSONAL_FIELDS,
        "message_id",
        "esp_message_id",
        "attempts",
        "next_attempt_at",
        "last_error",
        "hold_reason",
    ]


letter_viewset = LetterViewSet("letters_admin", url_prefix="letters")


# Held letters ---------------------------------------------------------------------------------


def held_letters(request):
    if not can(request.user, "moderate"):
        raise PermissionDenied
    held = Letter.objects.filter(status=Letter.Status.HELD).select_related("mp", "riding")
    return TemplateResponse(
        request,
        "letters_admin/held_letters.html",
        {"letters": held.order_by("confirmed_at", "pk"), "page_title": _("Held letters")},
    )


@require_POST
def moderate_held_letter(request, pk, decision):
    if not can(request.user, "moderate"):
        raise PermissionDenied
    letter = get_object_or_404(Letter, pk=pk)
    if decision == "release":
        done = pipeline.release_held(letter, request.user)
        message = _("The letter was released: it is in the queue.")
    else:
        done = pipeline.reject_held(letter, request.user)
        message = _("The letter was rejected: it will not be sent.")
    if done:
        messages.success(request, message)
    else:
        messages.warning(request, _("That letter was no longer held."))
    return redirect("letters_held")


urlpatterns = [
    path("letters-held/", held_letters, name="letters_held"),
    path(
        "letters-held/<int:pk>/<str:decision>/",
        moderate_held_letter,
        name="letters_held_moderate",
    ),
    # Counts only, no personal data: every admin user may open it.
    path("campaign-totals/", views_reports.letter_totals, name="letters_totals"),
]


# The menu -------------------------------------------------------------------------------------


def letters_menu_item():
    """The "Letters" submenu: the letters and held letters for stewards, totals for everyone."""
    return permitted_submenu(
        _("Letters"),
        [
            (_("All letters"), letter_viewset.get_url_name("index"), "mail", can_view),
            (_("Held letters"), "letters_held", "warning", can_moderate),
            (_("Totals"), "letters_totals", "table", everyone),
        ],
        icon_name="mail",
        order=240,
    )
