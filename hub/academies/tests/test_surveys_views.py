"""The survey pages and the impact results: who may see them and what they show."""

import csv
import io
import re

import pytest
from django.urls import reverse

from hub.academies.models import (
    CohortStatus,
    LearningOutcome,
    SurveyAnswer,
    SurveyResponse,
    SurveyStage,
)
from hub.academies.tests.cohort_roles import sign_in_as
from hub.academies.tests.factories import CohortFactory, EnrolmentFactory, SessionFactory
from hub.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(user_with_role):
    cohort = CohortFactory(status=CohortStatus.RUNNING)
    cohort.facilitators.add(user_with_role(Role.FACILITATOR))
    return cohort


@pytest.fixture
def participant(cohort):
    return EnrolmentFactory(cohort=cohort)


def _form_data(value):
    return {f"outcome_{pk}": value for pk in LearningOutcome.objects.values_list("pk", flat=True)}


# Answering ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("member", 403),
        ("other_participant", 403),
        ("facilitator", 403),
        ("programme_staff", 403),
        ("participant", 200),
    ],
)
def test_only_the_participant_answers_their_survey(client, cohort, participant, who, status):
    client = sign_in_as(client, who, cohort=cohort, participant=participant)
    response = client.get(reverse("academies:survey", args=[cohort.slug, "start"]))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_draft_cohort_survey_is_a_404_to_outsiders(client, user_with_role):
    draft = CohortFactory(status=CohortStatus.DRAFT)
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(reverse("academies:survey", args=[draft.slug, "start"])).status_code == 404


def test_an_unknown_stage_is_a_404(client, cohort, participant):
    client.force_login(participant.user)
    assert client.get(reverse("academies:survey", args=[cohort.slug, "middle"])).status_code == 404


def test_the_form_asks_about_every_outcome_with_every_level_described(client, cohort, participant):
    client.force_login(participant.user)
    html = client.get(reverse("academies:survey", args=[cohort.slug, "start"])).content.decode()
    assert html.count("<fieldset") == LearningOutcome.objects.count()
    assert "How confident are you about spotting opportunities to apply digital?" in html
    for level in ("1 – Not at all confident", "3 – Somewhat confident", "5 – Very confident"):
        assert html.count(level) == LearningOutcome.objects.count()


def test_answering_saves_and_thanks_then_answers_can_be_changed(client, cohort, participant):
    client.force_login(participant.user)
    url = reverse("academies:survey", args=[cohort.slug, "start"])
    response = client.post(url, _form_data(2), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "academies:survey-done", args=[cohort.slug, "start"]
    )
    assert "govuk-panel--confirmation" in response.content.decode()
    client.post(url, _form_data(4))
    answers = SurveyAnswer.objects.filter(response__enrolment=participant)
    assert answers.count() == LearningOutcome.objects.count()
    assert set(answers.values_list("confidence", flat=True)) == {4}
    # The form shows the saved answers and says they can be changed.
    html = client.get(url).content.decode()
    assert "You have answered this survey already" in html
    checked = re.findall(r'value="(\d)"\s*checked', html)
    assert checked == ["4"] * LearningOutcome.objects.count()


def test_a_missing_answer_is_an_error_naming_the_outcome(client, cohort, participant):
    client.force_login(participant.user)
    data = _form_data(3)
    data.pop(next(iter(data)))
    response = client.post(reverse("academies:survey", args=[cohort.slug, "start"]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Select how confident you are about a realistic understanding" in html
    assert not SurveyResponse.objects.exists()


def test_the_end_survey_is_closed_before_the_last_session(client, cohort, participant):
    SessionFactory(cohort=cohort, number=1)
    client.force_login(participant.user)
    url = reverse("academies:survey", args=[cohort.slug, "end"])
    response = client.get(url)
    assert "The end survey is not open" in response.content.decode()
    client.post(url, _form_data(3))
    assert not SurveyResponse.objects.exists()


def test_the_thanks_page_sends_someone_who_has_not_answered_to_the_survey(
    client, cohort, participant
):
    client.force_login(participant.user)
    response = client.get(reverse("academies:survey-done", args=[cohort.slug, "start"]))
    assert response["Location"] == reverse("academies:survey", args=[cohort.slug, "start"])


# Results -----------------------------------------------------------------------------------


def _answered(cohort, start=None, end=None):
    enrolment = EnrolmentFactory(cohort=cohort)
    for stage, value in ((SurveyStage.START, start), (SurveyStage.END, end)):
        if value is not None:
            response = SurveyResponse.objects.create(enrolment=enrolment, stage=stage)
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(response=response, outcome=o, confidence=value)
                for o in LearningOutcome.objects.all()
            )
    return enrolment


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("member", 403),
        ("participant", 403),
        ("other_participant", 403),
        ("facilitator", 200),
        ("programme_staff", 200),
    ],
)
@pytest.mark.parametrize("name", ["academies:impact", "academies:impact-csv"])
def test_results_are_for_facilitators_and_programme_staff(
    client, cohort, participant, who, status, name
):
    client = sign_in_as(client, who, cohort=cohort, participant=participant)
    assert client.get(reverse(name, args=[cohort.slug])).status_code == status


