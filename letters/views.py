"""What a supporter sees when writing to their MP.

The campaign page's own steps (`LetterCampaignPage` routes call the `*_step` functions):

- `/<lang>/write-to-your-mp/`                      step 1: the postal code form (cached like any
                                                   page: no personal data, no CSRF token)
- `POST /<lang>/letters/find/<page id>/`           the lookup (`find`, in letters/urls.py): one
                                                   riding → 303 to write, else 303 to the step
- `/<lang>/write-to-your-mp/step/<id>/`            the riding choice, or the province's list
                                                   (`?q=` searches it); a POST picks a riding
- `/<lang>/write-to-your-mp/step/<id>/write/`      steps 2–4: MP card, letter, details, consents
                                                   (POST here submits, then 303 → check-email)
- `/<lang>/write-to-your-mp/check-email/`          step 5

The postal code and the riding live in the step (`LetterStep`, server-side, short-lived), never in
a URL, so no access log holds them. The token pages are in `letters/token_views.py`. Every
response here but the start page says `Cache-Control: no-store`.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from core import ratelimit
from core.http import client_network
from directory.lookup import elections_canada_url, lookup_postal_code, ridings_for_province
from directory.lookup.service import (
    CLIENT_LIMIT_MESSAGE,
    UNAVAILABLE_MESSAGE,
    UNKNOWN_MESSAGE,
    Status,
    directory_loaded,
    ridings_with_mp,
)
from directory.models import Riding
from directory.postcode import PostalCode
from letters import pipeline
from letters.forms import FindMPForm, LetterForm, RidingSearchForm
from letters.letter_language import LANGUAGE_NAMES, SHOW_IN, other_language, preference_hint
from letters.letter_text import fill_placeholders, mp_values
from letters.models.step import LetterStep
from letters.screening import mp_refusal, screen_submission, too_many_requests

NOTICES = {"unknown": UNKNOWN_MESSAGE, "unavailable": UNAVAILABLE_MESSAGE}
NOTICES["limited"] = CLIENT_LIMIT_MESSAGE
SLOW_DOWN_MESSAGE = _("Too many searches in a short time. Please wait a minute and try again.")


def no_store(view):
    """Letter steps hold forms and personal data: never kept by a browser or a shared cache."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        response = view(*args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def _page_response(request, page, template, context, status=200):
    full_context = page.get_context(request)
    full_context.update(context)
    full_context["privacy_url"] = f"/{get_language()}/privacy/"
    return TemplateResponse(request, template, full_context, status=status)


def _step_url(request, page, name, **kwargs):
    """The URL of one of the page's steps (`name` is a route name of LetterCampaignPage).

    A page being previewed before its first save has no URL yet: its steps start at "/". The
    page's own URL is kept per content version (only a content change moves it), so a step does
    not read the Site again (issue 15)."""
    if page.pk is None:
        base = "/"
    else:
        key = ("letter_page_url", page.pk, request.get_host())
        base = remembered(key, lambda: page.get_url(request) or "/")
    return base + page.reverse_subpage(name, kwargs=kwargs or None)


def see_other(url):
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def find_url(page):
    """Where the postal-code form posts: the lookup, in the active language (an unsaved page's
    preview has no id yet: its form posts nowhere)."""
    if page.pk is None:
        return ""
    return reverse("letters:find", kwargs={"page_id": page.pk})


# ---------------------------------------------------------------------------------------------
# The campaign page's steps.


def _start_response(request, page, form, status=200, *, loaded=None):
    """The postal-code form. The language switch posts what was typed to the other language's
    find URL, which shows this form again there (nothing is looked up)."""
    switch_urls = {}
    for translated in page.get_translations(inclusive=True).live().select_related("locale"):
        code = translated.locale.language_code
        with translation.override(code):
            switch_urls[code] = find_url(translated)
    context = {
        "form": form,
        "directory_loaded": directory_loaded() if loaded is None else loaded,
        "find_url": find_url(page),
        "language_switch": {"form": "find-form", "method": "post", "urls": switch_urls},
    }
    return _page_response(request, page, "letters/letter_campaign_page.html", context, status)


def start_step(request, page):
    """Step 1: the postal code form, with the campaign's intro and counter. The same for every
    visitor, so the page cache keeps it (issue 15)."""
    return _start_response(request, page, FindMPForm())


