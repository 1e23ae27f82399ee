import json

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import authenticate
from django.db.models import Q
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from hub.academies.models import Attendance as AcademyAttendance
from hub.academies.models import Enrolment
from hub.accounts.roles import Role
from hub.accounts.tests.factories import TEST_PASSWORD
from hub.assessment.models import Answer
from hub.cases.models import Question, SavedSearch
from hub.champions.models import Meeting
from hub.events.models import Invitation
from hub.events.selectors import attendances_present, organisation_ids_attending
from hub.market.models import Watch
from hub.peer_challenge.models import Finding, PeerTeamMember
from hub.privacy.models import ErasureRequest, ErasureStatus
from hub.privacy.services import (
    ErasureRefused,
    erasure_carry_out,
    erasure_refuse,
    erasure_request_create,
    personal_data_export,
)
from hub.privacy.tests.people import someone_with_data_everywhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada():
    return someone_with_data_everywhere("Ada Exampleton", "marmalade")


@pytest.fixture
def admin(user_with_role):
    return user_with_role(Role.PROGRAMME_ADMIN)


def _erase(someone, admin):
    request = erasure_request_create(user=someone.user, reason="Leaving local government")
    return erasure_carry_out(request=request, by=admin)


def _mentions(marks) -> Q:
    query = Q()
    for mark in marks:
        query |= Q(object_repr__icontains=mark) | Q(changes__icontains=mark)
        query |= Q(changes_text__icontains=mark) | Q(actor_email__iexact=mark)
    return query


# Asking ---------------------------------------------------------------------------------------


def test_a_member_asks_one_thing_a_page_and_confirms_with_their_password(client, ada):
    client.force_login(ada.user)
    response = client.post(reverse("privacy:erasure-reason"), {"reason": "Moving abroad"})
    assert response["Location"] == reverse("privacy:erasure-confirm")

    wrong = client.post(reverse("privacy:erasure-confirm"), {"password": "not-it"})
    assert "The password is not right" in wrong.content.decode()
    assert not ErasureRequest.objects.exists()

    right = client.post(reverse("privacy:erasure-confirm"), {"password": TEST_PASSWORD})
    assert right["Location"] == reverse("privacy:erasure-requested")
    erasure = ErasureRequest.objects.get()
    assert erasure.reason == "Moving abroad"
    assert erasure.status == ErasureStatus.REQUESTED
    # The statutory month: a request made today is due the same day next month.
    assert erasure.due_on == ErasureRequest.due_date_for(timezone.localdate())
    assert erasure.due_on > timezone.localdate()
    page = client.get(reverse("privacy:erasure-requested")).content.decode()
    assert "We have your request to erase your data" in page


def test_a_second_request_while_one_waits_is_not_made(client, ada):
    erasure_request_create(user=ada.user)
    with pytest.raises(ErasureRefused):
        erasure_request_create(user=ada.user)
    client.force_login(ada.user)
    response = client.get(reverse("privacy:erasure-reason"))
    assert response["Location"] == reverse("privacy:erasure-requested")


# Carrying out ---------------------------------------------------------------------------------


def test_after_erasure_the_person_cannot_sign_in_and_the_account_is_anonymised(ada, admin):
    email = ada.user.email
    _erase(ada, admin)
    ada.user.refresh_from_db()
    assert ada.user.email == f"erased-{ada.user.pk}@invalid"
    assert ada.user.full_name == "Erased person"
    assert not ada.user.has_usable_password()
    assert not ada.user.is_active
    request = RequestFactory().post("/account/sign-in/")
    assert authenticate(request, username=email, password=TEST_PASSWORD) is None
    person = ada.records["person"]
    person.refresh_from_db()
    assert (person.full_name, person.job_title) == ("Erased person", "")


def test_a_case_study_stays_public_without_its_contact(client, ada, admin):
    case = ada.records["case"]
    _erase(ada, admin)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert case.title in page
    assert "Ada Exampleton" not in page
    assert "No contact is named for this record." in page
    case.refresh_from_db()
    assert case.contributor is None
    assert not case.contacts.exists()


