"""Request bodies in UTF-8 only (issue 12, hole 1).

A form POST whose `Content-Type` names another charset (`latin-1`, `utf-16`, even the alias
`utf8`) made Django decode the body with a codec that fails or that the rest of the stack does
not expect, and every view answered with a 500 and a long chained traceback. Every page of the
site is served as UTF-8, so browsers post UTF-8 and say `charset=utf-8` or nothing:
`RequestCharsetMiddleware` answers anything else with a translated 400 before a view, the CSRF
check or anything else reads the body. It sits right after the locale middleware, so the page
is in the language of the URL."""

from django.shortcuts import render
from django.utils.translation import gettext as _

ACCEPTED_CHARSETS = {"", "utf-8"}
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def declared_charset(content_type):
    """The `charset` parameter of a Content-Type header, lower case ("" when absent)."""
    for parameter in content_type.split(";")[1:]:
        name, _sep, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').strip().lower()
    return ""


class RequestCharsetMiddleware:
    """Refuses a request body in any charset but UTF-8 with a translated 400 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in BODY_METHODS:
            charset = declared_charset(request.META.get("CONTENT_TYPE", ""))
            if charset not in ACCEPTED_CHARSETS:
                return bad_charset(request)
        return self.get_response(request)


def bad_charset(request):
    context = {
        "heading": _("This form could not be read"),
        "message": _(
            "Your browser sent the form in a text encoding this site does not accept. "
            "Please go back, reload the page and send the form again."
        ),
        "back_url": f"/{getattr(request, 'LANGUAGE_CODE', 'en')}/",
        "back_label": _("Back to the home page"),
    }
    return render(request, "400.html", context, status=400)
