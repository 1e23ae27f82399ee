"""The real register from ../shared/data: every current council arrives as the file says."""

import csv

import pytest
from django.conf import settings

from hub.organisations.importers.register import REGISTER_KINDS, read_register, register_import
from hub.organisations.models import Organisation

REGISTER = (
    settings.HUB_SHARED_DATA_DIR / "uk-local-authorities" / "uk_local_authorities_current.csv"
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REGISTER.exists(), reason=f"the shared register is not at {REGISTER}"),
]


def test_every_current_council_in_the_file_has_its_gss_code_kind_and_region():
    summary = register_import(rows=read_register(REGISTER))
    with REGISTER.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert summary.created == len(rows)
    current = [row for row in rows if row["current-authority"] == "True"]
    imported = {org.register_code: org for org in Organisation.objects.filter(is_current=True)}
    assert len(imported) == len(current)
    for row in current:
        org = imported[row["local-authority-code"]]
        assert org.gss_code == row["gss-code"], row["local-authority-code"]
        assert org.kind == REGISTER_KINDS[row["local-authority-type"]], row["local-authority-code"]
        assert org.region == row["region"], row["local-authority-code"]
        assert org.nation == row["nation"], row["local-authority-code"]
        assert org.name == row["official-name"]


def test_the_real_register_imports_idempotently():
    register_import(rows=read_register(REGISTER))
    again = register_import(rows=read_register(REGISTER))
    assert not again.changed_anything
