"""Wagtail admin for the MP directory: ridings and MPs, searchable and filterable.

What the imports bring (names, emails, offices…) is shown read-only when editing; what an
organizer decides (a corrected email, "do not send", "contact failing", a seat marked vacant)
is editable and survives every re-import. Only users with the model permissions (superusers, or
a group given them) see these menus: editors and translators never change a recipient.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from directory.models import MemberOfParliament, Province, Riding


def imported_fields_panel(*field_names):
    """The fields the imports own, shown read-only: organizers correct them through the
    override fields, which survive a re-import."""
    return MultiFieldPanel(
        [FieldPanel(name, read_only=True) for name in field_names],
        heading=_("From the imports"),
    )


class NeverDeletePolicy(ModelPermissionPolicy):
    """The model permissions, minus deletion: the directory keeps its history (letters point
    at their MP), so a former MP is made inactive instead."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "delete"])


class MemberForm(WagtailAdminModelForm):
    """Keeps the one-sitting-MP-per-riding rule a form error instead of a database error, and
    records a hand-added MP as the organizer's."""

    def clean(self):
        cleaned = super().clean()
        riding = cleaned.get("riding") or (
            self.instance.riding if self.instance.riding_id else None
        )
        active = cleaned.get("active", self.instance.active)
        if riding and active:
            others = MemberOfParliament.objects.filter(riding=riding, active=True)
            if others.exclude(pk=self.instance.pk).exists():
                raise ValidationError(
                    _("%(riding)s already has a sitting MP. Mark them as not sitting first."),
                    params={"riding": riding.name_en},
                )
        return cleaned

    def save(self, commit=True):
        if self.instance._state.adding:
            self.instance.source = MemberOfParliament.Source.ORGANIZER
        return super().save(commit=commit)


def party_choices():
    parties = MemberOfParliament.objects.exclude(party="").values_list("party", flat=True)
    return [(party, party) for party in sorted(set(parties))]


class RidingFilterSet(WagtailFilterSet):
    """The ridings list's filters: province, seat vacant or occupied, marked vacant."""

    province = django_filters.ChoiceFilter(choices=Province.choices, label=_("province"))
    seat = django_filters.ChoiceFilter(
        label=_("seat"),
        choices=[("vacant", _("vacant")), ("occupied", _("has a sitting MP"))],
        method="filter_seat",
    )
    marked_vacant = django_filters.BooleanFilter(label=_("marked vacant by an organizer"))

    class Meta:
        model = Riding
        fields = []

    def filter_seat(self, queryset, name, value):
        return queryset.vacant() if value == "vacant" else queryset.occupied()


class MemberFilterSet(WagtailFilterSet):
    """The MPs list's filters: province, party, sitting, letter language, letters blocked."""

    province = django_filters.ChoiceFilter(
        field_name="riding__province", choices=Province.choices, label=_("province")
    )
    party = django_filters.ChoiceFilter(choices=party_choices, label=_("party"))
    active = django_filters.BooleanFilter(label=_("sitting"))
    letter_language = django_filters.ChoiceFilter(
        label=_("letter language"),
        choices=[
            (value or "unknown", label) for value, label in MemberOfParliament.Language.choices
        ],
        method="filter_letter_language",
    )
    blocked = django_filters.BooleanFilter(
        label=_("letters blocked"), method="filter_blocked", field_name="do_not_send"
    )

    class Meta:
        model = MemberOfParliament
        fields = []

    def filter_letter_language(self, queryset, name, value):
        imported = Q(preferred_language_override="", preferred_language="")
        if value == "unknown":
            return queryset.filter(imported)
        return queryset.filter(
            Q(preferred_language_override=value)
            | Q(preferred_language_override="", preferred_language=value)
        )

    def filter_blocked(self, queryset, name, value):
        blocked = (
            queryset.filter(do_not_send=True)
            | queryset.filter(contact_failing=True)
            | queryset.filter(letters_paused=True)
        )
        return blocked if value else queryset.exclude(pk__in=blocked.values("pk"))


class RidingIndexView(generic.IndexView):
    """The ridings list, with each riding's sitting MP fetched in one query."""

    def get_base_queryset(self):
        sitting = MemberOfParliament.objects.filter(active=True)
        return (
            super()
            .get_base_queryset()
            .prefetch_related(Prefetch("members", queryset=sitting, to_attr="active_members"))
        )


