"""The letter in English or French (plain HTTP, as a browser with JavaScript off drives it):
the MP's language preselected, the Quebec rule when it is not known, the one switch between
the two, what happens to the supporter's words when they switch, the French greeting, and the
French letter that is stored, emailed and printed."""

import html
import re

import pytest

from directory.models import MemberOfParliament
from letters import mail, pipeline
from letters.models import Letter
from tests.factories import compose_data
from tests.support.letters import FED_CODE, POSTAL_CODE, link, write_url

pytestmark = pytest.mark.usefixtures("letter_limits")

QUEBEC = "24048"  # Mount Royal, Anthony Housefather
SLOT_EN = "[Tell Jennifer McKelvie in a few sentences"
STORY = "I teach chemistry in Ajax, and my colleague has waited four years for an answer."


def page(client, url, data=None):
    response = client.post(url, data) if data is not None else client.get(url)
    return response, html.unescape(response.content.decode())


def field(content, name):
    """The value a form field shows: a textarea's text or an input's value."""
    area = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\n?(.*?)</textarea>', content, re.S)
    if area:
        return area.group(1)
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', content)
    value = re.search(r'value="([^"]*)"', tag.group(0)) if tag else None
    return value.group(1) if value else None


def mp(fed_code=FED_CODE, **values):
    MemberOfParliament.objects.filter(riding_id=fed_code, active=True).update(**values)
    return MemberOfParliament.objects.get(riding_id=fed_code, active=True)


def template_post(content, **overrides):
    """What a browser posts for the form as shown, with the supporter's details typed in."""
    data = compose_data(
        subject=field(content, "subject"),
        body=field(content, "body"),
        letter_language=field(content, "letter_language"),
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("fed_code", "values", "language", "hint"),
    [
        (FED_CODE, {"preferred_language": "fr"}, "fr", "Jennifer McKelvie prefers French."),
        (FED_CODE, {"preferred_language": "en"}, "en", "Jennifer McKelvie prefers English."),
        (FED_CODE, {}, "en", "We do not know which official language Jennifer McKelvie"),
        (QUEBEC, {}, "fr", "For ridings in Quebec we suggest French."),
        (QUEBEC, {"preferred_language": "both"}, "fr", "so either is fine"),
        (QUEBEC, {"preferred_language": "fr", "preferred_language_override": "en"}, "en", ""),
    ],
)
def test_the_letter_starts_in_the_mps_language(
    client, letter_site, fed_code, values, language, hint
):
    mp(fed_code, **values)
    response, content = page(client, write_url("en", fed_code))
    assert response.status_code == 200
    assert field(content, "letter_language") == language
    assert re.search(rf'<textarea[^>]*name="body"[^>]*lang="{language}"', content)
    assert hint in content
    other = "English" if language == "fr" else "French"
    assert f'name="switch_letter_language" value="{"en" if language == "fr" else "fr"}"' in content
    assert f"Show the letter in {other}" in content


def test_the_control_speaks_russian_on_russian_pages(client, letter_site):
    mp(preferred_language="fr")
    content = page(client, write_url("ru"))[1]
    assert "Язык письма:" in content and "французский" in content
    assert "Депутат Jennifer McKelvie предпочитает французский." in content
    assert "Показать письмо на английском" in content
    assert "Здравствуйте, Jennifer McKelvie!" in content  # the Russian reference beside it


@pytest.mark.parametrize(
    ("form", "opening", "closing"),
    [
        ("madame", "Madame la Députée,", "Veuillez agréer, Madame la Députée, l’expression"),
        ("monsieur", "Monsieur le Député,", "Veuillez agréer, Monsieur le Député, l’expression"),
        ("", "Bonjour Jennifer McKelvie,", "Veuillez agréer l’expression de mes sentiments"),
    ],
)
def test_the_french_letter_greets_the_mp_by_their_form_of_address(
    client, letter_site, form, opening, closing
):
    mp(preferred_language="fr", form_of_address=form)
    body = field(page(client, write_url("en"))[1], "body")
    assert body.startswith(opening + "\n\nJ’habite votre circonscription, Ajax, et je vous écris")
    assert closing in body
    assert "{salutation}" not in body and "{closing}" not in body


