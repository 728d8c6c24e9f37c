"""Demo inspection readiness for the fictional ALMOs of `organisations.demo`. None of it is real.

Each demo ALMO gets a self-assessment against the 2002 questions, scored from `random.Random(slug)` around the
story's level, evidence documents linked to its answers, inspections of several kinds with recommendations, an
improvement plan, and (for the ALMO held at 1 star) support, progress meetings and an agreed later deadline.
Harrowfield adds its own framework for the consumer standards. Everything goes through the services, so the
records and history are what the portal itself would make.

Safe to run again: an ALMO that already has its demo self-assessment is left alone.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from core.demo import upsert
from inspections import services
from inspections.demo.stories import EVIDENCE, OWNERS, RSH_FRAMEWORK, STORIES
from inspections.framework_data import load_frameworks
from inspections.models import Area, Assessment, Framework, Question
from organisations.access import Party
from organisations.models import Almo, Council
from organisations.notifications import in_portal_only, party_people


def load() -> None:
    load_frameworks(Framework, Area, Question)
    # The demo's people are made up: they get their notifications in the portal, and no email.
    with in_portal_only():
        council = Council.objects.filter(slug="harrowfield").first()
        if council is not None:
            _council_framework(council)
        for almo in Almo.objects.filter(slug__in=STORIES).select_related("council"):
            if not Assessment.objects.filter(almo=almo, framework__code="hi-2002", framework__council=None).exists():
                _load_almo(almo, STORIES[almo.slug])


def _council_framework(council) -> None:
    code, name, source, description, areas = RSH_FRAMEWORK
    framework, _ = upsert(
        Framework, {"council": council, "code": code}, {"name": name, "source": source, "description": description}
    )
    for area_order, (area_code, title, questions) in enumerate(areas, start=1):
        area, _ = upsert(Area, {"framework": framework, "code": area_code}, {"title": title, "order": area_order})
        for order, (question_code, text) in enumerate(questions, start=1):
            upsert(Question, {"area": area, "code": question_code}, {"text": text, "order": order})


def _person(almo, party):
    return party_people(almo, party).order_by("pk").first()


def _load_almo(almo, story: dict) -> None:
    from inspections.demo.build import load_almo

    staff, officer = _person(almo, Party.ALMO), _person(almo, Party.COUNCIL)
    if staff is None or officer is None:
        return
    load_almo(almo, story, staff=staff, officer=officer, owners=OWNERS, evidence=EVIDENCE, services=services)


def pdf_bytes(title: str) -> bytes:
    """A small, valid one-page PDF carrying `title`, so the demo's evidence downloads open."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def upload(title: str) -> SimpleUploadedFile:
    name = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-") + ".pdf"
    return SimpleUploadedFile(name, pdf_bytes(title), content_type="application/pdf")
