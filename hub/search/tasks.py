from django_tasks import task

from hub.search.services import search_index_object


@task()
def index_object(kind: str, object_id: int) -> bool:
    return search_index_object(kind=kind, object_id=object_id)
