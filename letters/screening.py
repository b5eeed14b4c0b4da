"""Screening of letter submissions: the per-IP rate limit, bots, blocked MPs, a second postal
code, and near-duplicates (letters/duplicates.py). Repeats and the per-address limit are
decided at confirmation (letters/repeats.py), so the answer here never depends on them.

The supporter views call `screen_submission` on every valid letter POST, before anything is
created, and act on the `Screening` it returns:

- `rate_limited`: answer with `too_many_requests(request)` (status 429), create nothing;
- `refusal`: show it as a form error (status 400), create nothing;
- `is_bot` or `silent`: show the normal "check your email" page, create and send nothing;
- `hold_reason`: pass it to `submit_letter(hold_reason=...)`; the letter waits for a moderator.

`cleaned_data` is the compose form's data; the keys read here are those of `submit_letter`
(`email`, `body`, `first_name`, `last_name`, `street_address`, `city`, `postal_code`) plus the
`BotTrapMixin` fields. Nothing personal is logged: only hashed keys and counts.
"""

import logging
import re
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import ratelimit
from core.http import client_network
from directory.lookup import lookup_postal_code
from directory.postcode import InvalidPostalCode, PostalCode
from letters.duplicates import near_duplicate_reason
from letters.repeats import too_many_unconfirmed
from privacy.identity import sender_hash

# The logger and the salt keep the names they had when this module was letters/abuse.py: log
# monitoring matches the one, and forms rendered before a deploy are signed with the other.
logger = logging.getLogger("letters.abuse")
RENDERED_AT_SALT = "letters.abuse.rendered_at"
POSTAL_CODE_IN_TEXT = re.compile(r"\b([A-Z][0-9][A-Z])[\s-]?([0-9][A-Z][0-9])\b", re.I | re.A)


@dataclass
class Screening:
    """What the screening decided about one submission (see the module docstring)."""

    rate_limited: bool = False
    refusal: str | None = None
    is_bot: bool = False
    hold_reason: str = ""
    # Answered like a good letter, but nothing is created or sent (see too_many_unconfirmed).
    silent: bool = False
    # Seconds until the exhausted rate-limit window ends (the 429's Retry-After).
    retry_after: int = 0


# ---------------------------------------------------------------------------------------------
# Bots: a honeypot field and a minimum time between rendering and posting the form.


class BotTrapMixin(forms.Form):
    """Adds a honeypot (`website`) and a signed render time (`rendered_at`) to a form.

    People never see the honeypot (its field group, `letters/includes/honeypot_field.html`, has the
    `visually-hidden` class of site.css; it is skipped by Tab and labelled for screen readers
    "leave this field empty"); bots fill it in. Render it with `{{ form.website.as_field_group }}`
    (or `{{ form }}`) and `{{ form.rendered_at }}`. A form posted within
    `LETTER_MIN_FILL_SECONDS` of being rendered was not typed by a person. Neither makes the
    form invalid: `screen_submission` reports `is_bot` and the view answers as if all went well,
    so the bot learns nothing."""

    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        max_length=200,
        template_name="letters/includes/honeypot_field.html",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    rendered_at = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rendered_at"].initial = signing.dumps(time.time(), salt=RENDERED_AT_SALT)

    def clean_rendered_at(self):
        """The render time as a Unix timestamp, or None when missing or tampered with.

        A stamp older than `LETTER_FORM_MAX_AGE_SECONDS` (2 hours) serves no more (issue 12,
        hole 13): one stamp cannot serve a bot's many POSTs. The form is refused with a message,
        everything typed stays in it, and it carries a fresh stamp for the next try."""
        try:
            rendered_at = float(
                signing.loads(self.cleaned_data["rendered_at"], salt=RENDERED_AT_SALT)
            )
        except (signing.BadSignature, TypeError, ValueError):
            return None
        if time.time() - rendered_at > settings.LETTER_FORM_MAX_AGE_SECONDS:
            self.data = self.data.copy()
            self.data["rendered_at"] = self.fields["rendered_at"].initial
            self.add_error(None, stale_form_message())
            return None
        return rendered_at


def stale_form_message():
    return forms.ValidationError(
        gettext_lazy(
            "This page was open for more than 2 hours. To keep the campaign safe from spam, "
            "please check your letter and press the button again: nothing you typed is lost."
        ),
        code="stale_form",
    )


def looks_like_a_bot(cleaned_data):
    """True when the honeypot is filled, or the form came back too fast or without its stamp."""
    if cleaned_data.get("website"):
        return True
    rendered_at = cleaned_data.get("rendered_at")
    if not isinstance(rendered_at, float):
        return True
    return time.time() - rendered_at < settings.LETTER_MIN_FILL_SECONDS


