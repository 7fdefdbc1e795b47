"""Graph stores: pick one with ``KG_STORE=embedded|neo4j`` (default ``embedded``)."""

from __future__ import annotations

from graph import config
from graph.store.base import (  # noqa: F401  (re-exported)
    GraphStore,
    LoadSummary,
    QueryResult,
    QueryTimeout,
    ReadOnlyViolation,
    StoreError,
    StoreUnavailable,
    TransactionTooLarge,
    node_key,
    split_key,
)

STORE_KINDS = ("embedded", "neo4j")


def open_store(kind: str | None = None, **kwargs) -> GraphStore:
    """Open the store named by ``kind`` or by the ``KG_STORE`` setting."""
    kind = (kind or config.setting("KG_STORE")).strip().lower()
    if kind == "embedded":
        from graph.store.embedded import EmbeddedStore

        return EmbeddedStore(**kwargs)
    if kind == "neo4j":
        from graph.store.neo4j_store import Neo4jStore

        store = Neo4jStore(**kwargs)
        store.ping()
        return store
    raise StoreError(f"KG_STORE must be one of {', '.join(STORE_KINDS)}, not {kind!r}")
