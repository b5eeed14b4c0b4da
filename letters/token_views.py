"""The token pages: confirm, sent, print. Only the token's holder sees the letter.

The emails link to `/<lang>/letters/<confirm|sent|print>/<token>/`. That link only moves the
token into a cookie (`letter_token`: HttpOnly, SameSite=Lax, Secure in production, the token's
lifetime) and answers 303 to the same page without it, `/<lang>/letters/<page>/`, which reads the
cookie. So the token is in exactly one request line, the email link's, which the access logs we
run rewrite (`core.logging.redact`, gunicorn.conf.py); every page the supporter then sees, posts
to, switches the language of or reloads has a URL without it (docs/letter-tool.md).
Every response says `Cache-Control: no-store`.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from letters import pipeline
from letters.paper import paper_context
from letters.views import no_store, see_other

TOKEN_COOKIE = "letter_token"  # noqa: S105 - a cookie's name, not a secret
TOKEN_PAGES = ("confirm", "sent", "print")


@no_store
@require_GET
def open_link(request, page, token):
    """An email's link: keep the token in a cookie and show the page without it in the URL."""
    if page not in TOKEN_PAGES:
        return _token_error(request, expired=False)
    response = see_other(reverse(f"letters:{page}"))
    remember_token(response, TOKEN_COOKIE, token, pipeline.TOKEN_MAX_AGE.total_seconds())
    return response


TOKEN_SHAPE = re.compile(r"[A-Za-z0-9:_-]{1,200}")


def remember_token(response, name, token, max_age):
    """Set the HttpOnly cookie that carries a link's token to the token-free pages. Anything not
    shaped like a signed token clears it instead: the page then says the link does not work."""
    if not TOKEN_SHAPE.fullmatch(token):
        response.delete_cookie(name, samesite="Lax")
        return
    response.set_cookie(
        name,
        token,
        max_age=int(max_age),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _letter_or_error(request):
    """(letter, None) for a good token, else (None, the translated 400/410 response)."""
    token = request.COOKIES.get(TOKEN_COOKIE, "")
    try:
        return pipeline.letter_for_token(token), None
    except pipeline.ExpiredToken:
        return None, _token_error(request, expired=True)
    except pipeline.BadToken:
        return None, _token_error(request, expired=False)


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


def _token_context(letter):
    campaign = _campaign(letter)
    return {
        "letter": letter,
        "campaign": campaign,
        "riding_name": letter.riding.name_for_language(get_language()),
        "privacy_url": f"/{get_language()}/privacy/",
    }


@no_store
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request):
    """GET shows the letter and a "Send my letter" button and changes nothing; POST confirms."""
    letter, error = _letter_or_error(request)
    if error:
        return error
    if request.method == "POST":
        pipeline.confirm_letter(letter, refresh=False)
        return see_other(reverse("letters:sent"))
    context = _token_context(letter)
    context["already_confirmed"] = letter.status != letter.Status.PENDING_CONFIRMATION
    return TemplateResponse(request, "letters/confirm.html", context)


@no_store
def sent(request):
    """The thank-you page: where the letter is, the counter, share links, the print link."""
    letter, error = _letter_or_error(request)
    if error:
        return error
    context = _token_context(letter)
    campaign = context["campaign"]
    context["share"] = share_links(request, campaign)
    return TemplateResponse(request, "letters/sent.html", context)


@no_store
def print_letter(request):
    """The letter on paper, addressed to the MP at the House of Commons."""
    letter, error = _letter_or_error(request)
    if error:
        return error
    context = _token_context(letter) | paper_context(letter)
    return TemplateResponse(request, "letters/print.html", context)


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
