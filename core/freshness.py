"""Cached reads that are never older than the data: a token that changes with every committed write.

Dashboards read the same figures again and again between changes. Each cached read is keyed on the data token,
which is replaced at every write to the portal's tables and again when its transaction commits, so the next read
misses and works its answer out afresh. Every write counts: the token is renewed from the database connection's
own statements (an execute wrapper), so a bulk `update()` or a raw statement invalidates as surely as `save()`.
Writes that no cached read depends on (sessions, sign-in attempts, the API request log) are left out by table name,
or every page view would throw the cache away.

The token is random rather than a counter: if the cache loses it, a new one starts and no old entry can match.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created

logger = logging.getLogger(__name__)
TOKEN_KEY = "freshness:data-token"
# A cached answer outlives no day (keys hold the date where it matters) and goes after an hour unused.
ENTRY_SECONDS = 3600
WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")
_MISSING = object()


def data_token() -> str:
    token = cache.get(TOKEN_KEY)
    if token is None:
        cache.add(TOKEN_KEY, uuid.uuid4().hex, None)
        token = cache.get(TOKEN_KEY) or ""
    return token


def renew() -> None:
    # A write must not fail because the cache is away. A Redis that restarts comes back empty, with a new token;
    # an entry that outlived a lost renewal lasts at most ENTRY_SECONDS.
    try:
        cache.set(TOKEN_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001  (any cache backend's connection error)
        logger.warning("Could not renew the data token: cached dashboards may be up to an hour old", exc_info=True)


def cached(name: str, parts: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, or its answer from the cache for the same `name`, `parts` and data token.

    `parts` must hold everything the answer depends on besides the data: whose access it was read through, the
    organisations, the period, today's date where it matters.
    """
    try:
        digest = hashlib.sha256(repr((data_token(), *parts)).encode()).hexdigest()
        key = f"freshness:{name}:{digest}"
        value = cache.get(key, _MISSING)
    except Exception:  # noqa: BLE001  (the cache is away: work it out, as with no cache at all)
        logger.warning("The cache is not answering: %s worked out afresh", name, exc_info=True)
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(key, value, ENTRY_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("Could not keep %s in the cache", name, exc_info=True)
    return value


def _ignored(sql: str) -> bool:
    lowered = sql.lower()
    return any(f'"{table}' in lowered for table in settings.FRESHNESS_IGNORED_TABLES)


def _renew_after_commit() -> None:
    renew()


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql.lstrip()[:8].upper().startswith(WRITES) and not _ignored(sql):
        connection = context["connection"]
        # Renewed at the write, so nothing read after it can be served from before it (a test's transaction never
        # commits), and again at commit, so nothing read from before the commit outlives it.
        renew()
        if connection.in_atomic_block and not any(
            entry[1] is _renew_after_commit for entry in connection.run_on_commit
        ):
            transaction.on_commit(_renew_after_commit, using=connection.alias)
    return result


def _on_connection(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def watch_writes() -> None:
    """Renew the token after every committed write, on every connection; called once from `CoreConfig.ready()`."""
    from django.db import connections

    connection_created.connect(_on_connection, dispatch_uid="freshness-watch-writes")
    for connection in connections.all(initialized_only=True):
        _on_connection(None, connection)
