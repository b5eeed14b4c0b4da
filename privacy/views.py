"""The public unsubscribe page: GET shows a button, POST (also the mail client's one-click
`List-Unsubscribe=One-Click` POST, which carries no cookie and no CSRF token) withdraws."""

from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from privacy.campaign_mail import consent_for_token, withdraw


@csrf_exempt  # RFC 8058 one-click: the token in the URL is the authorisation
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        consent = consent_for_token(token)
    except signing.BadSignature:
        return render(
            request,
            "privacy/unsubscribe.html",
            {"state": "invalid", "heading": _("This unsubscribe link is not valid")},
            status=400,
        )
    if request.method == "POST":
        withdraw(consent)
        return render(
            request,
            "privacy/unsubscribe.html",
            {"state": "done", "heading": _("You are unsubscribed")},
        )
    state = "done" if consent.withdrawn_at else "ask"
    heading = _("You are unsubscribed") if consent.withdrawn_at else _("Stop campaign emails?")
    return render(request, "privacy/unsubscribe.html", {"state": state, "heading": heading})
