"""Which kind of failure an exception is, so each gets its own message (no Streamlit here).

Only :data:`DOWN` means the store cannot be reached; a query the store rejected is never
reported as a store that is unavailable."""

from __future__ import annotations

import re

from graph.store.base import (QueryTimeout, ReadOnlyViolation, ResultTooLarge, StoreError, StoreUnavailable,
                              TransactionTooLarge)

__all__ = ["error_kind", "SYNTAX", "UNKNOWN_NAME", "TIMEOUT", "TOO_LARGE", "TOO_MANY_ROWS", "READONLY", "DOWN",
           "QUERY", "INTERNAL"]

SYNTAX, UNKNOWN_NAME, TIMEOUT, TOO_LARGE, TOO_MANY_ROWS, READONLY, DOWN, QUERY, INTERNAL = (
    "syntax", "unknown_name", "timeout", "too_large", "too_many_rows", "readonly", "down", "query", "internal")

# LadybugDB: "Parser exception: …", "Binder exception: Table X does not exist." / "Cannot find
# property p for n." / "Catalog exception: function F does not exist."; Neo4j: "[Neo.ClientError…]".
_SYNTAX = re.compile(r"parser exception|Statement\.SyntaxError|Invalid input", re.I)
_UNKNOWN = re.compile(r"does not exist|cannot find property|not defined|Unknown function|"
                      r"UnknownLabel|UnknownProperty|UnknownRelationship", re.I)


def error_kind(e: BaseException) -> str:
    """One of the module's kinds for ``e``.

    >>> error_kind(StoreError("Parser exception: Invalid input <(n:>"))
    'syntax'
    >>> error_kind(StoreError("Binder exception: Table Nope does not exist."))
    'unknown_name'
    >>> error_kind(StoreUnavailable("cannot connect to bolt://localhost:7687"))
    'down'
    >>> error_kind(ResultTooLarge.at(5))  # a whole read refused, not a failed query
    'too_many_rows'
    """
    if isinstance(e, StoreUnavailable):
        return DOWN
    if isinstance(e, QueryTimeout):
        return TIMEOUT
    if isinstance(e, ReadOnlyViolation):
        return READONLY
    if isinstance(e, TransactionTooLarge):
        return TOO_LARGE
    if isinstance(e, ResultTooLarge):
        return TOO_MANY_ROWS
    if isinstance(e, StoreError):
        text = str(e)
        # unknown-name checks first: Neo4j reports "Variable `x` not defined" under SyntaxError
        if _UNKNOWN.search(text):
            return UNKNOWN_NAME
        if _SYNTAX.search(text):
            return SYNTAX
        return QUERY
    return INTERNAL
