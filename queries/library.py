"""The library of named queries: ``queries/*.cypher`` files, each a query with metadata.

A file starts with ``// key: value`` header lines::

    // id: coverage.matrix
    // title_zh: 赛道×平台覆盖矩阵
    // title_en: Track × platform coverage matrix
    // audience: planner
    // description: …          (English; description_zh: the same in Chinese)
    // param: track string 人工智能 "the track's id or name"
    // param_zh: track "赛道的 ID 或名称"    (the help in Chinese)
    // shape: table            (or graph: rows carry from_key/to_key/type columns)
    // postprocess: queries.kpi.kpi_progress_rows   (optional: completes the rows in Python)

and the Cypher follows.  ``NAME.ladybug.cypher`` / ``NAME.neo4j.cypher`` hold a dialect
variant of the body where LadybugDB and Neo4j Cypher differ; the header stays in
``NAME.cypher``.  Values always reach Cypher as parameters.  A ``label`` parameter is an
identifier, not a value: it is checked against the model's labels and written into the
text at ``{{name}}``, since Cypher cannot take a label as a parameter; likewise a ``hops``
parameter (an int from 1 to 6, or to N when typed ``hops<=N``; ``int<=N`` bounds an int
likewise) becomes the bound of a variable-length pattern, so that the engine searches no
deeper than asked.  ``hubs`` is reserved: written ``// param: hubs labels model "…"``, its
default is the model's hub types (:func:`graph.model.hub_labels`).  ``// text_from: OTHER``
takes the texts of query OTHER (its base text and dialect variants) where this query has
none of its own; the two then differ only in
their parameters or their ``postprocess`` step.  ``// postprocess: queries.MODULE.FUNCTION``
names the function that completes a query's rows in Python (e.g. KPI progress runs each
target's metric query); the library imports it when the query first runs, so the modules
that hold the steps import the library and never the other way round.

``// packed: a, b, c`` lets a text return its rows packed into one row, one column ``rows``
holding ``[a, b, c]`` lists in order; :func:`run_named` unpacks them (and applies the row cap).
The Neo4j Python driver spends ~25 µs on each record, so a query that can return tens of
thousands of rows answers several times faster this way; a text that returns ordinary rows
(LadybugDB cannot order the rows it collects) is read as it is.
"""

from __future__ import annotations

import importlib
import re
import shlex
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from graph import config, model
from graph.store.base import GraphStore, QueryResult, StoreError

__all__ = ["Param", "NamedQuery", "load_library", "get_query", "run_named", "QueryError", "MAX_HOPS",
           "QUERY_DIR", "postprocess_step"]

QUERY_DIR = Path(__file__).resolve().parent
DIALECTS = ("ladybug", "neo4j")
PARAM_TYPES = ("string", "int", "float", "bool", "list", "label", "labels", "hops")
MAX_HOPS = 6


class QueryError(StoreError):
    """A named query that does not exist, or parameters that do not fit it."""


