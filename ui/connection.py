"""``st.connection("kg", type=KGConnection)``: the graph store as a Streamlit connection.

The kind of store and its settings come from ``.streamlit/secrets.toml``::

    [connections.kg]
    type = "embedded"          # or "neo4j"  (``store`` is accepted too)
    path = ".kg/embedded"      # embedded only
    uri = "bolt://127.0.0.1:7687"
    user = "neo4j"
    password = "…"
    database = "neo4j"

or, when there is no such section, from the environment (KG_STORE, KG_EMBEDDED_PATH,
NEO4J_*) through :func:`graph.config.setting`.  Keyword arguments to ``st.connection`` win
over both.  Streamlit caches the connection as a resource.
"""

from __future__ import annotations

from typing import Any

from streamlit.connections import BaseConnection

from graph import config
from graph.store import STORE_KINDS, GraphStore, StoreError, open_store

__all__ = ["KGConnection", "store_settings"]

_KEYS = ("type", "store", "path", "uri", "user", "password", "database")


def store_settings(secrets: dict[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
    """The store kind and its settings: ``overrides``, then ``secrets``, then the environment."""
    merged: dict[str, Any] = {}
    for source in (secrets or {}, overrides):
        for k in _KEYS:
            if source.get(k) not in (None, ""):
                merged[k] = source[k]
    kind = str(merged.get("store") or merged.get("type") or config.setting("KG_STORE")).strip().lower()
    if kind not in STORE_KINDS:  # `type` may name the connection class; ignore that
        kind = config.setting("KG_STORE")
    out: dict[str, Any] = {"kind": kind}
    if kind == "embedded":
        out["path"] = str(merged.get("path") or config.setting("KG_EMBEDDED_PATH"))
    else:
        out["uri"] = merged.get("uri") or config.setting("NEO4J_URI")
        out["user"] = merged.get("user") or config.setting("NEO4J_USER")
        out["password"] = merged.get("password") if merged.get("password") is not None else config.setting("NEO4J_PASSWORD")
        out["database"] = merged.get("database") or config.setting("NEO4J_DATABASE")
    return out


class KGConnection(BaseConnection[GraphStore]):
    """A connection whose underlying object is a :class:`graph.store.base.GraphStore`."""

    def _connect(self, **kwargs: Any) -> GraphStore:
        try:
            secrets = self._secrets.to_dict() if hasattr(self._secrets, "to_dict") else dict(self._secrets)
        except Exception:  # no secrets file at all
            secrets = {}
        s = store_settings(secrets, **kwargs)
        return open_store(s.pop("kind"), **s)

    @property
    def store(self) -> GraphStore:
        return self._instance

    def describe(self) -> str:
        try:
            return self._instance.describe()
        except StoreError as e:  # pragma: no cover - describe does not touch the server
            return str(e)

    def close(self) -> None:  # pragma: no cover - called by Streamlit when the resource is released
        if self._raw_instance is not None:
            try:
                self._raw_instance.close()
            except Exception:
                pass
            self._raw_instance = None
