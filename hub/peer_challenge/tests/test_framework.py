"""Version 1 of the digital lines of enquiry (the data migration), the public page, and
versions: copying the published version into a draft, editing the draft's elements and lines,
publishing it; a challenge keeps its version."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from hub.accounts.roles import Role
from hub.peer_challenge import framework as services
from hub.peer_challenge.models import EnquiryFramework, FrameworkStatus, LineOfEnquiry
from hub.peer_challenge.tests.factories import CORE_ELEMENTS, ChallengeFactory

pytestmark = pytest.mark.django_db


def v1() -> EnquiryFramework:
    return EnquiryFramework.objects.get(version=1)


def lines_of(framework: EnquiryFramework):
    return LineOfEnquiry.objects.filter(element__framework=framework)


def make_draft() -> EnquiryFramework:
    return services.framework_copy(source=v1())


# The migration ----------------------------------------------------------------------------


class TestFrameworkV1:
    def test_is_published_with_the_five_core_elements_in_order(self):
        framework = v1()
        assert framework.status == FrameworkStatus.PUBLISHED
        assert framework.published_at is not None
        assert list(framework.elements.values_list("code", "title")) == CORE_ELEMENTS
        assert all(element.description for element in framework.elements.all())

    def test_two_or_three_digital_lines_each_with_three_to_five_prompts(self):
        for element in v1().elements.all():
            assert 2 <= element.lines.count() <= 3
            for line in element.lines.all():
                prompts = line.prompts.splitlines()
                assert 3 <= len(prompts) <= 5
                assert all(prompt.startswith("- ") for prompt in prompts)
        assert len(set(lines_of(v1()).values_list("title", flat=True))) == lines_of(v1()).count()

    def test_asks_about_cyber_savings_and_skills(self):
        prompts = "\n".join(lines_of(v1()).values_list("prompts", flat=True))
        assert "How do members scrutinise digital programmes and their risks, including cyber?" in (
            prompts
        )
        assert "Does the medium-term financial plan show the savings digital change" in prompts
        assert "skills to commission and run digital services, and a plan to build them?" in (
            prompts
        )

    def test_loading_again_changes_nothing(self):
        count = lines_of(v1()).count()
        import_module("hub.peer_challenge.migrations.0002_framework_v1").load_framework_v1(
            apps, None
        )
        assert EnquiryFramework.objects.filter(version=1).count() == 1
        assert lines_of(v1()).count() == count


# The public page --------------------------------------------------------------------------


class TestCurrentFrameworkPage:
    @pytest.mark.parametrize("role", [None, Role.MEMBER, Role.FACILITATOR])
    def test_shows_every_element_line_and_prompt(self, client_as, role):
        response = client_as(role).get(reverse("peer_challenge:framework"))
        assert response.status_code == 200
        html = response.content.decode()
        for element in v1().elements.all():
            assert element.title in html
        for line in lines_of(v1()):
            assert line.title.replace("'", "&#x27;") in html
        assert "<li>How do members scrutinise digital programmes" in html

    def test_links_to_versions_only_for_staff(self, client_as):
        versions = reverse("peer_challenge:framework-versions")
        page = reverse("peer_challenge:framework")
        assert versions not in client_as(Role.MEMBER).get(page).content.decode()
        assert versions in client_as(Role.EDITOR).get(page).content.decode()

    def test_shows_the_newest_published_version(self, client):
        draft = make_draft()
        services.line_update(line=lines_of(draft).first(), title="A newer line", prompts="- Ask")
        services.framework_publish(framework=draft)
        html = client.get(reverse("peer_challenge:framework")).content.decode()
        assert f"Version {draft.version}" in html
        assert "A newer line" in html


# Who may see and change versions -----------------------------------------------------------

STAFF_PAGES = [
    ("peer_challenge:framework-versions", {}),
    ("peer_challenge:framework-version", {"version": 1}),
    ("peer_challenge:framework-version-new", {}),
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

    def test_a_member_cannot_make_a_draft_or_change_one(self, client_as):
        client = client_as(Role.MEMBER)
        assert client.post(reverse("peer_challenge:framework-version-new")).status_code == 403
        draft = make_draft()
        line = lines_of(draft).first()
        url = reverse("peer_challenge:framework-line", args=[draft.version, line.pk])
        assert client.post(url, {"title": "Hacked", "prompts": "- x"}).status_code == 403
        line.refresh_from_db()
        assert line.title != "Hacked"

    def test_the_list_counts_each_versions_challenges(self, client_as):
        ChallengeFactory(framework=v1())
        response = client_as(Role.EDITOR).get(reverse("peer_challenge:framework-versions"))
        assert response.context["versions"].get(version=1).challenge_count == 1
        assert "Make a new draft" in response.content.decode()


# Drafts ----------------------------------------------------------------------------------


class TestDrafts:
    def test_a_new_draft_copies_the_published_version(self, client_as):
        client = client_as(Role.FACILITATOR)
        response = client.post(reverse("peer_challenge:framework-version-new"))
        draft = EnquiryFramework.objects.get(status=FrameworkStatus.DRAFT)
        assert response.url == reverse("peer_challenge:framework-version", args=[draft.version])
        assert draft.version == 2
        fields = ("element__code", "code", "title", "prompts", "order")
        assert list(lines_of(draft).values_list(*fields)) == list(
            lines_of(v1()).values_list(*fields)
        )
        assert list(draft.elements.values_list("code", "title", "description")) == list(
            v1().elements.values_list("code", "title", "description")
        )

    def test_only_one_draft_at_a_time(self, client_as):
        client = client_as(Role.EDITOR)
        client.post(reverse("peer_challenge:framework-version-new"))
        response = client.post(reverse("peer_challenge:framework-version-new"))
        assert response.url == reverse("peer_challenge:framework-version", args=[2])
        assert EnquiryFramework.objects.filter(status=FrameworkStatus.DRAFT).count() == 1
        with pytest.raises(services.FrameworkError, match="already a draft"):
            make_draft()

    def test_staff_change_an_element_and_its_lines(self, client_as):
        client = client_as(Role.EDITOR)
        draft = make_draft()
        element = draft.elements.get(code="governance-and-culture")
        version_url = reverse("peer_challenge:framework-version", args=[draft.version])
        page = client.get(version_url).content.decode()
        assert reverse("peer_challenge:framework-element", args=[2, element.code]) in page

        response = client.post(
            reverse("peer_challenge:framework-element", args=[2, element.code]),
            {"title": "Governance, culture and cyber", "description": "How decisions are made."},
        )
        assert response.status_code == 302
        element.refresh_from_db()
        assert element.title == "Governance, culture and cyber"

        client.post(
            reverse("peer_challenge:framework-line-new", args=[2, element.code]),
            {"title": "Is cyber risk owned?", "prompts": "- Who owns cyber risk?"},
        )
        added = element.lines.get(title="Is cyber risk owned?")
        assert added.code == "is-cyber-risk-owned"
        assert added.order == element.lines.count()

        line = element.lines.first()
        client.post(
            reverse("peer_challenge:framework-line", args=[2, line.pk]),
            {"title": "Changed line", "prompts": "- A prompt"},
        )
        line.refresh_from_db()
        assert (line.title, line.prompts) == ("Changed line", "- A prompt")

        remove = reverse("peer_challenge:framework-line-remove", args=[2, added.pk])
        assert client.get(remove).status_code == 200
        assert client.post(remove).status_code == 302
        assert not element.lines.filter(pk=added.pk).exists()
        # The published version is untouched.
        assert v1().elements.get(code=element.code).title == "Governance and culture"

    def test_a_line_without_a_title_or_prompts_is_refused(self, client_as):
        draft = make_draft()
        element = draft.elements.first()
        response = client_as(Role.EDITOR).post(
            reverse("peer_challenge:framework-line-new", args=[draft.version, element.code]),
            {"title": "", "prompts": ""},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Enter the line of enquiry" in html
        assert "Enter at least one prompt" in html

    def test_the_last_line_of_an_element_cannot_be_removed(self, client_as):
        draft = make_draft()
        element = draft.elements.first()
        *others, last = element.lines.all()
        for line in others:
            services.line_remove(line=line)
        response = client_as(Role.EDITOR).post(
            reverse("peer_challenge:framework-line-remove", args=[draft.version, last.pk])
        )
        assert response.status_code == 200
        assert "needs at least one line of enquiry" in response.content.decode()
        assert element.lines.count() == 1

    @pytest.mark.parametrize(
        ("name", "args"),
        [
            ("peer_challenge:framework-element", [1, "governance-and-culture"]),
            ("peer_challenge:framework-line-new", [1, "governance-and-culture"]),
            ("peer_challenge:framework-version-details", [1]),
        ],
    )
    def test_a_published_version_is_never_edited(self, client_as, name, args):
        response = client_as(Role.EDITOR).post(
            reverse(name, args=args), {"title": "Changed", "description": "x", "prompts": "- x"}
        )
        assert response.url == reverse("peer_challenge:framework-version", args=[1])
        assert not lines_of(v1()).filter(title="Changed").exists()
        assert not v1().elements.filter(title="Changed").exists()
        assert v1().title == "Digital lines of enquiry"

    def test_a_published_line_is_never_removed(self, client_as):
        line = lines_of(v1()).first()
        response = client_as(Role.PROGRAMME_ADMIN).post(
            reverse("peer_challenge:framework-line-remove", args=[1, line.pk])
        )
        assert response.status_code == 302
        assert LineOfEnquiry.objects.filter(pk=line.pk).exists()
        with pytest.raises(services.FrameworkError, match="only a draft can be changed"):
            services.line_update(line=line, title="x", prompts="- x")

    def test_a_line_of_another_version_is_not_found(self, client_as):
        draft = make_draft()
        line = lines_of(v1()).first()
        response = client_as(Role.EDITOR).get(
            reverse("peer_challenge:framework-line", args=[draft.version, line.pk])
        )
        assert response.status_code == 404


# Publishing ------------------------------------------------------------------------------


class TestPublishing:
    @pytest.mark.parametrize("role", [Role.EDITOR, Role.FACILITATOR, Role.MEMBER])
    def test_only_programme_admins_publish(self, client_as, role):
        draft = make_draft()
        response = client_as(role).post(
            reverse("peer_challenge:framework-version-publish", args=[draft.version])
        )
        assert response.status_code == 403
        draft.refresh_from_db()
        assert draft.status == FrameworkStatus.DRAFT

    def test_publishing_retires_the_last_version_and_challenges_keep_theirs(self, client_as):
        challenge = ChallengeFactory(framework=v1())
        draft = make_draft()
        client = client_as(Role.PROGRAMME_ADMIN)
        url = reverse("peer_challenge:framework-version-publish", args=[draft.version])
        assert "Version 1 will be retired" in client.get(url).content.decode()
        assert client.post(url).url == reverse("peer_challenge:framework-versions")
        draft.refresh_from_db()
        assert draft.status == FrameworkStatus.PUBLISHED
        assert draft.published_at is not None
        assert v1().status == FrameworkStatus.RETIRED
        assert services.current_framework() == draft
        challenge.refresh_from_db()
        assert challenge.framework == v1()

    def test_a_draft_with_an_empty_element_is_not_published(self, client_as):
        draft = make_draft()
        element = draft.elements.first()
        element.lines.all().delete()
        response = client_as(Role.PROGRAMME_ADMIN).post(
            reverse("peer_challenge:framework-version-publish", args=[draft.version])
        )
        assert response.status_code == 200
        assert f"{element.title} has no lines of enquiry" in response.content.decode()
        draft.refresh_from_db()
        assert draft.status == FrameworkStatus.DRAFT

    def test_the_draft_page_offers_publishing_to_admins_only(self, client_as):
        draft = make_draft()
        url = reverse("peer_challenge:framework-version", args=[draft.version])
        publish = reverse("peer_challenge:framework-version-publish", args=[draft.version])
        assert publish in client_as(Role.PROGRAMME_ADMIN).get(url).content.decode()

    def test_editors_are_told_an_admin_publishes(self, client_as):
        draft = make_draft()
        url = reverse("peer_challenge:framework-version", args=[draft.version])
        assert "A programme admin publishes" in client_as(Role.EDITOR).get(url).content.decode()