def test_events_keep_attendance_counts_without_the_name(ada, admin):
    past, coming = ada.records["past_place"], ada.records["coming_place"]
    kind = past.event.kind
    before = (
        attendances_present(kind=kind).count(),
        set(organisation_ids_attending(kind=kind)),
    )
    _erase(ada, admin)
    past.refresh_from_db()
    assert past.full_name == "Name removed"
    assert "marmalade" not in past.feedback.will_do_differently
    assert past.user is None
    assert past.person is None
    assert not Invitation.objects.filter(pk=coming.pk).exists()
    after = (
        attendances_present(kind=kind).count(),
        set(organisation_ids_attending(kind=kind)),
    )
    assert after == before


def test_other_apps_keep_non_personal_records(ada, admin):
    finding = ada.records["finding"]
    member = ada.records["member"]
    scores = list(Answer.objects.filter(member=member).values_list("score", flat=True))
    _erase(ada, admin)

    # peer challenge: the finding and the team place stay
    assert Finding.objects.filter(pk=finding.pk).exists()
    assert PeerTeamMember.objects.filter(pk=ada.records["peer"].pk).exists()
    # self-assessment: scores stay (the results), comments go
    answers = Answer.objects.filter(member=member)
    assert list(answers.values_list("score", flat=True)) == scores
    assert set(answers.values_list("comment", flat=True)) == {""}
    # academies: the place and attendance stay, the person's words go
    enrolment = Enrolment.objects.get(pk=ada.records["enrolment"].pk)
    assert enrolment.motivation == ""
    assert enrolment.user is None
    assert AcademyAttendance.objects.filter(enrolment=enrolment).exists()
    assert "marmalade" not in enrolment.plan.partners
    # champions: the profile leaves the directory, its words gone; mentoring counts stay
    profile = ada.records["profile"]
    profile.refresh_from_db()
    assert not profile.available
    assert "marmalade" not in profile.experience
    mentoring = ada.records["mentoring"]
    mentoring.refresh_from_db()
    assert mentoring.problem == ""
    assert set(Meeting.objects.filter(mentoring=mentoring).values_list("notes", flat=True)) == {""}
    # cases and market: the person's own lists are deleted
    assert not Question.objects.filter(asked_by=ada.user).exists()
    assert not SavedSearch.objects.filter(user=ada.user).exists()
    assert not Watch.objects.filter(user=ada.user).exists()


def test_the_export_of_an_erased_person_holds_no_personal_data(ada, admin):
    _erase(ada, admin)
    ada.user.refresh_from_db()
    text = json.dumps(personal_data_export(user=ada.user), default=str)
    for mark in ada.marks:
        assert mark not in text


def test_the_audit_log_no_longer_names_the_person(client, ada, admin):
    # Changes made through pages, so the log has the person as actor and in values.
    client.force_login(admin)
    client.post(reverse("accounts:person-roles", args=[ada.user.pk]), {"roles": [Role.CHAMPION]})
    case = ada.records["case"]
    case.title = "Case of marmalade, renamed by Ada Exampleton"
    case.save()
    name_and_email = ada.marks[:2]
    assert LogEntry.objects.filter(_mentions(name_and_email)).exists()

    _erase(ada, admin)

    assert not LogEntry.objects.filter(_mentions(name_and_email)).exists()
    # The history of the case is still there, values erased.
    assert LogEntry.objects.get_for_object(case).exists()


def test_erasure_is_audited_with_who_and_when_but_nothing_personal(ada, admin):
    erasure = _erase(ada, admin)
    assert erasure.status == ErasureStatus.CARRIED_OUT
    assert erasure.decided_by == admin
    assert erasure.decided_at is not None
    assert erasure.reason == ""
    entry = LogEntry.objects.get_for_object(erasure).order_by("-timestamp").first()
    assert entry.actor == admin
    assert "carried_out" in json.dumps(entry.changes)
    assert not LogEntry.objects.filter(pk=entry.pk).filter(_mentions(ada.marks[:2])).exists()
    assert "marmalade" not in json.dumps(erasure.outcome)


