"""Place-space pages for each kind of person: a visitor, a member of an organisation outside
the place, a person of a partner organisation, and programme staff."""

import pytest
from django.urls import reverse

from hub.academies.models import CohortStatus
from hub.academies.tests.factories import CohortFactory
from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.assessment.models import (
    Answer,
    BoardEntry,
    BoardEntryKind,
    PlaceAssessment,
    PlaceLead,
    TeamMember,
)
from hub.assessment.tests.factories import (
    AssessmentFactory,
    FrameworkFactory,
    TeamMemberFactory,
    answer_all,
)
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.organisations.models import PartnerKind
from hub.organisations.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    PlacePartnerFactory,
)

pytestmark = pytest.mark.django_db

# Who signs in: None stays anonymous.
OUTSIDER = "outsider"  # a member whose organisation is not a partner of the place
NO_ORGANISATION = "no_organisation"  # a member not linked to any organisation
PARTNER = "partner"  # someone of one of the place's partner organisations
EDITOR = "editor"
FACILITATOR = "facilitator"
STAFF = [EDITOR, FACILITATOR]


@pytest.fixture
def place():
    place = PlaceFactory(name="Testborough", slug="testborough")
    PlacePartnerFactory(place=place, organisation=OrganisationFactory(name="Testborough Council"))
    PlacePartnerFactory(
        place=place,
        organisation=OrganisationFactory(name="Testshire Police"),
        partner_kind=PartnerKind.POLICE,
    )
    return place


def council(place):
    return place.partners.get(name="Testborough Council")


def police(place):
    return place.partners.get(name="Testshire Police")


def sign_in(client, who, place):
    users = {
        None: lambda: None,
        OUTSIDER: lambda: PersonFactory().user,
        NO_ORGANISATION: lambda: UserFactory(),
        PARTNER: lambda: PersonFactory(organisation=police(place)).user,
        EDITOR: lambda: UserFactory(roles=[Role.EDITOR]),
        FACILITATOR: lambda: UserFactory(roles=[Role.FACILITATOR]),
    }
    user = users[who]()
    if user is not None:
        client.force_login(user)
    return user


def assert_refused(response, who):
    """A visitor is sent to sign in; anyone else outside the place gets a 404."""
    if who is None:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:sign-in"))
    else:
        assert response.status_code == 404


def url(name, place, *args):
    return reverse(f"assessment:{name}", args=[place.slug, *args])


# The list ------------------------------------------------------------------------------------


