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
from typing import Iterator

from graph import model
from graph.store.base import GraphStore, QueryResult
from ingest.normalize import match_keys

__all__ = ["likely_duplicates", "alike_names", "pairs_alike"]

MIN_CONTAINED = 4
COLUMNS = ["label", "id", "name", "other_id", "other_name", "why"]


def _alike(key: str, other: str) -> bool:
    """Whether ``other`` (sorted at or after ``key``) names the same thing as ``key``."""
    return other == key or (len(key) >= MIN_CONTAINED and other.startswith(key))


def _alike_pairs(keys: list[str]) -> Iterator[tuple[int, int]]:
    """``(i, j)``, ``i < j``, for every two of the sorted ``keys`` that are alike.

    Sorted, the keys that equal or extend a key follow it directly: a key whose neighbour
    does not start with it pairs with none, and the run after one that does holds every key
    it pairs with."""
    for i in compress(count(), map(str.startswith, keys[1:], keys)):  # the cheap test, all at once
        for j in range(i + 1, len(keys)):  # by index: slicing would copy the tail each time
            if not _alike(keys[i], keys[j]):
                break
            yield i, j


def pairs_alike(items: list[tuple[str, str, str]]) -> list[list[str]]:
    """The pairs among ``items`` — ``(key, id, name)`` of one type — whose keys are equal
    (``"same name"``) or where a key of at least :data:`MIN_CONTAINED` characters starts the
    other (``"one name extends the other"``).  Each pair once, in the order of the sorted items."""
    items = sorted(items)
    keys = [key for key, _, _ in items]
    return [[*items[i][1:], *items[j][1:], "same name" if keys[i] == keys[j] else "one name extends the other"]
            for i, j in _alike_pairs(keys)]


def alike_names(names: list[str]) -> set[str]:
    """The names among ``names`` that :func:`pairs_alike` pairs with another."""
    keys = match_keys(names)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    alike: set[str] = set()
    for i, j in _alike_pairs(list(map(keys.__getitem__, order))):
        alike.update((names[order[i]], names[order[j]]))
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
        if label not in model.labels():  # the label goes into the text: only the model's own
            raise ValueError(f"quality.duplicates: {label!r} is not a node type of the model")
        found = store.read(f"MATCH (n:{label}) WHERE n.name IN $names RETURN n.id AS id, n.name AS name",
                           {"names": sorted(alike)})
        items = [(key, id_, name) for key, (id_, name) in zip(match_keys([r[1] for r in found.rows]), found.rows)]
        out += [[label, *pair] for pair in pairs_alike(items)]
    return QueryResult(list(COLUMNS), out)
