"""Completion pages and certificates: who may see them, awarding from the page, and the PDF."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hub.academies.models import AttendanceStatus, CohortStatus, EnrolmentStatus
from hub.academies.tests.cohort_roles import sign_in_as
from hub.academies.tests.factories import (
    AttendanceFactory,
    CohortFactory,
    EnrolmentFactory,
    PlanFactory,
    SessionFactory,
    london_at,
)
from hub.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(user_with_role):
    cohort = CohortFactory(status=CohortStatus.FINISHED)
    cohort.facilitators.add(user_with_role(Role.FACILITATOR))
    for number in (1, 2, 3, 4):
        SessionFactory(cohort=cohort, number=number, starts_at=london_at(-150 + 30 * number))
    return cohort


def _complete_participant(cohort, *, completed=False):
    enrolment = EnrolmentFactory(cohort=cohort, enrolled_at=london_at(-200))
    for session in cohort.sessions.all():
        AttendanceFactory(session=session, enrolment=enrolment, status=AttendanceStatus.PRESENT)
    PlanFactory(enrolment=enrolment)
    if completed:
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.completed_at = timezone.now()
        enrolment.certificate_number = f"DA-2026-{enrolment.pk:06d}"
        enrolment.save()
    return enrolment


@pytest.fixture
def participant(cohort):
    return _complete_participant(cohort, completed=True)


def _pdf_pages(response):
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content)).pages


def _pdf_text(response) -> str:
    return " ".join(page.extract_text() for page in _pdf_pages(response))


# The facilitators' page ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("member", 403),
        ("participant", 403),
        ("other_participant", 403),
        ("programme_staff", 403),
        ("facilitator", 200),
        ("programme_admin", 200),
    ],
)
def test_the_completion_page_is_for_those_who_run_the_cohort(
    client, cohort, participant, who, status
):
    client = sign_in_as(client, who, cohort=cohort, participant=participant)
    assert client.get(reverse("academies:completion", args=[cohort.slug])).status_code == status
    assert client.post(reverse("academies:completion", args=[cohort.slug])).status_code in (
        status if status != 200 else 302,
    )


def test_a_draft_cohort_completion_page_is_a_404_to_outsiders(client, user_with_role):
    draft = CohortFactory(status=CohortStatus.DRAFT)
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(reverse("academies:completion", args=[draft.slug])).status_code == 404


def test_the_page_shows_each_rule_and_awards_certificates(
    client, cohort, django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    ready = _complete_participant(cohort)
    short = EnrolmentFactory(cohort=cohort, enrolled_at=london_at(-200))
    client.force_login(cohort.facilitators.get())
    url = reverse("academies:completion", args=[cohort.slug])
    html = client.get(url).content.decode()
    assert ready.person.full_name in html
    assert short.person.full_name in html
    assert "Attended 0 of the 4 sessions that count (0%)" in html
    assert "The 100-day plan has not been started." in html
    assert "1 participant meets every rule" in html
    assert "Award certificates to everyone who meets the rules" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Certificates awarded to 1 participant" in response.content.decode()
    ready.refresh_from_db()
    assert ready.status == EnrolmentStatus.COMPLETED
    assert ready.certificate_number.startswith("DA-")
    assert [m.to for m in mailoutbox] == [[ready.user.email]]
    # Pressing it again awards nobody else and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "no certificates awarded" in response.content.decode()
    assert len(mailoutbox) == 1
    html = client.get(url).content.decode()
    assert ready.certificate_number in html
    assert reverse("academies:participant-certificate", args=[cohort.slug, ready.pk]) in html


# The participant's own page -------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("member", 403),
        ("other_participant", 403),
        ("facilitator", 403),
        ("participant", 200),
    ],
)
def test_participants_see_their_own_completion(client, cohort, participant, who, status):
    client = sign_in_as(client, who, cohort=cohort, participant=participant)
    response = client.get(reverse("academies:my-completion", args=[cohort.slug]))
    assert response.status_code == status


def test_the_participant_sees_why_they_have_not_completed(client, cohort):
    enrolment = EnrolmentFactory(cohort=cohort, enrolled_at=london_at(-200))
    client.force_login(enrolment.user)
    html = client.get(reverse("academies:my-completion", args=[cohort.slug])).content.decode()
    assert html.count("Not met") == 3
    assert "The 100-day plan has not been started." in html
    assert reverse("academies:certificate", args=[cohort.slug]) not in html


def test_a_completed_participant_gets_the_link_to_their_certificate(client, cohort, participant):
    client.force_login(participant.user)
    html = client.get(reverse("academies:my-completion", args=[cohort.slug])).content.decode()
    assert participant.certificate_number in html
    assert reverse("academies:certificate", args=[cohort.slug]) in html


# Certificates ----------------------------------------------------------------------------


def test_the_certificate_pdf_names_the_participant(client, cohort, participant):
    client.force_login(participant.user)
    response = client.get(reverse("academies:certificate", args=[cohort.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = _pdf_text(response)
    assert participant.person.full_name in text
    assert participant.certificate_number in text
    assert cohort.title in text
    assert cohort.place.name in text
    assert "Digital Academy" in text
    assert "Sessions attended 4" in " ".join(text.split())
    assert "A realistic understanding of what digital can do" in text
    assert len(_pdf_pages(response)) == 1


def test_no_certificate_before_completion(client, cohort):
    enrolment = _complete_participant(cohort)
    client.force_login(enrolment.user)
    assert client.get(reverse("academies:certificate", args=[cohort.slug])).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 404), ("other_participant", 404), ("facilitator", 404)],
)
def test_the_own_certificate_address_gives_others_nothing(client, cohort, participant, who, status):
    client = sign_in_as(client, who, cohort=cohort, participant=participant)
    assert client.get(reverse("academies:certificate", args=[cohort.slug])).status_code == status


def test_anonymous_visitors_are_asked_to_sign_in_for_a_certificate(client, cohort, participant):
    response = client.get(reverse("academies:certificate", args=[cohort.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("member", 404),
        ("cohort_colleague", 404),
        ("other_participant", 404),
        ("participant", 200),
        ("facilitator", 200),
        ("programme_staff", 200),
    ],
)
def test_a_participant_certificate_for_staff(client, cohort, participant, who, status):
    client = sign_in_as(client, who, cohort=cohort, participant=participant)
    url = reverse("academies:participant-certificate", args=[cohort.slug, participant.pk])
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        assert participant.person.full_name in _pdf_text(response)


def test_staff_get_a_404_for_a_certificate_not_awarded_or_of_another_cohort(client, cohort):
    not_yet = _complete_participant(cohort)
    elsewhere = EnrolmentFactory(cohort=CohortFactory())
    client.force_login(cohort.facilitators.get())
    for enrolment in (not_yet, elsewhere):
        url = reverse("academies:participant-certificate", args=[cohort.slug, enrolment.pk])
        assert client.get(url).status_code == 404


def test_a_draft_cohort_certificate_is_a_404_to_the_public(client):
    draft = CohortFactory(status=CohortStatus.DRAFT)
    assert client.get(reverse("academies:certificate", args=[draft.slug])).status_code == 404