class MemberIndexView(generic.IndexView):
    """The MPs list, with their ridings fetched in the same query."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("riding")


def _sitting_mp(riding):
    return riding.current_mp or _("vacant")


# Each computed column of a listing stands with the function that fills it.
SITTING_MP_COLUMN = Column("sitting_mp", label=_("sitting MP"), accessor=_sitting_mp)


def _language_label(member):
    """The language letters are offered in, marked when it is the organizer's choice."""
    value = member.letter_language_preference
    label = MemberOfParliament.Language(value).label
    return (
        _("%(language)s (set by an organizer)") % {"language": label}
        if (member.preferred_language_override)
        else label
    )


LANGUAGE_COLUMN = Column("letter_language", label=_("letter language"), accessor=_language_label)


class DirectoryViewSet(ModelViewSet):
    """What both directory menus share: plain database search (other names, codes, accents as
    typed), 50 rows a page, an inspect view and no copy, and an add form of its own
    (`add_panels`: what an organizer types for a new row, which the imports do not know), both
    forms built on `base_form_class`."""

    search_backend_name = None
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    base_form_class = WagtailAdminModelForm
    add_panels = []

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=self.base_form_class).bind_to_model(
            self.model
        )

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.add_panels, base_form_class=self.base_form_class).bind_to_model(
            self.model
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class RidingViewSet(DirectoryViewSet):
    """Ridings by FED code. The names come from the imports; an organizer may mark a seat vacant."""

    model = Riding
    icon = "site"
    menu_label = _("Ridings")
    index_view_class = RidingIndexView
    search_fields = ["name_en", "name_fr", "fed_code", "other_names"]
    filterset_class = RidingFilterSet
    list_display = [
        "name_en",
        "fed_code",
        "province",
        SITTING_MP_COLUMN,
        "marked_vacant",
    ]
    list_export = ["fed_code", "name_en", "name_fr", "province", "other_names", "marked_vacant"]
    ordering = ["province", "name_en"]
    panels = [
        imported_fields_panel("fed_code", "name_en", "name_fr", "province", "other_names"),
        FieldPanel("marked_vacant"),
    ]
    add_panels = [
        FieldPanel("fed_code"),
        FieldPanel("name_en"),
        FieldPanel("name_fr"),
        FieldPanel("province"),
        FieldPanel("marked_vacant"),
    ]


class MemberViewSet(DirectoryViewSet):
    """MPs, sitting and former. The import's data is read-only here; overrides are editable.

    A new MP (after a by-election the imports do not know yet) can be added by hand: it is
    recorded as the organizer's, and a later import that lists the seat takes over."""

    model = MemberOfParliament
    icon = "user"
    menu_label = _("Members of Parliament")
    index_view_class = MemberIndexView
    base_form_class = MemberForm
    search_fields = [
        "name",
        "email",
        "email_override",
        "party",
        "riding__name_en",
        "riding__name_fr",
        "riding__fed_code",
    ]
    filterset_class = MemberFilterSet
    list_display = [
        "name",
        "riding",
        "party",
        LANGUAGE_COLUMN,
        "active",
        "do_not_send",
        "contact_failing",
        "letters_paused",
    ]
    list_export = [
        "name",
        "riding",
        "party",
        "email",
        "email_override",
        "phone",
        "preferred_language",
        "preferred_language_override",
        "form_of_address",
        "form_of_address_override",
        "active",
        "do_not_send",
        "contact_failing",
        "hard_bounces",
        "letters_paused",
        "source",
    ]
    ordering = ["riding__province", "riding__name_en", "-active"]
    panels = [
        imported_fields_panel(
            "riding",
            "name",
            "honorific",
            "party",
            "email",
            "phone",
            "preferred_language",
            "form_of_address",
            "source",
        ),
        MultiFieldPanel(
            [
                FieldPanel("email_override"),
                FieldPanel("preferred_language_override"),
                FieldPanel("form_of_address_override"),
                FieldPanel("do_not_send"),
                FieldPanel("contact_failing"),
                FieldPanel("hard_bounces", read_only=True),
                FieldPanel("letters_paused"),
                FieldPanel("active"),
            ],
            heading=_("Organizer's overrides"),
        ),
    ]
    add_panels = [
        FieldPanel("riding"),
        FieldPanel("name"),
        FieldPanel("honorific"),
        FieldPanel("party"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("preferred_language_override"),
        FieldPanel("form_of_address_override"),
        FieldPanel("email_override"),
        FieldPanel("do_not_send"),
    ]


class DirectoryViewSetGroup(ViewSetGroup):
    """The "MP directory" menu."""

    menu_label = _("MP directory")
    menu_icon = "group"
    menu_order = 250
    items = (RidingViewSet("ridings"), MemberViewSet("members_of_parliament"))
