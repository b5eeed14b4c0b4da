"""Canadian postal codes as a value object.

`PostalCode.parse(raw)` accepts what people type (any case, spaces, hyphens) and either returns a
normalised code or raises `InvalidPostalCode` carrying a translated message for the supporter.
It never touches the network or the database, so bad input costs nothing.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Generous: a pasted code with stray spaces is fine, a pasted essay is not.
MAX_INPUT_LENGTH = 32

# What people put between the two halves, or around the code.
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
SHAPE = re.compile(r"[A-Z][0-9][A-Z][0-9][A-Z][0-9]", re.ASCII)
# D, F, I, O, Q, U are never used; W and Z never come first (Canada Post).
VALID = re.compile(
    r"[ABCEGHJKLMNPRSTVXY][0-9][ABCEGHJKLMNPRSTVWXYZ][0-9][ABCEGHJKLMNPRSTVWXYZ][0-9]", re.ASCII
)

PROVINCE_BY_FIRST_LETTER = {
    "A": "NL",
    "B": "NS",
    "C": "PE",
    "E": "NB",
    "G": "QC",
    "H": "QC",
    "J": "QC",
    "K": "ON",
    "L": "ON",
    "M": "ON",
    "N": "ON",
    "P": "ON",
    "R": "MB",
    "S": "SK",
    "T": "AB",
    "V": "BC",
    "Y": "YT",
}
# X is shared by the two eastern territories; the FSA tells them apart.
NUNAVUT_FSAS = frozenset({"X0A", "X0B", "X0C"})

EMPTY_MESSAGE = _("Please enter your postal code, for example K1A 0A6.")
SHAPE_MESSAGE = _(
    "A Canadian postal code has six characters: letter, digit, letter, digit, letter, digit "
    "(for example K1A 0A6)."
)
LETTERS_MESSAGE = _(
    "This is not a Canadian postal code: the letters D, F, I, O, Q and U are never used, "
    "and W and Z never come first."
)


class InvalidPostalCode(ValueError):
    """Raised by `PostalCode.parse`; `message` is translated and safe to show the supporter."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True, slots=True)
class PostalCode:
    """A well-formed Canadian postal code, stored as six characters without a space ("K1A0A6")."""

    code: str

    @classmethod
    def parse(cls, raw):
        """Normalise and validate what the supporter typed; raise `InvalidPostalCode` if wrong."""
        if not isinstance(raw, str) or not raw.strip():
            raise InvalidPostalCode(EMPTY_MESSAGE)
        if len(raw) > MAX_INPUT_LENGTH:
            raise InvalidPostalCode(SHAPE_MESSAGE)
        compact = SEPARATORS.sub("", raw).upper()
        # fullmatch with ASCII classes: Arabic-Indic or full-width digits are refused here.
        if not SHAPE.fullmatch(compact):
            raise InvalidPostalCode(SHAPE_MESSAGE)
        if not VALID.fullmatch(compact):
            raise InvalidPostalCode(LETTERS_MESSAGE)
        return cls(compact)

    @property
    def fsa(self):
        """The forward sortation area: the first three characters."""
        return self.code[:3]

    @property
    def formatted(self):
        """The way Canada Post writes it: "K1A 0A6"."""
        return f"{self.code[:3]} {self.code[3:]}"

    @property
    def province(self):
        """The two-letter province or territory the code belongs to."""
        if self.code[0] == "X":
            return "NU" if self.fsa in NUNAVUT_FSAS else "NT"
        return PROVINCE_BY_FIRST_LETTER[self.code[0]]

    def __str__(self):
        return self.formatted
