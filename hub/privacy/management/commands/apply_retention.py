from django.core.management.base import BaseCommand

from hub.privacy.retention import cutoff, retention_apply, retention_months, retention_preview


class Command(BaseCommand):
    help = (
        "Remove names from places at events that ended more than HUB_ATTENDANCE_RETENTION_MONTHS "
        "ago, keeping organisation and attendance for the programme's counts. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; change nothing."
        )

    def handle(self, *args, **options):
        before = cutoff()
        self.stdout.write(
            f"Keeping names for {retention_months()} months: events that ended before "
            f"{before:%d %B %Y}."
        )
        if options["dry_run"]:
            result = retention_preview()
            self.stdout.write(
                f"Dry run: would remove names from {result.places} places "
                f"at {result.events} events."
            )
            return
        result = retention_apply()
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed names from {result.places} places at {result.events} events "
                f"({result.log_entries} history entries)."
            )
        )
