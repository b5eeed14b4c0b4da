"""Load or refresh the MP directory: ridings and members of Parliament, keyed by FED code.

    manage.py import_mps --csv ../shared/data/mp      # the folder's two CSV files
    manage.py import_mps --represent                  # live from Represent (offices, language)
    manage.py import_mps --house-xml members.xml      # the House of Commons members XML export
    manage.py import_mps --if-empty                   # `make run`: MP_DATA_DIR, else Represent

The reading and the applying live in directory/importers/ (idempotent, never deletes; organizer
overrides survive; a renamed riding keeps its FED code).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from directory.importers import (
    DISTRICTS_FILE,
    MAX_VACATED,
    ImportProblem,
    from_csv,
    from_house_xml,
    from_represent,
    holds_a_roster,
    sync_directory,
)
from directory.lookup.represent import RepresentError
from directory.models import MemberOfParliament, Riding


class Command(BaseCommand):
    help = "Load or refresh ridings and MPs (idempotent; never deletes)."

    def add_arguments(self, parser):
        sources = parser.add_mutually_exclusive_group(required=True)
        sources.add_argument("--csv", metavar="DIR", help="a folder like ../shared/data/mp")
        sources.add_argument("--represent", action="store_true", help="live from the Represent API")
        sources.add_argument("--house-xml", metavar="FILE", help="the House of Commons XML")
        parser.add_argument(
            "--allow-mass-vacate",
            action="store_true",
            help=f"accept a roster that makes more than {MAX_VACATED} sitting MPs inactive",
        )
        sources.add_argument(
            "--if-empty",
            action="store_true",
            help="only when no riding is loaded: from MP_DATA_DIR, else from Represent",
        )

    def handle(self, *args, **options):
        try:
            if options["if_empty"]:
                return self.fill_if_empty()
            max_vacated = None if options["allow_mass_vacate"] else MAX_VACATED
            report = sync_directory(self.read(options), max_vacated=max_vacated)
        except ImportProblem as error:
            raise CommandError(str(error)) from error
        self.print_report(report)

    def read(self, options):
        if options["csv"]:
            return from_csv(options["csv"])
        if options["represent"]:
            try:
                return from_represent()
            except RepresentError as error:
                raise CommandError(f"Represent could not be read: {error}") from error
        if not Riding.objects.exists():
            raise CommandError("Load the ridings first (--csv or --represent).")
        return from_house_xml(options["house_xml"])

    def fill_if_empty(self):
        if Riding.objects.exists():
            self.stdout.write("The MP directory is already loaded.")
            return
        data_dir = settings.MP_DATA_DIR
        if data_dir and holds_a_roster(data_dir):
            self.stdout.write(f"Loading the MP directory from {data_dir}.")
            self.print_report(sync_directory(from_csv(data_dir)))
            return
        if data_dir:
            self.stdout.write(f"MP_DATA_DIR ({data_dir}) holds no {DISTRICTS_FILE}.")
        self.stdout.write(f"Loading the MP directory live from {settings.REPRESENT_API_URL}.")
        try:
            report = sync_directory(from_represent())
        except RepresentError as error:
            self.stdout.write(
                self.style.WARNING(
                    "The MP directory could not be loaded: no MP_DATA_DIR with the CSV files, "
                    f"and Represent cannot be reached ({error}). The site runs, and the letter "
                    "page tells supporters the directory is not loaded yet. Load it later with "
                    "`manage.py import_mps --csv DIR` or `--represent`."
                )
            )
            return
        self.print_report(report)

    def print_report(self, report):
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        vacant = Riding.objects.vacant().count()
        self.stdout.write(
            self.style.SUCCESS(str(report)) if report.changed else f"{report} Nothing changed."
        )
        self.stdout.write(
            f"{Riding.objects.count()} ridings, "
            f"{MemberOfParliament.objects.filter(active=True).count()} sitting MPs, "
            f"{vacant} seats vacant."
        )
