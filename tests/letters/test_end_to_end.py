"""The whole path over HTTP, on PostgreSQL, with a real db_worker process and a real SMTP server:
postal code → MP → letter → "check your email" → the link in the confirmation email → "Send my
letter" (posted twice) → one letter in the MP's mailbox, and the supporter's copy."""

import re
from urllib.parse import urlsplit

import pytest

from directory.models import MemberOfParliament
from letters.models import Letter
from tests.factories import compose_data
from tests.support.letters import FED_CODE, POSTAL_CODE
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
    letter_site,
    letter_limits,
    represent_server,
):
    worker = start_worker(smtp=smtp_sink)
    represent_server.add_postcode(POSTAL_CODE.replace(" ", ""), [FED_CODE])
    mp = MemberOfParliament.objects.get(riding_id=FED_CODE, active=True)
    supporter = f"ada-{language}@example.org"

    # Postal code → the letter form for the right MP.
    start = client.get(f"/{language}/write-to-your-mp/")
    assert start.status_code == 200
    found = client.get(f"/{language}/write-to-your-mp/find/", {"postal_code": POSTAL_CODE})
    assert found.status_code == 302
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
    confirm_path = urlsplit(link).path
    assert confirm_path.startswith(f"/{language}/letters/confirm/")

    page = client.get(confirm_path)
    assert page.status_code == 200 and SEND_BUTTON[language] in page.content.decode()
    assert client.post(confirm_path).status_code == 303
    assert client.post(confirm_path).status_code == 303  # posted twice: still one send

    wait_until(lambda: Letter.objects.get().status == Letter.Status.SENT, message="sent")
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
