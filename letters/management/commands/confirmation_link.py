"""Print the confirmation link of the newest email `make run` wrote to var/mail/, whole.

Development only: the file backend writes raw MIME, where long lines are folded (quoted-printable)
and Russian mail is base64, so a grep finds half a link or none. This parses the newest message
the way a mail client does and prints every confirmation link in it, on one line each."""

import email
import email.policy
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
CONFIRM_LINK = re.compile(r"https?://\S+/letters/confirm/\S+")


def newest_message(mail_dir):
    files = sorted(Path(mail_dir).glob("*"), key=lambda path: path.stat().st_mtime)
    if not files:
        raise CommandError(f"No email in {mail_dir} yet: submit a letter first.")
    messages = [part for part in files[-1].read_bytes().split(SEPARATOR) if part.strip()]
    return email.message_from_bytes(messages[-1], policy=email.policy.default)


def confirmation_links(message):
    body = message.get_body(("plain",))
    text = body.get_content() if body is not None else ""
    return CONFIRM_LINK.findall(text)


class Command(BaseCommand):
    help = "Print the whole confirmation link from the newest email in var/mail/ (make run)."

    def add_arguments(self, parser):
        parser.add_argument("--mail-dir", default=str(settings.BASE_DIR / "var" / "mail"))

    def handle(self, *args, mail_dir, **options):
        message = newest_message(mail_dir)
        links = confirmation_links(message)
        if not links:
            raise CommandError(f"The newest email ({message['Subject']}) has no confirmation link.")
        for link in links:
            self.stdout.write(link)
