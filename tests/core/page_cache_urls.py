"""Views that exercise each rule of the page cache, independent of the site's own templates."""

import itertools

from django.conf.urls.i18n import i18n_patterns
from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.urls import path
from django.utils.translation import get_language
from wagtail.models import Page

from core.pagecache import uses_query

renders = itertools.count(1)


def constant(request):
    return HttpResponse(f"render {next(renders)}")


def paginated(request):
    """A paginated index: it reads `page` (so the cache may key on it) and knows its range."""
    uses_query(request, "page")
    number = request.GET.get("page", "1")
    number = int(number) if number.isdigit() else 0
    if not 1 <= number <= 3:
        return HttpResponseNotFound("no such page")
    return HttpResponse(f"page {number} render {next(renders)}")


def language(request):
    return HttpResponse(f"{get_language()} render {next(renders)}")


def page_title(request, page_id):
    return HttpResponse(f"{Page.objects.get(pk=page_id).title} render {next(renders)}")


def form(request):
    token = get_token(request)
    return HttpResponse(f'<form method="post"><input name="csrfmiddleware" value="{token}"></form>')


def flash(request):
    messages.info(request, "Only for you")
    shown = " ".join(str(message) for message in messages.get_messages(request))
    return HttpResponse(f"{shown} render {next(renders)}")


def add_message(request):
    messages.success(request, "Your letter is on its way")
    return HttpResponseRedirect("/en/inbox/")


def inbox(request):
    shown = " ".join(str(message) for message in messages.get_messages(request))
    return HttpResponse(f"[{shown}] render {next(renders)}")


def sets_cookie(request):
    response = HttpResponse(f"render {next(renders)}")
    response.set_cookie("choice", "mine")
    return response


def private(request):
    response = HttpResponse(f"render {next(renders)}")
    response["Cache-Control"] = "private"
    return response


def missing(request):
    return HttpResponseNotFound(f"render {next(renders)}")


def inline_script(request):
    nonce = get_nonce(request)
    return HttpResponse(f'<script nonce="{nonce}">window.n = 1;</script> render {next(renders)}')


urlpatterns = [path("unprefixed/", constant)] + i18n_patterns(
    path("constant/", constant),
    path("paginated/", paginated),
    path("language/", language),
    path("page/<int:page_id>/", page_title),
    path("form/", form),
    path("flash/", flash),
    path("add-message/", add_message),
    path("inbox/", inbox),
    path("cookie/", sets_cookie),
    path("private/", private),
    path("missing/", missing),
    path("script/", inline_script),
)