class TestPlaceList:
    def test_visitors_are_sent_to_sign_in(self, client):
        response = client.get(reverse("assessment:places"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:sign-in"))

    def test_outsider_sees_only_their_own_places(self, client, place):
        sign_in(client, OUTSIDER, place)
        response = client.get(reverse("assessment:places"))
        assert response.status_code == 200
        assert "Testborough" not in response.content.decode()
        assert "not a partner of any place yet" in response.content.decode()

    def test_partner_sees_their_place(self, client, place):
        PlaceFactory(name="Elsewhere")
        sign_in(client, PARTNER, place)
        body = client.get(reverse("assessment:places")).content.decode()
        assert url("place", place) in body
        assert "Elsewhere" not in body

    @pytest.mark.parametrize("who", STAFF)
    def test_staff_see_every_place_filtered_and_paged(self, client, place, who):
        for number in range(25):
            PlaceFactory(name=f"Zone {number:02d}", region="London")
        sign_in(client, who, place)
        body = client.get(reverse("assessment:places")).content.decode()
        assert "26 places" in body
        assert "Testborough" in body
        assert "govuk-pagination" in body
        filtered = client.get(reverse("assessment:places"), {"q": "testbor"}).content.decode()
        assert "1 place<" in filtered
        assert url("place", place) in filtered
        by_region = client.get(reverse("assessment:places"), {"region": "London"})
        assert "25 places" in by_region.content.decode()

    def test_someone_without_an_organisation_is_told_why(self, client, place):
        client.force_login(UserFactory())
        body = client.get(reverse("assessment:places")).content.decode()
        assert "not linked to an organisation" in body


# The space -----------------------------------------------------------------------------------


class TestPlaceSpace:
    @pytest.mark.parametrize("who", [None, OUTSIDER, NO_ORGANISATION])
    def test_refused_outside_the_place(self, client, place, who):
        sign_in(client, who, place)
        assert_refused(client.get(url("place", place)), who)

    def test_unknown_place_is_404(self, client, place):
        sign_in(client, PARTNER, place)
        assert client.get(reverse("assessment:place", args=["nowhere"])).status_code == 404

    @pytest.mark.parametrize("who", [PARTNER, *STAFF])
    def test_partners_leads_projects_cohorts_and_board(self, client, place, who):
        lead = PersonFactory(organisation=police(place), full_name="Pat Constable")
        PlaceLead.objects.create(place=place, organisation=police(place), person=lead)
        ResourceFactory(place=place, title="Shared front door")
        ResourceFactory(place=place, title="Secret draft", status=Status.DRAFT)
        cohort = CohortFactory(place=place, title="Academy one", status=CohortStatus.RUNNING)
        CohortFactory(place=place, title="Draft academy", status=CohortStatus.DRAFT)
        BoardEntry.objects.create(
            place=place, kind=BoardEntryKind.DECISION, title="Share one front door", body="Yes"
        )
        sign_in(client, who, place)

        response = client.get(url("place", place))

        assert response.status_code == 200
        body = response.content.decode()
        assert "Police" in body
        assert "Testshire Police" in body
        assert "Pat Constable" in body
        assert "Shared front door" in body
        if who == EDITOR:  # editors may see any record in progress
            assert "Secret draft" in body
        else:
            assert "Secret draft" not in body
            assert "1 more joint project is being written up" in body
        assert reverse("academies:cohort", args=[cohort.slug]) in body
        assert "Draft academy" not in body
        assert "Share one front door" in body
        assert ">Decision<" in body
        assert url("place-leads", place) in body
        assert url("place-assessment-start", place) in body

    def test_editor_sees_drafts_by_title_and_status(self, client, place):
        ResourceFactory(place=place, title="Secret draft", status=Status.SUBMITTED)
        sign_in(client, EDITOR, place)
        body = client.get(url("place", place)).content.decode()
        assert "Secret draft" in body
        assert "Submitted for review" in body

    def test_latest_joint_assessment_side_by_side(self, client, place):
        framework = FrameworkFactory()
        older = PlaceAssessment.objects.create(place=place, framework=framework, title="Old one")
        joint = PlaceAssessment.objects.create(place=place, framework=framework, title="New one")
        assessment = AssessmentFactory(
            organisation=council(place), framework=framework, place_assessment=joint
        )
        answer_all(TeamMemberFactory(assessment=assessment), 4)
        AssessmentFactory(organisation=police(place), framework=framework, place_assessment=joint)
        sign_in(client, PARTNER, place)

        body = client.get(url("place", place)).content.decode()

        assert "New one" in body
        assert older.get_absolute_url() in body
        assert ">75<" in body
        assert "Not answered yet" in body
        assert "1 of 1" in body
        assert "0 of 0" in body

    def test_queries_do_not_grow_with_partners(self, client, place, django_assert_max_num_queries):
        for number in range(6):
            organisation = OrganisationFactory(name=f"Health body {number}")
            PlacePartnerFactory(
                place=place, organisation=organisation, partner_kind=PartnerKind.HEALTH
            )
            PlaceLead.objects.create(
                place=place,
                organisation=organisation,
                person=PersonFactory(organisation=organisation),
            )
        sign_in(client, EDITOR, place)
        with django_assert_max_num_queries(16):
            assert client.get(url("place", place)).status_code == 200


# Leads ---------------------------------------------------------------------------------------


class TestLeads:
    @pytest.mark.parametrize("who", [None, OUTSIDER])
    def test_refused_outside_the_place(self, client, place, who):
        sign_in(client, who, place)
        assert_refused(client.get(url("place-leads", place)), who)
        person = PersonFactory(organisation=council(place))
        assert_refused(client.post(url("place-leads", place), {"person": person.pk}), who)
        assert not PlaceLead.objects.exists()

    @pytest.mark.parametrize("who", [PARTNER, *STAFF])
    def test_add_a_lead_then_remove_them(self, client, place, who):
        person = PersonFactory(organisation=council(place), full_name="Lee Leader")
        sign_in(client, who, place)
        assert "Lee Leader" in client.get(url("place-leads", place)).content.decode()

        response = client.post(url("place-leads", place), {"person": person.pk}, follow=True)

        lead = PlaceLead.objects.get()
        assert (lead.place, lead.organisation, lead.person) == (place, council(place), person)
        assert "Lee Leader is now a lead" in response.content.decode()

        response = client.post(url("place-leads", place), {"remove": lead.pk}, follow=True)
        assert not PlaceLead.objects.exists()
        assert "Lee Leader is no longer a lead" in response.content.decode()

    def test_only_people_of_the_partners_can_be_chosen(self, client, place):
        outsider = PersonFactory(full_name="Olly Outside")
        sign_in(client, PARTNER, place)
        assert "Olly Outside" not in client.get(url("place-leads", place)).content.decode()
        response = client.post(url("place-leads", place), {"person": outsider.pk})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()
        assert not PlaceLead.objects.exists()

    def test_adding_the_same_lead_twice_shows_the_error(self, client, place):
        person = PersonFactory(organisation=council(place), full_name="Lee Leader")
        PlaceLead.objects.create(place=place, organisation=council(place), person=person)
        sign_in(client, PARTNER, place)
        response = client.post(url("place-leads", place), {"person": person.pk})
        assert "Lee Leader is already a lead for Testborough" in response.content.decode()

    def test_a_lead_of_another_place_cannot_be_removed_here(self, client, place):
        other = PlaceFactory()
        organisation = OrganisationFactory()
        PlacePartnerFactory(place=other, organisation=organisation)
        lead = PlaceLead.objects.create(
            place=other, organisation=organisation, person=PersonFactory(organisation=organisation)
        )
        sign_in(client, PARTNER, place)
        assert client.post(url("place-leads", place), {"remove": lead.pk}).status_code == 404
        assert client.post(url("place-leads", place), {"remove": "x"}).status_code == 404
        assert PlaceLead.objects.filter(pk=lead.pk).exists()


# The board -----------------------------------------------------------------------------------


class TestBoard:
    @pytest.mark.parametrize("who", [None, OUTSIDER])
    def test_refused_outside_the_place(self, client, place, who):
        BoardEntry.objects.create(place=place, title="Members only", body="Secret")
        sign_in(client, who, place)
        assert_refused(client.get(url("board", place)), who)
        posted = client.post(
            url("board", place), {"kind": "note", "title": "Intruder", "body": "Hello"}
        )
        assert_refused(posted, who)
        assert BoardEntry.objects.count() == 1

    @pytest.mark.parametrize("who", [PARTNER, *STAFF])
    def test_post_a_decision(self, client, place, who):
        user = sign_in(client, who, place)
        response = client.post(
            url("board", place),
            {"kind": "decision", "title": "One front door", "body": "We **agree**."},
            follow=True,
        )
        entry = BoardEntry.objects.get()
        assert (entry.place, entry.kind, entry.author) == (place, BoardEntryKind.DECISION, user)
        body = response.content.decode()
        assert "<strong>agree</strong>" in body
        assert ">Decision<" in body

    def test_markdown_is_rendered_safely(self, client, place):
        BoardEntry.objects.create(
            place=place, title="Careful", body="Hi <script>alert(1)</script> [x](javascript:y)"
        )
        sign_in(client, PARTNER, place)
        body = client.get(url("board", place)).content.decode()
        assert "<script>alert(1)" not in body
        assert "javascript:y" not in body

    def test_newest_first_and_paged(self, client, place):
        for number in range(12):
            BoardEntry.objects.create(place=place, title=f"Entry {number:02d}", body="Text")
        sign_in(client, PARTNER, place)
        body = client.get(url("board", place)).content.decode()
        assert "12 entries" in body
        assert body.index("Entry 11") < body.index("Entry 10")
        assert "Entry 01" not in body
        assert "Entry 01" in client.get(url("board", place), {"page": 2}).content.decode()

    def test_errors_are_summarised(self, client, place):
        sign_in(client, PARTNER, place)
        response = client.post(url("board", place), {"kind": "note", "title": "", "body": ""})
        body = response.content.decode()
        assert "govuk-error-summary" in body
        assert "Enter a title" in body
        assert not BoardEntry.objects.exists()


# Joint assessments ---------------------------------------------------------------------------


class TestStartJointAssessment:
    @pytest.mark.parametrize("who", [None, OUTSIDER])
    def test_refused_outside_the_place(self, client, place, who):
        FrameworkFactory()
        sign_in(client, who, place)
        assert_refused(client.get(url("place-assessment-start", place)), who)
        posted = client.post(
            url("place-assessment-start", place), {"organisations": [council(place).pk]}
        )
        assert_refused(posted, who)
        assert not PlaceAssessment.objects.exists()

    @pytest.mark.parametrize("who", [PARTNER, *STAFF])
    def test_every_partner_is_chosen_at_first(self, client, place, who):
        FrameworkFactory()
        sign_in(client, who, place)
        body = client.get(url("place-assessment-start", place)).content.decode()
        assert body.count('name="organisations"') == 2
        assert body.count('checked="checked"') == 2
        assert "Testshire Police has no lead yet" in body

    @pytest.mark.parametrize("who", [PARTNER, *STAFF])
    def test_start_for_the_chosen_partners(
        self, client, place, who, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        FrameworkFactory()
        lead = PersonFactory(organisation=council(place))
        PlaceLead.objects.create(place=place, organisation=council(place), person=lead)
        sign_in(client, who, place)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url("place-assessment-start", place),
                {"title": "Spring review", "organisations": [council(place).pk]},
            )

        joint = PlaceAssessment.objects.get()
        assert response.status_code == 302
        assert response.url == url("place-assessment", place, joint.pk)
        (assessment,) = joint.assessments.all()
        assert assessment.organisation == council(place)
        assert TeamMember.objects.get().user == lead.user
        assert [mail.to for mail in mailoutbox] == [[lead.user.email]]

    def test_choosing_nobody_is_an_error(self, client, place):
        FrameworkFactory()
        sign_in(client, PARTNER, place)
        response = client.post(url("place-assessment-start", place), {"title": "x"})
        assert "Select at least one partner organisation" in response.content.decode()
        assert not PlaceAssessment.objects.exists()


@pytest.fixture
def joint(place):
    framework = FrameworkFactory()
    joint = PlaceAssessment.objects.create(place=place, framework=framework, title="Joint 2026")
    answered = AssessmentFactory(
        organisation=council(place), framework=framework, place_assessment=joint
    )
    member = TeamMemberFactory(assessment=answered)
    answer_all(
        member,
        {"what-digital-can-do": 5, "market-and-value-for-money": 1}
        | {
            code: 3
            for code in [
                "user-insight-first",
                "where-investment-delivered",
                "resources-and-skills",
                "spotting-opportunities",
            ]
        },
    )
    Answer.objects.filter(member=member).update(comment="A private comment")
    TeamMemberFactory(assessment=answered)
    AssessmentFactory(organisation=police(place), framework=framework, place_assessment=joint)
    return joint


class TestJointAssessmentPage:
    @pytest.mark.parametrize("who", [None, OUTSIDER])
    def test_refused_outside_the_place(self, client, place, joint, who):
        sign_in(client, who, place)
        assert_refused(client.get(url("place-assessment", place, joint.pk)), who)

    @pytest.mark.parametrize("who", [PARTNER, *STAFF])
    def test_scores_side_by_side_with_progress_and_charts(self, client, place, joint, who):
        sign_in(client, who, place)
        response = client.get(url("place-assessment", place, joint.pk))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Joint 2026" in body
        assert ">100<" in body
        assert ">0<" in body
        assert ">50<" in body
        assert "Not answered yet" in body
        assert "1 of 2 members submitted" in body
        assert "no team yet" in body
        assert "Open your team" not in body
        assert 'role="img"' in body
        assert "Testborough Council: capability scores" in body
        # Scores only: never a member's answers, comments or names.
        assert "A private comment" not in body
        for member in TeamMember.objects.all():
            assert member.person.full_name not in body

    def test_a_team_member_is_linked_to_their_own_teams_assessment(self, client, place, joint):
        member = TeamMember.objects.filter(assessment__organisation=council(place)).first()
        client.force_login(member.user)
        body = client.get(url("place-assessment", place, joint.pk)).content.decode()
        assert reverse("assessment:detail", args=[member.assessment_id]) in body
        police_assessment = joint.assessments.get(organisation=police(place))
        assert reverse("assessment:detail", args=[police_assessment.pk]) not in body

    def test_a_joint_assessment_of_another_place_is_404_here(self, client, place, joint):
        other = PlaceFactory()
        sign_in(client, EDITOR, place)
        assert client.get(url("place-assessment", other, joint.pk)).status_code == 404
