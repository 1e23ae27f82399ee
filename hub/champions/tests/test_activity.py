"""The network's activity for programme staff: counts per champion, totals, gaps by region and
expertise, the CSV export, who may see it, and that meeting notes never appear."""

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.champions import activity
from hub.champions.tests.factories import (
    ChampionProfileFactory,
    MeetingFactory,
    MentoringFactory,
)
from hub.events.models import EventKind
from hub.events.tests.factories import EventFactory
from hub.organisations.models import Region
from hub.taxonomy.models import Theme
from hub.taxonomy.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

NOTES = "Private: the leader of the council is against the new portal."
PROBLEM = "Private problem: our finance system contract ends next year."
FEEDBACK = "Private feedback: sessions always overran."


@pytest.fixture
def busy_champion():
    """A champion with one mentee now, one request waiting, one closed mentoring with two
    meetings, two sessions hosted (plus a draft and a cancelled one) and one case led."""
    champion = ChampionProfileFactory(
        person__full_name="Ada Busy",
        person__organisation__region=Region.LONDON,
        mentee_capacity=3,
        cases_led=[ResourceFactory()],
    )
    MentoringFactory(champion=champion, accepted=True, problem=PROBLEM)
    MentoringFactory(champion=champion)
    closed = MentoringFactory(champion=champion, closed=True, mentee_feedback=FEEDBACK)
    MeetingFactory(mentoring=closed, notes=NOTES)
    MeetingFactory(mentoring=closed, notes=NOTES)
    MentoringFactory(champion=champion, declined=True)
    host = champion.person.user
    EventFactory(open_session=True, host=host)
    EventFactory(open_session=True, host=host, past=True)
    EventFactory(open_session=True, host=host, draft=True)
    EventFactory(open_session=True, host=host, cancelled=True)
    EventFactory(kind=EventKind.ROUND_TABLE)
    return champion


def test_each_champion_s_counts(busy_champion):
    quiet = ChampionProfileFactory(person__full_name="Bea Quiet")
    rows = {row.pk: row for row in activity.champion_activity()}
    busy = rows[busy_champion.pk]
    assert (busy.mentees_now, busy.mentee_capacity, busy.requests_waiting, busy.closed) == (
        1,
        3,
        1,
        1,
    )
    assert (busy.meetings_held, busy.sessions_hosted, busy.cases_led_count) == (2, 2, 1)
    empty = rows[quiet.pk]
    assert (empty.mentees_now, empty.closed, empty.meetings_held) == (0, 0, 0)
    assert (empty.sessions_hosted, empty.cases_led_count) == (0, 0)


def test_totals_add_up(busy_champion):
    ChampionProfileFactory(mentee_capacity=2, cases_led=[ResourceFactory(), ResourceFactory()])
    totals = activity.totals(list(activity.champion_activity()))
    assert totals["mentee_capacity"] == 5
    assert totals["cases_led_count"] == 3
    assert totals["meetings_held"] == 2


def test_only_approved_and_paused_champions_are_listed():
    approved = ChampionProfileFactory()
    paused = ChampionProfileFactory(paused=True)
    ChampionProfileFactory(nominated=True)
    ChampionProfileFactory(declined=True)
    assert {row.pk for row in activity.champion_activity()} == {approved.pk, paused.pk}


def test_the_activity_list_takes_one_query(django_assert_num_queries, busy_champion):
    ChampionProfileFactory()
    with django_assert_num_queries(1):
        rows = list(activity.champion_activity())
        assert [row.person.organisation.region for row in rows]


def test_every_english_region_is_listed_with_its_approved_champions():
    ChampionProfileFactory(person__organisation__region=Region.LONDON)
    ChampionProfileFactory(person__organisation__region=Region.LONDON)
    ChampionProfileFactory(person__organisation__region=Region.NORTH_EAST, nominated=True)
    ChampionProfileFactory(person__organisation__region=Region.WALES)
    counts = {row.label: row.approved for row in activity.gaps_by_region()}
    assert len(counts) == 9
    assert "Wales" not in counts
    assert counts["London"] == 2
    assert counts["North East"] == 0
    assert counts["South West"] == 0


def test_themes_without_an_approved_champion_are_gaps():
    covered, uncovered = Theme.objects.all()[:2]
    ChampionProfileFactory(themes=[covered])
    ChampionProfileFactory(themes=[uncovered], nominated=True)
    counts = {row.label: row.approved for row in activity.gaps_by_theme()}
    assert counts[covered.name] == 1
    assert counts[uncovered.name] == 0
    assert len(counts) == Theme.objects.count()


def test_service_areas_with_published_cases_but_no_champion():
    covered = ServiceAreaFactory(label="Bins")
    gap = ServiceAreaFactory(label="Housing repairs")
    quiet_gap = ServiceAreaFactory(label="Parking")
    ServiceAreaFactory(label="No cases at all")
    for area in (covered, gap, gap, quiet_gap):
        ResourceFactory().service_areas.add(area)
    ResourceFactory(status=Status.DRAFT).service_areas.add(quiet_gap)
    ChampionProfileFactory(service_areas=[covered])
    rows = [
        (area.label, area.published_cases) for area in activity.service_areas_without_champions()
    ]
    assert rows == [("Housing repairs", 2), ("Parking", 1)]


# The page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN])
def test_programme_staff_see_the_activity_without_notes(client_as, busy_champion, role):
    response = client_as(role).get(reverse("champions:activity"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ada Busy" in content
    assert "1 / 3" in content
    assert "Gaps by region" in content
    assert "Gaps by theme" in content
    for private in (NOTES, PROBLEM, FEEDBACK):
        assert private not in content


def test_regions_without_a_champion_are_highlighted(client_as, busy_champion):
    content = client_as(Role.PROGRAMME_ADMIN).get(reverse("champions:activity")).content.decode()
    assert "8 English regions have no approved champion" in content
    assert content.count('govuk-tag govuk-tag--red">None') >= 8


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAMPION])
def test_members_and_champions_are_refused(client_as, role):
    for name in ("champions:activity", "champions:activity_csv"):
        assert client_as(role).get(reverse(name)).status_code == 403


def test_the_public_is_sent_to_sign_in(client):
    for name in ("champions:activity", "champions:activity_csv"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/sign-in" in response["Location"]


def test_the_csv_export_has_the_counts_and_no_notes(client_as, busy_champion):
    response = client_as(Role.FACILITATOR).get(reverse("champions:activity_csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="champions-activity.csv"'
    text = b"".join(response.streaming_content).decode()
    lines = text.strip().splitlines()
    assert lines[0].startswith("Champion,Organisation,Region,Status")
    row = next(line for line in lines if line.startswith("Ada Busy"))
    assert row.endswith("London,Approved,Yes,1,3,1,1,2,2,1")
    for private in (NOTES, PROBLEM, FEEDBACK):
        assert private not in text