@dataclass(frozen=True)
class Param:
    """One ``// param:`` line of a query's header: ``name type [default|required] ["help"]``.

    Attributes
    ----------
    name, type : str
        The Cypher parameter's name and one of :data:`PARAM_TYPES`.
    default : str or None
        The header's default as written (``None``: required).  For the reserved ``hubs``
        the library has filled in the model's hub types.
    help : str
        Shown beside the parameter by the console and ``kg query --list``.
    upper : int or None
        The bound of ``int<=N`` and ``hops<=N``.

    Examples
    --------
    >>> k = get_query("paths.k_paths").param("k")
    >>> k.type, k.default, k.required, k.largest
    ('int', '10', False, 50)
    """

    name: str
    type: str
    default: Any
    help: str = ""
    upper: int | None = None  # the largest value, for int and hops (written `int<=50`, `hops<=4`)

    @property
    def required(self) -> bool:
        """Whether a caller must give a value (the header has no default)."""
        return self.default is None

    @property
    def largest(self) -> int | None:
        """The largest value of an int or hops parameter (None: an int without a bound)."""
        return self.upper or (MAX_HOPS if self.type == "hops" else None)

    def coerce(self, value: Any) -> Any:
        """``value`` (often a string from a form or the CLI) as this parameter's type.

        Parameters
        ----------
        value : object
            A value of the type, or its text: ``"7"`` for an int, ``"Firm, Park"`` for a list.

        Returns
        -------
        value : str, int, float, bool or list of str
            Labels and relationship types checked against the model; ints within their bound.

        Raises
        ------
        QueryError
            When ``value`` does not fit, naming the parameter.

        Examples
        --------
        >>> Param("types", "labels", "").coerce("Firm, Park")
        ['Firm', 'Park']
        >>> Param("k", "int", "10", upper=50).coerce("51")
        Traceback (most recent call last):
        ...
        queries.library.QueryError: parameter k: 51 is not between 1 and 50
        """
        t = self.type
        try:
            if t == "string":
                return "" if value is None else str(value)
            if t == "int":
                n = int(value)
                if self.largest is not None and not 1 <= n <= self.largest:
                    raise ValueError(f"{n} is not between 1 and {self.largest}")
                return n
            if t == "float":
                return float(value)
            if t == "bool":
                return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "是")
            if t in ("list", "labels"):
                if value in (None, ""):
                    return []
                if isinstance(value, str):
                    value = [v.strip() for v in value.split(",") if v.strip()]
                items = [str(v) for v in value]
                if t == "labels":
                    for v in items:
                        if v not in model.labels() and v not in model.rel_types():
                            raise ValueError(f"{v!r} is not a label or relationship type of the model")
                return items
            if t == "hops":
                n = int(value)
                if not 1 <= n <= self.largest:
                    raise ValueError(f"{n} is not between 1 and {self.largest}")
                return n
            if t == "label":
                if value not in model.labels():
                    raise ValueError(f"{value!r} is not one of {', '.join(model.labels())}")
                return value
        except (TypeError, ValueError) as e:
            raise QueryError(f"parameter {self.name}: {e}") from None
        raise QueryError(f"parameter {self.name}: unknown type {t}")


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: its header's metadata and its texts (see the module's docstring).

    Examples
    --------
    >>> q = get_query("paths.k_paths")
    >>> q.title("en"), q.shape, q.postprocess
    ('Up to k collaboration paths', 'graph', 'queries.paths.first_k_paths')
    """

    id: str
    title_zh: str
    title_en: str
    audience: str
    description: str
    params: tuple[Param, ...]
    shape: str
    text: str
    variants: dict[str, str] = field(default_factory=dict)
    path: str = ""
    text_from: str = ""
    packed: tuple[str, ...] = ()
    postprocess: str = ""  # queries.MODULE.FUNCTION (:func:`postprocess_step`), or none
    description_zh: str = ""
    param_help_zh: tuple[tuple[str, str], ...] = ()  # (name, help) from '// param_zh: NAME "…"'

    def title(self, lang: str = "zh") -> str:
        """The title in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.title_zh if lang == "zh" else self.title_en

    def describe(self, lang: str = "zh") -> str:
        """The description in ``lang`` (the English one where a query has no Chinese one)."""
        return (self.description_zh or self.description) if lang == "zh" else self.description

    def param(self, name: str) -> Param:
        """The parameter called ``name`` (``StopIteration`` if there is none)."""
        return next(p for p in self.params if p.name == name)

    def param_help(self, name: str, lang: str = "zh") -> str:
        """Parameter ``name``'s help in ``lang`` (the English one where there is no Chinese one)."""
        zh = dict(self.param_help_zh).get(name, "") if lang == "zh" else ""
        return zh or self.param(name).help

    def text_for(self, dialect: str) -> str:
        """The Cypher for ``dialect`` (``"ladybug"`` or ``"neo4j"``): its variant, else the base text.

        >>> get_query("overview.counts").text_for("neo4j").startswith("MATCH (n) WHERE NOT n:_Meta")
        True
        """
        return self.variants.get(dialect, self.text)

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """The parameters to run with: defaults filled in, types coerced, unknown names refused.

        Parameters
        ----------
        given : dict
            Parameter name → value (or its text); ``None`` and ``""`` mean "the default".

        Returns
        -------
        params : dict
            Every parameter of the query, by name, as its type (:meth:`Param.coerce`).

        Raises
        ------
        QueryError
            For an unknown name, a missing required parameter or a value that does not fit.

        Examples
        --------
        >>> get_query("entity.search").bind({"q": "天合"})
        {'q': '天合', 'types': [], 'limit': 50}
        """
        known = {p.name: p for p in self.params}
        unknown = set(given) - set(known)
        if unknown:
            raise QueryError(f"{self.id}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                             f"it takes {', '.join(known) or 'none'}")
        out = {}
        for p in self.params:
            if p.name in given and given[p.name] not in (None, ""):
                out[p.name] = p.coerce(given[p.name])
            elif p.required:
                raise QueryError(f"{self.id}: parameter {p.name} is required")
            else:
                out[p.name] = p.coerce(p.default)
        return out


_HEADER = re.compile(r"^//\s*([a-z_]+)\s*:\s*(.*)$")

# Reserved parameters: their default is a fact of the model, which the library fills in
# where a header writes ``model`` (``// param: hubs labels model "…"``), so that no header
# repeats the list.
MODEL_DEFAULTS: dict[str, Callable[[], list[str]]] = {"hubs": model.hub_labels}


def _parse_param(spec: str, where: str) -> Param:
    parts = shlex.split(spec)
    bounded = re.fullmatch(r"(int|hops)<=([0-9]+)", parts[1]) if len(parts) > 1 else None
    if bounded and bounded.group(1) == "hops" and int(bounded.group(2)) > MAX_HOPS:
        raise QueryError(f"{where}: {parts[1]}: hop bounds go up to {MAX_HOPS}")
    if len(parts) < 2 or (parts[1] not in PARAM_TYPES and not bounded):
        raise QueryError(f"{where}: bad param line {spec!r} (name type [default|required] [\"help\"])")
    name, type_ = parts[0], (bounded.group(1) if bounded else parts[1])
    raw = parts[2] if len(parts) > 2 else "required"
    if (name in MODEL_DEFAULTS) != (raw == "model"):
        raise QueryError(f"{where}: {spec!r}: the default 'model' goes with the reserved parameters "
                         f"({', '.join(MODEL_DEFAULTS)}), and only with them")
    default: Any = None if raw == "required" else ("" if raw == "''" else raw)
    if raw == "model":
        default = ",".join(MODEL_DEFAULTS[name]())
    return Param(name, type_, default, parts[3] if len(parts) > 3 else "",
                 upper=int(bounded.group(2)) if bounded else None)


def parse_query_file(path: Path) -> NamedQuery:
    meta: dict[str, str] = {}
    params: list[Param] = []
    helps_zh: list[tuple[str, str]] = []
    body: list[str] = []
    in_header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line.strip()) if in_header else None
        if m:
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                params.append(_parse_param(value, path.name))
            elif key == "param_zh":
                name, _, text = value.partition(" ")
                helps_zh.append((name, text.strip().strip('"')))
            else:
                meta[key] = value
            continue
        if in_header and not line.strip():
            continue
        in_header = False
        body.append(line)
    for key in ("id", "title_zh", "title_en", "audience", "shape"):
        if key not in meta:
            raise QueryError(f"{path.name}: header line '// {key}:' is missing")
    if meta["id"] != path.name[: -len(".cypher")]:
        raise QueryError(f"{path.name}: id {meta['id']!r} must match the file name")
    return NamedQuery(meta["id"], meta["title_zh"], meta["title_en"], meta["audience"],
                      meta.get("description", ""), tuple(params), meta["shape"],
                      "\n".join(body).strip(), path=str(path), text_from=meta.get("text_from", ""),
                      packed=tuple(c.strip() for c in meta["packed"].split(",")) if meta.get("packed") else (),
                      description_zh=meta.get("description_zh", ""), param_help_zh=tuple(helps_zh),
                      postprocess=_checked_step_name(meta.get("postprocess", ""), path.name))


