"""TRUST 21-23, 25, 26, 28: the screening every letter POST goes through (letters/screening.py,
letters/duplicates.py)."""

import logging
import time
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone, translation
from wagtail.models import Locale

from directory.lookup import lookup_postal_code
from letters import repeats
from letters.models import Letter
from letters.screening import BotTrapMixin, screen_submission, too_many_requests
from tests.factories import (
    LetterCampaignPageFactory,
    LetterFactory,
    MemberOfParliamentFactory,
    RidingFactory,
    screened_data,
    signed_render_time,
)
from tests.factories.pages import LETTER_TEMPLATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def mp():
    """The Hon. Jane Example, MP for Ottawa Centre (the letters below greet her by name)."""
    return MemberOfParliamentFactory(
        fed_code="35075",
        riding__name_en="Ottawa Centre",
        name="Jane Example",
        honorific="Hon.",
        email="jane.example@parl.gc.ca",
    )


@pytest.fixture
def campaign():
    """A campaign whose letter is LETTER_TEMPLATE."""
    return LetterCampaignPageFactory(letter_body_en=LETTER_TEMPLATE)


def add_letter(campaign, mp, **fields):
    return LetterFactory(
        campaign=campaign, mp=mp, **{"email": "someone@example.org", "body": "Hello"} | fields
    )


# --- per-IP and per-email limits (TRUST 21, 22) -------------------------------------------------


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=["10.0.0.2"])
def test_sixth_post_from_one_ip_is_rate_limited_whatever_the_forged_header(
    post_request, mp, campaign, caplog
):
    results = []
    with caplog.at_level(logging.WARNING, logger="letters.abuse"):
        for n in range(8):
            request = post_request(remote="10.0.0.2", forwarded=f"9.9.9.{n}, 203.0.113.5")
            data = screened_data(email=f"writer{n}@example.org")
            results.append(screen_submission(request, data, mp=mp, campaign=campaign).rate_limited)
    assert results == [False] * 5 + [True] * 3
    logged = [r.getMessage() for r in caplog.records if "abuse.ratelimit" in r.getMessage()]
    assert logged and all("203.0.113.5" not in m and "@" not in m for m in logged)
    other = post_request(remote="10.0.0.2", forwarded="203.0.113.6")
    assert not screen_submission(
        other, screened_data(email="x@example.org"), mp=mp, campaign=campaign
    ).rate_limited


def test_rotating_ipv6_addresses_within_one_64_share_one_limit(post_request, mp, campaign):
    """Issue 12, hole 5: seven POSTs from 2001:db8:1::1 … ::7 were all accepted."""
    results = []
    for n in range(1, 8):
        request = post_request(remote=f"2001:db8:1::{n}")
        data = screened_data(email=f"rotating{n}@example.org")
        results.append(screen_submission(request, data, mp=mp, campaign=campaign).rate_limited)
    assert results == [False] * 5 + [True] * 2
    neighbour = post_request(remote="2001:db8:1:1::1")  # another /64
    data = screened_data(email="neighbour@example.org")
    assert not screen_submission(neighbour, data, mp=mp, campaign=campaign).rate_limited


@override_settings(RATE_LIMIT_EXEMPT_IPS=["203.0.113.50"])
def test_exempt_load_generators_are_not_limited(post_request, mp, campaign):
    for n in range(7):
        request = post_request(remote="203.0.113.50")
        data = screened_data(email=f"load{n}@example.org")
        assert not screen_submission(request, data, mp=mp, campaign=campaign).rate_limited


def test_the_fourth_confirmed_letter_from_one_email_in_a_day_is_declined(campaign):
    """Issue 12, holes 6 and 9: confirmed letters count, whatever the address's spelling."""
    emails = ["Ab.C@gmail.com", "abc+1@gmail.com", "A.B.C@googlemail.com", "abc@gmail.com"]
    verdicts = []
    for n, email in enumerate(emails):
        mp = MemberOfParliamentFactory(fed_code=f"3510{n}")
        letter = add_letter(campaign, mp, email=email, status=Letter.Status.PENDING_CONFIRMATION)
        verdicts.append(repeats.decline_reason(letter))
        Letter.objects.filter(pk=letter.pk).update(
            status=Letter.Status.QUEUED, confirmed_at=timezone.now()
        )
    assert verdicts == ["", "", "", repeats.LIMIT]


def test_the_429_page_is_translated(rf):
    for language, words in [("en", "Please wait"), ("ru", "Подождите")]:
        request = rf.get(f"/{language}/write-to-your-mp/")
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = too_many_requests(request)
        assert response.status_code == 429
        assert words in response.content.decode()


# --- bots (TRUST 23) -------------------------------------------------------------------------


class ComposeForm(BotTrapMixin):
    pass


def test_honeypot_is_hidden_from_people_but_present():
    html = str(ComposeForm().as_div())
    assert 'name="website"' in html and 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert 'class="visually-hidden"' in html
    assert "Leave this field empty" in html
    with translation.override("ru"):
        assert "Оставьте это поле пустым" in str(ComposeForm().as_div())
    assert 'type="hidden" name="rendered_at"' in html


