from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.champions.models import ChampionProfile, Mentoring, MentoringStatus, ProfileStatus
from hub.demo.services import DEMO_ACCOUNTS, DEMO_COUNCILS_CSV, DEMO_PASSWORD, demo_seed
from hub.events.models import Access, Attendance, Event, PlaceStatus, RecordStatus
from hub.organisations.importers.register import read_register, register_import
from hub.organisations.models import Organisation, Person, Place

pytestmark = pytest.mark.django_db


def test_the_seed_makes_a_working_hub_marked_as_demo():
    demo_seed()
    assert Organisation.objects.filter(register_code="MAN", is_demo=True).exists()
    assert Place.objects.get(slug="greater-manchester").partners.count() == 9
    admin = User.objects.get(email="admin@example.org")
    assert admin.has_role(Role.PROGRAMME_ADMIN)
    assert admin.check_password(DEMO_PASSWORD)
    # Only the demo accounts can sign in; the self-assessment's other respondents cannot.
    assert User.objects.filter(is_active=True).count() == len(DEMO_ACCOUNTS)
    assert not any(user.has_usable_password() for user in User.objects.filter(is_active=False))
    assert all(email.endswith("@example.org") for email, *_ in DEMO_ACCOUNTS)
    assert Person.objects.filter(is_demo=False).count() == 0


def test_the_seed_has_round_tables_answered_every_way_and_one_that_happened():
    demo_seed()
    coming = Event.objects.get(slug="north-west-round-table-health-and-care")
    assert coming.is_private
    assert not coming.has_happened
    statuses = set(coming.invitations.values_list("status", flat=True))
    assert statuses == {PlaceStatus.ACCEPTED, PlaceStatus.WAITING, PlaceStatus.DECLINED}
    assert coming.invitations.filter(status=PlaceStatus.ACCEPTED).count() == coming.capacity
    happened = Event.objects.get(slug="north-west-round-table-devolution")
    assert happened.has_happened
    assert happened.record.status == RecordStatus.PUBLISHED
    assert happened.invitations.filter(attendance=Attendance.PRESENT).count() == 2
    assert Event.objects.filter(access=Access.OPEN, is_demo=True).exists()


def test_the_seed_has_champions_a_nomination_and_a_mentoring_under_way():
    demo_seed()
    statuses = dict(ChampionProfile.objects.values_list("person__user__email", "status"))
    assert statuses == {
        "champion@example.org": ProfileStatus.APPROVED,
        "officer@example.org": ProfileStatus.APPROVED,
        "editor@example.org": ProfileStatus.NOMINATED,
    }
    charlie = ChampionProfile.objects.get(person__user__email="champion@example.org")
    assert list(charlie.cases_led.values_list("slug", flat=True)) == ["telecare-analytics"]
    mentoring = Mentoring.objects.get()
    assert mentoring.status == MentoringStatus.ACCEPTED
    assert mentoring.meetings.count() == 1


def test_running_the_seed_twice_changes_nothing():
    demo_seed()
    counts = (
        Organisation.objects.count(),
        Place.objects.count(),
        User.objects.count(),
        Person.objects.count(),
        Event.objects.count(),
        ChampionProfile.objects.count(),
        Mentoring.objects.count(),
    )
    summary = demo_seed()
    assert "nothing" in str(summary)
    assert counts == (
        Organisation.objects.count(),
        Place.objects.count(),
        User.objects.count(),
        Person.objects.count(),
        Event.objects.count(),
        ChampionProfile.objects.count(),
        Mentoring.objects.count(),
    )


def test_the_real_register_after_the_seed_clears_the_demo_mark():
    demo_seed()
    register_import(rows=read_register(DEMO_COUNCILS_CSV))
    assert not Organisation.objects.filter(register_code__isnull=False, is_demo=True).exists()


def test_the_seed_never_overwrites_an_imported_register():
    register_import(rows=read_register(DEMO_COUNCILS_CSV))
    demo_seed()
    assert not Organisation.objects.filter(register_code__isnull=False, is_demo=True).exists()


def test_the_seed_refuses_production(settings):
    settings.HUB_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="never runs with production settings"):
        call_command("seed_demo")
    assert Organisation.objects.count() == 0


def test_the_demo_cases_cover_every_facet_and_can_be_found():
    from hub.cases.filters import CaseQuery
    from hub.cases.selectors import case_search

    demo_seed()
    found = case_search(CaseQuery())
    assert found.total == 13
    for facet in found.facets:
        expected = 1 if facet.name == "verified_savings" else 2
        assert len(facet.options) >= expected, facet.name
    stages = {
        option.value for facet in found.facets if facet.name == "stage" for option in facet.options
    }
    assert stages == {"discovery", "alpha", "beta", "live", "retired", "stopped"}
    levels = {
        option.value
        for facet in found.facets
        if facet.name == "evidence"
        for option in facet.options
    }
    assert levels == {"1", "2", "3", "4", "5"}
    assert case_search(CaseQuery(q="missed bins")).ordered_ids()