def test_erasure_happens_in_one_transaction(ada, admin, monkeypatch):
    from hub.privacy import scrub

    def broken(*args, **kwargs):
        raise RuntimeError("the log is unavailable")

    monkeypatch.setattr(scrub, "scrub_mentions", broken)
    request = erasure_request_create(user=ada.user)
    with pytest.raises(RuntimeError):
        erasure_carry_out(request=request, by=admin)
    ada.user.refresh_from_db()
    assert ada.user.full_name == "Ada Exampleton"
    assert SavedSearch.objects.filter(user=ada.user).exists()
    assert ErasureRequest.objects.get(pk=request.pk).is_waiting


def test_a_refused_request_keeps_the_data_and_tells_the_person_why(client, ada, admin):
    request = erasure_request_create(user=ada.user)
    erasure_refuse(request=request, by=admin, reason="Legal obligation to keep records")
    ada.user.refresh_from_db()
    assert ada.user.full_name == "Ada Exampleton"
    client.force_login(ada.user)
    page = client.get(reverse("privacy:erasure-requested")).content.decode()
    assert "Legal obligation to keep records" in page
    with pytest.raises(ErasureRefused):
        erasure_carry_out(request=request, by=admin)


# The admins' queue ----------------------------------------------------------------------------


def test_admins_see_the_queue_with_due_dates_and_overdue_tags(client, ada, admin):
    overdue = erasure_request_create(user=ada.user)
    ErasureRequest.objects.filter(pk=overdue.pk).update(due_on="2020-01-31")
    client.force_login(admin)
    page = client.get(reverse("privacy:erasure-queue")).content.decode()
    assert "Overdue" in page
    assert "31 Jan 2020" in page


def test_an_admin_carries_out_a_request_through_the_pages(client, ada, admin):
    erasure = erasure_request_create(user=ada.user)
    client.force_login(admin)
    url = reverse("privacy:erasure-carry-out", args=[erasure.pk])
    unconfirmed = client.post(url, {}).content.decode()
    assert "Confirm there is no legal reason" in unconfirmed
    assert f"<title>Error: Carry out erasure request {erasure.pk} – " in unconfirmed
    response = client.post(url, {"confirm": "on"})
    assert response["Location"] == erasure.get_absolute_url()
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.CARRIED_OUT
    page = client.get(erasure.get_absolute_url()).content.decode()
    assert "Carried out" in page
    assert "Ada Exampleton" not in page


def test_an_admin_refuses_with_a_reason(client, ada, admin):
    erasure = erasure_request_create(user=ada.user)
    client.force_login(admin)
    url = reverse("privacy:erasure-refuse", args=[erasure.pk])
    assert "Enter why the request is refused" in client.post(url, {}).content.decode()
    client.post(url, {"reason": "An open complaint needs the records"})
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.REFUSED


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.EDITOR, Role.FACILITATOR])
def test_only_programme_admins_deal_with_requests(client_as, ada, role):
    erasure = erasure_request_create(user=ada.user)
    client = client_as(role)
    for url in (
        reverse("privacy:erasure-queue"),
        reverse("privacy:erasure-request", args=[erasure.pk]),
        reverse("privacy:erasure-carry-out", args=[erasure.pk]),
        reverse("privacy:erasure-refuse", args=[erasure.pk]),
    ):
        response = client.post(url, {"confirm": "on", "reason": "x"})
        assert response.status_code == (302 if role is None else 403), url
    erasure.refresh_from_db()
    assert erasure.is_waiting


def test_an_admin_cannot_carry_out_their_own_request(client, admin):
    erasure = erasure_request_create(user=admin)
    client.force_login(admin)
    response = client.post(
        reverse("privacy:erasure-carry-out", args=[erasure.pk]), {"confirm": "on"}
    )
    assert "Another programme admin must carry out your own request" in response.content.decode()
    erasure.refresh_from_db()
    assert erasure.is_waiting
