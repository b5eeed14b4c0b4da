"""In a real browser, with and without JavaScript: switching the page's language on the write
step keeps everything typed (EN → RU → EN), switching the letter between English and French
carries the supporter's own paragraph, and an organizer's choice of French in the directory
admin reaches the supporter's form."""

import re

import pytest
from django.contrib.auth import get_user_model

from directory.models import MemberOfParliament
from tests.support.letters import write_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FED_CODE = "35001"  # Ajax, Ontario: Jennifer McKelvie; the CSV gives no language → English
STORY = "I teach chemistry in Ajax; my colleague has waited four years for any answer at all."
DETAILS = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "email": "ada@example.org",
    "street_address": "12 Harwood Avenue South",
    "city": "Ajax",
}


def fill_in(page):
    body = page.locator("textarea[name=body]")
    body.fill(re.sub(r"\[[^\]]*\]", STORY, body.input_value()))
    page.fill("input[name=subject]", "Fair screening, please")
    for name, value in DETAILS.items():
        page.fill(f"input[name={name}]", value)
    page.locator("input[name=consent_send]").check()
    return body.input_value()


def assert_kept(page, body):
    assert page.locator("textarea[name=body]").input_value() == body
    assert page.locator("input[name=subject]").input_value() == "Fair screening, please"
    for name, value in DETAILS.items():
        assert page.locator(f"input[name={name}]").input_value() == value
    assert page.locator("input[name=postal_code]").input_value() == "L1S 2J5"
    assert page.locator("input[name=consent_send]").is_checked()
    assert not page.locator("input[name=consent_updates]").is_checked()
    assert page.locator(".error-summary").count() == 0


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_english_russian_english_on_the_write_step_loses_nothing(visit, javascript):
    site = visit(javascript=javascript)
    page = site.page
    english = write_url("en", FED_CODE, "L1S 2J5")  # …/step/<id>/write/: no postal code in it
    site.goto(english)
    body = fill_in(page)

    page.locator(".language-switcher").get_by_role("button", name="Русский").click()
    page.wait_for_url(f"**{english.replace('/en/', '/ru/', 1)}")
    assert page.locator("h1").inner_text() == "Напишите своему депутату"
    assert_kept(page, body)
    site.check(f"switch-{'js' if javascript else 'nojs'}-write-ru")

    page.locator(".language-switcher").get_by_role("button", name="English").click()
    page.wait_for_url(f"**{english}")
    assert page.locator("h1").inner_text() == "Write to your MP"
    assert_kept(page, body)

    # Enter in a field is still "Continue", not a switch of language: the form is submitted
    # (and comes back asking for nothing but… nothing: it goes on to check-email).
    page.locator("input[name=city]").press("Enter")
    page.wait_for_url("**/check-email/")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_letter_switches_to_french_with_the_supporters_paragraph(visit, javascript):
    site = visit(javascript=javascript)
    page = site.page
    site.goto(write_url("ru", FED_CODE, "L1S 2J5"))
    assert "английский" in page.locator(".letter-language").inner_text()
    fill_in(page)
    page.get_by_role("button", name="Показать письмо на французском").click()
    page.wait_for_selector("textarea[name=body][lang=fr]")
    french = page.locator("textarea[name=body]").input_value()
    assert french.startswith("Bonjour Jennifer McKelvie,") and STORY in french
    assert "французский" in page.locator(".letter-language").inner_text()
    assert page.locator("input[name=first_name]").input_value() == "Ada"
    assert page.locator("[role=status]").filter(has_text="Ваш абзац перенесён").count() == 1
    site.check(f"letter-french-{'js' if javascript else 'nojs'}")


def test_an_organizers_choice_of_french_reaches_the_supporter(visit, settings):
    settings.ADMIN_REQUIRE_2FA = False
    get_user_model().objects.create_superuser("organizer", "o@example.org", "a-long-password-1")
    member = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)

    site = visit()
    page = site.page
    site.goto("/admin/login/")
    page.fill("input[name=username]", "organizer")
    page.fill("input[name=password]", "a-long-password-1")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/")
    site.goto(f"/admin/members_of_parliament/edit/{member.pk}/")
    page.select_option("select[name=preferred_language_override]", "fr")
    page.select_option("select[name=form_of_address_override]", "madame")
    page.locator("form [type=submit]").filter(has_text=re.compile("Save")).first.click()
    page.wait_for_url("**/admin/members_of_parliament/**")
    member.refresh_from_db()
    assert (member.preferred_language_override, member.form_of_address_override) == (
        "fr",
        "madame",
    )

    supporter = visit(javascript=False)
    supporter.goto(write_url("en", FED_CODE, "L1S 2J5"))
    body = supporter.page.locator("textarea[name=body]").input_value()
    assert body.startswith("Madame la Députée,\n\nJ’habite votre circonscription, Ajax")
    assert "Jennifer McKelvie prefers French." in supporter.page.content()
