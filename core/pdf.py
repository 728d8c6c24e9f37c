"""Turning HTML into PDF with WeasyPrint, and writing files so no reader sees half of one. For any app."""

from __future__ import annotations

import errno
import hashlib
import mimetypes
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Report HTML is rendered with this base, so `{% static %}` paths resolve to URLs the fetcher recognises.
REPORT_BASE_URL = "https://portal.invalid/"


class StaticOnlyFetcher(URLFetcher):
    """Serves the project's own static files and refuses everything else: no file://, no network.

    Report text comes from users (commentary, query answers); even if markup slipped through, it
    could not make the renderer read a file on the server or call another machine.
    """

    def __init__(self):
        super().__init__(allowed_protocols=["https"], allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        prefix = REPORT_BASE_URL.rstrip("/") + settings.STATIC_URL
        if not url.startswith(prefix):
            self.refused.append(url)
            raise ValueError(f"Reports may use only the portal's own static files, not {url[:80]}")
        relative = url[len(prefix) :].split("?")[0].split("#")[0]
        if ".." in Path(relative).parts:
            self.refused.append(url)
            raise ValueError("Refused a static path that climbs out of the static folder.")
        found = finders.find(relative)
        if not found:
            self.refused.append(url)
            raise ValueError(f"No static file called {relative}")
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type}, 200)


def html_to_pdf(html: str, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    return HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=fetcher or StaticOnlyFetcher()).write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))


class StorageUnavailable(OSError):
    """The media folder could not take a file (full, read-only or not permitted); nothing was left behind.

    The message is plain English for the page that shows the failure; the errno is the system's.
    """


FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _unavailable(error: OSError) -> StorageUnavailable:
    if error.errno in FULL:
        reason = "there is no room left in the portal's file storage"
    else:
        reason = "the portal's file storage cannot be written to"
    return StorageUnavailable(error.errno, reason)


def write_atomically(relative_path: str, content: bytes) -> tuple[str, int]:
    """Write a file to its final place only once it is complete; returns (sha256, size).

    The bytes go to a temporary file in the same folder, are flushed to disk, then renamed over the
    final name in one step. A worker killed part way leaves at most a temporary file, never a
    half-written report under the name people download. A full or read-only disk raises
    StorageUnavailable after removing the temporary file.
    """
    final = Path(settings.MEDIA_ROOT) / relative_path
    temporary = None
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=final.parent, prefix=".partial-", suffix=final.suffix)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, final)
    except BaseException as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, StorageUnavailable):
            raise _unavailable(error) from error
        raise
    return hashlib.sha256(content).hexdigest(), len(content)