def test_an_organizer_may_force_the_neutral_greeting(client, letter_site):
    mp(preferred_language="fr", form_of_address="madame", form_of_address_override="neutral")
    assert field(page(client, write_url("en"))[1], "body").startswith("Bonjour Jennifer McKelvie,")


def test_switching_an_untouched_letter_keeps_every_detail(client, letter_site):
    shown = page(client, write_url("en", postal_code=POSTAL_CODE))[1]
    assert field(shown, "letter_language") == "en"
    posted = template_post(shown, switch_letter_language="fr", consent_updates="on")
    response, content = page(client, write_url("en", postal_code=POSTAL_CODE), posted)
    assert response.status_code == 200
    assert not Letter.objects.exists()
    assert field(content, "letter_language") == "fr"
    assert field(content, "body").startswith("Bonjour Jennifer McKelvie,")
    assert field(content, "subject").startswith("Pour un contrôle de sécurité équitable")
    for name in ("first_name", "last_name", "email", "street_address", "city"):
        assert field(content, name) == posted[name]
    assert field(content, "postal_code") == POSTAL_CODE
    assert re.search(r'<input[^>]*name="consent_send"[^>]*checked', content)
    assert re.search(r'<input[^>]*name="consent_updates"[^>]*checked', content)
    assert "error-summary" not in content  # a switch is not a failed submission
    assert "Show the letter in English" in content

    # …and back: the English campaign text again.
    back = template_post(content, switch_letter_language="en")
    content = page(client, write_url("en"), back)[1]
    assert field(content, "body").startswith("Dear Jennifer McKelvie,")


def test_the_supporters_own_paragraph_moves_to_the_other_language(client, letter_site):
    shown = page(client, write_url("en"))[1]
    body = re.sub(r"\[Tell Jennifer McKelvie[^\]]*\]", STORY, field(shown, "body"))
    posted = template_post(shown, body=body.replace("\n", "\r\n"), switch_letter_language="fr")
    content = page(client, write_url("en"), posted)[1]
    french = field(content, "body")
    assert STORY in french and "[Présentez-vous" not in french
    assert french.index("J’habite votre circonscription") < french.index(STORY)
    assert french.index(STORY) < french.index("Des centaines de personnes")
    assert "Your own paragraph is now in the letter in the other language" in content
    assert field(content, "earlier_letter") is None  # nothing else to keep

    # The French letter can be sent as it is: the slot is filled, nothing is left over.
    sent = template_post(content, **{"first_name": "Ada"})
    assert client.post(write_url("en"), sent).status_code == 303
    letter = Letter.objects.get()
    assert letter.letter_language == "fr" and STORY in letter.body
    assert letter.subject.startswith("Pour un contrôle de sécurité équitable")


def test_other_edits_are_kept_aside_to_copy_from(client, letter_site):
    shown = page(client, write_url("en"))[1]
    body = field(shown, "body").replace("I am writing to you as a constituent", "I write as a mum")
    posted = template_post(shown, body=body, subject="My own subject", switch_letter_language="fr")
    content = page(client, write_url("en"), posted)[1]
    assert field(content, "body").startswith("Bonjour Jennifer McKelvie,")
    assert "I write as a mum" in field(content, "earlier_letter")
    assert field(content, "subject") == "My own subject"  # their words are kept
    assert "your earlier version is below it, to copy from" in content
    # The earlier version is never sent: only the letter in the form is.
    sent = template_post(content, body=field(content, "body").replace(SLOT_EN, ""))
    sent["body"] = re.sub(r"\[Présentez-vous[^\]]*\]", STORY, sent["body"])
    sent["earlier_letter"] = field(content, "earlier_letter")
    assert client.post(write_url("en"), sent).status_code == 303
    assert "I write as a mum" not in Letter.objects.get().body


def test_a_forged_letter_language_falls_back_to_the_mps(client, letter_site):
    shown = page(client, write_url("en"))[1]
    for forged in ("de", "", "fr\r\nBcc: x"):
        response, content = page(
            client,
            write_url("en"),
            template_post(shown, letter_language=forged, switch_language="en"),
        )
        assert response.status_code == 200 and field(content, "letter_language") == "en"
    bad_switch = template_post(shown, switch_letter_language="xx")
    response, content = page(client, write_url("en"), bad_switch)
    assert response.status_code == 200 and field(content, "letter_language") == "en"


