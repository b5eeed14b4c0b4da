"""The supporter's forms: find your MP, then write, sign and consent.

Every field is validated here, before anything reaches `letters.screening` or `letters.pipeline`:
single-line fields refuse line breaks and control characters (they end up in mail headers),
the letter has a length limit, and the postal code must belong to the chosen riding's province."""

import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from directory.postcode import InvalidPostalCode, PostalCode
from letters.extensions import optional_consents
from letters.letter_language import chosen_letter_language
from letters.letter_text import (
    LETTER_LANGUAGES,
    Carried,
    fill_placeholders,
    move_to_other_language,
    mp_values,
    normalise_newlines,
    story_slots,
    supporter_values,
    unfilled_placeholders,
)
from letters.screening import BotTrapMixin
from letters.validators import validate_no_hidden_or_markup, validate_public_email_domain

# Consent wordings are versioned: change the text, change the version, so every stored consent
# says which words the supporter agreed to.
SEND_LETTER_CONSENT_VERSION = "send-2026-11-v1"
CAMPAIGN_UPDATES_CONSENT_VERSION = "updates-2026-11-v1"


def send_letter_consent_text():
    return gettext(
        "Send this letter to my MP by email on my behalf, with my name, email address and "
        "postal address, so that their office can reply to me."
    )


def campaign_updates_consent_text():
    return gettext(
        "Yes, %(organisation)s (%(contact)s) may email me updates about this campaign against "
        "immigration discrimination and ways to help. I can unsubscribe at any time."
    ) % {"organisation": settings.CAMPAIGN_ORGANISATION, "contact": settings.CAMPAIGN_CONTACT_EMAIL}


# Characters that would break a mail header or hide text: C0/C1 controls and the Unicode
# line and paragraph separators.
_LINE_BREAKING = {"\u2028", "\u2029"}


def _has_control_characters(value, *, allow_newlines=False):
    for char in value:
        if allow_newlines and char in "\n\t":
            continue
        if char in _LINE_BREAKING or unicodedata.category(char) == "Cc":
            return True
    return False


def validate_single_line(value):
    if _has_control_characters(value):
        raise ValidationError(
            _("Please keep this on one line, without line breaks or control characters."),
            code="control_characters",
        )


class SingleLineField(forms.CharField):
    """A required one-line text field that refuses CR, LF and other control characters."""

    default_validators = [validate_single_line]


class NameOrAddressField(SingleLineField):
    """A one-line name or address: it reaches the From and Reply-To display names and the
    letter, so it refuses format characters (bidi overrides, zero-width…) and markup too."""

    default_validators = [validate_single_line, validate_no_hidden_or_markup]