def post_form(**fields):
    form = ComposeForm(data=fields)
    assert form.is_valid(), form.errors
    return form.cleaned_data


def test_a_person_who_took_their_time_is_not_a_bot(post_request, mp, campaign):
    cleaned = post_form(website="", rendered_at=signed_render_time(seconds_ago=20))
    screening = screen_submission(
        post_request(), screened_data(**cleaned), mp=mp, campaign=campaign
    )
    assert not screening.is_bot and not screening.refusal and not screening.rate_limited


@pytest.mark.parametrize(
    "fields",
    [
        {"website": "http://spam.example", "rendered_at": "GOOD"},
        {"website": "", "rendered_at": "FAST"},
        {"website": "", "rendered_at": "tampered"},
        {"website": ""},
    ],
    ids=["honeypot", "too-fast", "tampered-stamp", "no-stamp"],
)
def test_bots_are_caught(fields, post_request, mp, campaign):
    stamps = {"GOOD": signed_render_time(20), "FAST": signed_render_time(1)}
    if "rendered_at" in fields:
        fields["rendered_at"] = stamps.get(fields["rendered_at"], fields["rendered_at"])
    cleaned = post_form(**fields)
    screening = screen_submission(
        post_request(), screened_data(**cleaned), mp=mp, campaign=campaign
    )
    assert screening.is_bot


def test_a_forged_old_stamp_with_another_key_is_rejected(post_request, mp, campaign):
    from django.core import signing

    forged = signing.dumps(time.time() - 60, key="not-our-secret", salt="letters.abuse.rendered_at")
    cleaned = post_form(website="", rendered_at=forged)
    assert screen_submission(
        post_request(), screened_data(**cleaned), mp=mp, campaign=campaign
    ).is_bot


# --- vacant and blocked MPs (TRUST 26) ---------------------------------------------------------


@pytest.mark.parametrize(
    "flag", ["vacant", "inactive", "do_not_send", "contact_failing", "no_email"]
)
def test_blocked_mps_are_refused_with_a_translated_reason(flag, post_request, mp, campaign):
    if flag == "vacant":
        mp.riding.marked_vacant = True
        mp.riding.save()
    elif flag == "inactive":
        mp.active = False
    elif flag == "no_email":
        mp.email = ""
    else:
        setattr(mp, flag, True)
    mp.save()
    with translation.override("ru"):
        screening = screen_submission(post_request(), screened_data(), mp=mp, campaign=campaign)
    assert screening.refusal
    assert any("а" <= ch <= "я" for ch in screening.refusal.lower())


# --- repeats (TRUST 22) ------------------------------------------------------------------------


def test_a_second_confirmed_letter_to_the_same_mp_in_a_day_is_a_repeat_across_translations(
    post_request, mp, campaign
):
    add_letter(
        campaign, mp, email="Alex.Doe+1@gmail.com", status="queued", confirmed_at=timezone.now()
    )
    russian, _created = Locale.objects.get_or_create(language_code="ru")
    translated = LetterCampaignPageFactory(translation_key=campaign.translation_key, locale=russian)
    letter = add_letter(translated, mp, email="alexdoe@GMAIL.com", status="pending_confirmation")
    assert repeats.decline_reason(letter) == repeats.REPEAT
    # and the form itself says nothing about it (issue 12, hole 4)
    screening = screen_submission(
        post_request(), screened_data(email="alexdoe@GMAIL.com"), mp=mp, campaign=translated
    )
    assert not screening.refusal and not screening.rate_limited and not screening.is_bot


def test_a_letter_confirmed_yesterday_unconfirmed_or_spam_is_no_repeat(mp, campaign):
    add_letter(
        campaign,
        mp,
        email="alex@example.org",
        status="sent",
        confirmed_at=timezone.now() - timedelta(hours=25),
    )
    add_letter(campaign, mp, email="alex@example.org", status=Letter.Status.SPAM)
    add_letter(campaign, mp, email="alex@example.org", status="pending_confirmation")
    letter = add_letter(campaign, mp, email="alex@example.org", status="pending_confirmation")
    assert repeats.decline_reason(letter) == ""


# --- near-duplicates (TRUST 25) ----------------------------------------------------------------

PASTED = (
    "The new rules on temporary residents will break up families in our neighbourhood and "
    "push workers into the shadows. I urge you to vote against bill C-99 and to meet the "
    "community groups who have been asking for a hearing since the spring of this year."
)


def personalised(first, last, body=PASTED):
    return f"Dear Hon. Jane Example,\n\n{body}\n\nSincerely,\n{first} {last}\nOttawa"


