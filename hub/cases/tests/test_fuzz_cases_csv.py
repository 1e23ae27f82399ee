"""Fuzzing the good practice bulk CSV importer: valid rows mixed with hostile ones, and damage."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hub.cases.importers.bulk_csv import (
    TEMPLATE_COLUMNS,
    cases_csv_import,
    read_cases_csv,
)
from hub.cases.models import Resource, ResourceKind, Sector, Stage
from hub.core.importing import ImportFileError
from hub.core.tests.fuzzing import (
    FUZZ,
    ImportOutcomes,
    csv_text,
    damaged,
    spoiled,
)
from hub.organisations.tests.factories import OrganisationFactory
from hub.taxonomy.models import Theme, ThemeKind
from hub.taxonomy.tests.factories import ServiceAreaFactory

WRITES_TO = ("cases", "taxonomy", "organisations", "search")
COLUMNS = list(TEMPLATE_COLUMNS)
word = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12)


@st.composite
def valid_row(draw):
    return {
        "key": draw(st.sampled_from(["fz-1", "fz-2", "fz-3", "fz.4"])),
        "kind": draw(st.sampled_from(["", *ResourceKind.values])),
        "title": draw(st.text(min_size=1, max_size=60).filter(str.strip)),
        "summary": " ".join(draw(st.lists(word, min_size=1, max_size=8))),
        "problem": draw(st.text(max_size=80)),
        "lead_organisation_gss_code": "E06000950",
        "partner_organisation_gss_codes": draw(st.sampled_from(["", "E06000950"])),
        "sector": draw(st.sampled_from(["", *Sector.values])),
        "lgsl_codes": draw(st.sampled_from(["", "1614"])),
        "themes": draw(st.sampled_from(["", "fuzz-theme"])),
        "technologies": ";".join(draw(st.lists(word, max_size=3))),
        "suppliers": ";".join(draw(st.lists(word, max_size=2))),
        "stage": draw(st.sampled_from(["", *Stage.values])),
        "start_date": draw(st.sampled_from(["", "2024-04-01"])),
        "end_date": draw(st.sampled_from(["", "2025-03-31"])),
        "investment_pounds": draw(st.sampled_from(["", "0", "250000"])),
        "evidence_level": draw(st.sampled_from(["", "1", "5"])),
        "status": draw(st.sampled_from(["", "draft", "published"])),
        "source_url": draw(st.sampled_from(["", "https://example.org/case"])),
    }


@st.composite
def row(draw):
    return spoiled(draw, draw(valid_row()), COLUMNS)


def import_file(path):
    rows = read_cases_csv(path)
    cases_csv_import(rows=rows)
    return rows


@st.composite
def cases_file(draw):
    header = list(COLUMNS)
    if draw(st.integers(0, 9)) == 0:
        header.remove(draw(st.sampled_from(["key", "title", "summary"])))
    if draw(st.integers(0, 9)) == 0:
        header.append("not_a_column")
    rows = draw(st.lists(row(), max_size=5))
    return draw(damaged(csv_text(header, [[r.get(c, "") for c in header] for r in rows])))


def plain_file(**changes):
    values = {
        "key": "fz-1",
        "title": "Chatbot",
        "summary": "A chatbot",
        "lead_organisation_gss_code": "E06000950",
    } | changes
    return csv_text(COLUMNS, [[values.get(column, "") for column in COLUMNS]]).encode()


@pytest.mark.django_db
def test_the_cases_csv_importer_imports_all_or_nothing_and_names_each_fault(tmp_path):
    OrganisationFactory(gss_code="E06000950")
    ServiceAreaFactory(lgsl_code=1614)
    Theme.objects.create(slug="fuzz-theme", name="Fuzz", kind=ThemeKind.DIGITAL_THEME)
    path = tmp_path / "cases.csv"

    @FUZZ
    @given(data=cases_file())
    @example(data=plain_file())  # imported
    @example(data=plain_file(evidence_level="inf"))  # once crashed the number check
    @example(data=plain_file(investment_pounds="9" * 30))  # once crashed the write
    @example(data=plain_file(title="a\x00b"))  # NUL: PostgreSQL refuses it in text
    @example(data=plain_file(title="caf\xe9").decode().encode("cp1252"))  # not UTF-8
    def check(data):
        path.write_bytes(data)
        rows = outcomes.run(lambda: import_file(path))
        if rows is None:
            return
        for imported in rows:
            resource = Resource.objects.get(source_key=imported.source_key)
            for name, value in imported.values.items():
                assert getattr(resource, name) == value, name
            assert {t.name for t in resource.technologies.all()} == set(imported.technologies) or (
                {t.name.casefold() for t in resource.technologies.all()}
                == {name.casefold() for name in imported.technologies}
            )

    outcomes = ImportOutcomes(*WRITES_TO, error=ImportFileError)
    check()
    outcomes.assert_both_paths()
