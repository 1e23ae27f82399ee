"""The matching pages: who may use them, the suggestions with their reasons, dismissing one,
and a batch match from a pasted or uploaded cohort with its CSV export."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.accounts.roles import Role
from hub.cases.tests.factories import ResourceFactory
from hub.champions.models import DismissedSuggestion
from hub.champions.tests.factories import ChampionProfileFactory
from hub.organisations.tests.factories import PersonFactory
from hub.search.embeddings import reset_embedding_provider
from hub.search.semantic import reset_indexes
from hub.search.services import search_rebuild

pytestmark = pytest.mark.django_db

COHORT = (
    "name,email,organisation,problem\n"
    "Ana Example,ana@example.gov.uk,Testshire,Residents report missed bins by phone\n"
    "Ben Example,ben@example.gov.uk,,We want tenants to book housing repairs online\n"
    "Cal Example,cal@example.gov.uk,,We need to recruit more foster carers\n"
)


@pytest.fixture(autouse=True)
def _fresh_search():
    reset_embedding_provider()
    reset_indexes()
    yield
    reset_embedding_provider()
    reset_indexes()


@pytest.fixture
def champions():
    bins = ResourceFactory(title="Residents report missed bins online")
    repairs = ResourceFactory(title="Tenants book housing repairs online")
    found = {
        "bins": ChampionProfileFactory(
            person=PersonFactory(full_name="Priya Waste"), cases_led=[bins], mentee_capacity=1
        ),
        "repairs": ChampionProfileFactory(
            person=PersonFactory(full_name="Alan Housing"), cases_led=[repairs]
        ),
    }
    search_rebuild(kinds=["case"])
    return found


# --- Who may use the pages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("match", "get"),
        ("match", "post"),
        ("batch", "get"),
        ("batch", "post"),
        ("batch_export", "get"),
    ],
)
def test_the_public_are_sent_to_sign_in(client, name, method):
    response = getattr(client, method)(reverse(f"champions:{name}"))
    assert response.status_code == 302
    assert "/sign-in" in response["Location"]


def test_the_public_cannot_dismiss(client, champions):
    response = client.post(reverse("champions:dismiss", args=[champions["bins"].pk]))
    assert response.status_code == 302
    assert "/sign-in" in response["Location"]
    assert not DismissedSuggestion.objects.exists()


@pytest.mark.parametrize("name", ["batch", "batch_export"])
@pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAMPION])
def test_only_programme_staff_run_a_batch(client_as, name, role):
    assert client_as(role).get(reverse(f"champions:{name}")).status_code == 403


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN])
def test_programme_staff_see_the_batch_page(client_as, role):
    response = client_as(role).get(reverse("champions:batch"))
    assert response.status_code == 200
    assert "Match a cohort to champions" in response.content.decode()


def test_dismiss_is_post_only(client_as, champions):
    response = client_as(Role.MEMBER).get(reverse("champions:dismiss", args=[champions["bins"].pk]))
    assert response.status_code == 405


# --- Single match -------------------------------------------------------------------------


def test_a_member_is_asked_one_question(client_as):
    response = client_as(Role.MEMBER).get(reverse("champions:match"))
    assert response.status_code == 200
    assert '<h1 class="govuk-label-wrapper">' in response.content.decode()
    assert "What do you want help with?" in response.content.decode()


def test_an_empty_problem_shows_the_error_summary(client_as):
    response = client_as(Role.MEMBER).post(reverse("champions:match"), {"problem": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter what you want help with" in page


def test_suggestions_with_reasons_then_not_for_me(client, champions):
    member = PersonFactory().user
    client.force_login(member)
    response = client.post(
        reverse("champions:match"), {"problem": "Residents report missed bins by phone"}
    )
    assert response.status_code == 302
    page = client.get(reverse("champions:match")).content.decode()
    assert page.index("Priya Waste") < page.index("Alan Housing")
    assert "Led: Residents report missed bins online" in page
    assert "Can take 1 more mentee" in page
    assert reverse("champions:detail", args=[champions["bins"].slug]) in page
    assert reverse("champions:dismiss", args=[champions["bins"].pk]) in page

    response = client.post(reverse("champions:dismiss", args=[champions["bins"].pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("champions:match")
    assert DismissedSuggestion.objects.filter(user=member, champion=champions["bins"]).exists()
    assert mail.outbox == []
    page = client.get(reverse("champions:match")).content.decode()
    assert "Alan Housing" in page
    assert "Led: Residents report missed bins online" not in page


def test_a_champion_not_approved_cannot_be_dismissed(client_as):
    nominated = ChampionProfileFactory(nominated=True)
    response = client_as(Role.MEMBER).post(reverse("champions:dismiss", args=[nominated.pk]))
    assert response.status_code == 404


# --- Batch match ---------------------------------------------------------------------------


def test_staff_match_a_pasted_cohort_and_export_it(client_as, champions):
    client = client_as(Role.FACILITATOR)
    response = client.post(reverse("champions:batch"), {"pasted": COHORT})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 of 3 mentees paired" in page
    assert "Led: Residents report missed bins online" in page
    assert "Led: Tenants book housing repairs online" in page
    not_paired = page[page.index("Not paired") :]
    assert "Cal Example" in not_paired

    export = client.get(reverse("champions:batch_export"))
    assert export["Content-Type"].startswith("text/csv")
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[0] == "Mentee,Email,Organisation,Problem,Champion,Fit,Reasons"
    assert any(line.startswith("Ana Example,") and "Priya Waste" in line for line in lines)
    assert any(line.startswith("Cal Example,") and "Not assigned" in line for line in lines)


def test_staff_upload_a_cohort_file(client_as, champions):
    upload = SimpleUploadedFile("cohort.csv", COHORT.encode("utf-8-sig"), "text/csv")
    response = client_as(Role.PROGRAMME_ADMIN).post(reverse("champions:batch"), {"file": upload})
    assert "2 of 3 mentees paired" in response.content.decode()


def test_a_cohort_with_problems_names_each_row(client_as):
    rows = "name,email,organisation,problem\n,not-an-email,,short\nAna,ana@example.gov.uk,,x\n"
    response = client_as(Role.FACILITATOR).post(reverse("champions:batch"), {"pasted": rows})
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Row 2: enter a name" in page
    assert "Row 2: enter an email address in the correct format" in page
    assert "Row 3: describe the problem in at least 10 characters" in page


def test_a_cohort_without_the_headings_is_refused(client_as):
    response = client_as(Role.FACILITATOR).post(
        reverse("champions:batch"), {"pasted": "Ana,ana@example.gov.uk,,Missed bins by phone"}
    )
    assert "Row 1 must be the headings" in response.content.decode()


def test_export_before_a_match_goes_back_to_the_batch_page(client_as):
    response = client_as(Role.FACILITATOR).get(reverse("champions:batch_export"))
    assert response.status_code == 302
    assert response["Location"] == reverse("champions:batch")
