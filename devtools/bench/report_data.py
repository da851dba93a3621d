"""The focus project's case study, built once while the data is set up (not timed as
a page): the case-study page shows the latest finished build, so the bench measures
the page a reader gets, with a build to show.

The build goes through the service the Celery task runs (reports.services.
report_build_run), synchronously, on a ReportBuild row written here rather than by a
request (a request would also queue a message for whatever worker listens). Its PDF
is filed in the archive of the bench's own database; the file goes to a temporary
folder removed at once, so the bench leaves no files behind. The requester's "ready"
notification is written, but its email is not queued: the bench's outbox ids mean
nothing to a worker of the real database.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from unittest import mock

from django.conf import settings
from django.test.utils import override_settings

from networks.models import User


def build_case_study(project_id: int, coleader: User, log: Callable[[str], None] = print) -> int:
    from reports.models import ReportBuild
    from reports.services import report_build_run

    folder = tempfile.mkdtemp(prefix="enquiry-bench-media-")
    uploads = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": folder},
    }
    storages = {**settings.STORAGES, "default": uploads, "uploads": uploads}
    started = time.perf_counter()
    try:
        with (
            override_settings(STORAGES=storages),
            mock.patch("notifications.services.enqueue_on_commit", lambda *args: None),
        ):
            build = ReportBuild.objects.create(project_id=project_id, requested_by=coleader)
            if not report_build_run(build.pk):
                build.refresh_from_db()
                raise RuntimeError(f"The focus project's case study did not build: {build.error}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    log(
        f"Case study of the focus project built in {time.perf_counter() - started:.1f}s "
        "(setup, not timed as a page)"
    )
    return build.pk
