"""Scores from answers: every page, benchmark, plan and place view computes them here.

A capability's score is the mean of its answers (every member, every question) mapped from
the 1-5 scale onto 0-100: (mean - 1) / 4 * 100. A question's spread is its highest answer less
its lowest; the team "differs" on a question when the spread is 2 or more points."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from hub.assessment.models import SCALE_TOP, Answer, Assessment

# A question's answers that differ by this many points or more show the team disagrees.
DIFFERS_AT = 2


def to_percent(mean: float) -> float:
    return (mean - 1) / (SCALE_TOP - 1) * 100


@dataclass
class QuestionAgreement:
    question_id: int
    text: str
    scores: list[int] = field(default_factory=list)

    @property
    def spread(self) -> int:
        return max(self.scores) - min(self.scores) if self.scores else 0

    @property
    def differs(self) -> bool:
        return len(self.scores) > 1 and self.spread >= DIFFERS_AT

    @property
    def mean(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None


@dataclass
class CapabilityScore:
    code: str
    title: str
    order: int
    answers: int = 0
    total: int = 0
    questions: list[QuestionAgreement] = field(default_factory=list)

    @property
    def mean(self) -> float | None:
        return self.total / self.answers if self.answers else None

    @property
    def score(self) -> float | None:
        """0-100, or None when nobody has answered."""
        return None if self.mean is None else to_percent(self.mean)


def submitted_answers(assessment: Assessment) -> QuerySet[Answer]:
    """Answers of members who have submitted: drafts never count."""
    return Answer.objects.filter(
        member__assessment=assessment, member__submitted_at__isnull=False
    )


def capability_scores(assessment: Assessment) -> list[CapabilityScore]:
    """Every capability of the assessment's framework, in order, with its score and each
    question's answers (anonymous: scores only). Two queries."""
    capabilities = {}
    questions = {}
    for capability in assessment.framework.capabilities.prefetch_related("questions"):
        entry = CapabilityScore(capability.code, capability.title, capability.order)
        capabilities[capability.pk] = entry
        for question in capability.questions.all():
            agreement = QuestionAgreement(question.pk, question.text)
            entry.questions.append(agreement)
            questions[question.pk] = (entry, agreement)
    for question_id, score in submitted_answers(assessment).values_list("question_id", "score"):
        entry, agreement = questions[question_id]
        entry.answers += 1
        entry.total += score
        agreement.scores.append(score)
    return sorted(capabilities.values(), key=lambda c: c.order)


def scores_by_code(assessments) -> dict[int, dict[str, float]]:
    """{assessment id: {capability code: 0-100 score}} for many assessments in one query,
    for benchmarks and place views."""
    sums: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    rows = Answer.objects.filter(
        member__assessment__in=assessments, member__submitted_at__isnull=False
    ).values_list("member__assessment_id", "question__capability__code", "score")
    for assessment_id, code, score in rows:
        pair = sums[assessment_id][code]
        pair[0] += score
        pair[1] += 1
    return {
        assessment_id: {code: to_percent(total / count) for code, (total, count) in codes.items()}
        for assessment_id, codes in sums.items()
    }
