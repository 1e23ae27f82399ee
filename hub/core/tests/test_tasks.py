import pytest
from django_tasks import task

from hub.core.tasks import enqueue_on_commit

CALLS: list[int] = []


@task()
def remember(pk: int) -> None:
    CALLS.append(pk)


@pytest.mark.django_db
def test_a_task_is_enqueued_only_when_the_transaction_commits(
    django_capture_on_commit_callbacks, immediate_tasks
):
    CALLS.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        correlation_id = enqueue_on_commit(remember, 42)
    assert CALLS == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert CALLS == [42]
    assert len(correlation_id) == 32


@pytest.mark.django_db
def test_the_database_backend_queues_the_task_for_the_worker(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(remember, 7)
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("test_tasks.remember")
    assert queued.args_kwargs == {"args": [7], "kwargs": {}}


@pytest.mark.django_db
def test_model_instances_are_refused(user_with_role):
    with pytest.raises(TypeError, match="primary keys"):
        enqueue_on_commit(remember, user_with_role())
