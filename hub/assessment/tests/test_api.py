"""`/api/v1/self-assessment`: the current framework and any published or retired version, with
capabilities, questions and every level's descriptor; drafts never appear."""

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from hub.assessment.models import Framework, FrameworkStatus, Question
from hub.assessment.tests.factories import (
    CAPABILITY_CODES,
    AssessmentFactory,
    FrameworkFactory,
    TeamMemberFactory,
    answer_all,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/self-assessment"


@pytest.fixture
def versions():
    """Version 1 retired, 2 published, 3 a draft (nothing else, whatever migrations loaded)."""
    Framework.objects.all().delete()
    return {
        "retired": FrameworkFactory(version=1, status=FrameworkStatus.RETIRED),
        "published": FrameworkFactory(version=2, change_note="Clearer levels."),
        "draft": FrameworkFactory(
            version=3, status=FrameworkStatus.DRAFT, published_at=None, title="Draft v3"
        ),
    }


def test_current_framework_is_the_published_one_in_full(client, versions):
    question = Question.objects.filter(capability__framework=versions["published"]).first()
    question.help_text = "Think of the last year."
    question.save()

    response = client.get(f"{API}/framework")

    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["status"], body["change_note"]) == (
        2,
        "published",
        "Clearer levels.",
    )
    assert [c["code"] for c in body["capabilities"]] == [code for code, _ in CAPABILITY_CODES]
    first = body["capabilities"][0]
    assert first["title"] == "What digital can do"
    assert len(first["questions"]) == 2
    assert first["questions"][0]["help_text"] == "Think of the last year."
    levels = first["questions"][0]["levels"]
    assert [level["score"] for level in levels] == [1, 2, 3, 4, 5]
    assert levels[0] == {
        "score": 1,
        "label": "Not started",
        "descriptor": "At level 1, the team not started.",
    }


def test_the_newest_published_version_is_current(client, versions):
    FrameworkFactory(version=4, published_at=timezone.now())
    assert client.get(f"{API}/framework").json()["version"] == 4


@pytest.mark.parametrize(("name", "status"), [("retired", "retired"), ("published", "published")])
def test_published_and_retired_versions_by_number(client, versions, name, status):
    response = client.get(f"{API}/framework/{versions[name].version}")
    assert response.status_code == 200
    assert response.json()["status"] == status


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.EDITOR, Role.PROGRAMME_ADMIN])
def test_drafts_never_appear_whoever_asks(client_as, versions, role):
    client = client_as(role)
    response = client.get(f"{API}/framework/3")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "Draft v3" not in client.get(f"{API}/framework").content.decode()


def test_no_current_framework_when_only_drafts(client, versions):
    Framework.objects.exclude(status=FrameworkStatus.DRAFT).delete()
    response = client.get(f"{API}/framework")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


@pytest.mark.parametrize("version", ["0", "-1", str(2**70), "two"])
def test_impossible_version_numbers_are_refused(client, versions, version):
    response = client.get(f"{API}/framework/{version}")
    assert response.status_code in (404, 422)
    assert "error" in response.json()


def test_answers_never_appear(client, versions):
    assessment = AssessmentFactory(framework=versions["published"])
    member = TeamMemberFactory(assessment=assessment)
    answer_all(member, 4)
    body = client.get(f"{API}/framework").content.decode()
    assert member.person.full_name not in body
    assert assessment.title not in body
    assert client.get(f"{API}/assessments").status_code == 404


def test_queries_do_not_grow_with_questions(client, versions, django_assert_num_queries):
    with django_assert_num_queries(4):
        assert client.get(f"{API}/framework/2").status_code == 200


def test_documented_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths) >= {f"{API}/framework", f"{API}/framework/{{version}}"}
    assert not [path for path in paths if path.startswith(API) and "framework" not in path]
