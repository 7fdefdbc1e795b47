"""Likely duplicates: names of the same type that are alike.

Names are compared by their match key (width, spaces, brackets and case folded).  Equal
keys are sure duplicates; a key contained in another of the same type (at least four
characters long, e.g. 常州大学 in 常州大学材料学院 is *not* flagged because a school is
another node type, while 天合光能 in 天合光能股份有限公司 is) is a likely one.  Sorting the
keys keeps this near-linear: a contained key that is a prefix sorts right before the keys
that extend it.
"""

from __future__ import annotations

from collections import defaultdict

from graph.store.base import GraphStore, QueryResult
from ingest.normalize import match_key

__all__ = ["likely_duplicates"]

MIN_CONTAINED = 4


def likely_duplicates(store: GraphStore, res: QueryResult, params: dict | None = None) -> QueryResult:
    by_label: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for label, items in res.rows:  # one row per type: [[id, name], ...]
        by_label[label].extend((match_key(name), id_, name) for id_, name in items if name)
    out = []
    for label, items in sorted(by_label.items()):
        items.sort()
        for i, (key, id_, name) in enumerate(items):
            for j in range(i + 1, len(items)):  # by index: slicing would copy the tail each time
                key2, id2, name2 = items[j]
                if key2 == key:
                    out.append([label, id_, name, id2, name2, "same name"])
                elif len(key) >= MIN_CONTAINED and key2.startswith(key):
                    out.append([label, id_, name, id2, name2, "one name extends the other"])
                else:
                    break
    return QueryResult(["label", "id", "name", "other_id", "other_name", "why"], out)


def _register() -> None:
    from queries.library import POSTPROCESS

    POSTPROCESS["quality.duplicates"] = likely_duplicates


_register()
