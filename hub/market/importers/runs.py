"""Starting an import from the pages: the run is recorded at once and the work is done by a
background task, which updates the run's counts and status.

An uploaded file is kept in HUB_MARKET_IMPORT_DIR (default MEDIA_ROOT/market-imports, under a
random name) until its task has read it, then deleted."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from hub.core.importing import ImportFileError
from hub.core.tasks import QUEUE_IMPORTS, enqueue_on_commit
from hub.market.models import ImportRun, ImportStatus, Source

KIND_OCDS, KIND_DM = "ocds", "digital_marketplace"


def import_dir() -> Path:
    return Path(getattr(settings, "HUB_MARKET_IMPORT_DIR", settings.MEDIA_ROOT / "market-imports"))


@task(queue_name=QUEUE_IMPORTS)
def run_import(run_pk: int, kind: str, location: str, stored: str = "") -> str:
    """Import into an existing run; returns its status."""
    from hub.market.importers.digital_marketplace import import_digital_marketplace
    from hub.market.importers.ocds import import_ocds

    run = ImportRun.objects.get(pk=run_pk)
    path = Path(stored) if stored else None
    try:
        data = path.read_bytes() if path else None
        if kind == KIND_DM:
            import_digital_marketplace(location, run=run, data=data)
        else:
            import_ocds(location, run=run, data=data, source=None)
    except ImportFileError:
        pass  # the importer has recorded the error on the run
    except Exception as error:
        run.refresh_from_db()
        run.status, run.error, run.finished_at = ImportStatus.FAILED, str(error), timezone.now()
        run.save()
        raise
    finally:
        if path:
            path.unlink(missing_ok=True)
    run.refresh_from_db()
    return run.status


def start_import(*, user, kind: str, content: bytes | None = None, name: str = "", url: str = ""):
    """Record a run and enqueue its import once this transaction commits."""
    source = Source.DIGITAL_MARKETPLACE if kind == KIND_DM else Source.OTHER_OCDS
    stored = ""
    if content is not None:
        directory = import_dir()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{uuid.uuid4().hex}.upload"
        path.write_bytes(content)
        stored = str(path)
    with transaction.atomic():
        run = ImportRun.objects.create(source=source, location=(name or url)[:500], started_by=user)
        enqueue_on_commit(run_import, run.pk, kind, name or url, stored)
    return run
