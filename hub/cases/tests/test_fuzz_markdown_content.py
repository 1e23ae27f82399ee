"""Fuzzing the Markdown content importer: manifests and documents, valid and hostile."""

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from hub.cases.importers.markdown import (
    COLLECTIONS,
    MANIFEST_FILENAME,
    content_import,
    read_collection,
)
from hub.cases.models import Resource
from hub.core.importing import ImportFileError
from hub.core.tests.fuzzing import (
    FUZZ,
    ImportOutcomes,
    csv_text,
    damaged,
    hostile_text,
    spoiled,
)

WRITES_TO = ("cases", "organisations", "search")
COMMIT = "045610df98c6a3eefcd92492705bbcd8ba596213"
yaml_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.dates(), hostile_text),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
HOSTILE_FRONT_MATTER = [
    "title: [unclosed",
    "- just\n- a list",
    "a: &a [*a, *a]",
    "!!python/object/apply:os.system ['true']",
    "date: 2022-02-30",
    "title: \x00",
    "\t: tab",
]


@st.composite
def front_matter(draw) -> str:
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(HOSTILE_FRONT_MATTER))
    front = {
        "title": draw(st.text(min_size=1, max_size=40).filter(str.strip)),
        "date": draw(st.sampled_from(["2022-01-06", "2022-01-06T10:00:00", "2016-12-20"])),
        "description": draw(st.text(max_size=60)),
        "phases": draw(st.sampled_from(["alpha", "beta", "live", ["beta"], "alpha, beta"])),
    }
    if draw(st.integers(0, 3)) == 0:
        front[draw(st.sampled_from(sorted(front)))] = draw(yaml_value)
    return yaml.safe_dump(front, allow_unicode=True)


@st.composite
def document(draw) -> bytes:
    text = f"---\n{draw(front_matter())}---\n\n{draw(st.text(max_size=200))}\n"
    if draw(st.integers(0, 4)) == 0:
        return draw(damaged(text))
    return text.encode()


@st.composite
def manifest_row(draw, number: int):
    values = {
        "doc_id": draw(st.sampled_from(["dh-1", "dh-2", "dh-3", "posts/a.md"])),
        "source_repo": "CPS-Innovation/new-design-history",
        "source_path": f"app/posts/{number}.md",
        "source_commit": COMMIT,
        "organisation": draw(
            st.sampled_from(["Crown Prosecution Service", "Department for Education"])
        ),
        "title": draw(st.text(max_size=30)),
        "date": draw(st.sampled_from(["", "2022-01-06"])),
        "file": f"posts/{number}.md",
    }
    return spoiled(draw, values, sorted(values))


@st.composite
def collection(draw):
    count = draw(st.integers(0, 4))
    rows = [draw(manifest_row(number)) for number in range(count)]
    files = {f"posts/{number}.md": draw(document()) for number in range(count)}
    header = sorted(rows[0]) if rows else ["doc_id", "file", "title"]
    manifest = csv_text(header, [[row[column] for column in header] for row in rows])
    if draw(st.integers(0, 4)) == 0:
        return draw(damaged(manifest)), files
    return manifest.encode(), files


def plain_collection(**changes):
    row = {
        "doc_id": "dh-1",
        "source_repo": "CPS-Innovation/new-design-history",
        "source_path": "app/posts/0.md",
        "source_commit": COMMIT,
        "organisation": "Crown Prosecution Service",
        "title": "Rumpole",
        "date": "2022-01-06",
        "file": "posts/0.md",
    } | changes
    header = sorted(row)
    return csv_text(header, [[row[c] for c in header]]).encode()


def a_document(front: str) -> dict:
    return {"posts/0.md": f"---\n{front}\n---\n\nBody.\n".encode()}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_the_content_importer_imports_all_or_nothing_and_names_each_fault(tmp_path, name):
    def import_folder():
        content = read_collection(name=name, folder=tmp_path)
        content_import(content=content)
        return content

    @FUZZ
    @given(files=collection())
    # A file name longer than the system allows once crashed the reader.
    @example(files=(plain_collection(file="x" * 300), {}))
    # Phases given as a number once crashed the reader (the service manual's).
    @example(files=(plain_collection(), a_document("title: A\nphases: 5")))
    # NUL in a document, or written "\0" in its YAML: PostgreSQL refuses it in text.
    @example(files=(plain_collection(), a_document("title: A\x00B")))
    @example(files=(plain_collection(), a_document('title: "A\\0B"')))
    @example(files=(plain_collection(), a_document("title: A")))  # imported
    def check(files):
        manifest, documents = files
        (tmp_path / "posts").mkdir(exist_ok=True)
        for old in (tmp_path / "posts").iterdir():
            old.unlink()
        (tmp_path / MANIFEST_FILENAME).write_bytes(manifest)
        for file_name, data in documents.items():
            (tmp_path / file_name).write_bytes(data)
        content = outcomes.run(import_folder)
        if content is None:
            return
        for imported in content.documents:
            resource = Resource.objects.get(source_key=imported.source_key)
            assert resource.title == imported.values["title"]
            assert resource.body == imported.values["body"]

    outcomes = ImportOutcomes(*WRITES_TO, error=ImportFileError)
    check()
    outcomes.assert_both_paths()
