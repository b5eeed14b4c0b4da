"""The data stewards' admin page: export or erase everything kept about one email address.

The address travels only in a POST body, never in a URL; each action writes an `AuditEntry`.
Export needs `privacy.export_personal_data`; erasure also needs `privacy.erase_personal_data`."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from privacy.erasure import erase_supporter
from privacy.export import export_as_csv, export_as_json, export_supporter
from privacy.models import AuditEntry

EXPORT_PERMISSION = "privacy.export_personal_data"
ERASE_PERMISSIONS = ("privacy.export_personal_data", "privacy.erase_personal_data")


class SupporterForm(forms.Form):
    """One supporter's address, the export's format, and the erasure's confirmation."""

    email = forms.EmailField(label=_("Supporter's email address"))
    file_format = forms.ChoiceField(
        label=_("File format"), choices=[("json", "JSON"), ("csv", "CSV")], required=False
    )
    confirm_erase = forms.BooleanField(
        label=_("I understand that erasure cannot be undone"), required=False
    )


@never_cache
def supporter_data(request):
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    form = SupporterForm(request.POST or None)
    message = ""
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if "erase" in request.POST:
            if not request.user.has_perms(ERASE_PERMISSIONS):
                raise PermissionDenied
            if not form.cleaned_data["confirm_erase"]:
                form.add_error("confirm_erase", _("Tick the box to confirm the erasure."))
            else:
                counts = erase_supporter(email, request.user)
                message = _("Erased. %(count)s letters were emptied.") % {
                    "count": counts.get("letters", 0)
                }
                form = SupporterForm()
        else:
            return export_response(export_supporter(email, request.user), form)
    return render(
        request,
        "privacy/admin/supporter_data.html",
        {
            "form": form,
            "message": message,
            "recent": AuditEntry.objects.select_related(None)[:20],
        },
        status=400 if form.errors else 200,
    )


def export_response(data, form):
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    if form.cleaned_data.get("file_format") == "csv":
        response = HttpResponse(export_as_csv(data), content_type="text/csv; charset=utf-8")
        extension = "csv"
    else:
        response = HttpResponse(
            export_as_json(data), content_type="application/json; charset=utf-8"
        )
        extension = "json"
    response["Content-Disposition"] = f'attachment; filename="supporter-data-{stamp}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response
