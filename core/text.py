"""Text helpers shared by every app."""

import re

_CHUNKS = re.compile(r"(\d+)")


def natural_sort_key(text: str) -> str:
    """A key that sorts codes as people read them: BV63 before BV164, RP02(2) before RP02(10).

    Runs of digits are padded to eight places, so the key sorts correctly as plain text in the database.
    """
    return "".join(chunk.zfill(8) if chunk.isdigit() else chunk for chunk in _CHUNKS.split(text.strip().lower()))