def remembered(key, compute):
    """core.routing.remembered, imported when first called: core.routing imports Wagtail's views,
    which need the models loaded, and this module is imported while LetterCampaignPage loads."""
    from core.routing import remembered as per_content_version

    return per_content_version(key, compute)


def _campaign_page(page_id):
    """The live letter campaign page with this id, in the active language when translated.

    Read once per content version in this process (publishing, unpublishing or moving a page
    bumps it), like the routing snapshot's pages: the find step reads no page (issue 15).
    Views only read the page object it returns, which the requests of this process share."""
    return remembered(("letter_campaign_page", page_id, get_language()), lambda: _read(page_id))


def _read(page_id):
    page = Page.objects.live().filter(pk=page_id).specific().first()
    if page is None or not hasattr(page, "letter_template"):
        raise Http404
    localized = page.localized
    return localized if localized.live else page


def _within_lookup_limit(request):
    client = client_network(request)
    if client in settings.RATE_LIMIT_EXEMPT_IPS:
        return True, None
    key = ratelimit.hashed_key("letter-find", client)
    allowed = ratelimit.allow(key, limit=settings.LOOKUPS_PER_IP_PER_MINUTE, window_seconds=60)
    return allowed, client


@csrf_exempt  # changes nothing but a short-lived step; limited per client; keeps step 1 cacheable
@require_POST
@no_store
def find(request, page_id):
    """The lookup: a POST of the postal code, then 303 to the step that holds it."""
    page = _campaign_page(page_id)
    form = FindMPForm(request.POST)
    if "switch_language" in request.POST:
        typed = request.POST.get("postal_code", "")[:32]
        return _start_response(request, page, FindMPForm(initial={"postal_code": typed}))
    allowed, client = _within_lookup_limit(request)
    if not allowed:
        form.is_valid()
        form.add_error(None, SLOW_DOWN_MESSAGE)
        response = _start_response(request, page, form, 429)
        response["Retry-After"] = "60"
        return response
    if not form.is_valid():
        return _start_response(request, page, form, 400)
    postal_code = form.cleaned_data["postal_code"]
    result = lookup_postal_code(postal_code.code, client=client)
    if result.status == Status.NOT_LOADED:
        return _start_response(request, page, form, loaded=False)
    if result.found:
        step = LetterStep.start(postal_code, [riding.fed_code for riding in result.ridings])
    else:
        notice = "limited" if result.error == CLIENT_LIMIT_MESSAGE else result.status
        step = LetterStep.start(postal_code, [], notice=notice)
    if step.fed_code:
        return see_other(_step_url(request, page, "write", step_id=step.pk))
    return see_other(_step_url(request, page, "step", step_id=step.pk))


