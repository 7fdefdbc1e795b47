"""The 五个一 of a park, read from ``park.scorecard`` rows: which of the plan's five links a
park has and on what evidence.  Plain data, no language: the app and the CLI put it in words.

>>> row = {"has_track": True, "tracks": ["新能源"], "has_fund": True, "funds": ["甲基金"],
...        "inferred_only": ["fund"], "talents": 0}
>>> [link_status(row, link) for link in LINKS]
['stated', 'unpublished', 'unpublished', 'inferred', 'unpublished']
>>> [link.name for link in missing_links(row)], link_evidence(row, LINKS[3])
(['platform', 'talent', 'project'], ['甲基金'])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Link", "LINKS", "LINK_LABELS", "STATED", "INFERRED", "UNPUBLISHED", "link_status", "missing_links",
           "link_evidence", "status_table"]

STATED, INFERRED, UNPUBLISHED = "stated", "inferred", "unpublished"


@dataclass(frozen=True)
class Link:
    """One of the five: its name (as in the ``inferred_only`` column), the scorecard's flag
    column, its evidence column and the type of node that makes it."""

    name: str
    flag: str
    evidence: str
    label: str


LINKS = (Link("track", "has_track", "tracks", "Track"), Link("platform", "has_platform", "platforms", "Platform"),
         Link("talent", "has_talent", "talents", "Person"), Link("fund", "has_fund", "funds", "Fund"),
         Link("project", "has_project", "projects", "Project"))
#: The node types of the five links: a park's neighbours shown beside its scorecard.
LINK_LABELS = [link.label for link in LINKS]


def link_status(row: dict[str, Any], link: Link) -> str:
    """:data:`STATED`; :data:`INFERRED` where every piece of evidence for the link is inferred;
    else :data:`UNPUBLISHED`: the dataset records only published links, so an absent one is
    unpublished, not disproved."""
    if not row.get(link.flag):
        return UNPUBLISHED
    return INFERRED if link.name in (row.get("inferred_only") or []) else STATED


def missing_links(row: dict[str, Any]) -> list[Link]:
    """The links the park lacks, in the plan's order."""
    return [link for link in LINKS if not row.get(link.flag)]


def link_evidence(row: dict[str, Any], link: Link) -> list[Any]:
    """The names behind a link, or its count as one item (talents are counted, not named)."""
    v = row.get(link.evidence)
    if isinstance(v, list):
        return [x for x in v if x not in (None, "")]
    return [v] if isinstance(v, (int, float)) and v else []


def status_table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """``park.scorecard`` rows as one line per park: its id, name, score, each link's status
    and the links it lacks (``kg scorecard``).

    >>> status_table([{"park_id": "k", "park": "甲园", "score": 1, "has_track": True}])
    (['park_id', 'park', 'score', 'track', 'platform', 'talent', 'fund', 'project', 'missing'], [['k', '甲园', 1, 'stated', 'unpublished', 'unpublished', 'unpublished', 'unpublished', ['platform', 'talent', 'fund', 'project']]])
    """
    columns = ["park_id", "park", "score", *(link.name for link in LINKS), "missing"]
    return columns, [[r["park_id"], r["park"], r["score"], *(link_status(r, link) for link in LINKS),
                      [link.name for link in missing_links(r)]] for r in rows]
