"""Demo champions: two approved champions who led demo good practice, one nomination waiting
for a programme admin, and a mentoring relationship under way with one meeting logged.
Made through the champions app's own services, as the pages would make them."""

import datetime as dt

from django.utils import timezone

from hub.accounts.models import User
from hub.cases.models import Resource
from hub.champions.mentoring import accept, log_meeting, request_mentoring
from hub.champions.models import ChampionProfile, Frequency
from hub.champions.search import SEARCH_KIND
from hub.champions.services import champion_decide, champion_nominate
from hub.search.services import search_rebuild

CHAMPIONS = [
    {
        "email": "champion@example.org",
        "role_summary": "Chief executive who led telecare analytics across a county council",
        "experience": "Led a county-wide programme that uses telecare alarm data to predict "
        "falls, with social care and NHS partners. Happy to talk about data sharing "
        "agreements, business cases and bringing members with you.",
        "cases": ["telecare-analytics"],
        "capacity": 3,
        "approve": True,
    },
    {
        "email": "officer@example.org",
        "role_summary": "Head of digital who led device lending through libraries",
        "experience": "Set up device lending with data and volunteer digital champions in "
        "libraries, so residents can use online services.",
        "cases": ["digital-inclusion-device-lending"],
        "capacity": 2,
        "approve": True,
    },
    {
        "email": "editor@example.org",
        "role_summary": "Manager who led a shared good practice library",
        "experience": "Ran the good practice library for a metropolitan council.",
        "cases": [],
        "capacity": 1,
        "approve": False,
    },
]


def seed_champions(summary) -> None:
    admin = User.objects.get(email="admin@example.org")
    created = False
    for spec in CHAMPIONS:
        user = User.objects.get(email=spec["email"])
        if ChampionProfile.objects.filter(person=user.person).exists():
            summary.add("champions", False)
            continue
        cases = list(Resource.objects.filter(slug__in=spec["cases"]))
        profile = champion_nominate(
            person=user.person,
            by=admin,
            data={
                "role_summary": spec["role_summary"],
                "experience": spec["experience"],
                "mentee_capacity": spec["capacity"],
                "meeting_frequency": Frequency.MONTHLY,
                "nomination_reason": "Led good practice other councils have reused.",
                "service_areas": [area for case in cases for area in case.service_areas.all()],
                "themes": [theme for case in cases for theme in case.themes.all()],
                "cases_led": cases,
                "technologies": [tech for case in cases for tech in case.technologies.all()],
                "suppliers": [],
            },
        )
        ChampionProfile.objects.filter(pk=profile.pk).update(is_demo=True)
        if spec["approve"]:
            champion_decide(profile=profile, by=admin, approve=True)
        summary.add("champions", True)
        created = True
        if spec["email"] == "champion@example.org":
            _mentoring_under_way(profile)
    if created:
        # Findable at once, as the good practice records are, without waiting for a worker.
        search_rebuild(kinds=[SEARCH_KIND])


def _mentoring_under_way(profile: ChampionProfile) -> None:
    mentee = User.objects.get(email="councillor@example.org")
    mentoring = request_mentoring(
        champion=profile,
        mentee=mentee,
        problem="Our council wants to use care data to spot residents at risk of falls, "
        "and members are worried about privacy.",
        length_months=6,
        meeting_frequency=Frequency.MONTHLY,
    )
    champion_user = profile.person.user
    accept(
        mentoring=mentoring,
        by=champion_user,
        length_months=6,
        meeting_frequency=Frequency.MONTHLY,
    )
    log_meeting(
        mentoring=mentoring,
        by=mentee,
        held_on=timezone.localdate() - dt.timedelta(days=7),
        minutes=45,
        notes="Talked through the data sharing agreement and how to brief the cabinet.",
    )