def _live_step(request, page, step_id):
    """(step, None), or (None, a redirect to the start) for an unknown or expired step."""
    step = LetterStep.find(step_id)
    if step is None:
        return None, redirect(page.get_url(request) or "/")
    return step, None


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def choice_step(request, page, step_id):
    """The riding choice (several found), or the province's list to pick from (none found, or
    "none of these"). A POST of `riding` picks one and goes on to the letter."""
    step, gone = _live_step(request, page, step_id)
    if gone:
        return gone
    postal_code = PostalCode.parse(step.postal_code)
    choose = "choose" in request.GET or "q" in request.GET or not step.fed_codes
    if request.method == "POST":
        fed_code = request.POST.get("riding", "")
        offered = Riding.objects.filter(fed_code=fed_code, province=postal_code.province)
        if fed_code.isdigit() and offered.exists():
            step.choose(fed_code)
            return see_other(_step_url(request, page, "write", step_id=step.pk))
    search = RidingSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    if choose:
        ridings = ridings_for_province(postal_code.province, query)
    else:
        by_code = {r.fed_code: r for r in ridings_with_mp().filter(fed_code__in=step.fed_codes)}
        ridings = [by_code[code] for code in step.fed_codes if code in by_code]
    step_url = _step_url(request, page, "step", step_id=step.pk)
    context = {
        "postal_code": postal_code,
        "notice": NOTICES.get(step.notice) if not step.fed_codes else None,
        "picker": choose,
        "search_form": search,
        "query": query,
        "choices": ridings,
        "step_url": step_url,
        "elections_canada_url": elections_canada_url(get_language()),
        "start_url": _step_url(request, page, "start"),
        # The province's list keeps its search box across a switch of language.
        "language_switch": {"form": "riding-search", "method": "get"} if choose else None,
    }
    return _page_response(request, page, "letters/find_mp.html", context)


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def write_step(request, page, step_id):
    """Steps 2–4 on one form; a POST is screened, then submitted, then redirected (PRG)."""
    step, gone = _live_step(request, page, step_id)
    if gone:
        return gone
    fed_code = step.fed_code
    riding, mp = Riding.objects.with_current_mp(fed_code) if fed_code.isdigit() else (None, None)
    if riding is None:
        return redirect(_step_url(request, page, "step", step_id=step.pk))
    context = {
        "riding": riding,
        "riding_name": riding.name_for_language(get_language()),
        "mp": mp,
        "choose_url": _step_url(request, page, "step", step_id=step.pk) + "?choose=1",
        # A vacant seat points to the campaign's news (the news index, made by the loader).
        "news_url": f"/{get_language()}/news/",
    }
    if refusal := mp_refusal(mp):
        context["refusal"] = refusal
        status = 400 if request.method == "POST" else 200
        return _page_response(request, page, "letters/write_letter.html", context, status)

    if request.method == "POST" and is_a_switch(request.POST):
        # A language switch (the page's or the letter's) shows the form again with what was
        # typed: nothing is validated, submitted or lost.
        form = LetterForm.redisplay(
            request.POST,
            switch_to=request.POST.get("switch_letter_language"),
            campaign=page,
            mp=mp,
            riding=riding,
        )
        status = 200
    elif request.method == "POST":
        form = LetterForm(request.POST, campaign=page, mp=mp, riding=riding)
        if form.is_valid():
            response = _submit(request, page, form)
            if response is not None:
                return response
        status = 400
    else:
        initial = {"postal_code": PostalCode.parse(step.postal_code).formatted}
        form = LetterForm(campaign=page, mp=mp, riding=riding, initial=initial)
        status = 200
    context.update(_letter_context(page, form))
    return _page_response(request, page, "letters/write_letter.html", context, status)


def _submit(request, page, form):
    """Screen and submit a valid form; None means "show the form again with its errors"."""
    data = form.cleaned_data
    postal_code = data["postal_code"]
    screened_data = {
        **data,
        "postal_code": postal_code.code,
        "subject": data["final_subject"],
        "body": data["final_body"],
    }
    screening = screen_submission(request, screened_data, mp=form.mp, campaign=page)
    if screening.rate_limited:
        return too_many_requests(request, screening.retry_after)
    if screening.refusal:
        form.add_error(None, screening.refusal)
        return None
    check_email = HttpResponseRedirect(_step_url(request, page, "check_email"))
    check_email.status_code = 303
    if screening.is_bot or screening.silent:
        return check_email
    pipeline.submit_letter(
        campaign=page,
        mp=form.mp,
        language=get_language(),
        letter_language=form.letter_language,
        subject=data["final_subject"],
        body=data["final_body"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        street_address=data["street_address"],
        city=data["city"],
        postal_code=postal_code.formatted,
        wants_updates=data["consent_updates"],
        consent_wordings=form.consent_wordings(),
        hold_reason=screening.hold_reason,
        source_page=page,
        optional_consents=form.ticked_optional_consents(),
    )
    return check_email


def is_a_switch(data):
    """True for a POST made by a language switch rather than by "Continue"."""
    return "switch_language" in data or "switch_letter_language" in data


def _letter_context(page, form):
    """The letter's template (for the "how personal" hint) and its reference translation."""
    subject, body = form.template_text()
    reference = None
    if get_language() != form.letter_language and (page.reference_body or page.reference_subject):
        reference = {
            "subject": _fill_mp(page.reference_subject, form),
            "body": _fill_mp(page.reference_body, form),
        }
    language = form.letter_language
    return {
        "form": form,
        "template_subject": subject,
        "template_body": body,
        "letter_language": language,
        "letter_language_name": LANGUAGE_NAMES[language],
        "preference_hint": preference_hint(form.mp, form.riding),
        "switch_letter_language": {
            "code": other_language(language),
            "label": SHOW_IN[other_language(language)],
        },
        "carried": form.carried,
        "reference": reference,
        "body_limit": form.body_limit,
        "language_switch": {"form": "letter-form", "method": "post"},
    }


def _fill_mp(text, form):
    return fill_placeholders(text, mp_values(form.mp, form.riding, form.letter_language))


@no_store
def check_email_step(request, page):
    return _page_response(request, page, "letters/check_email.html", {})
