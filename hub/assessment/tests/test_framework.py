"""Framework v1 (the data migration), the public framework page, and framework versions:
copying the published version into a draft, editing the draft, publishing it."""

import pytest
from django.urls import reverse

from hub.academies.models import LearningOutcome
from hub.accounts.roles import Role
from hub.assessment import answering
from hub.assessment import framework as services
from hub.assessment.models import Capability, Framework, FrameworkStatus, Level, Question
from hub.assessment.tests.factories import AssessmentFactory, FrameworkFactory
from hub.organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CODES = [
    "what-digital-can-do",
    "market-and-value-for-money",
    "user-insight-first",
    "where-investment-delivered",
    "resources-and-skills",
    "spotting-opportunities",
]


def v1() -> Framework:
    return Framework.objects.get(version=1)


def level_data(prefix: str = "Level") -> dict:
    data = {}
    for score in range(1, 6):
        data[f"label_{score}"] = f"{prefix} label {score}"
        data[f"descriptor_{score}"] = f"{prefix} descriptor {score}"
    return data


# The migration ----------------------------------------------------------------------------


class TestFrameworkV1:
    def test_is_published_with_the_six_capabilities_in_order(self):
        framework = v1()
        assert framework.status == FrameworkStatus.PUBLISHED
        assert framework.published_at is not None
        assert list(framework.capabilities.values_list("code", flat=True)) == CODES

    def test_codes_are_the_academies_learning_outcomes(self):
        assert set(LearningOutcome.objects.values_list("code", flat=True)) == set(CODES)

    def test_three_questions_each_with_a_descriptor_for_every_level(self):
        for capability in v1().capabilities.all():
            assert capability.questions.count() == 3
            assert capability.description
        levels = Level.objects.filter(question__capability__framework=v1())
        assert levels.count() == 90
        assert all(level.descriptor.strip() for level in levels)
        # Every descriptor is its own, not a template.
        assert len({level.descriptor for level in levels}) == 90
        labels = list(
            levels.filter(question=levels.first().question).values_list("label", flat=True)
        )
        assert labels == ["Not started", "Emerging", "Developing", "Established", "Leading"]

    def test_the_market_question_runs_from_not_knowing_to_planning_ahead(self):
        question = Question.objects.get(
            capability__framework=v1(),
            capability__code="market-and-value-for-money",
            order=1,
        )
        descriptors = dict(question.levels.values_list("score", "descriptor"))
        assert descriptors[1] == "We do not know when our main technology contracts end."
        assert "18 months ahead" in descriptors[5]

    def test_loading_again_changes_nothing(self):
        from importlib import import_module

        from django.apps import apps

        module = import_module("hub.assessment.migrations.0002_framework_v1")
        module.load_framework_v1(apps, None)
        assert Framework.objects.filter(version=1).count() == 1
        assert Question.objects.filter(capability__framework=v1()).count() == 18

    def test_new_assessments_start_on_it(self):
        person = PersonFactory()
        assessment = answering.assessment_start(user=person.user, title="Spring")
        assert assessment.framework == v1()


# The public page --------------------------------------------------------------------------


class TestCurrentFrameworkPage:
    @pytest.mark.parametrize("role", [None, Role.MEMBER, Role.EDITOR])
    def test_shows_every_capability_question_and_descriptor(self, client_as, role):
        response = client_as(role).get(reverse("assessment:framework"))
        assert response.status_code == 200
        html = response.content.decode()
        for capability in v1().capabilities.all():
            assert capability.title in html
        for question in Question.objects.filter(capability__framework=v1()):
            assert question.text.replace("'", "&#x27;") in html
        assert "We do not know when our main technology contracts end." in html

    def test_shows_the_latest_published_version(self, client):
        newer = FrameworkFactory(questions=1)
        html = client.get(reverse("assessment:framework")).content.decode()
        assert f"Version {newer.version}" in html
        assert "We do not know when our main technology contracts end." not in html

    def test_links_to_versions_only_for_staff(self, client_as):
        versions = reverse("assessment:framework-versions")
        assert (
            versions
            not in client_as(Role.MEMBER).get(reverse("assessment:framework")).content.decode()
        )

    def test_staff_see_the_link_to_versions(self, client_as):
        html = client_as(Role.FACILITATOR).get(reverse("assessment:framework")).content.decode()
        assert reverse("assessment:framework-versions") in html


# Who may see and change versions -----------------------------------------------------------


STAFF_PAGES = [
    ("assessment:framework-versions", {}),
    ("assessment:framework-version", {"version": 1}),
]


