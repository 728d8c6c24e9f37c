"""Keep secrets out of logs: values of parameters named like a password, token, code, secret or key.

`redact_query()` cleans a query string before it is stored (the API request log); `RedactSecretsFilter` cleans
every log record on its way to a handler (Django's request and server logs print paths with their queries).
A password-reset link's token, which sits in the path, is redacted too.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urlencode

REDACTED = "[redacted]"
# A name holding one of these words is a secret's; "code" and "key" count only as whole words, so an indicator
# code or an ONS code (filters people need to see in the request log) is kept.
_SECRET_WORDS = (
    r"pass\w*|\w*token\w*|\w*secret\w*|\w*otp\w*|\w*signature\w*|auth\w*"
    r"|(?:\w*_)?key|(?:otp_|verification_|recovery_)?code"
)
SECRET_NAME = re.compile(rf"^(?:{_SECRET_WORDS})$", re.IGNORECASE)
# name=value inside free text: a query string in a logged request line, a form body echoed in a message.
SECRET_PAIR = re.compile(rf"(?<![\w.\-])(?P<name>{_SECRET_WORDS})=(?P<value>[^&\s\"']*)", re.IGNORECASE)
RESET_LINK = re.compile(r"(/password-reset/[^/\s]+/)(?!set-password/)[^/\s]+/")


def redact_query(query: str) -> str:
    """The query string with each secret-looking parameter's value replaced; its names kept for debugging."""
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(name, REDACTED if SECRET_NAME.match(name) else value) for name, value in pairs], safe="[]/,:")


def redact_text(text: str) -> str:
    text = SECRET_PAIR.sub(lambda match: f"{match.group('name')}={REDACTED}", text)
    return RESET_LINK.sub(rf"\1{REDACTED}/", text)


class RedactSecretsFilter(logging.Filter):
    """A handler filter: formats the record's message once, redacted, so no handler sees the secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is logged as it is, as logging would
            return True
        cleaned = redact_text(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
