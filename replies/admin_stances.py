"""Organizers record MPs' stances in the Wagtail admin ("Replies and stances" → "MPs' stances").

A stance is never changed in place: "Edit" opens the form filled with the stance, and saving
records a new stance (the old one stays, so the history of each MP's positions is kept, with who
recorded each). Nobody deletes a stance. Demands are read-only: they come from the demands page.
"""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from directory.models import MemberOfParliament
from directory.viewsets import party_choices

from .models.follow_up import FollowUp, QuoteStatus
from .models.stances import Demand, Position, Stance


class AddOnlyPolicy(ModelPermissionPolicy):
    """The model permissions without "change" and "delete": history is only ever added to.
    Editing a stance means recording a new one, which needs "add"."""

    def user_has_permission(self, user, action):
        if action in ("delete",):
            return False
        if action == "change":
            action = "add"
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        wanted = {"add" if a == "change" else a for a in actions if a != "delete"}
        return super().users_with_any_permission(list(wanted))


class StanceForm(WagtailAdminModelForm):
    """Only sitting MPs and current demands; the source reply only among approved quotes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "mp" in self.fields:
            self.fields["mp"].queryset = MemberOfParliament.objects.filter(
                active=True
            ).select_related("riding")
        if "demand" in self.fields:
            self.fields["demand"].queryset = Demand.objects.filter(retired=False)
        if "source_reply" in self.fields:
            self.fields["source_reply"].queryset = FollowUp.objects.filter(
                quote_status=QuoteStatus.APPROVED
            ).select_related("mp")
            self.fields["source_reply"].label_from_instance = lambda reply: (
                f"{reply.mp.name}: “{reply.quote[:80]}”"
            )


class StanceFilterSet(WagtailFilterSet):
    """Filter stances by demand, position and the MP's party."""

    demand = django_filters.ModelChoiceFilter(queryset=Demand.objects.all(), label=_("demand"))
    position = django_filters.ChoiceFilter(choices=Position.choices, label=_("position"))
    party = django_filters.ChoiceFilter(
        field_name="mp__party", choices=party_choices, label=_("party")
    )

    class Meta:
        model = Stance
        fields = []


class StanceIndexView(generic.IndexView):
    """Every recorded stance, newest first: an MP's history on a demand reads top to bottom."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("mp", "demand", "recorded_by")


class StanceCreateView(generic.CreateView):
    """Records who recorded the stance."""

    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        self.form.instance.recorded_at = timezone.now()
        return super().save_instance()


class StanceEditView(generic.EditView):
    """Saving an edited stance records a new stance; the one opened stays in the history."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.pk = None
        instance._state.adding = True
        instance.recorded_by = self.request.user
        instance.recorded_at = timezone.now()
        instance.save()
        self.object = instance
        return instance


class StanceViewSet(ModelViewSet):
    """MPs' stances on the campaign's demands, with their history."""

    model = Stance
    icon = "tick-inverse"
    menu_label = _("MPs' stances")
    add_to_admin_menu = False
    index_view_class = StanceIndexView
    add_view_class = StanceCreateView
    edit_view_class = StanceEditView
    filterset_class = StanceFilterSet
    search_fields = ["mp__name", "mp__riding__name_en", "quote"]
    search_backend_name = None
    list_display = [
        "mp",
        "demand",
        "position",
        "stated_on",
        Column("recorded_by", label=_("recorded by")),
        "recorded_at",
    ]
    ordering = ["-recorded_at"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("mp"),
        FieldPanel("demand"),
        FieldPanel("position"),
        FieldPanel("stated_on"),
        FieldPanel("source_url"),
        FieldPanel("quote"),
        FieldPanel("quote_language"),
        FieldPanel("source_reply"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=StanceForm).bind_to_model(self.model)
