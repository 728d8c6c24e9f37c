"""Uploaded documents are judged by their content, kept under random names outside the web root, sent as downloads."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


class EvidenceForm(forms.Form):
    document = uploads.DocumentField()


def submit(name: str, content: bytes) -> EvidenceForm:
    return EvidenceForm(data={}, files={"document": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("report.pdf", PDF_BYTES, "pdf"),
        ("photo.png", PNG_BYTES, "png"),
        ("budget.xlsx", xlsx_bytes(), "xlsx"),
        ("policy.docx", docx_bytes(), "docx"),
        # The name is wrong; the content decides, and the stored name follows the content.
        ("budget.pdf", xlsx_bytes(), "xlsx"),
    ],
)
def test_the_allowed_kinds_are_accepted_by_content(name, content, extension):
    form = submit(name, content)
    assert form.is_valid(), form.errors
    upload = form.cleaned_data["document"]
    assert upload.name == f"document.{extension}"
    assert upload.checked.kind.extension == extension
    assert upload.checked.original_name == name
    assert upload.checked.size == len(content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        # HTML dressed up as a PDF by its name is still HTML.
        ("report.pdf", b"<html><body>not a pdf</body></html>"),
        ("archive.zip", b"PK\x05\x06" + b"\x00" * 18),
        ("run.exe", b"MZ" + b"\x00" * 200),
    ],
)
def test_anything_else_is_refused_with_a_message_naming_the_kinds(name, content):
    form = submit(name, content)
    assert not form.is_valid()
    assert form.errors["document"] == ["The selected file must be a PDF, Word, Excel, PNG or JPEG."]


def test_an_empty_file_is_refused():
    form = submit("empty.pdf", b"")
    assert not form.is_valid()
    assert "document" in form.errors


def test_a_file_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    form = EvidenceForm(data={}, files={"document": SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 1024 * 1024)})
    assert not form.is_valid()
    assert form.errors["document"] == ["The selected file must be smaller than 1 MB."]


def test_a_narrower_field_accepts_only_its_kinds():
    with pytest.raises(ValidationError, match="must be a PDF"):
        uploads.check_document(SimpleUploadedFile("photo.png", PNG_BYTES), kinds=(uploads.PDF,))


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\plan.pdf", "plan.pdf"),
        ('evil"name<>.pdf', "evilname.pdf"),
        ("...", "document"),
    ],
)
def test_file_names_are_made_safe_to_show_and_offer_back(given, shown):
    assert uploads.clean_file_name(given) == shown


def test_stored_files_get_random_names_outside_the_web_root_and_go_out_as_attachments(settings):
    storage = uploads.private_storage()
    assert Path(storage.location) == Path(settings.PRIVATE_FILES_ROOT)
    assert Path(settings.PRIVATE_FILES_ROOT) != Path(settings.MEDIA_ROOT)
    with pytest.raises(ValueError, match="no URL"):
        storage.url("inspections/anything.pdf")

    class Holder:
        class _meta:
            app_label = "inspections"

    first = uploads.random_name(Holder, "document.pdf")
    second = uploads.random_name(Holder, "document.pdf")
    assert first != second
    assert first.startswith("inspections/") and first.endswith(".pdf")
    assert len(Path(first).stem) == 32  # 128 random bits, in hex

    stored = storage.save(first, ContentFile(PDF_BYTES))
    field = uploads.PrivateFileField()
    field.set_attributes_from_name("document")
    file = field.attr_class(None, field, stored)
    response = uploads.attachment_response(file, download_name="Rent policy", what="evidence 1")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Rent policy.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF_BYTES
    storage.delete(stored)
