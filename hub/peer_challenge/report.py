"""The challenge's report: what it holds (the council, the dates, the peer team, the summary,
then each core element's strengths and areas for development with their recommendations and
kept signposts) and publishing it.

Evidence, scoping notes and signposts not kept never reach the report: it is what becomes
public when the council publishes it.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from hub.core.notify import absolute_url, email_on_commit
from hub.core.rich_text import render_markdown
from hub.peer_challenge.models import (
    Challenge,
    ChallengeStatus,
    CoreElement,
    CouncilLead,
    Finding,
    Judgement,
    LineOfEnquiry,
    PeerTeamMember,
    Signpost,
    SignpostKind,
    SignpostStatus,
)


class ReportError(Exception):
    """A change to the report that cannot be made; says why."""


def markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 - render_markdown sanitises with nh3


@dataclass
class ReportFinding:
    finding: Finding
    detail: SafeString
    recommendations: SafeString
    cases: list[Signpost]
    champions: list[Signpost]


@dataclass
class ReportLine:
    line: LineOfEnquiry
    strengths: list[ReportFinding] = field(default_factory=list)
    areas: list[ReportFinding] = field(default_factory=list)


@dataclass
class ReportElement:
    element: CoreElement
    lines: list[ReportLine] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return sum(len(line.strengths) + len(line.areas) for line in self.lines)


@dataclass
class Report:
    challenge: Challenge
    summary: SafeString
    team: list[PeerTeamMember]
    elements: list[ReportElement]

    @property
    def findings(self) -> int:
        return sum(element.findings for element in self.elements)


def report_of(challenge: Challenge) -> Report:
    """The report as it reads now: every element of the challenge's framework version, and
    under it the lines that have findings. Five queries however long it is."""
    team = list(
        PeerTeamMember.objects.filter(challenge=challenge)
        .select_related("person__organisation")
        .order_by("role", "person__full_name")
    )
    # Lead peer first, then the others in the order of the roles.
    roles = ["lead_peer", "member_peer", "officer_peer", "challenge_manager"]
    team.sort(key=lambda member: roles.index(member.role) if member.role in roles else 9)
    elements = CoreElement.objects.filter(framework_id=challenge.framework_id).prefetch_related(
        Prefetch("lines", queryset=LineOfEnquiry.objects.order_by("order", "pk"))
    )
    findings = Finding.objects.filter(challenge=challenge).prefetch_related(
        Prefetch(
            "signposts",
            queryset=Signpost.objects.filter(status=SignpostStatus.KEPT).order_by("position", "pk"),
            to_attr="kept",
        )
    )
    by_line: dict[int, list[Finding]] = {}
    for finding in findings.order_by("order", "pk"):
        by_line.setdefault(finding.line_id, []).append(finding)
    made = []
    for element in elements:
        lines = []
        for line in element.lines.all():
            if line.pk not in by_line:
                continue
            entry = ReportLine(line)
            for finding in by_line[line.pk]:
                item = ReportFinding(
                    finding,
                    markdown(finding.detail),
                    markdown(finding.recommendations),
                    [s for s in finding.kept if s.kind == SignpostKind.CASE],
                    [s for s in finding.kept if s.kind == SignpostKind.CHAMPION],
                )
                if finding.judgement == Judgement.STRENGTH:
                    entry.strengths.append(item)
                else:
                    entry.areas.append(item)
            lines.append(entry)
        made.append(ReportElement(element, lines))
    return Report(challenge, markdown(challenge.report_summary), team, made)


@transaction.atomic
def report_summary_save(*, challenge: Challenge, summary: str) -> Challenge:
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.is_published:
        raise ReportError("The report is published, so its summary can no longer change")
    challenge.report_summary = summary.strip()
    challenge.save(update_fields=["report_summary", "updated_at"])
    return challenge


def recipients(challenge: Challenge) -> list[str]:
    """The peer team and the council's leads with an account."""
    peers = PeerTeamMember.objects.filter(challenge=challenge, person__user__isnull=False)
    leads = CouncilLead.objects.filter(challenge=challenge, person__user__isnull=False)
    return sorted(
        {email for email in peers.values_list("person__user__email", flat=True) if email}
        | {email for email in leads.values_list("person__user__email", flat=True) if email}
    )


@transaction.atomic
def report_publish(*, challenge: Challenge, by) -> Challenge:
    """Publish the report: from now on anyone may read it, and its findings are frozen. The
    peer team and the council's leads are emailed a link."""
    challenge = (
        Challenge.objects.select_for_update().select_related("organisation").get(pk=challenge.pk)
    )
    if challenge.is_published:
        raise ReportError("The report is already published")
    if not Finding.objects.filter(challenge=challenge).exists():
        raise ReportError("The report has no findings yet: the peers record them first")
    challenge.report_published_at = timezone.now()
    challenge.status = ChallengeStatus.PUBLISHED
    challenge.save(update_fields=["report_published_at", "status", "updated_at"])
    link = absolute_url(reverse("peer_challenge:report", args=[challenge.slug]))
    email_on_commit(
        to=recipients(challenge),
        subject=f"Report published: {challenge.title}",
        body=(
            f"{challenge.organisation.name} has published the report of its corporate peer "
            f"challenge, {challenge.title}. Anyone can now read it:\n\n{link}\n\n"
            "Evidence and scoping notes stay confidential to the peer team, the council's "
            "leads and the programme team.\n"
        ),
    )
    return challenge
