"""The LGSL service list as search vocabulary: labels and former names."""

import pytest

from hub.search import vocabulary
from hub.taxonomy.models import ServiceArea
from hub.taxonomy.search import former_names, lgsl_terms, lgsl_version

NOTES = (
    "Added scope notes in version 2.02. Term name changed from 'Educating your child at home' "
    "to 'Schools - home schooling' in version 3.00. . Term name changed to 'Home schooling' in "
    "version 4.00"
)


def test_former_names_come_from_the_history_notes():
    assert former_names(NOTES, label="Home schooling") == (
        "Educating your child at home",
        "Schools - home schooling",
    )


@pytest.mark.parametrize("notes", ["", "Added in version 4.00.", "Name changed to 'X in 4.00."])
def test_notes_without_a_rename_give_no_former_names(notes):
    assert former_names(notes) == ()


def test_names_with_apostrophes_are_kept_whole():
    notes = "Term name changed from 'Older persons bus pass' to 'Older people's bus pass' in 4.00."
    assert former_names(notes) == ("Older persons bus pass", "Older people's bus pass")


@pytest.mark.django_db
def test_every_service_is_a_named_term_and_the_version_follows_changes():
    before = lgsl_version()
    area = ServiceArea.objects.create(lgsl_code=1, label="Home schooling", history_notes=NOTES)
    assert lgsl_version() != before
    assert [term for term in lgsl_terms() if term.label == "Home schooling"] == [
        vocabulary.NamedTerm(
            "Home schooling", ("Educating your child at home", "Schools - home schooling")
        )
    ]
    changed = lgsl_version()
    area.description = "Changed."
    area.save()
    assert lgsl_version() != changed


def test_the_service_list_is_registered_with_the_search_vocabulary():
    assert vocabulary._sources["lgsl"].terms is lgsl_terms
