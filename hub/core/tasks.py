"""The one way the Hub starts background work.

Tasks take primary keys, never model objects, and are enqueued only once the transaction that
made their data commits, so a worker never reads a row that is not there yet. Each enqueue is
logged with a correlation id and the task result's id, to follow a piece of work in the logs.
"""

import logging
import uuid
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)

QUEUE_DEFAULT = "default"
QUEUE_SEARCH = "search"
QUEUE_IMPORTS = "imports"


def _enqueue(task, args, kwargs, correlation_id):
    result = task.enqueue(*args, **kwargs)
    logger.info(
        "enqueued task=%s id=%s correlation=%s", task.module_path, result.id, correlation_id
    )
    return result


def enqueue_on_commit(task, *args, **kwargs) -> str:
    """Enqueue `task` when the current transaction commits; returns the correlation id."""
    for value in (*args, *kwargs.values()):
        if hasattr(value, "_meta"):
            raise TypeError("Pass primary keys to tasks, not model instances.")
    correlation_id = uuid.uuid4().hex
    transaction.on_commit(partial(_enqueue, task, args, kwargs, correlation_id))
    return correlation_id
