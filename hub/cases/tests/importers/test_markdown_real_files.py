"""The real collections from ../shared/data: every document arrives, cleaned, once."""

import csv
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from hub.cases.importers.markdown import COLLECTIONS, content_import, read_collection
from hub.cases.models import Resource
from hub.organisations.models import Organisation, OrganisationKind

DESIGN_HISTORIES = settings.HUB_SHARED_DATA_DIR / COLLECTIONS["design-histories"].folder
SERVICE_MANUAL = settings.HUB_SHARED_DATA_DIR / COLLECTIONS["service-manual"].folder
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)$", re.IGNORECASE)
# "password: x", "**Password:** x", "password - x", "password is 'x'", on one line.
PASSWORD_GIVEN = re.compile(
    r"\b(?:password|passcode|pw)\b\**[ \t]*"
    r"(?:[:=]|[ \t]-[ \t]|[ \t]is[ \t]+['‘\"“])\**[ \t]*[^\s\[]",
    re.IGNORECASE,
)
# Real demo passwords the source publishes, which must not come through.
PUBLISHED_PASSWORDS = ("bsaasc123", "ascbsa123")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (DESIGN_HISTORIES.exists() and SERVICE_MANUAL.exists()),
        reason=f"the shared collections are not in {settings.HUB_SHARED_DATA_DIR}",
    ),
]


def manifest(folder: Path) -> list[dict]:
    with (folder / "manifest.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def import_collection(name: str, folder: Path):
    started = time.perf_counter()
    summary = content_import(content=read_collection(name=name, folder=folder))
    return summary, time.perf_counter() - started


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """Both collections, imported once for this module's tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        design_histories, dh_seconds = import_collection("design-histories", DESIGN_HISTORIES)
        service_manual, sm_seconds = import_collection("service-manual", SERVICE_MANUAL)
        print(
            f"\nImported {design_histories.created} design histories in {dh_seconds:.1f}s and "
            f"{service_manual.created} Service Manual pages in {sm_seconds:.1f}s"
        )
        yield design_histories, service_manual, dh_seconds + sm_seconds
        transaction.set_rollback(True)


def test_every_document_in_the_manifests_arrives_once_and_quickly(imported):
    design_histories, service_manual, seconds = imported
    dh_rows, sm_rows = manifest(DESIGN_HISTORIES), manifest(SERVICE_MANUAL)
    assert design_histories.created == len(dh_rows) == 1104
    assert service_manual.created == len(sm_rows) == 194
    keys = list(Resource.objects.values_list("source_key", flat=True))
    assert len(keys) == len(set(keys)) == 1104 + 194
    assert set(keys) == {f"dh:{row['doc_id']}" for row in dh_rows} | {
        f"sm:{row['doc_id']}" for row in sm_rows
    }
    assert seconds < 60


def test_no_email_address_or_password_comes_through(imported):
    for resource in Resource.objects.all():
        for name in ("title", "summary", "body"):
            text = getattr(resource, name)
            addresses = [a for a in EMAIL.findall(text) if not IMAGE_FILE.search(a)]
            assert not addresses, (resource.source_key, name, addresses)
            given = PASSWORD_GIVEN.search(text)
            assert not given, (resource.source_key, name, given and given[0])
            assert not any(word in text for word in PUBLISHED_PASSWORDS), resource.source_key


def test_no_template_macros_come_through(imported):
    assert not Resource.objects.filter(body__contains="{%").exists()
    assert not Resource.objects.filter(body__contains="{{").exists()


def test_authors_are_not_imported(imported):
    assert not [field for field in Resource._meta.get_fields() if "author" in field.name]
    author_links = Resource.objects.filter(body__icontains="mailto:")
    assert not author_links.exists()


def test_every_record_has_a_title_and_a_summary_within_the_word_limit(imported):
    for title, summary in Resource.objects.values_list("title", "summary"):
        assert title
        assert summary
        assert len(summary.split()) <= 120


def test_the_organisations_added_are_central_or_nhs_bodies(imported):
    design_histories, service_manual, _ = imported
    added = design_histories.organisations_created + service_manual.organisations_created
    assert sorted(added) == [
        "Crown Prosecution Service",
        "Department for Education",
        "Government Digital Service",
        "HM Prison and Probation Service",
        "Ministry of Housing, Communities and Local Government",
        "Ministry of Justice",
        "NHS Business Services Authority",
        "NHS England",
        "Teaching Regulation Agency",
    ]
    kinds = set(Organisation.objects.filter(name__in=added).values_list("kind", flat=True))
    assert kinds == {OrganisationKind.CENTRAL_GOVERNMENT, OrganisationKind.NHS_BODY}
    assert not Resource.objects.filter(lead_organisation=None).exists()


def test_a_second_run_changes_nothing(imported):
    again_dh, _ = import_collection("design-histories", DESIGN_HISTORIES)
    again_sm, _ = import_collection("service-manual", SERVICE_MANUAL)
    assert (again_dh.created, again_dh.updated, again_dh.unchanged) == (0, 0, 1104)
    assert (again_sm.created, again_sm.updated, again_sm.unchanged) == (0, 0, 194)
    assert not again_dh.organisations_created
    assert not again_sm.organisations_created