class TestVersionAccess:
    @pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
    def test_anonymous_are_sent_to_sign_in(self, client, name, kwargs):
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302
        assert reverse("accounts:sign-in") in response.url

    @pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
    @pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAMPION])
    def test_members_are_refused(self, client_as, name, kwargs, role):
        assert client_as(role).get(reverse(name, kwargs=kwargs)).status_code == 403

    @pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
    @pytest.mark.parametrize("role", [Role.EDITOR, Role.FACILITATOR, Role.PROGRAMME_ADMIN])
    def test_programme_staff_see_them(self, client_as, name, kwargs, role):
        assert client_as(role).get(reverse(name, kwargs=kwargs)).status_code == 200

    def test_a_member_cannot_make_a_draft(self, client_as):
        response = client_as(Role.MEMBER).post(reverse("assessment:framework-version-new"))
        assert response.status_code == 403
        assert not Framework.objects.filter(status=FrameworkStatus.DRAFT).exists()

    def test_an_unknown_version_is_not_found(self, client_as):
        response = client_as(Role.EDITOR).get(reverse("assessment:framework-version", args=[99]))
        assert response.status_code == 404

    def test_the_list_shows_each_version_with_its_assessments(self, client_as):
        AssessmentFactory(framework=v1())
        response = client_as(Role.EDITOR).get(reverse("assessment:framework-versions"))
        html = response.content.decode()
        assert "Version 1" in html
        assert response.context["versions"].get(version=1).assessment_count == 1


# Drafts ----------------------------------------------------------------------------------


class TestNewDraft:
    def test_copies_the_published_version(self, client_as):
        client = client_as(Role.EDITOR)
        assert client.get(reverse("assessment:framework-version-new")).status_code == 200
        response = client.post(reverse("assessment:framework-version-new"))
        draft = Framework.objects.get(status=FrameworkStatus.DRAFT)
        assert response.url == reverse("assessment:framework-version", args=[draft.version])
        assert draft.version == 2
        source, copy = v1(), draft
        assert list(copy.capabilities.values_list("code", "title", "description")) == list(
            source.capabilities.values_list("code", "title", "description")
        )
        fields = ("capability__code", "text", "help_text", "order")
        assert list(Question.objects.filter(capability__framework=copy).values_list(*fields)) == (
            list(Question.objects.filter(capability__framework=source).values_list(*fields))
        )
        level_fields = ("question__text", "score", "label", "descriptor")
        assert sorted(
            Level.objects.filter(question__capability__framework=copy).values_list(*level_fields)
        ) == sorted(
            Level.objects.filter(question__capability__framework=source).values_list(*level_fields)
        )

    def test_only_one_draft_at_a_time(self, client_as):
        client = client_as(Role.EDITOR)
        client.post(reverse("assessment:framework-version-new"))
        response = client.post(reverse("assessment:framework-version-new"))
        assert response.url == reverse("assessment:framework-version", args=[2])
        assert Framework.objects.filter(status=FrameworkStatus.DRAFT).count() == 1
        with pytest.raises(services.FrameworkError):
            services.framework_copy(source=v1())


@pytest.fixture
def draft():
    return services.framework_copy(source=v1())


class TestEditingADraft:
    def test_the_draft_page_offers_changes(self, client_as, draft):
        html = (
            client_as(Role.EDITOR)
            .get(reverse("assessment:framework-version", args=[draft.version]))
            .content.decode()
        )
        question = Question.objects.filter(capability__framework=draft).first()
        assert reverse("assessment:framework-question", args=[draft.version, question.pk]) in html

    def test_a_published_version_offers_none(self, client_as):
        html = (
            client_as(Role.EDITOR)
            .get(reverse("assessment:framework-version", args=[1]))
            .content.decode()
        )
        question = Question.objects.filter(capability__framework=v1()).first()
        assert reverse("assessment:framework-question", args=[1, question.pk]) not in html
        assert "cannot be changed" in html

    def test_change_a_capability(self, client_as, draft):
        url = reverse("assessment:framework-capability", args=[draft.version, "user-insight-first"])
        client = client_as(Role.FACILITATOR)
        assert client.get(url).status_code == 200
        response = client.post(url, {"title": "Users first", "description": "Research first."})
        assert response.status_code == 302
        capability = Capability.objects.get(framework=draft, code="user-insight-first")
        assert (capability.title, capability.description) == ("Users first", "Research first.")
        assert Capability.objects.get(framework=v1(), code="user-insight-first").title != (
            "Users first"
        )

    def test_change_a_question_and_its_scale(self, client_as, draft):
        question = Question.objects.filter(capability__framework=draft).first()
        url = reverse("assessment:framework-question", args=[draft.version, question.pk])
        client = client_as(Role.EDITOR)
        page = client.get(url)
        assert question.levels.get(score=3).descriptor in page.content.decode()
        response = client.post(url, {"text": "A new question?", "help_text": "", **level_data()})
        assert response.status_code == 302
        question.refresh_from_db()
        assert question.text == "A new question?"
        assert list(question.levels.values_list("label", "descriptor")) == [
            (f"Level label {s}", f"Level descriptor {s}") for s in range(1, 6)
        ]

    def test_every_level_needs_a_descriptor(self, client_as, draft):
        question = Question.objects.filter(capability__framework=draft).first()
        url = reverse("assessment:framework-question", args=[draft.version, question.pk])
        data = {"text": "A new question?", **level_data()}
        data["descriptor_4"] = ""
        response = client_as(Role.EDITOR).post(url, data)
        assert response.status_code == 200
        assert "Enter a descriptor for level 4" in response.content.decode()
        question.refresh_from_db()
        assert question.text != "A new question?"

    def test_add_and_remove_a_question(self, client_as, draft):
        client = client_as(Role.EDITOR)
        url = reverse(
            "assessment:framework-question-new", args=[draft.version, "resources-and-skills"]
        )
        response = client.post(url, {"text": "Do you share skills?", **level_data("New")})
        assert response.status_code == 302
        capability = Capability.objects.get(framework=draft, code="resources-and-skills")
        added = capability.questions.get(text="Do you share skills?")
        assert added.levels.count() == 5
        assert capability.questions.count() == 4
        remove = reverse("assessment:framework-question-remove", args=[draft.version, added.pk])
        assert client.get(remove).status_code == 200
        client.post(remove)
        assert capability.questions.count() == 3

    def test_the_last_question_of_a_capability_stays(self, client_as, draft):
        capability = Capability.objects.get(framework=draft, code="resources-and-skills")
        *others, last = capability.questions.all()
        for question in others:
            services.question_remove(question=question)
        url = reverse("assessment:framework-question-remove", args=[draft.version, last.pk])
        response = client_as(Role.EDITOR).post(url)
        assert response.status_code == 200
        assert "needs at least one question" in response.content.decode()
        assert capability.questions.count() == 1

    def test_change_the_title_and_what_changed(self, client_as, draft):
        url = reverse("assessment:framework-version-details", args=[draft.version])
        client_as(Role.EDITOR).post(
            url, {"title": "Version two", "introduction": "Hello", "change_note": "Shorter."}
        )
        draft.refresh_from_db()
        assert (draft.title, draft.change_note) == ("Version two", "Shorter.")

    def test_a_member_cannot_change_a_draft(self, client_as, draft):
        question = Question.objects.filter(capability__framework=draft).first()
        url = reverse("assessment:framework-question", args=[draft.version, question.pk])
        response = client_as(Role.MEMBER).post(url, {"text": "Hijacked", **level_data()})
        assert response.status_code == 403
        question.refresh_from_db()
        assert question.text != "Hijacked"


