"""The whole path over HTTP, on PostgreSQL, with a real db_worker process and a real SMTP server:
postal code → MP → letter → "check your email" → the link in the confirmation email → "Send my
letter" (posted twice) → one letter in the MP's mailbox, the supporter's copy, and the thank-you
page counting it."""

import html
import re
from urllib.parse import urlsplit

import pytest

from directory.models import MemberOfParliament
from letters.models import Letter
from tests.factories import compose_data
from tests.support.letters import POSTAL_CODE, find
from tests.support.letters import link as follow_link
from tests.support.worker import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CONFIRM_SUBJECT = {"en": "Please confirm your letter", "ru": "Подтвердите письмо"}
COPY_SUBJECT = {"en": "has been sent", "ru": "отправлено"}
SEND_BUTTON = {"en": "Send my letter", "ru": "Отправить моё письмо"}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_letter_goes_from_the_form_to_the_mps_mailbox_once(
    language,
    client,
    smtp_sink,
    start_worker,
    letter_limits,
    postal_code_mp,
):
    worker = start_worker(smtp=smtp_sink)
    mp = postal_code_mp
    supporter = f"ada-{language}@example.org"

    # Postal code → the letter form for the right MP.
    start = client.get(f"/{language}/write-to-your-mp/")
    assert start.status_code == 200
    found = find(client, language, POSTAL_CODE)
    assert found.status_code == 303
    write_url = found["Location"]
    form = client.get(write_url)
    assert form.status_code == 200 and mp.name in form.content.decode()

    # Write, with markup and a would-be header in the fields.
    posted = client.post(
        write_url,
        compose_data(email=supporter, body=compose_data()["body"] + "\n<b>not bold</b>"),
    )
    assert posted.status_code == 303
    assert client.get(posted["Location"]).status_code == 200  # "check your email"
    letter = Letter.objects.get()
    assert letter.status == Letter.Status.PENDING_CONFIRMATION and letter.language == language

    # The confirmation email, in the supporter's language, holds the link.
    [confirmation] = smtp_sink.wait_for(1, address=supporter)
    assert CONFIRM_SUBJECT[language] in confirmation["Subject"]
    assert not smtp_sink.to(mp.delivery_email), "nothing reaches the MP before confirming"
    link = re.search(r"https?://\S+/letters/confirm/\S+/", confirmation.get_content()).group()
    assert urlsplit(link).path.startswith(f"/{language}/letters/confirm/")
    confirm_path = follow_link(client, urlsplit(link).path)
    assert confirm_path == f"/{language}/letters/confirm/"

    page = client.get(confirm_path)
    assert page.status_code == 200 and SEND_BUTTON[language] in page.content.decode()
    thanks = client.post(confirm_path)
    assert thanks.status_code == 303
    assert client.post(confirm_path).status_code == 303  # posted twice: still one send
    counted_before = letters_counted_on(client.get(thanks["Location"]))

    wait_until(lambda: Letter.objects.get().status == Letter.Status.SENT, message="sent")
    # The thank-you page, reloaded, counts the supporter's own letter at once (no stale cache).
    assert counted_before in (0, 1)
    assert letters_counted_on(client.get(thanks["Location"])) == 1
    [copy] = smtp_sink.wait_for(2, address=supporter)[1:]
    assert COPY_SUBJECT[language] in copy["Subject"]

    letter.refresh_from_db()
    to_mp = smtp_sink.to(mp.delivery_email)
    assert len(to_mp) == 1, worker.output()
    [sent] = to_mp
    assert sent.envelope_to == [mp.delivery_email]
    [sender] = sent["From"].addresses
    assert sender.display_name == "Ada Lovelace via Let Us Belong"
    assert sender.addr_spec == "letters@letusbelong.ca"
    assert [a.addr_spec for a in sent["Reply-To"].addresses] == [supporter]
    assert [a.addr_spec for a in sent["To"].addresses] == [mp.delivery_email]
    assert sent["Message-ID"] == letter.message_id
    assert sent["Cc"] is None and sent["Bcc"] is None
    assert sent.get_content_type() == "text/plain"
    assert "<b>not bold</b>" in sent.get_content()  # plain text: markup stays literal
    assert letter.body in copy.get_content().replace("\r\n", "\n")


