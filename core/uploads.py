"""Uploaded documents: checked by what they contain, kept outside the web root, handed back only as attachments.

Every app that takes a file (inspection evidence, a management agreement, consultation papers) uses this module,
so the rules are the same everywhere:

- a file is accepted only if its *content* is one of the allowed kinds (PDF, Word, Excel, PNG, JPEG), whatever
  its name says; HTML, SVG and scripts are never accepted, so nothing uploaded can run in a reader's browser;
- it may be no larger than `settings.UPLOAD_MAX_BYTES` (20 MB unless set);
- it is stored in the "private" storage (`settings.PRIVATE_FILES_ROOT`) under a random name, so no URL serves
  it and no name can be guessed or collide; the person's own file name is kept on the record for display;
- it goes back out only through a view that has checked access, by `attachment_response`, as a download.

A model holds its file in a `PrivateFileField`; a form takes it with `DocumentField`; an API serializer calls
`check_document` in its `validate_<field>`.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.http import FileResponse

downloads_log = logging.getLogger("downloads")


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    content_type: str
    label: str


PDF = DocumentKind("pdf", "application/pdf", "PDF")
WORD = DocumentKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word")
EXCEL = DocumentKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel")
PNG = DocumentKind("png", "image/png", "PNG")
JPEG = DocumentKind("jpg", "image/jpeg", "JPEG")
DOCUMENT_KINDS = (PDF, WORD, EXCEL, PNG, JPEG)
BY_CONTENT_TYPE = {kind.content_type: kind for kind in DOCUMENT_KINDS}
# The magic-number check reads the head of the file; Office files are ZIPs, identified by the parts inside.
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CheckedDocument:
    kind: DocumentKind
    size: int
    sha256: str
    original_name: str


def _kinds_text(kinds) -> str:
    labels = [kind.label for kind in kinds]
    return ", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1 else labels[0]


def clean_file_name(name: str) -> str:
    """The person's file name, safe to show and to offer back as a download name."""
    name = unicodedata.normalize("NFKC", PurePath(name.replace("\\", "/")).name)
    name = "".join(char for char in name if char.isprintable() and char not in '"<>:/|?*')
    return name.strip(" .")[:150] or "document"


def check_document(upload, kinds=DOCUMENT_KINDS, max_bytes: int | None = None) -> CheckedDocument:
    """Check an uploaded file; ValidationError with a message for the person if it will not do."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload is None or not upload.size:
        raise ValidationError("The selected file is empty.", code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB.", code="too_large"
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    guess = filetype.guess(head) if head else None
    kind = BY_CONTENT_TYPE.get(guess.mime) if guess else None
    if kind in (WORD, EXCEL):
        # An Office file's type is told by its parts, which may lie beyond the first few kilobytes.
        upload.seek(0)
        guess = filetype.guess(upload.read())
        kind = BY_CONTENT_TYPE.get(guess.mime) if guess else None
    if kind is None or kind not in kinds:
        raise ValidationError(f"The selected file must be a {_kinds_text(kinds)}.", code="file_type")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedDocument(kind, upload.size, digest.hexdigest(), clean_file_name(upload.name or ""))


class PrivateStorage(FileSystemStorage):
    """File-system storage with no URLs: a private file leaves only through `attachment_response`."""

    def url(self, name):
        raise ValueError("Private files have no URL; send them with core.uploads.attachment_response.")


def private_storage():
    return storages["private"]


def random_name(instance, filename: str) -> str:
    """`<app>/<random>.<ext>`: 128 random bits, so a stored name reveals nothing and is never guessed."""
    extension = PurePath(filename).suffix.lower()
    return f"{instance._meta.app_label}/{secrets.token_hex(16)}{extension}"


class PrivateFileField(models.FileField):
    """A file kept in the private storage under a random name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        kwargs.setdefault("upload_to", random_name)
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)


class DocumentField(forms.FileField):
    """A form field that accepts only the allowed kinds of document, checked by content.

    After cleaning, the upload carries `checked` (a CheckedDocument) and a name ending in its real extension.
    """

    def __init__(self, *args, kinds=DOCUMENT_KINDS, **kwargs):
        self.kinds = kinds
        kwargs.setdefault("help_text", f"{_kinds_text(kinds)}, up to {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            prepare_upload(upload, self.kinds)
        return upload


def prepare_upload(upload, kinds=DOCUMENT_KINDS):
    """Check `upload` and rename it by its true kind; returns the upload, with `checked` set."""
    checked = check_document(upload, kinds)
    upload.checked = checked
    upload.name = f"document.{checked.kind.extension}"
    return upload


def attachment_response(file_field, *, download_name: str, user=None, what: str = "") -> FileResponse:
    """Send a stored file as a download, never shown inline, and log who took it.

    Call only from a view that has already fetched the record through the access rule.
    """
    name = clean_file_name(download_name)
    extension = PurePath(file_field.name).suffix.lstrip(".")
    kind = next((kind for kind in DOCUMENT_KINDS if kind.extension == extension), None)
    if kind and not name.lower().endswith("." + extension):
        name = f"{name}.{extension}"
    response = FileResponse(
        file_field.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser were persuaded to render it, the document could run nothing and reach nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    downloads_log.info("download user=%s file=%s what=%s", getattr(user, "pk", None), file_field.name, what)
    return response
