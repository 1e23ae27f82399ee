"""The editors' moderation pages: the queue, reviewing a record and checking benefits."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from hub.accounts.roles import Role
from hub.cases.models import EvidenceStatus, ResourceKind, Status, Transition
from hub.cases.services import TransitionRefused
from hub.cases.tests.factories import BenefitFactory, ResourceFactory

pytestmark = pytest.mark.django_db

QUEUE = "/cases/moderation/"


def _submitted(title: str, *, days_ago: int, **fields):
    """A submitted record whose submission is `days_ago` days old."""
    resource = ResourceFactory(status=Status.SUBMITTED, title=title, **fields)
    transition = Transition.objects.create(
        resource=resource,
        from_status=Status.DRAFT,
        to_status=Status.SUBMITTED,
        by=resource.contributor,
    )
    Transition.objects.filter(pk=transition.pk).update(
        at=timezone.now() - timedelta(days=days_ago, hours=1)
    )
    return resource


def _urls():
    resource = ResourceFactory(status=Status.SUBMITTED)
    benefit = BenefitFactory(resource=resource)
    return [
        QUEUE,
        f"/cases/{resource.slug}/review/",
        f"/cases/{resource.slug}/benefits/{benefit.pk}/evidence/",
    ]


@pytest.mark.parametrize("which", [0, 1, 2])
@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        (None, 302),
        (Role.MEMBER, 403),
        (Role.CHAMPION, 403),
        (Role.FACILITATOR, 403),
        (Role.EDITOR, 200),
        (Role.PROGRAMME_ADMIN, 200),
    ],
)
def test_only_editors_and_programme_admins_may_moderate(client_as, role, status_code, which):
    url = _urls()[which]
    response = client_as(role).get(url)
    assert response.status_code == status_code
    if role is None:
        assert response["Location"].startswith("/account/sign-in/?next=")


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.CHAMPION, Role.FACILITATOR])
def test_people_who_may_not_moderate_cannot_move_a_record_or_its_evidence(client_as, role):
    resource = ResourceFactory(status=Status.SUBMITTED)
    benefit = BenefitFactory(resource=resource)
    client = client_as(role)
    review = client.post(f"/cases/{resource.slug}/review/", {"to_status": Status.PUBLISHED})
    evidence = client.post(
        f"/cases/{resource.slug}/benefits/{benefit.pk}/evidence/",
        {"status": EvidenceStatus.VERIFIED},
    )
    assert review.status_code == evidence.status_code == (302 if role is None else 403)
    resource.refresh_from_db()
    benefit.refresh_from_db()
    assert resource.status == Status.SUBMITTED
    assert benefit.evidence_status == EvidenceStatus.CLAIMED
    assert not Transition.objects.exists()


def test_the_contributor_cannot_review_their_own_record(client, user_with_role):
    contributor = user_with_role(Role.MEMBER)
    resource = ResourceFactory(status=Status.SUBMITTED, contributor=contributor)
    client.force_login(contributor)
    assert client.get(f"/cases/{resource.slug}/review/").status_code == 403


# The queue


def test_the_queue_lists_submitted_records_oldest_first_with_days_waiting(client_as):
    _submitted("Newer chatbot", days_ago=2)
    _submitted("Older booking system", days_ago=9)
    ResourceFactory(status=Status.PUBLISHED, title="Already published")
    ResourceFactory(status=Status.DRAFT, title="Still a draft")

    response = client_as(Role.EDITOR).get(QUEUE)

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [resource.title for resource, _ in rows] == ["Older booking system", "Newer chatbot"]
    assert [days for _, days in rows] == [9, 2]
    html = response.content.decode()
    assert "Already published" not in html
    assert "Still a draft" not in html
    assert 'aria-current="page">Submitted for review (2)' in html
    assert "Published (1)" in html
    assert "Changes requested (0)" in html


def test_the_queue_table_shows_type_contributor_organisation_and_submitted_date(client_as):
    resource = _submitted("Council tax e-billing", days_ago=3, kind=ResourceKind.TOOLKIT)

    html = client_as(Role.EDITOR).get(QUEUE).content.decode()

    assert f'href="/cases/{resource.slug}/review/"' in html
    assert "Toolkit" in html
    assert escape(resource.contributor.full_name) in html
    assert escape(resource.lead_organisation.name) in html
    submitted = timezone.localtime(timezone.now() - timedelta(days=3, hours=1))
    assert submitted.strftime("%-d %b %Y") in html


@pytest.mark.parametrize(
    ("status", "title"),
    [
        (Status.CHANGES_REQUESTED, "Sent back"),
        (Status.PUBLISHED, "Out there"),
        (Status.ARCHIVED, "Put away"),
    ],
)
def test_each_status_has_its_own_tab(client_as, status, title):
    ResourceFactory(status=status, title=title)
    _submitted("Waiting", days_ago=1)

    response = client_as(Role.EDITOR).get(QUEUE, {"status": status})

    assert [resource.title for resource, _ in response.context["rows"]] == [title]
    assert f'aria-current="page">{status.label} (1)' in response.content.decode()


def test_an_unknown_status_shows_the_submitted_tab(client_as):
    _submitted("Waiting", days_ago=1)
    ResourceFactory(status=Status.DRAFT, title="Private draft")
    response = client_as(Role.EDITOR).get(QUEUE, {"status": "draft"})
    assert response.context["status"] == Status.SUBMITTED
    assert "Private draft" not in response.content.decode()


def test_the_queue_filters_by_type_and_its_counts_follow(client_as):
    _submitted("A case study", days_ago=1, kind=ResourceKind.CASE_STUDY)
    _submitted("A report", days_ago=1, kind=ResourceKind.REPORT)
    ResourceFactory(status=Status.PUBLISHED, kind=ResourceKind.CASE_STUDY)

    response = client_as(Role.EDITOR).get(QUEUE, {"kind": ResourceKind.REPORT})

    assert [resource.title for resource, _ in response.context["rows"]] == ["A report"]
    html = response.content.decode()
    assert "Submitted for review (1)" in html
    assert "Published (0)" in html
    # The tabs keep the filter.
    assert 'href="?status=published&amp;kind=report"' in html


def test_the_queue_is_paginated_keeping_its_filters(client_as):
    for number in range(27):
        _submitted(f"Record {number:02d}", days_ago=30 - number, kind=ResourceKind.GUIDANCE)

    client = client_as(Role.EDITOR)
    first = client.get(QUEUE, {"kind": ResourceKind.GUIDANCE})
    second = client.get(QUEUE, {"kind": ResourceKind.GUIDANCE, "page": 2})

    assert len(first.context["rows"]) == 25
    assert [resource.title for resource, _ in second.context["rows"]] == ["Record 25", "Record 26"]
    assert "kind=guidance&amp;page=2" in first.content.decode()


def test_the_queue_does_not_query_once_per_row(client_as, django_assert_max_num_queries):
    for number in range(10):
        _submitted(f"Record {number}", days_ago=number)
    client = client_as(Role.EDITOR)
    with django_assert_max_num_queries(12):
        client.get(QUEUE)


# Reviewing a record


def test_the_review_page_shows_facts_benefits_history_and_the_allowed_moves(client_as):
    resource = _submitted("Digital front door", days_ago=1)
    verified = BenefitFactory(resource=resource, description="Fewer phone calls")
    disputed = BenefitFactory(resource=resource, description="Less paper")
    editor_client = client_as(Role.EDITOR)
    editor = editor_client.get(QUEUE).context["user"]
    verified.evidence_status = EvidenceStatus.VERIFIED
    verified.verified_by = editor
    verified.verified_at = timezone.now()
    verified.save()
    disputed.evidence_status = EvidenceStatus.DISPUTED
    disputed.disputed_reason = "No baseline was measured"
    disputed.save()

    response = editor_client.get(f"/cases/{resource.slug}/review/")

    html = response.content.decode()
    assert "Digital front door" in html
    assert resource.contributor.email in html
    assert escape(resource.lead_organisation.name) in html
    assert "Fewer phone calls" in html
    assert f"by {escape(editor.full_name)}" in html
    assert "No baseline was measured" in html
    assert f'href="/cases/{resource.slug}/benefits/{verified.pk}/evidence/"' in html
    # History: from, to, who, when, why.
    assert "Moderation history" in html
    assert "Draft" in html
    assert escape(resource.contributor.full_name) in html
    # Only the moves TRANSITIONS allows from "submitted".
    values = [value for value, _ in response.context["form"].fields["to_status"].choices]
    assert values == [Status.CHANGES_REQUESTED, Status.PUBLISHED, Status.ARCHIVED]
    assert 'value="draft"' not in html


@pytest.mark.parametrize(
    ("status", "moves"),
    [
        (Status.DRAFT, [Status.SUBMITTED]),
        (Status.CHANGES_REQUESTED, [Status.SUBMITTED, Status.ARCHIVED]),
        (Status.PUBLISHED, [Status.CHANGES_REQUESTED, Status.ARCHIVED]),
        (Status.ARCHIVED, [Status.PUBLISHED]),
    ],
)
def test_the_moves_offered_follow_the_current_status(client_as, status, moves):
    resource = ResourceFactory(status=status)
    response = client_as(Role.EDITOR).get(f"/cases/{resource.slug}/review/")
    assert [value for value, _ in response.context["form"].fields["to_status"].choices] == moves


def test_an_editor_publishes_a_record_and_the_move_is_recorded(client_as):
    resource = _submitted("Ready to go", days_ago=1)
    client = client_as(Role.EDITOR)
    editor = client.get(QUEUE).context["user"]

    response = client.post(
        f"/cases/{resource.slug}/review/", {"to_status": Status.PUBLISHED, "reason": ""}
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED
    assert resource.published_at is not None
    last = resource.transitions.order_by("at", "pk").last()
    assert (last.from_status, last.to_status, last.by) == (
        Status.SUBMITTED,
        Status.PUBLISHED,
        editor,
    )
    assert "Published “Ready to go”" in client.get(QUEUE).content.decode()


def test_the_history_shows_who_when_and_why(client_as):
    resource = _submitted("Sent back once", days_ago=1)
    client = client_as(Role.EDITOR)
    client.post(
        f"/cases/{resource.slug}/review/",
        {"to_status": Status.CHANGES_REQUESTED, "reason": "Add the costs, please."},
    )
    html = client.get(f"/cases/{resource.slug}/review/").content.decode()
    assert "Add the costs, please." in html
    assert "Changes requested" in html
    assert timezone.localtime().strftime("%-d %b %Y") in html


@pytest.mark.parametrize(
    ("to_status", "message"),
    [
        (Status.CHANGES_REQUESTED, "Give a reason, so the contributor knows what to change"),
        (Status.ARCHIVED, "Give a reason for archiving this record"),
    ],
)
def test_moves_that_need_a_reason_show_the_error_summary(client_as, to_status, message):
    resource = _submitted("Needs work", days_ago=1)
    response = client_as(Role.EDITOR).post(
        f"/cases/{resource.slug}/review/", {"to_status": to_status, "reason": "   "}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert f'<a href="#id_reason_1">{message}</a>' in html
    assert "<title>Error: Review" in html
    resource.refresh_from_db()
    assert resource.status == Status.SUBMITTED


def test_choosing_nothing_or_a_move_not_allowed_is_an_error(client_as):
    resource = _submitted("Needs work", days_ago=1)
    client = client_as(Role.EDITOR)
    nothing = client.post(f"/cases/{resource.slug}/review/", {})
    assert "Select what to do with this record" in nothing.content.decode()
    back_to_draft = client.post(f"/cases/{resource.slug}/review/", {"to_status": Status.DRAFT})
    assert back_to_draft.status_code == 200
    assert back_to_draft.context["form"].errors["to_status"]
    resource.refresh_from_db()
    assert resource.status == Status.SUBMITTED


def test_a_refused_transition_becomes_a_form_error(client_as, monkeypatch):
    def refuse(**kwargs):
        raise TransitionRefused("Only an editor can make this change.")

    monkeypatch.setattr("hub.cases.views.moderation.resource_transition", refuse)
    resource = _submitted("Raced", days_ago=1)
    response = client_as(Role.EDITOR).post(
        f"/cases/{resource.slug}/review/", {"to_status": Status.PUBLISHED}
    )
    assert response.status_code == 200
    assert "Only an editor can make this change." in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_an_unknown_record_is_not_found(client_as):
    assert client_as(Role.EDITOR).get("/cases/no-such-record/review/").status_code == 404


# Checking the evidence for a benefit


def test_an_editor_verifies_a_benefit(client_as):
    benefit = BenefitFactory(resource=ResourceFactory(status=Status.SUBMITTED))
    client = client_as(Role.EDITOR)
    url = f"/cases/{benefit.resource.slug}/benefits/{benefit.pk}/evidence/"
    page = client.get(url)
    assert benefit.description in page.content.decode()
    editor = page.context["user"]

    response = client.post(url, {"status": EvidenceStatus.VERIFIED})

    assert response.status_code == 302
    assert response["Location"] == f"/cases/{benefit.resource.slug}/review/"
    benefit.refresh_from_db()
    assert benefit.evidence_status == EvidenceStatus.VERIFIED
    assert benefit.verified_by == editor
    assert benefit.verified_at is not None


def test_a_dispute_needs_its_reason(client_as):
    benefit = BenefitFactory(resource=ResourceFactory(status=Status.SUBMITTED))
    client = client_as(Role.EDITOR)
    url = f"/cases/{benefit.resource.slug}/benefits/{benefit.pk}/evidence/"

    refused = client.post(url, {"status": EvidenceStatus.DISPUTED, "reason": ""})
    assert refused.status_code == 200
    assert '<a href="#id_reason_1">Say why the benefit is disputed</a>' in refused.content.decode()
    benefit.refresh_from_db()
    assert benefit.evidence_status == EvidenceStatus.CLAIMED

    client.post(url, {"status": EvidenceStatus.DISPUTED, "reason": "The saving is forecast."})
    benefit.refresh_from_db()
    assert benefit.evidence_status == EvidenceStatus.DISPUTED
    assert benefit.disputed_reason == "The saving is forecast."
    assert benefit.verified_by is None


def test_choosing_no_evidence_status_is_an_error(client_as):
    benefit = BenefitFactory(resource=ResourceFactory(status=Status.SUBMITTED))
    response = client_as(Role.EDITOR).post(
        f"/cases/{benefit.resource.slug}/benefits/{benefit.pk}/evidence/", {}
    )
    assert "Select verified or disputed" in response.content.decode()


def test_a_benefit_is_found_only_under_its_own_record(client_as):
    benefit = BenefitFactory(resource=ResourceFactory(status=Status.SUBMITTED))
    other = ResourceFactory(status=Status.SUBMITTED)
    response = client_as(Role.EDITOR).get(f"/cases/{other.slug}/benefits/{benefit.pk}/evidence/")
    assert response.status_code == 404
