"""Which official language a letter is written in, and what the write step says about it.

The letter goes in the language its MP prefers (`MemberOfParliament.letter_language_preference`:
the organizer's override, else Represent's `preferred_languages`). When that is not known, or the
MP lists both, French is suggested in Quebec ridings and English elsewhere. The supporter can
switch between the two with one control on the write step (`letters.views.write_step`)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from letters.letter_text import LETTER_LANGUAGES

# "Language of the letter: French" — a language's name after a colon, lower case in Russian.
LANGUAGE_NAMES = {
    "en": pgettext_lazy("letter language", "English"),
    "fr": pgettext_lazy("letter language", "French"),
}
SHOW_IN = {
    "en": _("Show the letter in English"),
    "fr": _("Show the letter in French"),
}


def default_letter_language(mp, riding):
    """The MP's language; French in Quebec and English elsewhere when it is not known."""
    preferred = mp.letter_language_preference
    if preferred in LETTER_LANGUAGES:
        return preferred
    return "fr" if riding.province == "QC" else "en"


def chosen_letter_language(value, mp, riding):
    """A posted `letter_language` when it is one of ours, else the default."""
    return value if value in LETTER_LANGUAGES else default_letter_language(mp, riding)


def other_language(language):
    return "en" if language == "fr" else "fr"


def preference_hint(mp, riding):
    """One sentence on the MP's preference, for the letter-language control."""
    params = {"name": mp.name}
    preferred = mp.letter_language_preference
    if preferred == "fr":
        return _("%(name)s prefers French.") % params
    if preferred == "en":
        return _("%(name)s prefers English.") % params
    if preferred == "both":
        return _("MPs’ offices read both official languages, so either is fine.")
    if riding.province == "QC":
        return (
            _(
                "We do not know which official language %(name)s prefers. For ridings in Quebec "
                "we suggest French."
            )
            % params
        )
    return (
        _("We do not know which official language %(name)s prefers, so we suggest English.")
        % params
    )
