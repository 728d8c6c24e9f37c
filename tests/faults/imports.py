"""A file of figures for the `plan` fixture (tests/plans.py): two quarters, so an import starts two returns."""

from django.core.files.uploadedfile import SimpleUploadedFile

HEADER = "indicator_code,year,quarter,numerator,denominator,value"
ROWS = ["RP02(1),2025,1,450,500,", "BV212,2025,1,2500,100,", "RP02(1),2025,2,460,500,", "BV212,2025,2,2600,100,"]


def figures_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("figures.csv", "\r\n".join([HEADER, *ROWS]).encode(), content_type="text/csv")
