"""The UI's strings: the one table of :mod:`graph.strings` (pages, maps and login share it),
under the names the pages import."""

from graph.strings import (  # noqa: F401 - re-exported
    COLUMNS, LANGS, LIST_SEP, MISSING, SENTENCE_SEP, STRINGS, WORDS, column_label, foreign_in_english, join,
    norm_lang, rel_name, t, type_name, unit, with_unit, word,
)

__all__ = ["LANGS", "STRINGS", "COLUMNS", "WORDS", "MISSING", "LIST_SEP", "t", "type_name", "rel_name", "norm_lang",
           "column_label", "word", "join", "unit", "with_unit", "SENTENCE_SEP", "foreign_in_english"]
