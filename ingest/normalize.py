"""Text normalisation: decoding a file's bytes, and what makes two spellings of a name the
same organisation."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["DecodeError", "decode_text", "clean_text", "match_key", "match_keys", "slug_for"]

_SPACE = re.compile(r"\s+")
# Characters that are invisible in a spreadsheet but make two names differ: zero-width
# spaces and joiners, word joiner, a byte-order mark pasted into a cell, soft hyphen,
# and the C0/C1 control characters other than the whitespace ones.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_QUOTES = "\"'“”‘’「」『』"


class DecodeError(ValueError):
    """Bytes that are not text in an encoding :func:`decode_text` reads; ``line`` (1-based)
    is where the first bad byte stands."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def decode_text(raw: bytes) -> str:
    """The text of a file (a CSV table or a policy document): UTF-8 with or without a
    byte-order mark, UTF-16 with one, or GB18030 (a superset of GBK and GB2312, as Excel
    and Word on Chinese Windows save text).  Raises :class:`DecodeError` with the line of
    the first bad byte; a UTF-8 file with one line in another encoding is refused rather
    than read whole as GB18030, which would garble it.

    >>> decode_text("常州".encode("gbk")), decode_text("常州".encode("utf-8-sig"))
    ('常州', '常州')
    >>> decode_text("id,name\\n常州\\n".encode() + "天宁\\n".encode("gbk"))
    Traceback (most recent call last):
    ...
    ingest.normalize.DecodeError: invalid UTF-8 bytes in a UTF-8 file (is this line in another encoding?): save the whole file as UTF-8 or as GBK
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8")
        except UnicodeDecodeError as e:
            raise DecodeError(_line_of(raw, e.start + 3), "invalid UTF-8 bytes in a file marked UTF-8 (BOM): "
                              "save the whole file as UTF-8 or as GBK") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodeError(1, "cannot decode this UTF-16 file") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    # UTF-8 text before the first bad byte that already holds Chinese means a UTF-8 file
    # with a line pasted in another encoding; decoding it all as GBK would garble it.
    if _has_cjk(raw[:utf8_error.start].decode("utf-8", errors="ignore")):
        raise DecodeError(_line_of(raw, utf8_error.start), "invalid UTF-8 bytes in a UTF-8 file "
                          "(is this line in another encoding?): save the whole file as UTF-8 or as GBK")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as e:
        raise DecodeError(_line_of(raw, e.start), "cannot decode: the file is neither UTF-8 nor GBK/GB18030") from None


def clean_text(value: str) -> str:
    """A cell's text as stored: stray whitespace (incl. full-width and no-break spaces)
    trimmed and runs collapsed; invisible characters dropped; full-width ASCII letters,
    digits and brackets folded to half-width (``（`` → ``(``, ``Ａ１`` → ``A1``).  Chinese
    punctuation such as 〔〕 and “” is kept."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _INVISIBLE.sub("", text)
    return _SPACE.sub(" ", text).strip()


def match_key(name: str) -> str:
    """The key under which names are compared: ``clean_text`` without any spaces,
    lower-cased, and with the quotes around a quoted name dropped, so that
    ``常州大学``, `` 常州 大学``, ``“常州大学”`` and width variants such as
    ``常州工学院（科教城）`` / ``常州工学院(科教城)`` compare equal."""
    text = clean_text(name).lower().replace(" ", "")
    return text.strip(_QUOTES)


# Joins names for match_keys: a private-use character, which NFKC, the patterns above and
# lower() leave alone, and which no character composes or case-maps across.
_JOIN = "\ue000"
_ANY_QUOTE = re.compile(f"[{_QUOTES}]")


def match_keys(names: list[str]) -> list[str]:
    """``[match_key(n) for n in names]``, computed on all the names joined into one text:
    the normalisation then runs once in C rather than once per name (about four times
    faster for a hundred thousand names).  A name containing the joining character itself
    falls back to one call per name."""
    if not names:
        return []
    joined = _JOIN.join(names)
    if joined.count(_JOIN) != len(names) - 1:
        return [match_key(n) for n in names]
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", joined))
    # lower() before the spaces go: match_key lower-cases with spaces still in place, and
    # final sigma depends on what follows the letter
    text = _SPACE.sub("", text.lower())
    keys = text.split(_JOIN)
    return [key.strip(_QUOTES) for key in keys] if _ANY_QUOTE.search(text) else keys


def slug_for(label: str, name: str) -> str:
    """A stable id for a row that has none: ASCII names keep a readable slug; others get
    a short hash of their match key, so that the same name always gives the same id."""
    key = match_key(name)
    ascii_slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
    if ascii_slug and ascii_slug.replace("-", "") == re.sub(r"[^a-z0-9]", "", key) and key.isascii():
        return ascii_slug
    return f"{label.lower()}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"