@lru_cache(maxsize=1)
def load_library(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query in ``directory`` with its dialect variants, by id (read once).

    Parameters
    ----------
    directory : Path, optional (default = the ``queries/`` folder)
        Where the ``*.cypher`` files are.

    Returns
    -------
    library : dict of str to NamedQuery
        In id order; a ``text_from`` query holds the other query's texts.

    Raises
    ------
    QueryError
        For a header that is malformed or misses a key, an id unlike its file name, a variant
        without a base file, or a ``text_from`` that names no query or loops.

    Examples
    --------
    >>> lib = load_library()
    >>> "paths.shortest" in lib, lib["paths.shortest"].text_for("ladybug") == lib["paths.k_paths"].text_for("ladybug")
    (True, True)
    """
    base: dict[str, NamedQuery] = {}
    variants: dict[str, dict[str, str]] = {}
    for f in sorted(directory.glob("*.cypher")):
        stem = f.name[: -len(".cypher")]
        dialect = stem.rsplit(".", 1)[-1] if "." in stem else ""
        if dialect in DIALECTS:
            body = "\n".join(l for l in f.read_text(encoding="utf-8").splitlines() if not l.startswith("//"))
            variants.setdefault(stem.rsplit(".", 1)[0], {})[dialect] = body.strip()
        else:
            q = parse_query_file(f)
            base[q.id] = q
    for qid, v in variants.items():
        if qid not in base:
            raise QueryError(f"variant for {qid} has no {qid}.cypher")
        q = base[qid]
        base[qid] = NamedQuery(**{**q.__dict__, "variants": v})
    for qid in sorted(base):
        base[qid] = _with_texts_from(base, qid, ())
    return base


def _with_texts_from(base: dict[str, NamedQuery], qid: str, seen: tuple[str, ...]) -> NamedQuery:
    q = base[qid]
    if not q.text_from:
        return q
    if q.text_from not in base or q.text_from in seen:
        raise QueryError(f"{qid}: text_from {q.text_from!r} is not another query of the library (or loops)")
    other = _with_texts_from(base, q.text_from, seen + (qid,))
    return NamedQuery(**{**q.__dict__, "text": q.text or other.text, "variants": {**other.variants, **q.variants},
                         "text_from": ""})


def get_query(qid: str) -> NamedQuery:
    """The library's query ``qid``.

    Parameters
    ----------
    qid : str
        A query id, e.g. ``"coverage.matrix"``.

    Returns
    -------
    query : NamedQuery

    Raises
    ------
    QueryError
        When the library has no such query.

    Examples
    --------
    >>> get_query("coverage.matrix").audience
    'planner'
    >>> get_query("nothing")
    Traceback (most recent call last):
    ...
    queries.library.QueryError: no query 'nothing'; `kg query --list` shows them
    """
    lib = load_library()
    if qid not in lib:
        raise QueryError(f"no query {qid!r}; `kg query --list` shows them")
    return lib[qid]


def _render(q: NamedQuery, dialect: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    text = q.text_for(dialect)
    values = dict(params)
    for p in q.params:
        # Labels and hop bounds are identifiers and literals Cypher cannot take as
        # parameters; both are validated (a model label, an int in 1..MAX_HOPS) first.
        if p.type in ("label", "hops"):
            text = text.replace("{{" + p.name + "}}", str(values.pop(p.name)))
    return text, values


Step = Callable[[GraphStore, QueryResult, dict[str, Any]], QueryResult]
_STEP_NAME = re.compile(r"queries(\.[a-z_][a-z0-9_]*)+")


def _checked_step_name(name: str, where: str) -> str:
    if name and not _STEP_NAME.fullmatch(name):
        raise QueryError(f"{where}: postprocess {name!r} must name a function as queries.MODULE.FUNCTION")
    return name


@lru_cache(maxsize=None)
def postprocess_step(name: str) -> Step:
    """The function that a header's ``// postprocess: NAME`` names, imported on first use.

    Parameters
    ----------
    name : str
        ``queries.MODULE.FUNCTION``; the function takes the store, the query's result and
        its bound parameters and returns the completed result.

    Raises
    ------
    QueryError
        When the module or the function does not exist.

    Examples
    --------
    >>> postprocess_step("queries.paths.shortest_path").__name__
    'shortest_path'
    >>> postprocess_step("queries.paths.nothing")
    Traceback (most recent call last):
    ...
    queries.library.QueryError: postprocess queries.paths.nothing: queries.paths has no function nothing
    """
    module, _, func = _checked_step_name(name, "postprocess").rpartition(".")
    try:
        step = getattr(importlib.import_module(module), func, None)
    except ImportError as e:
        raise QueryError(f"postprocess {name}: cannot import {module} ({e})") from None
    if not callable(step):
        raise QueryError(f"postprocess {name}: {module} has no function {func}")
    return step


def run_named(store: GraphStore, qid: str, params: dict[str, Any] | None = None, *,
              row_cap: int | None = None, timeout: float | None = None) -> QueryResult:
    """Run library query ``qid`` on ``store`` with ``params`` (defaults filled in), under
    the configured row cap and time limit.

    Parameters
    ----------
    store : GraphStore
        Either store: the text for its dialect runs, read-only.
    qid : str
        The query's id.
    params : dict, optional
        Parameter values (:meth:`NamedQuery.bind`); they reach Cypher as parameters.
    row_cap, timeout : int and float, optional
        A lower row cap (rows) and time limit (seconds) than the settings
        ``KG_ROW_CAP``/``KG_QUERY_TIMEOUT_S``; they can only lower them
        (:func:`graph.config.read_limits`).

    Returns
    -------
    result : QueryResult
        Unpacked (``// packed:``), completed by the query's ``postprocess`` step, and with
        collected lists sorted, so that both stores answer alike.

    Raises
    ------
    QueryError
        For an unknown query or parameters that do not fit it.
    QueryTimeout
        When the query runs past its time limit.

    Examples
    --------
    >>> _ = store.load({"Firm": [{"id": "trina", "name": "天合光能"}]}, [])
    >>> res = run_named(store, "entity.search", {"q": "天合"})
    >>> res.columns[:3], [r[:3] for r in res.rows]
    (['label', 'id', 'name'], [['Firm', 'trina', '天合光能']])
    >>> run_named(store, "entity.search", {"query": "天合"})
    Traceback (most recent call last):
    ...
    queries.library.QueryError: entity.search: unknown parameter(s) query; it takes q, types, limit
    """
    row_cap, timeout = config.read_limits(row_cap, timeout)
    q = get_query(qid)
    bound = q.bind(params or {})
    text, values = _render(q, store.dialect, bound)
    res = store.read(text, values, row_cap=row_cap, timeout=timeout, trusted=True)
    if q.packed and res.columns == ["rows"]:
        res = _unpacked(res, q.packed, row_cap)
    if q.postprocess:
        res = postprocess_step(q.postprocess)(store, res, bound)
    _sort_collected_lists(res)  # after: a post-processing step may read a list whole and return none
    return res


def _unpacked(res: QueryResult, columns: tuple[str, ...], row_cap: int | None) -> QueryResult:
    """The rows a packed text returned in its one ``rows`` cell, cut at ``row_cap``."""
    rows = [list(r) for r in (res.rows[0][0] or [])] if res.rows else []
    cut = row_cap is not None and len(rows) > row_cap
    return QueryResult(list(columns), rows[:row_cap] if cut else rows, res.truncated or cut)


def _sort_collected_lists(res: QueryResult) -> None:
    # Cypher leaves the order of collect() undefined, and the two engines differ; lists
    # of plain values are sorted so that answers are stable.  Path columns (path_*) keep
    # their order, which is the path's.
    for j, col in enumerate(res.columns):
        if col.startswith("path_"):
            continue
        for row in res.rows:
            v = row[j]
            if not isinstance(v, list):
                continue
            kinds = set(map(type, v))
            if not kinds <= {str, int, float, bool}:
                continue
            if len(kinds) == 1:  # one kind (the usual case): the values sort as they are, fast
                row[j] = sorted(v)
            else:
                row[j] = sorted(v, key=lambda x: (str(type(x)), x))

