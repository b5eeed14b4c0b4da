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


def test_other_domains_keep_their_dots_but_not_their_case_or_tags():
    assert normalise_email("A.B+x@Example.ORG") == "a.b@example.org"


# --- issue 12, hole 9: one mailbox, whatever the spelling ----------------------------------


@pytest.mark.parametrize(
    "raw",
    ["anna+1@example.org", "Anna+campaign@EXAMPLE.org", "anna@example.org.", " ANNA@example.org"],
)
def test_plus_tags_and_case_are_one_sender_for_every_domain(raw):
    assert normalise_email(raw) == "anna@example.org"


def test_an_idn_domain_and_its_punycode_are_one_sender():
    assert normalise_email("anna+x@пример.рф") == "anna@xn--e1afmkfd.xn--p1ai"
    assert normalise_email("Anna@XN--E1AFMKFD.xn--p1ai") == "anna@xn--e1afmkfd.xn--p1ai"
