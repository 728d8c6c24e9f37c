"""Every URL pattern the project serves, each with an address that reaches it, for the security sweeps.

`routes()` walks `django.urls.get_resolver()` (so a route added anywhere is included without anyone listing it)
and fills each parameter with a sample value its pattern accepts: `1` for numbers, `x` for text, the first
choice of an alternation (the admin's app labels). A route no sample reaches is reported, never skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# A capturing group, named or not, allowing one level of nested parentheses inside it (`(?P<pk>(\d+))`).
NAMED_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>|(?!\?))(?P<body>(?:[^()]|\([^()]*\))*)\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its name (namespaced), the pattern as written, its view and a sample address."""

    key: str
    pattern: str
    callback: object
    url: str | None

    def __str__(self) -> str:
        return f"{self.key} ({self.pattern})"


def _regex_source(pattern) -> str:
    source = pattern.pattern.regex.pattern
    source = source.removeprefix("^")
    for ending in (r"\Z", "$"):
        source = source.removesuffix(ending)
    return source


def _sample(body: str) -> str | None:
    for candidate in ("1", "x", "x/1", *body.split("|")):
        if re.fullmatch(body, candidate):
            return candidate
    return None


def _fill(source: str) -> str | None:
    missing = []

    def substitute(match: re.Match) -> str:
        value = _sample(match.group("body"))
        if value is None:
            missing.append(match.group("name") or match.group(0))
            return ""
        return value

    filled = NAMED_GROUP.sub(substitute, source)
    if missing or re.search(r"[()\[\]*+?{}|]", filled.replace("\\.", "")):
        return None
    return "/" + filled.replace("\\", "")


def _walk(resolver: URLResolver, source: str, namespace: str | None) -> Iterator[tuple[str, str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, source + _regex_source(entry), inner)
        else:
            written = source + _regex_source(entry)
            if entry.name:
                key = f"{namespace}:{entry.name}" if namespace else entry.name
            else:
                key = f"{namespace + ':' if namespace else ''}<unnamed {written or '(empty)'}>"
            yield key, written, entry


def routes(urlconf: str | None = None) -> list[Route]:
    """Every URL pattern of `urlconf` (the project's by default), with an address that resolves to it."""
    found = []
    for key, written, entry in _walk(get_resolver(urlconf), "", None):
        url = _fill(written)
        if url is not None:
            try:
                match = resolve(url, urlconf)
            except Resolver404:
                url = None
            else:
                # Another pattern earlier in the list answers this address, so it does not reach this one.
                if match.func is not entry.callback:
                    url = None
        found.append(Route(key=key, pattern=written, callback=entry.callback, url=url))
    return found
