"""What the letter form refuses in names, addresses and emails before anything reaches a mail
header or a stored row (issue 12, holes 10 and 15).

- `validate_no_hidden_or_markup`: Unicode format characters (category Cf: bidi overrides such
  as U+202E, zero-width spaces and joiners, the BOM…) can make a name display as something else
  in the MP's mail client, and `<` `>` are markup; neither belongs in a name or an address.
- `validate_public_email_domain`: the confirmation and the MP's reply must reach a real mailbox
  on the internet, so an address must end in a public-looking domain: no IP literal
  (`x@[127.0.0.1]`), no dotless domain (`root@localhost`), no numeric top-level label, and none
  of the names reserved for private or test use (RFC 2606, RFC 6761, RFC 6762, RFC 8375:
  `.localhost`, `.local`, `.test`, `.invalid`, `.example`, `.internal`, `.lan`, `.home.arpa`,
  `.onion`, `.arpa`). The second-level `example.com/.org/.net` stay allowed: they are real
  public domains, and test data everywhere uses them.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MARKUP_CHARACTERS = frozenset("<>")
PRIVATE_TOP_LEVEL_DOMAINS = frozenset(
    {"localhost", "local", "test", "invalid", "example", "internal", "lan", "onion", "arpa"}
)


def has_hidden_or_markup(value):
    return any(
        char in MARKUP_CHARACTERS or unicodedata.category(char) == "Cf" for char in str(value)
    )


def validate_no_hidden_or_markup(value):
    if has_hidden_or_markup(value):
        raise ValidationError(
            _(
                "Please use only letters, numbers and ordinary punctuation here: no < or > "
                "and no invisible formatting characters."
            ),
            code="hidden_or_markup",
        )


def is_public_domain(domain):
    """True for a domain that could be a mailbox on the public internet (see the docstring)."""
    domain = domain.strip().rstrip(".").lower()
    if not domain or domain.startswith("[") or "." not in domain:
        return False
    top = domain.rsplit(".", 1)[1]
    return not (top.isdigit() or top in PRIVATE_TOP_LEVEL_DOMAINS)


def validate_public_email_domain(value):
    if not is_public_domain(str(value).rpartition("@")[2]):
        raise ValidationError(
            _(
                "Please use an email address at a public domain, such as name@example.ca: "
                "we cannot send mail to this one."
            ),
            code="private_domain",
        )
