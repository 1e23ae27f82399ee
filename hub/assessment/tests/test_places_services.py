"""Place-space reads and writes (hub.assessment.places)."""

import pytest

from hub.academies.models import CohortStatus
from hub.academies.tests.factories import CohortFactory
from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.assessment import places as services
from hub.assessment.models import (
    Assessment,
    Framework,
    FrameworkStatus,
    PlaceAssessment,
    PlaceLead,
    TeamMember,
    TeamRole,
)
from hub.assessment.tests.factories import (
    AssessmentFactory,
    FrameworkFactory,
    TeamMemberFactory,
    answer_all,
)
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.organisations.models import PartnerKind, RoleType
from hub.organisations.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    PlacePartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_frameworks():
    """No framework but the test's own (the data migration's version 1 may be there)."""
    Framework.objects.all().delete()


@pytest.fixture
def place():
    place = PlaceFactory(name="Testborough")
    PlacePartnerFactory(place=place, organisation=OrganisationFactory(name="Testborough Council"))
    PlacePartnerFactory(
        place=place,
        organisation=OrganisationFactory(name="Testshire Police"),
        partner_kind=PartnerKind.POLICE,
    )
    PlacePartnerFactory(
        place=place,
        organisation=OrganisationFactory(name="Testshire Fire"),
        partner_kind=PartnerKind.FIRE_AND_RESCUE,
    )
    return place


def partner(place, name):
    return place.partners.get(name=name)


class TestPlacesFor:
    def test_people_see_their_organisations_places_only(self, place):
        person = PersonFactory(organisation=partner(place, "Testshire Police"))
        PlaceFactory(name="Elsewhere")
        assert list(services.places_for(person.user)) == [place]
        assert services.places_for(person.user)[0].partner_count == 3

    def test_programme_staff_see_every_place(self, place):
        other = PlaceFactory(name="Zedford")
        staff = UserFactory(roles=[Role.FACILITATOR])
        assert list(services.places_for(staff)) == [place, other]

    def test_someone_without_an_organisation_sees_none(self, place):
        assert not services.places_for(UserFactory()).exists()


def test_partners_grouped_by_sector_with_their_leads(place):
    police = partner(place, "Testshire Police")
    lead = PersonFactory(organisation=police, full_name="Pat Lead")
    PlaceLead.objects.create(place=place, organisation=police, person=lead)
    sectors = services.partners_by_sector(place)
    assert [s.kind for s in sectors] == [
        PartnerKind.COUNCIL,
        PartnerKind.POLICE,
        PartnerKind.FIRE_AND_RESCUE,
    ]
    (police_partner,) = sectors[1].partners
    assert police_partner.organisation == police
    assert [entry.person for entry in police_partner.leads] == [lead]
    assert sectors[0].partners[0].leads == []


class TestJointProjects:
    def test_published_for_all_in_progress_only_to_who_may_see_them(self, place):
        published = ResourceFactory(place=place, title="Shared front door")
        draft = ResourceFactory(place=place, status=Status.DRAFT, published_at=None)
        ResourceFactory(place=place, status=Status.ARCHIVED)
        ResourceFactory(title="Another place's project")
        member = PersonFactory(organisation=partner(place, "Testborough Council")).user

        for_member = services.joint_projects(place, member)
        assert for_member.published == [published]
        assert for_member.in_progress == []
        assert for_member.hidden_count == 1

        for_contributor = services.joint_projects(place, draft.contributor)
        assert for_contributor.in_progress == [draft]
        assert for_contributor.hidden_count == 0

        editor = services.joint_projects(place, UserFactory(roles=[Role.EDITOR]))
        assert editor.in_progress == [draft]


def test_cohorts_of_the_place_are_the_listed_ones(place):
    running = CohortFactory(place=place, status=CohortStatus.RUNNING)
    CohortFactory(place=place, status=CohortStatus.DRAFT)
    CohortFactory(place=place, status=CohortStatus.CANCELLED)
    CohortFactory(status=CohortStatus.RUNNING)
    assert list(services.place_cohorts(place)) == [running]


