"""The node sets of the presenter's views, from named queries (the app and the CLI share them).

Each function takes ``run(qid, **params) -> QueryResult`` — ``functools.partial(run_named,
store)``, or the app's cached reader — so a caller chooses how results are cached."""

from __future__ import annotations

from typing import Callable

from graph.store.base import QueryResult
from queries.subgraph import result_keys

__all__ = ["plan_view_keys", "track_view_keys", "park_view_keys", "path_view_keys", "SLIDES", "PATH_ENDS"]

Run = Callable[..., QueryResult]


def plan_view_keys(run: Run) -> list[str]:
    """The plan view: the platforms and tracks the plan's clauses mention (``plan.mentions``);
    without documents, every platform and the tracks they serve (``plan.platforms``)."""
    return result_keys(run("plan.mentions")) or result_keys(run("plan.platforms"))


#: The presenter's slides, in order (the plan → a track → a park → a path → the whole graph).
SLIDES = ("plan", "track", "park", "path", "all")
#: The path slide's ends when the URL names none: a university and a firm 6 hops apart in the bundled data.
PATH_ENDS = ("University:cczu", "Firm:yaskawa")


def track_view_keys(run: Run, track: str) -> list[str]:
    """A track and everything that serves it or one of its segments (``track.servers``)."""
    return result_keys(run("track.servers", track=track), (f"Track:{track}",))


def park_view_keys(run: Run, park: str) -> list[str]:
    """A park and its 五个一 neighbours (tracks, platforms, talents, funds, projects)."""
    from queries.scorecard import LINK_LABELS

    res = run("entity.neighbourhood", label="Park", id=park, hops=1, types=LINK_LABELS)
    return result_keys(res, (f"Park:{park}",))


def path_view_keys(run: Run, a: str, b: str, max_hops: int) -> list[str]:
    """The nodes of one shortest path from ``a`` to ``b`` (``Label:id`` keys), [] when none
    lies within ``max_hops``."""
    (fl, fi), (tl, ti) = a.split(":", 1), b.split(":", 1)
    res = run("paths.shortest", from_label=fl, from_id=fi, to_label=tl, to_id=ti, max_hops=max_hops)
    return result_keys(res)