def test_switching_the_page_language_keeps_everything_typed(client, letter_site):
    url = write_url("en", postal_code=POSTAL_CODE)
    shown = page(client, url)[1]
    russian_url = url.replace("/en/", "/ru/", 1)
    # The header's other language is a button of the form, aimed at the same step in Russian.
    assert re.search(
        rf'<button type="submit" form="letter-form" formaction="{russian_url}"'
        r' formmethod="post"[^>]*name="switch_language" value="ru"',
        shown,
    )
    # Enter in a field still means "Continue": the form's first submit button in the document.
    first = re.search(r'<button type="submit" form="letter-form"[^>]*>([^<]*)<', shown)
    assert first.group(1) == "Continue: confirm by email" and "switch_language" not in first.group(
        0
    )

    body = re.sub(r"\[Tell Jennifer McKelvie[^\]]*\]", STORY, field(shown, "body"))
    posted = template_post(shown, body=body, switch_language="ru")
    response, russian = page(client, russian_url, posted)
    assert response.status_code == 200 and "<h1>Напишите своему депутату</h1>" in russian
    assert field(russian, "body").replace("\r\n", "\n") == body
    assert field(russian, "first_name") == "Ada" and field(russian, "city") == "Ajax"
    assert not Letter.objects.exists()
    english = page(client, url, template_post(russian, switch_language="en"))[1]
    assert field(english, "body").replace("\r\n", "\n") == body
    assert field(english, "postal_code") == POSTAL_CODE and field(english, "city") == "Ajax"


def test_the_mp_receives_a_wholly_french_email(client, letter_site, mailoutbox):
    mp(preferred_language="fr", form_of_address="madame")
    shown = page(client, write_url("ru"))[1]
    body = re.sub(r"\[Présentez-vous[^\]]*\]", "Je suis enseignante à Ajax.", field(shown, "body"))
    assert client.post(write_url("ru"), template_post(shown, body=body)).status_code == 303
    letter = Letter.objects.get()
    assert (letter.language, letter.letter_language) == ("ru", "fr")
    message = mail.letter_to_mp(letter).message()
    text = message.get_payload(decode=True).decode()
    assert message["Content-Language"] == "fr-CA"
    assert message["Subject"].startswith("Pour un contrôle de sécurité équitable")
    assert text.startswith("Madame la Députée,\n\nJ’habite votre circonscription, Ajax")
    assert "Veuillez agréer, Madame la Députée, l’expression de mes sentiments distingués." in text
    assert "Ada Lovelace\nAjax, L1S 2J5" in text
    assert "Cette lettre a été rédigée" in text
    for english in ("Dear", "Sincerely", "This letter was written", "constituent", ", MP"):
        assert english not in text


def test_the_printed_french_letter_follows_french_conventions(client, letter_site):
    mp(preferred_language="fr", form_of_address="madame", honorific="")
    shown = page(client, write_url("en"))[1]
    body = re.sub(r"\[Présentez-vous[^\]]*\]", "Je suis enseignante.", field(shown, "body"))
    client.post(write_url("en"), template_post(shown, body=body))
    letter = Letter.objects.get()
    Letter.objects.filter(pk=letter.pk).update(created_at=letter.created_at.replace(day=1))
    token = pipeline.confirmation_token(letter)
    printed = link(client, f"/en/letters/print/{token}/")
    content = html.unescape(client.get(printed).content.decode())
    assert "Madame Jennifer McKelvie, députée<br>Chambre des communes" in content
    assert "Ajax, le 1er " in content
    assert "Objet\u00a0: Pour un contrôle" in content
    mp(honorific="Hon.")
    content = html.unescape(client.get(printed).content.decode())
    assert "L’honorable Jennifer McKelvie, députée<br>" in content
    confirm = link(client, f"/en/letters/confirm/{token}/")
    assert "Language of the letter" in client.get(confirm).content.decode()
