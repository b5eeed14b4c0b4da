"""`make run` on another address: every absolute link follows HOST and PORT; the worker's lines
come once and Wagtail's bookkeeping does not bury the login; the whole confirmation link is one
command away."""

import email.message
import io
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Site

from core.logging import QuietHousekeepingTasks
from letters.management.commands.confirmation_link import SEPARATOR

pytestmark = pytest.mark.django_db
ADDRESS = "http://127.0.0.1:8102"


def test_every_absolute_link_follows_the_served_port(client, site_content):
    call_command("point_site_at", ADDRESS, stdout=io.StringIO())
    home = client.get("/en/").content.decode()
    assert f'<link rel="canonical" href="{ADDRESS}/en/">' in home
    assert f'property="og:url" content="{ADDRESS}/en/"' in home
    assert f"<loc>{ADDRESS}/en/faq/</loc>" in client.get("/sitemap.xml").content.decode()
    assert f"{ADDRESS}/en/news/" in client.get("/en/news/feed/").content.decode()
    assert ":8000" not in home


def test_a_site_on_a_real_domain_stays(site_content):
    Site.objects.filter(is_default_site=True).update(hostname="letusbelong.ca", port=443)
    call_command("point_site_at", ADDRESS, stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).hostname == "letusbelong.ca"


def test_make_run_hands_its_address_to_every_command():
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=8102"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"point_site_at {ADDRESS}" in dry_run
    assert f"ensure_organizer --base-url {ADDRESS}" in dry_run
    assert "runserver 127.0.0.1:8102" in dry_run
    environment = {**os.environ, "WAGTAILADMIN_BASE_URL": ADDRESS}
    environment.pop("LETTERS_SITE_URL", None)
    environment["DJANGO_SETTINGS_MODULE"] = "letusbelong.settings.dev"
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            " print(settings.LETTERS_SITE_URL, settings.ALLOWED_HOSTS)",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed.startswith(ADDRESS)  # the links in supporters' emails


def test_worker_lines_come_once_and_bookkeeping_is_quiet():
    assert logging.getLogger("django").handlers == []  # only the root's handler prints
    quiet = QuietHousekeepingTasks()

    def record(path, level=logging.INFO):
        return logging.LogRecord(
            "django.tasks",
            level,
            __file__,
            1,
            "Task id=%s path=%s state=%s",
            ("1", path, "RUNNING"),
            None,
        )

    assert not quiet.filter(record("wagtail.tasks.update_reference_index_task"))
    assert not quiet.filter(record("modelsearch.tasks.insert_or_update_object_task"))
    assert quiet.filter(record("wagtail.tasks.update_reference_index_task", logging.ERROR))
    assert quiet.filter(record("letters.pipeline.send_letter"))


def write_mail(directory, *messages):
    path = directory / "20310101-000000-1.log"
    path.write_bytes(b"".join(message.as_bytes() + SEPARATOR for message in messages))
    return directory


def mail(text, charset):
    message = email.message.EmailMessage()
    message["Subject"] = "Confirm"
    message.set_content(
        text, charset=charset, cte="base64" if charset == "utf-8" else "quoted-printable"
    )
    return message


def test_the_confirmation_link_is_printed_whole(tmp_path):
    link = f"{ADDRESS}/ru/letters/confirm/" + "a1B2c3D4e5" * 8 + "/"
    english = mail(
        f"Hello,\n\nConfirm here: {ADDRESS}/en/letters/confirm/{'x' * 90}/\n", "us-ascii"
    )
    russian = mail(f"Здравствуйте!\n\nПодтвердите письмо: {link}\n", "utf-8")
    mail_dir = write_mail(tmp_path, english, russian)
    output = io.StringIO()
    call_command("confirmation_link", mail_dir=str(mail_dir), stdout=output)
    assert output.getvalue().strip() == link

    write_mail(tmp_path, russian, english)
    output = io.StringIO()
    call_command("confirmation_link", mail_dir=str(mail_dir), stdout=output)
    assert output.getvalue().strip() == f"{ADDRESS}/en/letters/confirm/{'x' * 90}/"
