"""The one string table (graph.strings) of the pages, the maps and the login."""

import doctest
import re
from pathlib import Path

import graph.strings
from graph.strings import COLUMNS, LANGS, STRINGS, WORDS, foreign_in_english, t, word

ROOT = Path(__file__).resolve().parent.parent


def test_doc_examples():
    assert doctest.testmod(graph.strings).failed == 0


def _entries():
    for key, entry in STRINGS.items():
        yield f"STRINGS[{key}]", entry
    for table, name in ((COLUMNS, "COLUMNS"), (WORDS, "WORDS")):
        for key, (zh, en) in table.items():
            yield f"{name}[{key}]", {"zh": zh, "en": en}


def test_every_entry_has_both_languages_and_the_english_is_english():
    for where, entry in _entries():
        assert set(entry) == set(LANGS) and all(entry.values()), f"{where}: {entry}"
        assert not foreign_in_english(entry["en"]), f"{where}: {foreign_in_english(entry['en'])!r} in {entry['en']!r}"


def test_every_property_of_the_model_has_a_column_header():
    """A console query that returns any property shows it under a header in both languages."""
    from graph import model

    props = {p.name for nt in model.labels() for p in model.node_props(nt)}
    props |= {p.name for rt in model.rel_types() for p in model.rel_props(rt)}
    assert not sorted(p for p in props - set(COLUMNS) if p != "id" and not p.endswith("_id"))


def test_every_enum_value_of_the_model_is_a_word_in_both_languages():
    from graph import model

    values = {v for lb in model.labels() for p in model.node_props(lb) for v in p.enum}
    values |= {v for rt in model.rel_types() for p in model.rel_props(rt) for v in p.enum}
    assert not sorted(values - set(WORDS))


def test_units_in_english_are_english():
    from graph.strings import UNITS_EN

    assert not [u for u in UNITS_EN.values() if foreign_in_english(u)]


def test_both_languages_take_the_same_placeholders():
    for where, entry in _entries():
        zh, en = (set(re.findall(r"\{(\w+)\}", entry[lang])) for lang in LANGS)
        assert zh == en, f"{where}: {zh} != {en}"


def test_stated_and_inferred_have_one_translation_everywhere():
    from graph.maps import _confidence

    assert (word("stated", "zh"), word("inferred", "zh")) == ("来源明确", "推断")
    assert _confidence("stated", "zh").startswith(word("stated", "zh")) and _confidence("inferred", "en") == "inferred"


def test_no_other_module_keeps_a_string_table():
    """The login and the maps read this table: no language dict of their own."""
    for path in (ROOT / "ui" / "auth.py", ROOT / "graph" / "maps.py", ROOT / "ui" / "i18n.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""["']zh["']\s*:\s*[{"']""", text), f"{path.name} holds zh strings of its own"


def test_the_login_strings_come_from_the_table():
    assert t("auth_submit", "zh") == "登录" and t("auth_signed_in", "en", who="a@x.cn") == "Signed in: a@x.cn"


def test_no_key_is_written_twice():
    """A dict literal keeps the last of two equal keys silently: each string is defined once."""
    import ast

    tree = ast.parse((ROOT / "graph" / "strings.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
