"""What a supporter sees when writing to their MP.

The campaign page's own steps (`LetterCampaignPage` routes call the `*_step` functions):

- `/<lang>/write-to-your-mp/`                      step 1: the postal code form
- `/<lang>/write-to-your-mp/find/?postal_code=&q=&choose=`
                                                   the lookup: one riding → redirect to write,
                                                   several → a choice, none → the province list
- `/<lang>/write-to-your-mp/write/<fed_code>/?postal_code=`
                                                   steps 2–4: MP card, letter, details, consents
                                                   (POST here submits, then 303 → check-email)
- `/<lang>/write-to-your-mp/check-email/`          step 5

And the token pages in `letters/urls.py`: confirm (GET shows, POST confirms), sent, print.
Every response here says `Cache-Control: no-store`: they hold forms or personal data.
"""

from functools import wraps
from urllib.parse import quote, urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from directory.lookup import elections_canada_url, lookup_postal_code, ridings_for_province
from directory.lookup.service import Status, directory_loaded
from directory.models import Riding
from directory.postcode import InvalidPostalCode, PostalCode
from letters import pipeline
from letters.forms import FindMPForm, LetterForm, RidingSearchForm
from letters.letter_language import LANGUAGE_NAMES, SHOW_IN, other_language, preference_hint
from letters.letter_text import fill_placeholders, mp_values
from letters.paper import paper_context
from letters.screening import mp_refusal, screen_submission, too_many_requests


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

    A page being previewed before its first save has no URL yet: its steps start at "/"."""
    base = page.get_url(request) or "/"
    return base + page.reverse_subpage(name, kwargs=kwargs or None)


def _write_url(request, page, fed_code, postal_code=None):
    url = _step_url(request, page, "write", fed_code=fed_code)
    return f"{url}?{urlencode({'postal_code': postal_code.formatted})}" if postal_code else url


# ---------------------------------------------------------------------------------------------
# The campaign page's steps.


FIND_FORM_SWITCH = {"form": "find-form", "method": "get"}


@no_store
def start_step(request, page):
    """Step 1: the postal code form, with the campaign's intro and counter.

    After a switch of language the form comes back with the code that was typed."""
    typed = request.GET.get("postal_code", "")[:32] if "switch_language" in request.GET else ""
    return _page_response(
        request,
        page,
        "letters/letter_campaign_page.html",
        {
            "form": FindMPForm(initial={"postal_code": typed}),
            "directory_loaded": directory_loaded(),
            "find_url": _step_url(request, page, "find"),
            "language_switch": FIND_FORM_SWITCH,
        },
    )


@no_store
def find_step(request, page):
    """The lookup: redirect to the letter when the riding is clear, else let the supporter pick."""
    form = FindMPForm(request.GET)
    find_url = _step_url(request, page, "find")
    if not form.is_valid():
        context = {
            "form": form,
            "directory_loaded": directory_loaded(),
            "find_url": find_url,
            "language_switch": FIND_FORM_SWITCH,
        }
        return _page_response(request, page, "letters/letter_campaign_page.html", context, 400)
    postal_code = form.cleaned_data["postal_code"]
    search = RidingSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    choose = "choose" in request.GET or "q" in request.GET

    result = lookup_postal_code(postal_code.code)
    if result.status == Status.NOT_LOADED:
        context = {"form": form, "directory_loaded": False, "find_url": find_url}
        return _page_response(request, page, "letters/letter_campaign_page.html", context)
    if result.found and not result.ambiguous and not choose:
        return redirect(_write_url(request, page, result.ridings[0].fed_code, postal_code))

    picker = not result.found or choose
    ridings = ridings_for_province(postal_code.province, query) if picker else result.ridings
    context = {
        "postal_code": postal_code,
        "result": result,
        "picker": picker,
        "search_form": search,
        "query": query,
        "choices": [
            (riding, _write_url(request, page, riding.fed_code, postal_code)) for riding in ridings
        ],
        "elections_canada_url": elections_canada_url(get_language()),
        "find_url": find_url,
        "start_url": _step_url(request, page, "start"),
        # The province's list keeps its search box across a switch of language.
        "language_switch": {"form": "riding-search", "method": "get"} if picker else None,
    }
    return _page_response(request, page, "letters/find_mp.html", context)


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def write_step(request, page, fed_code):
    """Steps 2–4 on one form; a POST is screened, then submitted, then redirected (PRG)."""
    riding, mp = Riding.objects.with_current_mp(fed_code) if fed_code.isdigit() else (None, None)
    if riding is None:
        return redirect(page.get_url(request))
    context = {
        "riding": riding,
        "riding_name": riding.name_for_language(get_language()),
        "mp": mp,
        "choose_url": _choose_url(request, page),
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
        form = LetterForm(
            campaign=page,
            mp=mp,
            riding=riding,
            initial={"postal_code": _postal_code_from_query(request)},
        )
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


def _postal_code_from_query(request):
    try:
        return PostalCode.parse(request.GET.get("postal_code", "")).formatted
    except InvalidPostalCode:
        return ""


def _choose_url(request, page):
    """The "not your riding?" link: the province's ridings for the supporter's postal code."""
    postal_code = _postal_code_from_query(request) or request.POST.get("postal_code", "")
    try:
        code = PostalCode.parse(postal_code)
    except InvalidPostalCode:
        return page.get_url(request)
    query = urlencode({"postal_code": code.formatted, "choose": "1"})
    return f"{_step_url(request, page, 'find')}?{query}"


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


# ---------------------------------------------------------------------------------------------
# The token pages: confirm, sent, print. Only the token's holder sees the letter.


def token_page(view):
    """A page of one letter, reached by the signed token in its emailed link: `view(request,
    letter, context)` gets the letter and the page's context (the token among it); a bad or
    expired token gets the translated 400 or 410 instead. Never stored, like every step."""

    @no_store
    @wraps(view)
    def wrapper(request, token):
        try:
            letter = pipeline.letter_for_token(token)
        except pipeline.ExpiredToken:
            return _token_error(request, expired=True)
        except pipeline.BadToken:
            return _token_error(request, expired=False)
        return view(request, letter, _token_context(letter, token))

    return wrapper


def _token_error(request, *, expired):
    return TemplateResponse(
        request,
        "letters/token_error.html",
        {"expired": expired},
        status=410 if expired else 400,
    )


def _campaign(letter):
    """The campaign page in the reader's language when it exists, for links and the counter."""
    campaign = letter.campaign.specific
    return campaign.localized if campaign.live else campaign