def test_from_the_sixth_identical_personal_part_letters_are_held(post_request, mp, campaign):
    reasons = []
    for n in range(25):
        first, last = f"Person{n}", f"Family{n}"
        data = screened_data(
            email=f"p{n}@example.org",
            first_name=first,
            last_name=last,
            body=personalised(first, last),
        )
        screening = screen_submission(
            post_request(remote=f"203.0.113.{n + 1}"), data, mp=mp, campaign=campaign
        )
        reasons.append(screening.hold_reason)
        add_letter(
            campaign,
            mp,
            email=data["email"],
            body=data["body"],
            first_name=first,
            last_name=last,
        )
    assert [bool(r) for r in reasons] == [False] * 5 + [True] * 20
    assert "Near-duplicate" in reasons[5]


def test_unedited_campaign_letters_are_not_held(post_request, mp, campaign):
    def template_letter(n):
        return (
            LETTER_TEMPLATE.replace("{mp_honorific}", "Hon.")
            .replace("{mp_name}", "Jane Example")
            .replace("{riding}", "Ottawa Centre")
            .replace("{supporter_name}", f"Person{n} Family{n}")
            .replace("{supporter_city}", "Ottawa")
            .replace("{supporter_postal_code}", "K1A 0A6")
        )

    for n in range(10):
        add_letter(campaign, mp, email=f"t{n}@example.org", body=template_letter(n))
    data = screened_data(
        email="new@example.org",
        first_name="Person99",
        last_name="Family99",
        body=template_letter(99),
    )
    assert not screen_submission(post_request(), data, mp=mp, campaign=campaign).hold_reason


def test_a_long_personal_paragraph_is_never_held(post_request, mp, campaign):
    for n in range(6):
        add_letter(
            campaign,
            mp,
            email=f"p{n}@example.org",
            body=personalised(f"Person{n}", f"Family{n}", PASTED * 6),
        )
    own = (
        "My sister came here as a nurse eleven years ago and still cannot sponsor her son, "
        "who waits alone in Manila while she works night shifts at the Civic hospital caring "
        "for patients from every corner of this city, including people in your own office"
    )
    data = screened_data(
        email="own@example.org", body=personalised("Own", "Writer", PASTED * 6 + " " + own)
    )
    assert not screen_submission(post_request(), data, mp=mp, campaign=campaign).hold_reason
    copy = screened_data(email="copy@example.org", body=personalised("Copy", "Writer", PASTED * 6))
    assert screen_submission(post_request(), copy, mp=mp, campaign=campaign).hold_reason


# --- second postal code (TRUST 28) -------------------------------------------------------------


def test_a_second_postal_code_from_another_province_is_held(post_request, mp, campaign):
    data = screened_data(street_address="12 Rue Principale, H2X 1Y4", postal_code="K1A 0A6")
    screening = screen_submission(post_request(), data, mp=mp, campaign=campaign)
    assert "second postal code" in screening.hold_reason


def test_a_second_postal_code_in_the_same_riding_is_fine(
    post_request, mp, campaign, represent_server
):
    represent_server.add_postcode("K1P5G4", [mp.riding.fed_code])
    data = screened_data(street_address="Apt 3, 100 Elgin St K1P 5G4", postal_code="K1A 0A6")
    assert not screen_submission(post_request(), data, mp=mp, campaign=campaign).hold_reason


def test_a_second_postal_code_in_another_riding_of_the_province_is_held(
    post_request, mp, campaign, represent_server
):
    RidingFactory(fed_code="35082", name_en="Ottawa West—Nepean")
    represent_server.add_postcode("K2B7Y4", ["35082"])
    data = screened_data(city="Ottawa K2B-7Y4", postal_code="K1A 0A6")
    reason = screen_submission(post_request(), data, mp=mp, campaign=campaign).hold_reason
    assert reason == "The address mentions a second postal code in another riding."
    # Held because Represent placed the code in another riding of Ontario: not because the
    # lookup failed, nor because the code belongs to another province.
    assert represent_server.postcode_calls("K2B7Y4") == 1
    [riding] = lookup_postal_code("K2B7Y4").ridings
    assert (riding.fed_code, riding.province) == ("35082", mp.riding.province)


def test_own_postal_code_written_in_the_address_is_fine(post_request, mp, campaign):
    data = screened_data(street_address="1 Main St, Ottawa k1a0a6", postal_code="K1A 0A6")
    assert not screen_submission(post_request(), data, mp=mp, campaign=campaign).hold_reason


def test_one_supporters_letter_to_several_mps_is_never_its_own_duplicate(mp, campaign):
    from letters.duplicates import near_duplicate_reason
    from privacy.identity import sender_hash

    body = personalised("Same", "Writer")
    for _n in range(6):  # their earlier copies (other campaigns' letters count too)
        add_letter(campaign, mp, email="Same@example.org", body=body)
    data = screened_data(email="same@example.org", first_name="Same", last_name="Writer", body=body)
    own = near_duplicate_reason(
        data, mp=mp, campaign=campaign, sender=sender_hash("same@example.org")
    )
    assert own == ""
    stranger = near_duplicate_reason(
        data, mp=mp, campaign=campaign, sender=sender_hash("other@example.org")
    )
    assert stranger  # the same text from someone else would be held