class TestLeads:
    def test_a_person_of_a_partner_becomes_a_lead(self, place):
        person = PersonFactory(organisation=partner(place, "Testshire Fire"))
        lead = services.place_lead_add(place=place, person=person, by=None)
        assert (lead.place, lead.organisation, lead.person) == (
            place,
            person.organisation,
            person,
        )

    def test_someone_of_another_organisation_is_refused(self, place):
        outsider = PersonFactory()
        with pytest.raises(services.PlaceError, match="not in one of Testborough's partner"):
            services.place_lead_add(place=place, person=outsider, by=None)
        assert not PlaceLead.objects.exists()

    def test_the_same_lead_twice_is_refused(self, place):
        person = PersonFactory(organisation=partner(place, "Testshire Fire"))
        services.place_lead_add(place=place, person=person, by=None)
        with pytest.raises(services.PlaceError, match="already a lead"):
            services.place_lead_add(place=place, person=person, by=None)

    def test_a_new_lead_leads_their_partners_leaderless_joint_assessment(
        self, place, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        FrameworkFactory()
        fire = partner(place, "Testshire Fire")
        joint = services.place_assessment_start(
            place=place, organisations=[fire], title="", by=None
        )
        person = PersonFactory(organisation=fire)
        with django_capture_on_commit_callbacks(execute=True):
            services.place_lead_add(place=place, person=person, by=None)
        member = TeamMember.objects.get(assessment__place_assessment=joint)
        assert (member.user, member.is_lead) == (person.user, True)
        assert [mail.to for mail in mailoutbox] == [[person.user.email]]

    def test_removing_a_lead(self, place):
        person = PersonFactory(organisation=partner(place, "Testshire Fire"))
        lead = services.place_lead_add(place=place, person=person, by=None)
        services.place_lead_remove(lead=lead, by=None)
        assert not PlaceLead.objects.exists()


class TestStartPlaceAssessment:
    def test_one_assessment_per_chosen_partner_led_by_its_lead(
        self, place, no_frameworks, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        FrameworkFactory(status=FrameworkStatus.RETIRED, version=901)
        current = FrameworkFactory(version=902)
        FrameworkFactory(status=FrameworkStatus.DRAFT, version=903)
        council = partner(place, "Testborough Council")
        police = partner(place, "Testshire Police")
        councillor = PersonFactory(organisation=council, role_type=RoleType.COUNCILLOR)
        PlaceLead.objects.create(place=place, organisation=council, person=councillor)
        # A lead not on the Hub has no account to lead a team with.
        offline = PersonFactory(organisation=police, user=None)
        PlaceLead.objects.create(place=place, organisation=police, person=offline)
        starter = UserFactory()

        with django_capture_on_commit_callbacks(execute=True):
            joint = services.place_assessment_start(
                place=place, organisations=[police, council], title="Spring", by=starter
            )

        assert (joint.place, joint.framework, joint.title, joint.created_by) == (
            place,
            current,
            "Spring",
            starter,
        )
        assessments = {a.organisation: a for a in joint.assessments.all()}
        assert set(assessments) == {council, police}
        assert all(a.framework == current and a.is_open for a in assessments.values())
        (lead,) = assessments[council].members.all()
        assert (lead.user, lead.person, lead.is_lead, lead.team_role) == (
            councillor.user,
            councillor,
            True,
            TeamRole.COUNCILLOR,
        )
        assert not assessments[police].members.exists()
        (mail,) = mailoutbox
        assert mail.to == [councillor.user.email]
        assert f"/self-assessment/{assessments[council].pk}/" in mail.body

    def test_title_defaults_to_the_place_and_month(self, place):
        FrameworkFactory()
        joint = services.place_assessment_start(
            place=place, organisations=[partner(place, "Testshire Fire")], title=" ", by=None
        )
        assert joint.title.startswith("Testborough joint self-assessment, ")

    def test_refused_without_a_published_framework(self, place, no_frameworks):
        FrameworkFactory(status=FrameworkStatus.DRAFT)
        with pytest.raises(services.PlaceError, match="no published version"):
            services.place_assessment_start(
                place=place, organisations=[partner(place, "Testshire Fire")], title="", by=None
            )
        assert not PlaceAssessment.objects.exists()

    def test_refused_for_an_organisation_outside_the_place(self, place):
        FrameworkFactory()
        outsider = OrganisationFactory(name="Faraway Council")
        with pytest.raises(services.PlaceError, match="Not a partner of Testborough: Faraway"):
            services.place_assessment_start(
                place=place, organisations=[outsider], title="", by=None
            )
        assert not Assessment.objects.exists()


class TestSideBySide:
    def test_scores_only_from_submitted_members_and_progress(self, place):
        framework = FrameworkFactory()
        joint = PlaceAssessment.objects.create(place=place, framework=framework, title="Joint")
        council = AssessmentFactory(
            organisation=partner(place, "Testborough Council"),
            framework=framework,
            place_assessment=joint,
        )
        police = AssessmentFactory(
            organisation=partner(place, "Testshire Police"),
            framework=framework,
            place_assessment=joint,
        )
        answer_all(TeamMemberFactory(assessment=council), 5)
        answer_all(TeamMemberFactory(assessment=council), 3)
        answer_all(TeamMemberFactory(assessment=council), 1, submit=False)
        answer_all(TeamMemberFactory(assessment=police), 1, submit=False)

        result = services.side_by_side(joint)

        assert [c.code for c in result.capabilities][0] == "what-digital-can-do"
        by_name = {p.organisation.name: p for p in result.partners}
        council_row = by_name["Testborough Council"]
        assert (council_row.submitted, council_row.members) == (2, 3)
        assert council_row.cells == [75.0] * 6
        police_row = by_name["Testshire Police"]
        assert (police_row.submitted, police_row.members) == (0, 1)
        assert police_row.scores is None
        assert police_row.cells == [None] * 6
        assert result.place_means() == [75.0] * 6
