from django_tasks import task

from hub.search.services import search_embed_documents, search_index_object


@task()
def index_object(kind: str, object_id: int) -> bool:
    return search_index_object(kind=kind, object_id=object_id)


@task()
def embed_document(document_id: int) -> int:
    """Make one search document's vector current; returns how many vectors the model computed."""
    return search_embed_documents(document_ids=[document_id]).computed
