"""Send a campaign update to every supporter who opted in, with one-click unsubscribe."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from privacy.campaign_mail import send_campaign_update


class Command(BaseCommand):
    help = "Email a campaign update (plain text) to every active opt-in."

    def add_arguments(self, parser):
        parser.add_argument("--subject", required=True, help="English subject")
        parser.add_argument("--body-file", required=True, help="English body, a text file")
        parser.add_argument("--subject-ru", help="Russian subject")
        parser.add_argument("--body-file-ru", help="Russian body, a text file")

    def handle(self, *args, **options):
        messages = {"en": (options["subject"], read(options["body_file"]))}
        if options["subject_ru"] and options["body_file_ru"]:
            messages["ru"] = (options["subject_ru"], read(options["body_file_ru"]))
        self.stdout.write(f"sent={send_campaign_update(messages)}")


def read(path):
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error}") from error
