"""Demo peer challenges.

- Cambridge City Council's challenge is being written up: the demo champion (champion@) is
  its lead peer and officer@ an officer peer; the demo councillor (councillor@) is the
  council's lead. Peers have recorded evidence and findings, with signposts to demo good
  practice, some kept and one dropped. Confidential: only they and programme staff see it.
- Bristol's challenge of last year is published, with its action plan part done; its progress
  review is due about now, so it shows on the programme team's deadlines page.
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from hub.accounts.models import User
from hub.cases.models import Resource
from hub.organisations.models import Organisation, Person, RoleType, Seniority
from hub.peer_challenge.models import (
    Action,
    ActionStatus,
    Challenge,
    ChallengeStatus,
    CouncilLead,
    EnquiryFramework,
    Evidence,
    Finding,
    FrameworkStatus,
    Judgement,
    LineOfEnquiry,
    PeerRole,
    PeerTeamMember,
    Signpost,
    SignpostKind,
    SignpostStatus,
)

# (element code, judgement, title, detail, recommendations, [(case slug, status)])
CAMBRIDGE_FINDINGS = [
    (
        "local-priorities-and-outcomes",
        Judgement.AREA_FOR_DEVELOPMENT,
        "Residents chase missed bins by phone",
        "Missed bin reports arrive by phone and email and are typed again into the crews' "
        "system, so residents cannot see what happened and call back.",
        "- Let residents report missed bins online, linked to the crews' in-cab devices.",
        [
            ("missed-bins-self-service", SignpostStatus.KEPT),
            ("council-tax-direct-debit", SignpostStatus.DROPPED),
        ],
    ),
    (
        "governance-and-culture",
        Judgement.STRENGTH,
        "Members scrutinise cyber risk every quarter",
        "The audit committee receives a quarterly cyber risk report and rehearsed an attack "
        "with officers this year.",
        "",
        [("cyber-incident-playbook", SignpostStatus.KEPT)],
    ),
    (
        "capacity-for-improvement",
        Judgement.AREA_FOR_DEVELOPMENT,
        "Digital skills depend on two people",
        "The council relies on two officers for its digital projects and has no plan to grow "
        "the skills it needs.",
        "- Set out the digital skills the council needs and how it will build them.",
        [("leadership-digital-skills-guidance", SignpostStatus.PROPOSED)],
    ),
]


def _person(name: str, organisation: Organisation, job_title: str) -> Person:
    person, _ = Person.objects.get_or_create(
        full_name=name,
        organisation=organisation,
        defaults={
            "job_title": job_title,
            "role_type": RoleType.OFFICER,
            "seniority": Seniority.DIRECTOR,
            "is_demo": True,
        },
    )
    return person


def _line(framework: EnquiryFramework, element_code: str) -> LineOfEnquiry:
    return LineOfEnquiry.objects.filter(
        element__framework=framework, element__code=element_code
    ).first()


def _seed_cambridge(framework: EnquiryFramework, staff: User) -> None:
    cambridge = Organisation.objects.get(register_code="CAB")
    today = timezone.localdate()
    challenge = Challenge.objects.create(
        organisation=cambridge,
        framework=framework,
        title="Corporate peer challenge of Cambridge City Council 2026",
        slug="cambridge-city-council-2026",
        status=ChallengeStatus.REPORTING,
        on_site_starts_on=today - dt.timedelta(days=62),
        on_site_ends_on=today - dt.timedelta(days=59),
        scoping_meeting_on=today - dt.timedelta(days=110),
        scoping_notes="The council asked the peers to look at how digital supports its "
        "customer services and its housing repairs.",
        position_statement="We have moved most transactions online and want to know what "
        "to do next, and what others have done.",
        created_by=staff,
        is_demo=True,
    )
    champion = User.objects.get(email="champion@example.org").person
    officer = User.objects.get(email="officer@example.org").person
    PeerTeamMember.objects.create(challenge=challenge, person=champion, role=PeerRole.LEAD_PEER)
    PeerTeamMember.objects.create(challenge=challenge, person=officer, role=PeerRole.OFFICER_PEER)
    CouncilLead.objects.create(
        challenge=challenge, person=User.objects.get(email="councillor@example.org").person
    )
    for order, (element, judgement, title, detail, recommendations, signposts) in enumerate(
        CAMBRIDGE_FINDINGS
    ):
        line = _line(framework, element)
        Evidence.objects.create(
            challenge=challenge,
            line=line,
            summary=detail,
            source="Interviews with heads of service",
            recorded_by=champion.user,
        )
        finding = Finding.objects.create(
            challenge=challenge,
            line=line,
            judgement=judgement,
            title=title,
            detail=detail,
            recommendations=recommendations,
            recorded_by=champion.user,
            order=order,
        )
        for position, (slug, status) in enumerate(signposts):
            case = Resource.objects.filter(slug=slug).first()
            if case is None:
                continue
            Signpost.objects.create(
                finding=finding,
                kind=SignpostKind.CASE,
                target_id=case.pk,
                title=case.title,
                url=reverse("cases:detail", args=[case.slug]),
                reason="Matches the finding's words",
                status=status,
                position=position,
            )


def _seed_bristol(framework: EnquiryFramework, staff: User) -> None:
    bristol = Organisation.objects.get(register_code="BST")
    today = timezone.localdate()
    ended = today - dt.timedelta(days=300)
    challenge = Challenge.objects.create(
        organisation=bristol,
        framework=framework,
        title="Corporate peer challenge of Bristol City Council 2025",
        slug="bristol-city-council-2025",
        status=ChallengeStatus.PUBLISHED,
        on_site_starts_on=ended - dt.timedelta(days=3),
        on_site_ends_on=ended,
        report_summary="A council with strong digital leadership that should now share its "
        "platforms with its partners.",
        report_published_at=timezone.now() - dt.timedelta(days=230),
        action_plan_published_at=timezone.now() - dt.timedelta(days=170),
        created_by=staff,
        is_demo=True,
    )
    manchester = Organisation.objects.get(register_code="MAN")
    PeerTeamMember.objects.create(
        challenge=challenge,
        person=_person("Rowan Example", manchester, "Chief executive"),
        role=PeerRole.LEAD_PEER,
    )
    CouncilLead.objects.create(
        challenge=challenge, person=_person("Quinn Example", bristol, "Director of resources")
    )
    finding = Finding.objects.create(
        challenge=challenge,
        line=_line(framework, "organisational-and-place-leadership"),
        judgement=Judgement.AREA_FOR_DEVELOPMENT,
        title="Partners build the same platforms twice",
        detail="The council and the NHS each run a platform for booking appointments.",
        recommendations="- Agree with partners which platforms to share.",
        order=0,
    )
    for order, (description, status) in enumerate(
        [
            ("Agree a shared booking platform with the NHS", ActionStatus.DONE),
            ("Publish the council's data sharing agreements", ActionStatus.IN_PROGRESS),
            ("Report progress to the partnership board", ActionStatus.NOT_STARTED),
        ]
    ):
        Action.objects.create(
            challenge=challenge,
            finding=finding,
            description=description,
            owner="Director of resources",
            due_on=today + dt.timedelta(days=30 * (order - 1)),
            status=status,
            done_on=today - dt.timedelta(days=20) if status == ActionStatus.DONE else None,
            order=order,
        )


def seed_peer_challenges(summary) -> None:
    framework = EnquiryFramework.objects.filter(status=FrameworkStatus.PUBLISHED).first()
    if framework is None or Challenge.objects.filter(is_demo=True).exists():
        summary.add("peer challenges", False)
        return
    staff = User.objects.get(email="facilitator@example.org")
    _seed_cambridge(framework, staff)
    _seed_bristol(framework, staff)
    summary.add("peer challenges", True)