# ---------------------------------------------------------------------------------------------
# The screening itself.


def screen_submission(request, cleaned_data, *, mp, campaign):
    """Decide what happens to a letter POST; creates nothing except rate-limit counts."""
    ip = client_network(request)
    window = settings.LETTER_RATE_LIMIT_IP_WINDOW_SECONDS
    if not within_limit("ip", ip, settings.LETTER_RATE_LIMIT_PER_IP, window):
        return Screening(rate_limited=True, retry_after=ratelimit.seconds_left(window))
    if looks_like_a_bot(cleaned_data):
        logger.info("abuse.bot campaign=%s", getattr(campaign, "pk", None))
        return Screening(is_bot=True)
    if refusal := mp_refusal(mp):
        return Screening(refusal=refusal)
    sender = sender_hash(cleaned_data.get("email", ""))
    # Nothing here depends on what the address did before, except silently: the answer must not
    # tell the submitter anything the address's owner has not (issue 12, hole 4). Repeats and
    # the per-address limit are decided when the owner confirms (letters/repeats.py).
    if too_many_unconfirmed(sender):
        logger.info("abuse.unconfirmed campaign=%s", getattr(campaign, "pk", None))
        return Screening(silent=True)
    return Screening(
        hold_reason=second_postal_code_reason(cleaned_data, mp)
        or near_duplicate_reason(cleaned_data, mp=mp, campaign=campaign, sender=sender)
    )


def within_limit(scope, value, limit, window_seconds):
    """Count one letter POST for `value`; log `abuse.ratelimit` (hashed key only) past the limit."""
    if value in settings.RATE_LIMIT_EXEMPT_IPS and scope == "ip":
        return True
    key = ratelimit.hashed_key("letters", scope, value)
    if ratelimit.allow(key, limit=limit, window_seconds=window_seconds):
        return True
    logger.warning(
        "abuse.ratelimit scope=%s key=%s limit=%s window=%ss",
        scope,
        key[:12],
        limit,
        window_seconds,
    )
    return False


def too_many_requests(request, retry_after=None):
    """The translated 429 page (`templates/429.html`), in the language of the request;
    `Retry-After` says when the limit's window ends (`Screening.retry_after`)."""
    context = {
        "heading": _("Please wait a little"),
        "message": _(
            "We received many letters from your connection or your email address in a short "
            "time. To keep the campaign safe from spam, please try again later."
        ),
        "back_url": f"/{request.LANGUAGE_CODE}/" if hasattr(request, "LANGUAGE_CODE") else "/",
        "back_label": _("Back to the home page"),
    }
    response = render(request, "429.html", context, status=429)
    if retry_after is None:
        retry_after = ratelimit.seconds_left(settings.LETTER_RATE_LIMIT_IP_WINDOW_SECONDS)
    response["Retry-After"] = str(retry_after)
    return response


def mp_refusal(mp):
    """A translated explanation when letters cannot go to `mp`, else None."""
    if mp is None or not mp.active or mp.riding.marked_vacant:
        return _(
            "This seat in Parliament is vacant at the moment, so there is no MP to receive "
            "your letter. Please come back after the by-election."
        )
    if mp.do_not_send:
        return _(
            "The campaign is not sending letters to this MP at the moment. "
            "Please write to them directly, or contact us if you think this is a mistake."
        )
    if mp.contact_failing or not mp.delivery_email:
        return _(
            "This MP's email address is not working at the moment, so your letter could not "
            "be delivered. We are looking for a correct address: please try again in a few days."
        )
    return None


# ---------------------------------------------------------------------------------------------
# Second postal code: an address that mentions a code from another riding (WriteToThem's check).


def second_postal_code_reason(cleaned_data, mp):
    """A hold reason when the address names a postal code outside the MP's riding."""
    try:
        own = PostalCode.parse(cleaned_data.get("postal_code", "")).code
    except InvalidPostalCode:
        own = None
    address = " ".join(str(cleaned_data.get(name, "")) for name in ("street_address", "city"))
    for match in POSTAL_CODE_IN_TEXT.finditer(address):
        try:
            other = PostalCode.parse(match.group(1) + match.group(2))
        except InvalidPostalCode:
            continue
        if other.code == own:
            continue
        if not postal_code_in_riding(other, mp.riding):
            return "The address mentions a second postal code in another riding."
    return ""


def postal_code_in_riding(postal_code, riding):
    """True only when the postal code is known to lie (at least partly) in `riding`."""
    if postal_code.province != riding.province:
        return False
    result = lookup_postal_code(postal_code.code)
    return any(found.fed_code == riding.fed_code for found in result.ridings)