class PostalCodeField(forms.CharField):
    """A Canadian postal code, cleaned to a `PostalCode`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("label", _("Postal code"))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        try:
            return PostalCode.parse(value)
        except InvalidPostalCode as error:
            raise ValidationError(error.message, code="invalid_postal_code") from error


class FindMPForm(forms.Form):
    """Step 1: a postal code (GET, so the result page can be bookmarked and reloaded)."""

    postal_code = PostalCodeField(
        help_text=_("For example K1A 0A6. We use it only to find your riding."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )


class RidingSearchForm(forms.Form):
    """The province fallback: filter the province's ridings by name."""

    q = forms.CharField(
        label=_("Search your riding by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class LetterForm(BotTrapMixin, forms.Form):
    """Steps 2–4: the letter, the supporter's details and the two consents.

    The honeypot and render-time fields come from `BotTrapMixin`; `letters.screening` reads them.
    `campaign`, `mp` and `riding` are given by the view (the riding comes from the URL, the MP
    from the directory). The letter's language (`letter_language`, English or French) starts as
    the MP's (`letters.letter_language`); the supporter may switch it (`redisplay`)."""

    letter_language = forms.ChoiceField(
        choices=[(code, code) for code in LETTER_LANGUAGES],
        required=False,
        widget=forms.HiddenInput,
    )

    subject = SingleLineField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Your letter"),
        widget=forms.Textarea(attrs={"rows": 18}),
        strip=True,
    )
    first_name = NameOrAddressField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = NameOrAddressField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        validators=[validate_public_email_domain],
        help_text=_("We send you a link to confirm the letter. Your MP's office may reply here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    street_address = NameOrAddressField(
        label=_("Street address"),
        max_length=200,
        help_text=_("MPs answer their own constituents; their office checks your address."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    city = NameOrAddressField(
        label=_("City or town"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    postal_code = PostalCodeField(
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    consent_send = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Please tick the box to let us send this letter to your MP.")
        },
    )
    consent_updates = forms.BooleanField(required=False)
    earlier_letter = forms.CharField(
        label=_("Your earlier letter, to copy from (it is not sent)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8, "readonly": True}),
    )

    def __init__(self, *args, campaign, mp, riding, letter_language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.mp = mp
        self.riding = riding
        posted = self.data.get("letter_language") if self.is_bound else None
        self.letter_language = chosen_letter_language(letter_language or posted, mp, riding)
        self.fields["letter_language"].initial = self.letter_language
        # Set by `redisplay` after a switch of language: how the letter moved (`Carried`).
        self.carried = None
        self.fields["consent_send"].label = send_letter_consent_text()
        self.fields["consent_updates"].label = campaign_updates_consent_text()
        for consent in optional_consents():
            # Other apps' optional consents (letters/extensions.py): unticked, never required.
            self.fields[consent.field_name] = forms.BooleanField(
                required=False, label=consent.label()
            )
        self.fields["body"].help_text = ngettext(
            "At most %(limit)d character.", "At most %(limit)d characters.", self.body_limit
        ) % {"limit": self.body_limit}
        if not campaign.allow_editing:
            # The text is the campaign's own: nothing to edit, nothing to validate.
            del self.fields["subject"]
            del self.fields["body"]
        else:
            subject, body = self.template_text()
            self.fields["subject"].initial = subject
            self.fields["body"].initial = body
            # The template lets letter.js tell the supporter how much of the letter is theirs.
            self.fields["subject"].widget.attrs["lang"] = self.letter_language
            self.fields["body"].widget.attrs.update(
                {"lang": self.letter_language, "data-template": body}
            )

    @classmethod
    def redisplay(cls, data, *, switch_to=None, **kwargs):
        """The form again with what was posted, neither validated nor submitted: after a switch
        of the page's language, or of the letter's (`switch_to`, "en" or "fr").

        The posted values become the unbound form's initial values, so nothing is lost and no
        error shows. Switching the letter's language replaces the campaign's text by the other
        language's, moves the supporter's own paragraph along (see `move_to_other_language`),
        keeps an edited subject, and keeps an otherwise edited letter in `earlier_letter`."""
        initial = {name: data.get(name) for name in cls.base_fields if name in data}
        posted = data.get("letter_language")
        if switch_to not in LETTER_LANGUAGES:
            switch_to = None
        form = cls(initial=initial, letter_language=switch_to or posted, **kwargs)
        was = chosen_letter_language(posted, form.mp, form.riding)
        form.initial["letter_language"] = form.letter_language
        if switch_to is None or switch_to == was:
            return form
        if not form.campaign.allow_editing:
            return form
        old_subject, old_body = cls(letter_language=was, **kwargs).template_text()
        new_subject, new_body = form.template_text()
        body = normalise_newlines(data.get("body", old_body))
        form.initial["body"], form.carried = move_to_other_language(body, old_body, new_body)
        subject = (data.get("subject") or "").strip()
        form.initial["subject"] = new_subject if subject in ("", old_subject) else subject
        if form.carried == Carried.REPLACED:
            form.initial["earlier_letter"] = body
        return form

    @property
    def body_limit(self):
        return settings.LETTER_MAX_BODY_CHARS

    def template_text(self):
        """The campaign's letter in the chosen language, MP placeholders filled."""
        subject, body = self.campaign.letter_template(self.letter_language)
        values = mp_values(self.mp, self.riding, self.letter_language)
        return fill_placeholders(subject, values), fill_placeholders(body, values)

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")
        if _has_control_characters(body, allow_newlines=True):
            raise ValidationError(
                _("Your letter contains control characters; please remove them."),
                code="control_characters",
            )
        if len(body) > self.body_limit:
            raise ValidationError(
                _(
                    "Your letter is %(length)d characters long; the limit is %(limit)d. "
                    "Please shorten it."
                ),
                code="too_long",
                params={"length": len(body), "limit": self.body_limit},
            )
        return body

    def clean_postal_code(self):
        postal_code = self.cleaned_data["postal_code"]
        if postal_code and postal_code.province != self.riding.province:
            raise ValidationError(
                _(
                    "This postal code is not in the province of %(riding)s. Please check it, "
                    "or choose your riding again."
                ),
                code="wrong_province",
                params={"riding": self.riding.name_for_language(self.letter_language)},
            )
        return postal_code

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if self.campaign.allow_editing:
            subject, body = cleaned["subject"], cleaned["body"]
        else:
            subject, body = self.template_text()
        values = {
            **mp_values(self.mp, self.riding, self.letter_language),
            **supporter_values(
                first_name=cleaned["first_name"],
                last_name=cleaned["last_name"],
                city=cleaned["city"],
                postal_code=cleaned["postal_code"].formatted,
            ),
        }
        subject = fill_placeholders(subject, values)
        body = fill_placeholders(body, values)
        untouched_slots = [slot for slot in story_slots(self.template_text()[1]) if slot in body]
        if untouched_slots:
            # The bracketed instruction is for the supporter, not for the MP.
            self.add_error(
                "body" if "body" in self.fields else None,
                ValidationError(
                    _(
                        "Please replace the text in square brackets with a few sentences of "
                        "your own, or delete it."
                    ),
                    code="story_slot",
                ),
            )
            return cleaned
        leftovers = unfilled_placeholders(subject + "\n" + body)
        if leftovers:
            # The MP must never receive a literal "{placeholder}".
            raise ValidationError(
                _(
                    "Your letter still contains %(placeholders)s: please replace it with "
                    "your own words."
                ),
                code="placeholders",
                params={"placeholders": ", ".join(leftovers)},
            )
        if len(body) > self.body_limit:
            raise ValidationError(
                _(
                    "With your name and address filled in, your letter is longer than %(limit)d "
                    "characters. Please shorten it."
                ),
                code="too_long",
                params={"limit": self.body_limit},
            )
        cleaned["final_subject"] = subject
        cleaned["final_body"] = body
        return cleaned

    def consent_wordings(self):
        return {
            "send_letter": (SEND_LETTER_CONSENT_VERSION, send_letter_consent_text()),
            "campaign_updates": (CAMPAIGN_UPDATES_CONSENT_VERSION, campaign_updates_consent_text()),
            **{consent.kind: (consent.version, consent.label()) for consent in optional_consents()},
        }

    def optional_consent_fields(self):
        """The bound fields of the other apps' optional consents, in registration order."""
        return [self[consent.field_name] for consent in optional_consents()]

    def ticked_optional_consents(self):
        """The kinds of the optional consents the supporter ticked."""
        return [
            consent.kind
            for consent in optional_consents()
            if self.cleaned_data.get(consent.field_name)
        ]