def _token_context(letter, token):
    campaign = _campaign(letter)
    return {
        "letter": letter,
        "campaign": campaign,
        "token": token,
        "riding_name": letter.riding.name_for_language(get_language()),
        "privacy_url": f"/{get_language()}/privacy/",
    }


@token_page
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, letter, context):
    """GET shows the letter and a "Send my letter" button and changes nothing; POST confirms."""
    if request.method == "POST":
        pipeline.confirm_letter(letter)
        response = HttpResponseRedirect(_token_url("sent", context["token"]))
        response.status_code = 303
        return response
    context["already_confirmed"] = letter.status != letter.Status.PENDING_CONFIRMATION
    return TemplateResponse(request, "letters/confirm.html", context)


@token_page
def sent(request, letter, context):
    """The thank-you page: where the letter is, the counter, share links, the print link."""
    context["share"] = share_links(request, context["campaign"])
    return TemplateResponse(request, "letters/sent.html", context)


@token_page
def print_letter(request, letter, context):
    """The letter on paper, addressed to the MP at the House of Commons."""
    return TemplateResponse(request, "letters/print.html", context | paper_context(letter))


def _token_url(name, token):
    return reverse(f"letters:{name}", kwargs={"token": token})


def share_links(request, campaign):
    """Plain share links (no third-party script or image is loaded by showing them)."""
    url = request.build_absolute_uri(campaign.url)
    text = campaign.share_text or campaign.title
    message = f"{text} {url}".strip()
    return {
        "url": url,
        "text": text,
        "email": f"mailto:?subject={quote(text)}&body={quote(message)}",
        "telegram": f"https://t.me/share/url?url={quote(url, safe='')}&text={quote(text)}",
        "whatsapp": f"https://wa.me/?text={quote(message)}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}",
        "x": f"https://x.com/intent/post?text={quote(text)}&url={quote(url, safe='')}",
    }
