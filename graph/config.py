"""Settings, read from the environment.  Like Datasette's settings, they are data:
a name, a default and a line of help, so the CLI and README can list them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Setting", "SETTINGS", "setting", "read_limits", "TIMEOUT_GRANULARITY_S", "ROOT"]

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("KG_STORE", "embedded", "which store: embedded (LadybugDB, no server) or neo4j"),
    Setting("KG_EMBEDDED_PATH", str(ROOT / ".kg" / "embedded"), "directory of the embedded database"),
    Setting("KG_BUFFER_POOL_MB", "4096", "embedded store buffer pool in MiB"),
    Setting("NEO4J_URI", "bolt://127.0.0.1:7687", "bolt:// or neo4j:// (routing: cluster, Aura) URI"),
    Setting("NEO4J_USER", "neo4j", "Neo4j user"),
    Setting("NEO4J_PASSWORD", "", "Neo4j password"),
    Setting("NEO4J_DATABASE", "neo4j", "Neo4j database name"),
    Setting("KG_BATCH_SIZE", "5000", "rows per UNWIND batch when writing"),
    Setting("KG_ROW_CAP", "1000", "most rows any read returns (library, console, map, analytics)"),
    Setting("KG_QUERY_TIMEOUT_S", "10", "seconds any read may run (library, console, map, analytics)"),
    Setting("KG_GRAPH_ROW_CAP", "2000000",
            "most rows a read that must be whole may take (export, analytics, map edges, a load's diff): "
            "more is refused, never cut"),
    Setting("KG_NEO4J_READ_RETRY_S", "5",
            "seconds a Neo4j read retries while the server cannot be reached (a person is waiting)"),
    Setting("KG_NEO4J_WRITE_RETRY_S", "15",
            "seconds a Neo4j write (a load: one transaction) retries transient errors and outages"),
    Setting("KG_MAP_NODE_CAP", "2000", "most nodes drawn on a map before it is reduced"),
    Setting("KG_APP_DATA_DIR", str(ROOT / "data" / "changzhou"), "what the app loads into an empty store on first start"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> str:
    """The value of setting ``name``: the environment's, else the default."""
    value = os.environ.get(name)
    return value if value not in (None, "") else _BY_NAME[name].default


# Both engines count a transaction's time limit in whole milliseconds: a smaller value would
# truncate to 0, which each reads as "no limit".
TIMEOUT_GRANULARITY_S = 0.001


def read_limits(row_cap: int | None = None, timeout: float | None = None, *,
                whole: bool = False) -> tuple[int, float]:
    """The ``(row_cap, timeout_s)`` a read runs under: the configured ``KG_ROW_CAP`` (or, for a
    read that must be ``whole``, ``KG_GRAPH_ROW_CAP``) and ``KG_QUERY_TIMEOUT_S``, which a
    per-call value may lower but never raise (Datasette's rule).  A timeout finer than the
    engines' millisecond rounds up to one millisecond, never to none.

    >>> read_limits(row_cap=10**9, timeout=0.0001)  # with the defaults
    (1000, 0.001)
    >>> read_limits(whole=True)
    (2000000, 10.0)
    """
    cap = int(setting("KG_GRAPH_ROW_CAP" if whole else "KG_ROW_CAP"))
    limit = float(setting("KG_QUERY_TIMEOUT_S"))
    if row_cap is not None:
        cap = min(cap, max(0, row_cap))
    if timeout is not None:
        limit = min(limit, timeout)
    return cap, max(limit, TIMEOUT_GRANULARITY_S)