def test_the_seed_has_academies_with_a_cohort_part_way_through():
    from hub.academies.models import (
        AcademyKind,
        Attendance,
        Cohort,
        CohortStatus,
        Enrolment,
        EnrolmentStatus,
        Module,
    )

    demo_seed()
    gm = Cohort.objects.get(slug="greater-manchester-digital-academy-2026")
    sessions = list(gm.sessions.order_by("number"))
    assert 6 <= len(sessions) <= 8
    span_days = (sessions[-1].starts_at - sessions[0].starts_at).days
    assert 183 <= span_days <= 274
    kinds = set(gm.enrolments.values_list("partner_kind", flat=True))
    assert {"council", "police", "fire_and_rescue", "health"} <= kinds
    held = gm.sessions.filter(starts_at__lte=timezone.now()).count()
    assert Attendance.objects.filter(session__cohort=gm).count() == held * gm.enrolments.count()
    member = Cohort.objects.get(academy=AcademyKind.MEMBER)
    councillor = member.enrolments.get()
    assert councillor.user.email == "councillor@example.org"
    assert councillor.plan.is_submitted
    waiting = Cohort.objects.get(status=CohortStatus.RECRUITING).enrolments.get()
    assert waiting.status == EnrolmentStatus.AWAITING_SPONSOR
    assert Module.objects.filter(academy=AcademyKind.MEMBER).exists()
    assert all(module.cases.exists() for module in Module.objects.all())
    assert Enrolment.objects.filter(person__is_demo=False).count() == 0
    # A second run changes nothing.
    demo_seed()
    assert Cohort.objects.count() == 3


def test_the_seed_has_self_assessments_enough_for_benchmarks_and_a_place():
    from hub.assessment.models import Assessment, AssessmentStatus, BoardEntry, PlaceAssessment
    from hub.organisations.models import OrganisationKind

    demo_seed()
    plymouth = Assessment.objects.filter(organisation__register_code="PLY")
    assert plymouth.filter(status=AssessmentStatus.CLOSED).count() == 1
    current = plymouth.get(status=AssessmentStatus.OPEN)
    assert current.members.filter(submitted_at__isnull=False).count() == 3
    assert current.members.get(is_lead=True).user.email == "officer@example.org"
    others = Assessment.objects.filter(status=AssessmentStatus.CLOSED).exclude(
        organisation__register_code="PLY"
    )
    unitaries = others.filter(organisation__kind=OrganisationKind.UNITARY)
    south_west = others.filter(organisation__region="South West")
    assert unitaries.values("organisation").distinct().count() >= 5
    assert south_west.values("organisation").distinct().count() >= 5
    joint = PlaceAssessment.objects.get(place__slug="greater-manchester")
    assert joint.assessments.count() == 4
    assert BoardEntry.objects.filter(place__slug="greater-manchester").count() == 2


def test_the_seed_has_a_confidential_challenge_and_a_published_one():
    from hub.peer_challenge.models import Challenge, SignpostStatus

    demo_seed()
    cambridge = Challenge.objects.get(slug="cambridge-city-council-2026")
    assert not cambridge.is_published
    assert cambridge.peers.get(role="lead_peer").person.user.email == "champion@example.org"
    assert cambridge.council_leads.get().person.user.email == "councillor@example.org"
    assert not cambridge.peers.filter(person__organisation=cambridge.organisation).exists()
    statuses = set(
        cambridge.findings.values_list("signposts__status", flat=True).exclude(
            signposts__status=None
        )
    )
    assert {SignpostStatus.KEPT, SignpostStatus.DROPPED} <= statuses
    bristol = Challenge.objects.get(slug="bristol-city-council-2025")
    assert bristol.is_published
    assert bristol.actions.filter(status="done").count() == 1


def test_the_seed_has_market_contracts_with_every_flag_to_show():
    from hub.market.models import Contract

    demo_seed()
    contracts = Contract.objects.filter(ocid__startswith="demo-")
    assert contracts.count() == 8
    assert contracts.filter(number_of_tenderers=1).exists()
    soon = timezone.localdate() + timedelta(days=548)
    assert contracts.filter(contract_end__lte=soon, contract_end__gte=timezone.localdate()).exists()
    assert all(contract.awards.get().suppliers.exists() for contract in contracts)


def test_the_seed_gives_demo_staff_an_authenticator_with_the_demo_secret():
    from base64 import b32encode

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from hub.demo.services import DEMO_TOTP_SECRET

    demo_seed()
    demo_seed()  # again: still one each
    devices = TOTPDevice.objects.filter(confirmed=True)
    assert sorted(devices.values_list("user__email", flat=True)) == [
        "admin@example.org",
        "editor@example.org",
        "facilitator@example.org",
    ]
    assert {b32encode(device.bin_key).decode() for device in devices} == {DEMO_TOTP_SECRET}
