"""Pages for importing the HRA's lines (the council) or a programme's spend (the ALMO) from a file."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render

from hra import services
from hra.forms.fields import UploadForm
from hra.models import DecentHomesProgramme, HraYear
from hra.services.imports import LINE_COLUMNS, MAX_ROWS, SPEND_COLUMNS
from hra.views.common import crumbs
from organisations.access import get_object_for

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _upload(request, *, title, caption, back, columns, example, importer, target, done):
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", "The selected file must be smaller than 2 MB")
        else:
            try:
                count = importer(actor=request.user, name=upload.name, content=upload.read(), **target)
            except services.ImportFailed as failure:
                errors = failure.errors
                for error in errors:
                    if error.row is None:
                        form.add_error("file", error.message)
                if any(error.row for error in errors):
                    form.add_error("file", "The file has problems, listed below. Nothing has been imported.")
            else:
                messages.success(request, done(count))
                return HttpResponseRedirect(back)
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "columns": columns,
        "example": example,
        "max_rows": MAX_ROWS,
        "row_errors": [error for error in errors if error.row],
        "crumbs": crumbs((caption, back), (title, "")),
    }
    return render(request, "hra/import.html", context, status=400 if form.errors else 200)


def lines_import(request, pk):
    hra_year = get_object_for(request.user, HraYear.objects.select_related("council"), "change", pk=pk)
    return _upload(
        request,
        title="Import lines from a file",
        caption=str(hra_year),
        back=hra_year.get_absolute_url(),
        columns=LINE_COLUMNS,
        example=[
            ["Dwelling rents", "Rents from council homes", "Council", "48,200,000", "", "", "", "", ""],
            [
                "Management fee to the ALMO",
                "Management fee: North Homes",
                "North Homes",
                "9,500,000",
                "",
                "",
                "",
                "",
                "",
            ],
            ["Total", "", "", "57,700,000", "", "", "", "", ""],
        ],
        importer=services.import_lines,
        target={"hra_year": hra_year},
        done=lambda count: f"{count:,} line{'' if count == 1 else 's'} imported.",
    )


def spend_import(request, pk):
    programme = get_object_for(request.user, DecentHomesProgramme.objects.select_related("almo"), "report", pk=pk)
    return _upload(
        request,
        title="Import spend from a file",
        caption=str(programme),
        back=programme.get_absolute_url(),
        columns=SPEND_COLUMNS,
        example=[["Q1", "1,150,000", "40,000", ""], ["Q2", "980,000", "0", "Scaffolding delays on two estates."]],
        importer=services.import_spend,
        target={"programme": programme},
        done=lambda count: f"Spend for {count} quarter{'' if count == 1 else 's'} imported.",
    )