def letters_counted_on(response):
    """The figure of the letters-sent counter on a page."""
    assert response.status_code == 200
    text = response.content.decode()
    return int(re.search(r'class="letter-counter__text"[^>]*>[^<\d]*(\d+)', text).group(1))


FRENCH_POSTAL_CODE = "J4K 1A1"
FRENCH_RIDING = "24042"  # Longueuil—Saint-Hubert: French and "M" in the replayed Represent record
ENGLISH_WORDS = ("Dear", "Sincerely", "This letter was written", "constituent", ", MP", "Please")


def test_a_russian_reader_sends_a_wholly_french_letter_to_a_french_speaking_mp(
    client, smtp_sink, start_worker, letter_site, letter_limits, represent_server
):
    worker = start_worker(smtp=smtp_sink)
    represent_server.add_postcode(FRENCH_POSTAL_CODE.replace(" ", ""), [FRENCH_RIDING])
    mp = MemberOfParliament.objects.get(riding_id=FRENCH_RIDING, active=True)
    assert mp.preferred_language == ""  # the CSV knows no language: the lookup brings it
    supporter = "vera@example.org"

    found = find(client, "ru", FRENCH_POSTAL_CODE)
    assert found.status_code == 303
    form = html.unescape(client.get(found["Location"]).content.decode())
    mp.refresh_from_db()
    assert (mp.preferred_language, mp.form_of_address) == ("fr", "monsieur")
    assert "Депутат Natilien Joseph предпочитает французский." in form
    subject = re.search(r'<input[^>]*name="subject"[^>]*value="([^"]*)"', form).group(1)
    body = re.search(r'<textarea[^>]*name="body"[^>]*>\n?(.*?)</textarea>', form, re.S).group(1)
    own = "J’habite Longueuil depuis six ans ; ma sœur attend une réponse depuis trois ans."
    body = re.sub(r"\[Présentez-vous[^\]]*\]", own, body)
    posted = client.post(
        found["Location"],
        compose_data(
            subject=subject,
            body=body,
            letter_language="fr",
            email=supporter,
            city="Longueuil",
            street_address="100 rue Saint-Charles Ouest",
            postal_code=FRENCH_POSTAL_CODE,
        ),
    )
    assert posted.status_code == 303

    [confirmation] = smtp_sink.wait_for(1, address=supporter)
    assert "Подтвердите письмо" in confirmation["Subject"]
    link = re.search(r"https?://\S+/letters/confirm/\S+/", confirmation.get_content()).group()
    assert client.post(follow_link(client, urlsplit(link).path)).status_code == 303
    wait_until(lambda: Letter.objects.get().status == Letter.Status.SENT, message="sent")

    [sent] = smtp_sink.to(mp.delivery_email)
    text = sent.get_content().replace("\r\n", "\n")
    assert sent["Content-Language"] == "fr-CA", worker.output()
    assert sent["Subject"] == (
        "Pour un contrôle de sécurité équitable et transparent, et pour des amendements au "
        "projet de loi C-2"
    )
    assert text.startswith("Monsieur le Député,\n\nJ’habite votre circonscription, ")
    assert own in text
    assert "Veuillez agréer, Monsieur le Député, l’expression de mes sentiments distingués." in text
    assert "Ada Lovelace\nLongueuil, J4K 1A1" in text
    assert "Cette lettre a été rédigée par une personne qui habite votre circonscription" in text
    for word in ENGLISH_WORDS:
        assert word not in text and word not in sent["Subject"], word
    assert not re.search(r"[А-Яа-яЁё]", text + sent["Subject"]), "no Russian reaches the MP"
    [copy] = smtp_sink.wait_for(2, address=supporter)[1:]
    assert "отправлено" in copy["Subject"] and copy["Content-Language"] == "ru"
