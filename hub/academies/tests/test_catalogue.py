"""The academies' home page, modules and councillor briefings (page, print and PDF)."""

import io

import pytest
from django.urls import reverse

from hub.academies.models import AcademyKind, CohortStatus, LearningOutcome
from hub.academies.tests.factories import (
    BriefingFactory,
    CohortFactory,
    ModuleFactory,
    SessionFactory,
)
from hub.accounts.roles import Role
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

STAFF = [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN]


class TestHome:
    def test_explains_both_academies_and_the_six_outcomes(self, client):
        ModuleFactory(academy=AcademyKind.MEMBER, title="Digital risk for members")
        ModuleFactory(title="Joining up care")
        CohortFactory(title="Riverside Digital Academy")
        CohortFactory(status=CohortStatus.DRAFT, title="Secret draft")
        CohortFactory(status=CohortStatus.RUNNING, title="Running already")
        html = client.get(reverse("academies:home")).content.decode()
        assert "Member Leadership Academy" in html
        assert "6 to 8 sessions over 6 to 9 months" in html
        assert "100-day plan" in html
        assert LearningOutcome.objects.count() == 6
        for outcome in LearningOutcome.objects.all():
            assert outcome.title in html
        assert "Digital risk for members" in html
        assert "Joining up care" in html
        assert "Riverside Digital Academy" in html
        assert "Secret draft" not in html
        assert "Running already" not in html
        assert reverse("academies:briefings") in html

    def test_your_academies_link_for_the_signed_in(self, client_as):
        mine = reverse("academies:mine")
        assert mine not in client_as(None).get(reverse("academies:home")).content.decode()
        assert mine in client_as(Role.MEMBER).get(reverse("academies:home")).content.decode()


class TestModules:
    def test_list_filters_by_academy_and_hides_unpublished(self, client):
        ModuleFactory(academy=AcademyKind.MEMBER, title="Members module")
        ModuleFactory(title="Digital module")
        ModuleFactory(title="Unready module", is_published=False)
        html = client.get(reverse("academies:modules")).content.decode()
        assert "Members module" in html
        assert "Digital module" in html
        assert "Unready module" not in html
        html = client.get(reverse("academies:modules"), {"academy": "member"}).content.decode()
        assert "Members module" in html
        assert "Digital module" not in html

    def test_detail_shows_content_outcomes_published_cases_reading_sessions_briefings(self, client):
        module = ModuleFactory(
            content="Partners agree **one** outcome.",
            further_reading="- [Guide](https://example.org/guide)",
        )
        module.cases.add(
            ResourceFactory(title="Published case"),
            ResourceFactory(title="Draft case", status=Status.DRAFT),
        )
        briefing = BriefingFactory(title="Cyber briefing")
        briefing.modules.add(module)
        BriefingFactory(title="Hidden briefing", is_published=False).modules.add(module)
        session = SessionFactory(cohort=CohortFactory(), number=1, module=module)
        SessionFactory(cohort=CohortFactory(status=CohortStatus.DRAFT), number=1, module=module)
        html = client.get(module.get_absolute_url()).content.decode()
        assert "<strong>one</strong>" in html
        assert 'href="https://example.org/guide"' in html
        for outcome in module.outcomes.all():
            assert outcome.title in html
        assert "Published case" in html
        assert "Draft case" not in html
        assert "Cyber briefing" in html
        assert "Hidden briefing" not in html
        assert session.get_absolute_url() in html
        assert html.count("Session 1 of") == 1

    def test_content_is_sanitised(self, client):
        module = ModuleFactory(content="<script>alert(1)</script>Hello")
        html = client.get(module.get_absolute_url()).content.decode()
        assert "<script>alert(1)" not in html

    @pytest.mark.parametrize("role", [None, Role.MEMBER, Role.CHAMPION])
    def test_unpublished_module_is_404_to_all_but_staff(self, client_as, role):
        module = ModuleFactory(is_published=False)
        assert client_as(role).get(module.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize("role", STAFF)
    def test_staff_see_unpublished_module_marked(self, client_as, role):
        module = ModuleFactory(is_published=False, title="Draft module")
        client = client_as(role)
        response = client.get(module.get_absolute_url())
        assert response.status_code == 200
        assert "This module is not published" in response.content.decode()
        assert "Draft module" in client.get(reverse("academies:modules")).content.decode()


class TestBriefings:
    def test_list_hides_unpublished(self, client):
        BriefingFactory(title="Cyber questions")
        BriefingFactory(title="Hidden questions", is_published=False)
        html = client.get(reverse("academies:briefings")).content.decode()
        assert "Cyber questions" in html
        assert "Hidden questions" not in html

    def test_detail_is_printable_and_links_the_pdf(self, client):
        module = ModuleFactory(title="Data and risk")
        briefing = BriefingFactory(what_good_looks_like="A tested **recovery plan**.")
        briefing.modules.add(module)
        briefing.cases.add(ResourceFactory(title="Recovery case"))
        html = client.get(briefing.get_absolute_url()).content.decode()
        assert "Who owns cyber risk on the leadership team?" in html
        assert "<strong>recovery plan</strong>" in html
        assert "Recovery case" in html
        assert module.get_absolute_url() in html
        assert "academies/briefing-print.css" in html
        assert "Print this page" in html
        assert reverse("academies:briefing-pdf", args=[briefing.slug]) in html

    @pytest.mark.parametrize("role", [None, Role.MEMBER])
    def test_unpublished_briefing_is_404_to_all_but_staff(self, client_as, role):
        briefing = BriefingFactory(is_published=False)
        client = client_as(role)
        assert client.get(briefing.get_absolute_url()).status_code == 404
        pdf = reverse("academies:briefing-pdf", args=[briefing.slug])
        assert client.get(pdf).status_code == 404

    @pytest.mark.parametrize("role", STAFF)
    def test_staff_see_unpublished_briefing(self, client_as, role):
        briefing = BriefingFactory(is_published=False)
        assert client_as(role).get(briefing.get_absolute_url()).status_code == 200

    def test_pdf_is_one_page_with_the_questions(self, client):
        pypdf = pytest.importorskip("pypdf")
        pytest.importorskip("weasyprint")
        briefing = BriefingFactory(title="Cyber security for councillors")
        response = client.get(reverse("academies:briefing-pdf", args=[briefing.slug]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert f'filename="{briefing.slug}.pdf"' in response["Content-Disposition"]
        reader = pypdf.PdfReader(io.BytesIO(response.content))
        assert len(reader.pages) == 1
        text = reader.pages[0].extract_text()
        assert "Cyber security for councillors" in text
        assert "When did we last test recovery?" in text
