import pytest

from hub.search.models import SearchDocument
from hub.search.registry import Indexable, IndexText, register
from hub.search.selectors import search, similar
from hub.search.services import search_index_later, search_index_object, search_rebuild
from hub.taxonomy.models import ServiceArea

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def service_areas_are_searchable():
    register(
        Indexable(
            kind="test-service",
            queryset=lambda: ServiceArea.objects.exclude(label__startswith="Hidden"),
            text=lambda area: IndexText(title=area.label, body=area.description),
        )
    )


def test_index_object_adds_updates_and_removes():
    area = ServiceArea.objects.create(
        lgsl_code=524, label="Missed bin collection", description="Report a bin"
    )
    assert search_index_object(kind="test-service", object_id=area.pk)
    assert search(text="bin", kind="test-service").ranked_ids == [area.pk]
    area.label = "Hidden: missed bin"
    area.save()
    assert not search_index_object(kind="test-service", object_id=area.pk)
    assert not SearchDocument.objects.filter(kind="test-service").exists()


def test_index_later_runs_after_commit(django_capture_on_commit_callbacks, immediate_tasks):
    area = ServiceArea.objects.create(lgsl_code=1, label="Home schooling")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        search_index_later(kind="test-service", object_id=area.pk)
    assert not SearchDocument.objects.exists()
    for callback in callbacks:
        callback()
    assert SearchDocument.objects.get().title == "Home schooling"


def test_rebuild_indexes_every_record_it_may():
    ServiceArea.objects.create(lgsl_code=1, label="Home schooling")
    ServiceArea.objects.create(lgsl_code=2, label="School admissions")
    ServiceArea.objects.create(lgsl_code=3, label="Hidden school")
    assert search_rebuild(kinds=["test-service"]) == {"test-service": 2}
    assert len(search(text="school", kind="test-service").hits) == 2


def test_similar_leaves_the_record_itself_out():
    first = ServiceArea.objects.create(
        lgsl_code=1, label="School admissions", description="Applying for a school place"
    )
    second = ServiceArea.objects.create(
        lgsl_code=2, label="School transport", description="Travel to a school"
    )
    search_rebuild(kinds=["test-service"])
    assert [hit.object_id for hit in similar(kind="test-service", object_id=first.pk)] == [
        second.pk
    ]
