"""One supporter, one fingerprint: the normalised email (privacy/identity.py)."""

import pytest

from privacy.identity import normalise_email

# --- email normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "Alex.Doe@gmail.com",
        "alexdoe+news@gmail.com",
        "ALEX.D.O.E@googlemail.com",
        " alexdoe@GMAIL.com ",
    ],
)
def test_gmail_variants_are_one_mailbox(raw):
    assert normalise_email(raw) == "alexdoe@gmail.com"


def test_other_domains_keep_their_dots_and_tags_but_not_their_case():
    assert normalise_email("A.B+x@Example.ORG") == "a.b+x@example.org"
