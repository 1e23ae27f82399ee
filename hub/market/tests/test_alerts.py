"""Market alerts: each matching contract emailed once a watch, with good-practice cases for
expiring contracts; a dry run sends and records nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from hub.cases.tests.factories import ResourceFactory
from hub.market.alerts import cpv_description, market_alerts_send, replacement_cases
from hub.market.models import AlertSent, WatchKind
from hub.market.tests.factories import ContractFactory, WatchFactory
from hub.search.services import search_rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the alerts as the command does, sending the emails queued on commit."""

    def run(*args):
        with django_capture_on_commit_callbacks(execute=True):
            return market_alerts_send(*args)

    return run


@pytest.fixture
def command(django_capture_on_commit_callbacks):
    def run(*args):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_market_alerts", *args, stdout=out)
        return out.getvalue()

    return run


def ending_in(days, **fields):
    return ContractFactory(contract_end=timezone.localdate() + timedelta(days=days), **fields)


def fillers(count=12):
    topics = ["Parking", "Libraries", "Planning", "Licensing", "Allotments", "Cemeteries"]
    for n in range(count):
        topic = topics[n % len(topics)]
        ResourceFactory(title=f"{topic} improvements {n}", summary=f"{topic} redesign {n}.")


def test_expiring_watch_alerts_each_contract_once(mailoutbox, send):
    watch = WatchFactory(months_ahead=12)
    soon = ending_in(40, buyer=watch.organisation, title="Revenues system")
    ending_in(500, buyer=watch.organisation, title="Far off system")
    ending_in(40, title="Another council's system")

    assert send() == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [watch.user.email]
    assert "Revenues system" in message.body
    assert f"/market/contracts/{soon.pk}/" in message.body
    assert "Far off system" not in message.body
    assert "Another council" not in message.body
    assert AlertSent.objects.filter(watch=watch, contract=soon).exists()

    assert send() == 0
    assert len(mailoutbox) == 1

    later = ending_in(100, buyer=watch.organisation, title="Payroll system")
    assert send() == 1
    assert len(mailoutbox) == 2
    assert "Payroll system" in mailoutbox[1].body
    assert "Revenues system" not in mailoutbox[1].body
    assert mailoutbox[1].subject == f"1 contract of {watch.organisation} ending soon"
    assert later.get_absolute_url() in mailoutbox[1].body


def test_category_watch_alerts_only_contracts_published_since_it_was_made(mailoutbox, send):
    watch = WatchFactory(kind=WatchKind.CATEGORY, cpv_prefix="72")
    ContractFactory(
        cpv_codes=["72000000"], title="Old build", published_at=watch.created_at - timedelta(days=1)
    )
    new = ContractFactory(
        cpv_codes=["48000000", "72212000"], title="New build", published_at=timezone.now()
    )
    ContractFactory(cpv_codes=["30200000"], title="New laptops", published_at=timezone.now())

    assert send() == 1
    assert "New build" in mailoutbox[0].body
    assert "Old build" not in mailoutbox[0].body
    assert "laptops" not in mailoutbox[0].body
    assert list(AlertSent.objects.values_list("contract", flat=True)) == [new.pk]


def test_expiry_alert_links_to_cases_that_replaced_that_kind_of_system(mailoutbox, settings, send):
    settings.HUB_BASE_URL = "https://hub.example.org"
    watch = WatchFactory()
    ending_in(60, buyer=watch.organisation, title="Housing repairs system", cpv_codes=["48000000"])
    cases = [
        ResourceFactory(
            title=f"Replacing our housing repairs system {n}",
            summary="We moved housing repairs to a new system.",
        )
        for n in range(4)
    ]
    ResourceFactory(title="Replacing our housing repairs system draft", status="draft")
    fillers()
    search_rebuild(embed=False)

    send()
    body = mailoutbox[0].body
    linked = [case for case in cases if f"https://hub.example.org{case.get_absolute_url()}" in body]
    assert len(linked) == 3
    assert "draft" not in body


def test_replacement_cases_use_title_and_cpv_description():
    assert cpv_description("48000000") == "Software package and information systems"
    assert cpv_description("72212000-4") == "Software programming and consultancy services"
    assert cpv_description("") == ""
    contract = ContractFactory(title="Zzz", cpv_codes=["48000000"])
    case = ResourceFactory(
        title="Information systems for housing", summary="A software package replaced."
    )
    fillers()
    search_rebuild(embed=False)
    assert [link.title for link in replacement_cases(contract)] == [case.title]


def test_dry_run_counts_and_sends_nothing(mailoutbox, command):
    watch = WatchFactory()
    ending_in(30, buyer=watch.organisation)
    assert "Would alert 1 contract" in command("--dry-run")
    assert mailoutbox == []
    assert not AlertSent.objects.exists()

    assert "Alerted 1 contract" in command()
    assert "Alerted 0 contracts" in command()
    assert len(mailoutbox) == 1


def test_enqueue_runs_the_task(mailoutbox, django_capture_on_commit_callbacks):
    watch = WatchFactory()
    ending_in(30, buyer=watch.organisation)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_market_alerts", "--enqueue", stdout=out)
    assert "Enqueued market alerts" in out.getvalue()
    assert AlertSent.objects.count() == 1


def test_the_window_ends_the_same_day_months_later():
    from datetime import date

    from hub.core.dates import add_months

    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 18) == date(2028, 5, 15)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
