"""The set-up page's QR code, drawn on the server as inline SVG: no script, no image request, nothing the
Content-Security-Policy would need to allow."""

from __future__ import annotations

from base64 import b32encode

import qrcode
from django.utils.html import format_html


def qr_svg(text: str, *, label: str):
    """An SVG QR code of `text`; one dark square per module, drawn as a single path on a light background."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    path = "".join(f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="232" height="232" '
        'role="img" aria-label="{label}" shape-rendering="crispEdges">'
        '<rect width="{size}" height="{size}" fill="#ffffff"/><path d="{path}" fill="#0b0c0c"/></svg>',
        size=size,
        label=label,
        path=path,
    )


def secret_for_typing(key: bytes) -> str:
    """The secret as authenticator apps accept it typed in: base32, in groups of four."""
    secret = b32encode(key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
