"""The supporter's answer to "did your MP reply?"."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .follow_ups import REPLY_TEXT_MAX_CHARS
from .models.follow_up import Answer


def _has_control_characters(text):
    return any(
        unicodedata.category(char) == "Cc"
        and char not in "\n\r\t"
        or unicodedata.category(char) == "Cf"
        for char in text
    )


class AnswerForm(forms.Form):
    """One answer, the reply's text if they wish, and a separate consent to quote it."""

    answer = forms.ChoiceField(
        label=_("What happened?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose what happened."),
            "invalid_choice": _("Please choose one of the answers below."),
        },
    )
    reply_text = forms.CharField(
        label=_("The reply's text"),
        required=False,
        max_length=REPLY_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Paste what the MP's office wrote. Please leave out your own name and address."
        ),
    )
    quote_consent = forms.BooleanField(
        label=_("Organizers may quote this reply on the site, without my name, after checking it."),
        required=False,
    )

    def clean_reply_text(self):
        text = self.cleaned_data["reply_text"].replace("\r\n", "\n")
        if _has_control_characters(text):
            raise ValidationError(
                _("The text contains invisible control characters; please paste it again."),
                code="control_characters",
            )
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("quote_consent") and not cleaned.get("reply_text"):
            self.add_error(
                "quote_consent",
                ValidationError(
                    _("Paste the reply's text first, or untick this box."), code="no_text"
                ),
            )
        return cleaned