def test_results_of_a_draft_cohort_are_a_404_to_the_public(client):
    draft = CohortFactory(status=CohortStatus.DRAFT)
    assert client.get(reverse("academies:impact", args=[draft.slug])).status_code == 404


def test_the_results_page_has_chart_and_table_and_hides_small_numbers(
    client, user_with_role, cohort
):
    for start, end in ((1, 4), (2, 4), (3, 5)):
        _answered(cohort, start=start, end=end)
    _answered(cohort, start=5)
    client.force_login(user_with_role(Role.EDITOR))
    html = client.get(reverse("academies:impact", args=[cohort.slug])).content.decode()
    assert html.count('role="img"') == 2
    assert html.count("<table") == 2
    assert "fairer comparison" in html
    # All answers: start (1+2+3+5)/4 = 2.75 shows as 2.8; end (4+4+5)/3 = 4.33 as 4.3.
    assert ">2.8</td>" in html
    assert ">4.3</td>" in html
    # Matched: start 2.0, end 4.3, change +2.3.
    assert ">2.0</td>" in html
    assert ">+2.3</td>" in html


def test_too_few_answers_are_not_shown(client, user_with_role, cohort):
    _answered(cohort, start=1, end=5)
    _answered(cohort, start=2, end=4)
    client.force_login(user_with_role(Role.EDITOR))
    html = client.get(reverse("academies:impact", args=[cohort.slug])).content.decode()
    assert "Too few answers to show without identifying people" in html
    assert ">1.5</td>" not in html
    assert ">4.5</td>" not in html


def test_the_csv_has_the_aggregates_and_never_individual_answers(client, user_with_role, cohort):
    for start, end in ((1, 4), (2, 4), (3, 5)):
        _answered(cohort, start=start, end=end)
    _answered(cohort, end=1)
    client.force_login(user_with_role(Role.EDITOR))
    response = client.get(reverse("academies:impact-csv", args=[cohort.slug]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == LearningOutcome.objects.count()
    first = rows[0]
    assert first["Learning outcome"] == LearningOutcome.objects.first().title
    assert first["Answers at start"] == "3"
    assert first["Mean confidence at start"] == "2.00"
    assert first["Answers at end"] == "4"
    assert first["Mean confidence at end"] == "3.50"  # (4+4+5+1)/4
    assert first["Change"] == "1.50"
    assert first["Participants who answered both"] == "3"
    assert first["Their mean at end"] == "4.33"
    assert first["Their change"] == "2.33"
    names = {e.person.full_name for e in cohort.enrolments.all()}
    body = str(rows)
    assert not any(name in body for name in names)


def test_the_csv_leaves_out_means_from_too_few_answers(client, user_with_role, cohort):
    _answered(cohort, start=1)
    client.force_login(user_with_role(Role.EDITOR))
    response = client.get(reverse("academies:impact-csv", args=[cohort.slug]))
    first = next(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert first["Answers at start"] == "1"
    assert first["Mean confidence at start"] == ""


def test_a_fall_in_confidence_exports_as_a_negative_number(client, user_with_role, cohort):
    for start, end in ((4, 3), (5, 4), (3, 3)):
        _answered(cohort, start=start, end=end)
    client.force_login(user_with_role(Role.EDITOR))
    response = client.get(reverse("academies:impact-csv", args=[cohort.slug]))
    first = next(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert first["Change"] == "-0.67"  # (10 - 12) / 3
