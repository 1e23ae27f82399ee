"""Place spaces: reads (which places someone sees, the partners by sector with their leads,
joint projects, cohorts, the partners' scores side by side) and writes (leads, the board,
starting a joint assessment).

A joint assessment is one team assessment per partner body, each answered by that body's own
team: the place sees each body's capability scores and progress, never an individual answer."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from hub.academies.models import LISTED_COHORT_STATUSES, Cohort
from hub.accounts.rules import is_programme_staff
from hub.assessment.models import (
    Assessment,
    AssessmentStatus,
    BoardEntry,
    BoardEntryKind,
    Capability,
    Framework,
    FrameworkStatus,
    PlaceAssessment,
    PlaceLead,
    TeamMember,
    TeamRole,
)
from hub.assessment.scoring import scores_by_code
from hub.cases.models import Resource, Status
from hub.cases.selectors import published_resources
from hub.core.notify import absolute_url, email_on_commit
from hub.organisations.models import (
    Organisation,
    PartnerKind,
    Person,
    Place,
    PlacePartner,
    RoleType,
)

# Good-practice records a place's partners are still writing up or have sent for review.
IN_PROGRESS_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED)


class PlaceError(Exception):
    """A place-space action that cannot be done; the message says why."""


def _person(user) -> Person | None:
    return getattr(user, "person", None) if user.is_authenticated else None


# Reads ----------------------------------------------------------------------------------------


def places_for(user) -> QuerySet[Place]:
    """The places whose space `user` may open: their organisation's places, or every place for
    programme staff; with how many partners each has."""
    places = Place.objects.annotate(partner_count=Count("memberships", distinct=True))
    if is_programme_staff(user):
        return places.order_by("name", "pk")
    person = _person(user)
    if person is None:
        return places.none()
    return places.filter(memberships__organisation_id=person.organisation_id).order_by("name", "pk")


@dataclass
class Partner:
    membership: PlacePartner
    leads: list[PlaceLead] = field(default_factory=list)

    @property
    def organisation(self) -> Organisation:
        return self.membership.organisation


@dataclass
class Sector:
    kind: str
    label: str
    partners: list[Partner] = field(default_factory=list)


def partners_by_sector(place: Place) -> list[Sector]:
    """The place's partners grouped by sector, in the sectors' usual order, each with its
    leads. Two queries."""
    leads: dict[int, list[PlaceLead]] = {}
    for lead in place.leads.select_related("person").order_by("person__full_name", "pk"):
        leads.setdefault(lead.organisation_id, []).append(lead)
    sectors = {kind: Sector(kind, label) for kind, label in PartnerKind.choices}
    for membership in place.memberships.select_related("organisation"):
        sectors[membership.partner_kind].partners.append(
            Partner(membership, leads.get(membership.organisation_id, []))
        )
    return [sector for sector in sectors.values() if sector.partners]


@dataclass
class JointProjects:
    published: list[Resource]
    in_progress: list[Resource]
    hidden_count: int


def joint_projects(place: Place, user) -> JointProjects:
    """Good-practice records linked to the place: published ones for everyone allowed in the
    space; ones in progress by title and status only, to whoever may see them under the good
    practice rules, and otherwise only counted."""
    published = list(published_resources().filter(place=place).select_related("lead_organisation"))
    unpublished = list(
        Resource.objects.filter(place=place, status__in=IN_PROGRESS_STATUSES).order_by(
            "title", "pk"
        )
    )
    visible = [
        resource for resource in unpublished if user.has_perm("cases.view_resource", resource)
    ]
    return JointProjects(published, visible, len(unpublished) - len(visible))


def place_cohorts(place: Place) -> QuerySet[Cohort]:
    """The place's listed academy cohorts (never drafts or cancelled ones)."""
    return Cohort.objects.filter(place=place, status__in=LISTED_COHORT_STATUSES).order_by(
        "-created_at", "pk"
    )


def board_entries(place: Place) -> QuerySet[BoardEntry]:
    return place.board_entries.select_related("author__person__organisation")


def current_framework() -> Framework | None:
    return Framework.objects.filter(status=FrameworkStatus.PUBLISHED).order_by("-version").first()


@dataclass
class PartnerResult:
    organisation: Organisation
    assessment: Assessment
    members: int
    submitted: int
    # {capability code: 0-100}, or None until at least one member has submitted.
    scores: dict[str, float] | None
    # The scores in the order of the framework's capabilities (None: not answered).
    cells: list[float | None]


@dataclass
class SideBySide:
    place_assessment: PlaceAssessment
    capabilities: list[Capability]
    partners: list[PartnerResult]

    def place_means(self) -> list[float | None]:
        """Each capability's mean over the partners that have scores: the place's line."""
        means = []
        for index in range(len(self.capabilities)):
            values = [p.cells[index] for p in self.partners if p.cells[index] is not None]
            means.append(sum(values) / len(values) if values else None)
        return means


