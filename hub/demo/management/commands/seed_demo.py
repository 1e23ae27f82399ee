from django.core.management.base import BaseCommand, CommandError

from hub.demo.services import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DemoSeedRefused,
    demo_seed,
)


class Command(BaseCommand):
    help = "Load the demo content (never in production). Running it again changes nothing."

    def handle(self, *args, **options):
        try:
            summary = demo_seed()
        except DemoSeedRefused as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(str(summary)))
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}):")
        for email, name, roles, *_ in DEMO_ACCOUNTS:
            label = ", ".join(role.label for role in roles) or "Member"
            self.stdout.write(f"  {email:28} {name} – {label}")
        self.stdout.write(
            "Staff accounts' authenticator key, if HUB_STAFF_TWO_FACTOR is on: "
            f"{DEMO_TOTP_SECRET} (a time-based code, as any authenticator app makes)"
        )
