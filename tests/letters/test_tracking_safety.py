"""Delivery reports and people: an erased supporter stays erased, concurrent replays make one row,
organizers are alerted on their dashboard, and the totals show what bounced."""

import threading

import pytest
from django.core import mail
from django.db import connection

from directory.models import MemberOfParliament
from letters import tracking
from letters.models import Letter, LetterEvent, TrackingPayload
from privacy import erasure
from tests.factories import MemberOfParliamentFactory
from tests.privacy.test_privacy import tables_containing
from tests.support.esp import POSTMARK_BOUNCE, POSTMARK_DELIVERY, postmark_event

S = Letter.Status
SUPPORTER = {
    "email": "zz-erased@example.org",
    "first_name": "Zoltan",
    "last_name": "Erasedsson",
    "street_address": "77 Forgotten Lane",
}


@pytest.mark.django_db
def test_a_report_about_an_erased_supporters_letter_brings_back_no_personal_data(
    postmark_site, esp_letter, admin_user
):
    letter = esp_letter(**SUPPORTER)
    erasure.erase_supporter(SUPPORTER["email"], admin_user)
    mail.outbox.clear()
    for value in SUPPORTER.values():
        assert tables_containing(value) == [], value

    # The MP's server bounces the letter; the supporter's copy bounces too.
    assert postmark_site.post(postmark_event(POSTMARK_BOUNCE, letter)).status_code == 200
    copy_bounce = postmark_event(
        POSTMARK_BOUNCE, letter, recipient=SUPPORTER["email"], mail_kind="copy", ID=5
    )
    assert postmark_site.post(copy_bounce).status_code == 200

    assert Letter.objects.get(pk=letter.pk).status == S.BOUNCED
    assert LetterEvent.objects.filter(letter=letter).exclude(tracking="").count() == 2
    assert not TrackingPayload.objects.exists()  # the raw reports name the address
    assert tracking.send_bounce_notice.call(letter.pk) == "suppressed"
    assert mail.outbox == []
    for value in SUPPORTER.values():
        assert tables_containing(value) == [], value


@pytest.mark.django_db(transaction=True)
def test_two_copies_of_one_report_at_the_same_moment_make_one_row(postmark_site, esp_letter):
    letter = esp_letter()
    bounce = postmark_event(POSTMARK_BOUNCE, letter)
    start = threading.Barrier(2)
    statuses = []

    def deliver():
        try:
            start.wait()
            statuses.append(postmark_site.post(bounce).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200, 200]
    assert LetterEvent.objects.filter(letter=letter, tracking="hard_bounce").count() == 1
    assert MemberOfParliament.objects.get(pk=letter.mp_id).hard_bounces == 1


@pytest.mark.django_db
def test_three_hard_bounces_mark_the_contact_failing_and_alert_organizers(
    postmark_site, esp_letter, editor_client, settings
):
    settings.MP_HARD_BOUNCES_BEFORE_FAILING = 3
    mp = MemberOfParliamentFactory(name="Alex Bounced")
    letters = [esp_letter(mp=mp, email=f"writer{n}@example.org") for n in range(3)]
    organizer = editor_client  # an organizer: the Editors group, signed in with 2FA

    for count, letter in enumerate(letters[:2], start=1):
        postmark_site.post(postmark_event(POSTMARK_BOUNCE, letter, ID=count))
        assert MemberOfParliament.objects.get(pk=mp.pk).hard_bounces == count
    page = organizer.get("/admin/").content.decode()
    assert "Alex Bounced" not in page

    postmark_site.post(postmark_event(POSTMARK_BOUNCE, letters[2], ID=3))
    mp.refresh_from_db()
    assert mp.contact_failing and mp.hard_bounces == 0 and not mp.can_receive_letters
    page = organizer.get("/admin/").content.decode()
    assert "Letter delivery needs attention" in page
    assert "Alex Bounced" in page and "contact failing" in page


@pytest.mark.django_db
def test_a_delivery_between_bounces_starts_the_count_again(postmark_site, esp_letter):
    mp = MemberOfParliamentFactory()
    first, second, third = (esp_letter(mp=mp, email=f"w{n}@example.org") for n in range(3))
    postmark_site.post(postmark_event(POSTMARK_BOUNCE, first, ID=1))
    postmark_site.post(postmark_event(POSTMARK_DELIVERY, second))
    postmark_site.post(postmark_event(POSTMARK_BOUNCE, third, ID=3))
    mp.refresh_from_db()
    assert mp.hard_bounces == 1 and not mp.contact_failing


@pytest.mark.django_db
def test_a_complaint_alerts_organizers_in_russian_too(
    postmark_site, esp_letter, editor, editor_client
):
    from wagtail.users.models import UserProfile

    from tests.support.esp import POSTMARK_SPAM_COMPLAINT

    letter = esp_letter(mp=MemberOfParliamentFactory(name="Sam Complained"))
    postmark_site.post(postmark_event(POSTMARK_SPAM_COMPLAINT, letter))
    organizer = editor_client
    page = organizer.get("/admin/").content.decode()
    assert "Sam Complained" in page and "reported one of our letters as spam" in page

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ru"
    profile.save()
    page = organizer.get("/admin/").content.decode()
    assert "Sam Complained" in page and "Письма приостановлены" in page


@pytest.mark.django_db
def test_bounced_letters_leave_the_sent_totals_and_show_per_riding(
    postmark_site, esp_letter, admin_client
):
    kept, bounced = esp_letter(), esp_letter(email="other@example.org")
    postmark_site.post(postmark_event(POSTMARK_BOUNCE, bounced))
    page = admin_client.get("/admin/campaign-totals/").content.decode()
    row = page[page.index(f'data-riding="{kept.riding.fed_code}"') :].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
    # FED code, province, sent, in progress, bounced, failed, total
    assert cells[2:] == ["1", "0", "1", "0", "2"]
    inspect = admin_client.get(f"/admin/letters/inspect/{bounced.pk}/").content.decode()
    assert "hard bounce" in inspect and "the letter to the MP" in inspect
