"""The import pages: who may see them, starting an import in the background, the report."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.accounts.roles import Role
from hub.market.forms_imports import MAX_UPLOAD_BYTES
from hub.market.models import Contract, ImportRun, ImportStatus, Source

pytestmark = pytest.mark.django_db

PACKAGE = {
    "releases": [
        {"ocid": "ocds-b5fd17-1", "date": "2025-01-01", "tender": {"title": "Parking"}},
        {"ocid": "", "date": "2025-01-01"},
    ]
}


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.HUB_MARKET_IMPORT_DIR = tmp_path / "uploads"


@pytest.mark.parametrize("name", ["market:imports", "market:import-new", "market:reviews"])
def test_only_programme_staff_see_the_import_pages(client_as, name):
    assert client_as(None).get(reverse(name)).status_code == 302
    assert client_as(Role.MEMBER).get(reverse(name)).status_code == 403
    assert client_as(Role.PROGRAMME_ADMIN).get(reverse(name)).status_code == 200


def test_an_upload_imports_in_the_background_and_reports(
    client_as, immediate_tasks, tmp_path, django_capture_on_commit_callbacks
):
    client = client_as(Role.PROGRAMME_ADMIN)
    upload = SimpleUploadedFile("cf.json", json.dumps(PACKAGE).encode(), "application/json")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("market:import-new"), {"file": upload})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("market:import", args=[run.pk])
    assert run.status == ImportStatus.DONE
    assert run.source == Source.CONTRACTS_FINDER
    assert Contract.objects.get().title == "Parking"
    assert not list((tmp_path / "uploads").iterdir())  # the upload is deleted once read
    page = client.get(response["Location"]).content.decode()
    assert "Contracts created" in page
    assert "ocid" in page
    assert "is missing" in page
    listing = client.get(reverse("market:imports")).content.decode()
    assert "cf.json" in listing


def test_a_running_import_links_to_refresh(client_as):
    run = ImportRun.objects.create(source=Source.OTHER_OCDS, location="x.json")
    page = client_as(Role.PROGRAMME_ADMIN).get(reverse("market:import", args=[run.pk]))
    assert "Refresh to see progress" in page.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello", "must be an OCDS package"),
        (b'{"uri": 1}', "must be an OCDS package"),
    ],
)
def test_an_upload_that_is_not_an_import_file_is_refused(client_as, content, message):
    upload = SimpleUploadedFile("f.json", content)
    response = client_as(Role.PROGRAMME_ADMIN).post(reverse("market:import-new"), {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_too_large_upload_is_refused(client_as, settings):
    upload = SimpleUploadedFile("big.json", b"{" + b" " * (MAX_UPLOAD_BYTES + 1) + b"}")
    response = client_as(Role.PROGRAMME_ADMIN).post(reverse("market:import-new"), {"file": upload})
    assert "must be smaller than" in response.content.decode()


def test_nothing_given_is_an_error(client_as):
    response = client_as(Role.PROGRAMME_ADMIN).post(reverse("market:import-new"), {})
    assert "Upload a file or give an address" in response.content.decode()


def test_a_url_import_starts_a_run(
    client_as, monkeypatch, immediate_tasks, django_capture_on_commit_callbacks
):
    from hub.market.importers import ocds

    monkeypatch.setattr(ocds, "read_location", lambda location: json.dumps(PACKAGE).encode())
    client = client_as(Role.PROGRAMME_ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("market:import-new"), {"url": "https://example.org/ocds"})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert run.location == "https://example.org/ocds"
    assert run.status == ImportStatus.DONE


def test_a_broken_url_file_fails_with_its_error(
    client_as, monkeypatch, immediate_tasks, django_capture_on_commit_callbacks
):
    from hub.market.importers import ocds

    monkeypatch.setattr(ocds, "read_location", lambda location: b"not json")
    with django_capture_on_commit_callbacks(execute=True):
        client_as(Role.PROGRAMME_ADMIN).post(
            reverse("market:import-new"), {"url": "https://example.org/ocds"}
        )
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert "not JSON" in run.error
    page = client_as(Role.PROGRAMME_ADMIN).get(reverse("market:import", args=[run.pk]))
    assert "nothing was written" in page.content.decode()


def test_the_list_of_runs_takes_few_queries(
    client_as, django_assert_max_num_queries, user_with_role
):
    admin = user_with_role(Role.PROGRAMME_ADMIN)
    for n in range(8):
        ImportRun.objects.create(
            source=Source.CONTRACTS_FINDER,
            location=f"file-{n}.json",
            started_by=admin,
            counts={"contracts_created": n},
            skipped=[{"row": "1", "field": "ocid", "reason": "is missing"}],
        )
    client = client_as(None)
    client.force_login(admin)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("market:imports")).content.decode()
    assert "file-7.json" in page
