"""Entity names in the reader's language: ``name_en`` in English where the data has one,
``name`` otherwise.  Maps, tables, pickers and tooltips all go through here.

An English name is either the entity's own (``name_en_source`` names the page where the
entity publishes it) or the dataset's translation (``name_en_source`` empty): both are shown,
and :func:`name_en_basis` tells them apart.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Sequence

from graph import model

__all__ = ["display_name", "name_en_basis", "english_names", "read_english_names", "translate_rows"]

#: Columns of sentences that name entities inside them (the analyses' explanations).
_SENTENCES = {"explanation", "summary"}
#: Columns whose values are never names: ids, types, links and free text.
_NOT_NAMES = {"label", "lname", "a_label", "b_label", "path_labels", "type", "types", "path_types",
              "source", "read_at", "url", "name_en_source", "description", "note", "text", "phrase"}


def display_name(props: Mapping[str, Any], lang: str) -> str:
    """The name of a node with properties ``props`` as a ``lang`` reader sees it.

    >>> display_name({"name": "常州大学", "name_en": "Changzhou University"}, "en")
    'Changzhou University'
    >>> display_name({"name": "常州大学", "name_en": "Changzhou University"}, "zh")
    '常州大学'
    >>> display_name({"name": "原点空间", "name_en": ""}, "en")
    '原点空间'
    """
    name = props.get("name")
    if lang == "en" and props.get("name_en"):
        return str(props["name_en"])
    return "" if name is None else str(name)


def name_en_basis(props: Mapping[str, Any]) -> str:
    """``official`` when the entity publishes the English name itself (``name_en_source`` set),
    ``translated`` when ``name_en`` is the dataset's translation, ``""`` when there is none.

    >>> name_en_basis({"name_en": "Changzhou University", "name_en_source": "https://www.cczu.edu.cn/"})
    'official'
    >>> name_en_basis({"name_en": "Origin Space"}), name_en_basis({"name": "原点空间"})
    ('translated', '')
    """
    if not props.get("name_en"):
        return ""
    return "official" if props.get("name_en_source") else "translated"


def english_names(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{name: name_en}`` from ``(name, name_en)`` pairs, leaving out a Chinese name that two
    entities share under different English names (it stays in Chinese rather than guess).

    >>> english_names([("常州大学", "Changzhou University"), ("同名", "A"), ("同名", "B"), ("x", None)])
    {'常州大学': 'Changzhou University'}
    """
    found: dict[str, set[str]] = {}
    for name, en in pairs:
        if name and en:
            found.setdefault(name, set()).add(en)
    return {name: next(iter(ens)) for name, ens in found.items() if len(ens) == 1}


def read_english_names(store) -> dict[str, str]:
    """:func:`english_names` of every entity in ``store``: one read per label."""
    from graph.projection import _columns

    pairs: list[tuple[str, str]] = []
    for label in model.labels():
        c = _columns(store, f"MATCH (n:{label}) WHERE n.name_en IS NOT NULL", {"name": "n.name", "en": "n.name_en"})
        pairs += zip(c["name"], c["en"])
    return english_names(pairs)


def _is_name_column(col: str) -> bool:
    return col not in _NOT_NAMES and col != "id" and not col.endswith(("_id", "_ids"))


def translate_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], names: Mapping[str, str]) -> list[list[Any]]:
    """``rows`` with every cell (or list item) that is exactly an entity's Chinese name replaced
    by its English name from ``names``; ids, types, links and free text are left alone.

    >>> translate_rows(["id", "name", "path_names"], [["cczu", "常州大学", ["常州大学", "未知"]]],
    ...                {"常州大学": "Changzhou University"})
    [['cczu', 'Changzhou University', ['Changzhou University', '未知']]]
    >>> translate_rows(["name", "explanation"], [["天合光能", "both connect to 常州大学"]],
    ...                {"常州大学": "Changzhou University", "天合光能": "Trina Solar"})
    [['Trina Solar', 'both connect to Changzhou University']]
    """
    which = [_is_name_column(c) for c in columns]
    sentences = [c in _SENTENCES for c in columns]
    inside = _names_inside(names) if any(sentences) else None
    out = []
    for row in rows:
        out.append([inside(v) if said and isinstance(v, str) else _translate(v, names) if keep else v
                    for v, keep, said in zip(row, which, sentences)])
    return out


def _names_inside(names: Mapping[str, str]):
    """A function putting every whole Chinese name inside a sentence into English, longest
    first; a name inside a longer word is left alone (新材料 in 江苏艾特马新材料科技有限公司, an
    entity without an English name, stays).

    >>> f = _names_inside({"常州大学": "Changzhou University", "新材料": "New materials"})
    >>> f("both connect to 常州大学, 江苏艾特马新材料科技有限公司; both in track 新材料")
    'both connect to Changzhou University, 江苏艾特马新材料科技有限公司; both in track New materials'
    """
    if not names:
        return lambda text: text
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return lambda text: pattern.sub(lambda m: names[m.group(0)], text)


def _translate(v: Any, names: Mapping[str, str]) -> Any:
    if isinstance(v, str):
        return names.get(v, v)
    if isinstance(v, list):
        return [names.get(x, x) if isinstance(x, str) else x for x in v]
    return v