class TestPublishedVersionsAreNeverEdited:
    def test_the_pages_send_staff_back(self, client_as):
        question = Question.objects.filter(capability__framework=v1()).first()
        url = reverse("assessment:framework-question", args=[1, question.pk])
        response = client_as(Role.EDITOR).post(url, {"text": "Changed", **level_data()})
        assert response.url == reverse("assessment:framework-version", args=[1])
        question.refresh_from_db()
        assert question.text != "Changed"

    def test_the_services_refuse(self):
        question = Question.objects.filter(capability__framework=v1()).first()
        capability = question.capability
        with pytest.raises(services.FrameworkError, match="only a draft can be changed"):
            services.question_update(
                question=question,
                text="x",
                help_text="",
                levels={s: ("a", "b") for s in range(1, 6)},
            )
        with pytest.raises(services.FrameworkError):
            services.capability_update(capability=capability, title="x", description="y")
        with pytest.raises(services.FrameworkError):
            services.question_remove(question=question)
        with pytest.raises(services.FrameworkError):
            services.framework_publish(framework=v1())


class TestPublishing:
    def test_an_editor_may_not_publish(self, client_as, draft):
        url = reverse("assessment:framework-version-publish", args=[draft.version])
        assert client_as(Role.EDITOR).post(url).status_code == 403
        draft.refresh_from_db()
        assert draft.status == FrameworkStatus.DRAFT

    def test_a_programme_admin_publishes_and_the_previous_version_retires(self, client_as, draft):
        client = client_as(Role.PROGRAMME_ADMIN)
        url = reverse("assessment:framework-version-publish", args=[draft.version])
        assert client.get(url).status_code == 200
        response = client.post(url)
        assert response.url == reverse("assessment:framework-versions")
        draft.refresh_from_db()
        assert draft.status == FrameworkStatus.PUBLISHED
        assert draft.published_at is not None
        assert v1().status == FrameworkStatus.RETIRED
        assert services.current_framework() == draft
        assert Framework.objects.filter(status=FrameworkStatus.PUBLISHED).count() == 1

    def test_an_open_assessment_keeps_its_version(self, draft):
        person = PersonFactory()
        before = answering.assessment_start(user=person.user, title="Before")
        services.framework_publish(framework=draft)
        before.refresh_from_db()
        assert before.framework == v1()
        assert before.is_open
        after = answering.assessment_start(user=person.user, title="After")
        assert after.framework == draft

    def test_an_incomplete_draft_cannot_be_published(self, client_as, draft):
        Level.objects.filter(question__capability__framework=draft, score=2).first().delete()
        response = client_as(Role.PROGRAMME_ADMIN).post(
            reverse("assessment:framework-version-publish", args=[draft.version])
        )
        assert response.status_code == 200
        assert "needs a label and descriptor for every level" in response.content.decode()
        draft.refresh_from_db()
        assert draft.status == FrameworkStatus.DRAFT
        assert v1().status == FrameworkStatus.PUBLISHED
