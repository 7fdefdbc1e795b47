"""Likely duplicates: names of the same type that are alike.

Names are compared by their match key (width, spaces, brackets and case folded).  Equal
keys are sure duplicates; a key contained in another of the same type (at least four
characters long, e.g. 常州大学 in 常州大学材料学院 is *not* flagged because a school is
another node type, while 天合光能 in 天合光能股份有限公司 is) is a likely one.  Sorting the
keys keeps this near-linear: a contained key that is a prefix sorts right before the keys
that extend it.
"""

from __future__ import annotations

from itertools import compress, count

from graph.model import NODE_TYPES
from graph.store.base import GraphStore, QueryResult
from ingest.normalize import match_keys

__all__ = ["likely_duplicates", "alike_names", "pairs_alike"]

MIN_CONTAINED = 4
COLUMNS = ["label", "id", "name", "other_id", "other_name", "why"]
_LABELS = {t.label for t in NODE_TYPES}


def _alike(key: str, other: str) -> bool:
    """Whether ``other`` (sorted at or after ``key``) names the same thing as ``key``."""
    return other == key or (len(key) >= MIN_CONTAINED and other.startswith(key))


def pairs_alike(items: list[tuple[str, str, str]]) -> list[list[str]]:
    """The pairs among ``items`` — ``(key, id, name)`` of one type — whose keys are equal
    (``"same name"``) or where a key of at least :data:`MIN_CONTAINED` characters starts the
    other (``"one name extends the other"``).  Each pair once, in the order of the sorted items."""
    items = sorted(items)
    out = []
    for i, (key, id_, name) in enumerate(items):
        for j in range(i + 1, len(items)):  # by index: slicing would copy the tail each time
            key2, id2, name2 = items[j]
            if not _alike(key, key2):
                break  # sorted: every key that equals or extends this one comes right after it
            out.append([id_, name, id2, name2, "same name" if key2 == key else "one name extends the other"])
    return out


def alike_names(names: list[str]) -> set[str]:
    """The names among ``names`` that :func:`pairs_alike` pairs with another.

    Sorted by key, the keys that equal or extend a key follow it directly, so comparing each
    key with the next finds every name that starts a pair, and the run after it holds every
    name it pairs with."""
    keys = match_keys(names)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ordered = list(map(keys.__getitem__, order))
    # the cheap test first, over all neighbours at once; _alike only where it holds
    starts = compress(count(), map(str.startswith, ordered[1:], ordered))
    alike: set[str] = set()
    for pos in starts:
        key = ordered[pos]
        if not _alike(key, ordered[pos + 1]):
            continue
        alike.add(names[order[pos]])
        for k in range(pos + 1, len(order)):
            if not _alike(key, ordered[k]):
                break
            alike.add(names[order[k]])
    return alike


def likely_duplicates(store: GraphStore, res: QueryResult, params: dict | None = None) -> QueryResult:
    """Rows of likely duplicates from ``res`` (one row per type with all its names).

    Only the names that are alike are looked up again with their ids — a handful of rows
    where reading every id would double what crosses from the store."""
    out = []
    for label, names in sorted(res.rows):
        alike = alike_names(list(filter(None, names)))
        if not alike:
            continue
        if label not in _LABELS:  # the label goes into the text: only the model's own
            raise ValueError(f"quality.duplicates: {label!r} is not a node type of the model")
        found = store.read(f"MATCH (n:{label}) WHERE n.name IN $names RETURN n.id AS id, n.name AS name",
                           {"names": sorted(alike)})
        items = [(key, id_, name) for key, (id_, name) in zip(match_keys([r[1] for r in found.rows]), found.rows)]
        out += [[label, *pair] for pair in pairs_alike(items)]
    return QueryResult(list(COLUMNS), out)


def _register() -> None:
    from queries.library import POSTPROCESS

    POSTPROCESS["quality.duplicates"] = likely_duplicates


_register()