def side_by_side(place_assessment: PlaceAssessment) -> SideBySide:
    """Every partner's capability scores (from submitted members only) and progress. Three
    queries."""
    assessments = list(
        place_assessment.assessments.select_related("organisation")
        .annotate(
            member_count=Count("members", distinct=True),
            submitted_count=Count(
                "members", filter=Q(members__submitted_at__isnull=False), distinct=True
            ),
        )
        .order_by("organisation__name", "pk")
    )
    scores = scores_by_code(assessments)
    capabilities = list(place_assessment.framework.capabilities.order_by("order", "pk"))
    partners = []
    for assessment in assessments:
        found = scores.get(assessment.pk) if assessment.submitted_count else None
        partners.append(
            PartnerResult(
                organisation=assessment.organisation,
                assessment=assessment,
                members=assessment.member_count,
                submitted=assessment.submitted_count,
                scores=found,
                cells=[found.get(c.code) if found else None for c in capabilities],
            )
        )
    return SideBySide(place_assessment, capabilities, partners)


# Writes ---------------------------------------------------------------------------------------


def _team_role(person: Person) -> str:
    return TeamRole.COUNCILLOR if person.role_type == RoleType.COUNCILLOR else TeamRole.OFFICER


def _make_team_lead(assessment: Assessment, person: Person, place: Place) -> TeamMember:
    member, _ = TeamMember.objects.update_or_create(
        assessment=assessment,
        user=person.user,
        defaults={"person": person, "team_role": _team_role(person), "is_lead": True},
    )
    link = absolute_url(reverse("assessment:detail", args=[assessment.pk]))
    email_on_commit(
        to=[person.user.email],
        subject=f"Lead your organisation's digital leadership self-assessment for {place.name}",
        body=(
            f"Dear {person.full_name},\n\n"
            f"{place.name} is running the digital leadership self-assessment jointly, and you "
            f"are {assessment.organisation.name}'s lead for the place, so you lead its team.\n\n"
            "Add the councillors and officers who should answer, and answer it yourself:\n"
            f"{link}\n\n"
            "Each body's team answers on its own. The place's partners see each body's scores "
            "side by side, never anyone's individual answers."
        ),
    )
    return member


@transaction.atomic
def place_lead_add(*, place: Place, person: Person, by) -> PlaceLead:
    """Make a register person a lead for their organisation in the place. They also lead
    their organisation's open joint assessments in the place that have no lead yet."""
    membership = place.memberships.filter(organisation_id=person.organisation_id).first()
    if membership is None:
        raise PlaceError(
            f"{person.full_name} is not in one of {place.name}'s partner organisations"
        )
    lead, created = PlaceLead.objects.get_or_create(
        place=place, organisation_id=person.organisation_id, person=person
    )
    if not created:
        raise PlaceError(f"{person.full_name} is already a lead for {place.name}")
    if person.user_id:
        leaderless = Assessment.objects.filter(
            place_assessment__place=place,
            organisation_id=person.organisation_id,
            status=AssessmentStatus.OPEN,
        ).exclude(members__is_lead=True)
        for assessment in leaderless:
            _make_team_lead(assessment, person, place)
    return lead


@transaction.atomic
def place_lead_remove(*, lead: PlaceLead, by) -> None:
    """Stop someone being a lead for the place (they keep any assessment team they are on)."""
    lead.delete()


@transaction.atomic
def board_entry_post(*, place: Place, kind: str, title: str, body: str, author) -> BoardEntry:
    if kind not in BoardEntryKind.values:
        raise PlaceError("Choose whether this is a note or a decision")
    return BoardEntry.objects.create(
        place=place, kind=kind, title=title.strip(), body=body.strip(), author=author
    )


@transaction.atomic
def place_assessment_start(
    *, place: Place, organisations: list[Organisation], title: str, by
) -> PlaceAssessment:
    """Start a joint assessment on the current published framework: one assessment for each
    chosen partner, with no members yet; each partner's leads with an account lead its team
    and are emailed a link to it."""
    framework = current_framework()
    if framework is None:
        raise PlaceError("There is no published version of the self-assessment to start")
    if not organisations:
        raise PlaceError("Choose at least one partner organisation")
    partner_ids = set(place.memberships.values_list("organisation_id", flat=True))
    outsiders = [o.name for o in organisations if o.pk not in partner_ids]
    if outsiders:
        raise PlaceError(f"Not a partner of {place.name}: {', '.join(sorted(outsiders))}")
    title = title.strip() or f"{place.name} joint self-assessment, {timezone.localdate():%B %Y}"
    place_assessment = PlaceAssessment.objects.create(
        place=place, framework=framework, title=title, created_by=by
    )
    leads: dict[int, list[Person]] = {}
    for lead in place.leads.filter(person__user__isnull=False).select_related("person__user"):
        leads.setdefault(lead.organisation_id, []).append(lead.person)
    for organisation in sorted(organisations, key=lambda o: o.name):
        assessment = Assessment.objects.create(
            organisation=organisation,
            framework=framework,
            place_assessment=place_assessment,
            title=f"{title}: {organisation.name}",
            created_by=by,
        )
        for person in leads.get(organisation.pk, []):
            if person.organisation_id == organisation.pk:
                _make_team_lead(assessment, person, place)
    return place_assessment
