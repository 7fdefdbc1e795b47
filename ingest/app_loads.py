"""The loads the app starts, without Streamlit: the bundled data into an empty store on first
start (:func:`load_if_empty`), and files a user uploads (:func:`ingest_uploads`), checked
first with a dry run.  Neither raises for bad data: each says what failed."""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from graph import config
from graph.store.base import GraphStore, StoreError
__all__ = ["first_start_dir", "load_if_empty", "staged_uploads", "ingest_uploads", "ingest_files", "TABLE_SUFFIXES"]

TABLE_SUFFIXES = (".csv", ".xlsx")


def _now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def first_start_dir() -> Path:
    """The folder loaded into an empty store: ``KG_APP_DATA_DIR`` (for tests and demos)
    or the bundled ``data/changzhou``."""
    return Path(config.setting("KG_APP_DATA_DIR"))


def load_if_empty(store: GraphStore, data_dir: Path | None = None) -> dict[str, Any]:
    """Load ``data_dir`` (default :func:`first_start_dir`) into ``store`` when the store is
    empty: ``{"status": "loaded"|"present"|"empty"|"error", "loaded_at", "message"}``.  A load
    that fails is an ``"error"`` with what failed (documents that fail leave the tables loaded);
    only a store that cannot be read raises (:class:`StoreError`), so the caller can try again."""
    from ingest.loader import ingest_paths  # on use: the app's pages start without the loaders

    data_dir = Path(data_dir or first_start_dir())
    info: dict[str, Any] = {"status": "present", "loaded_at": None, "message": ""}
    if sum(store.stats().get("nodes", {}).values()):
        path = getattr(store, "path", None)
        if path is not None and Path(path).exists():
            info["loaded_at"] = dt.datetime.fromtimestamp(Path(path).stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
        return info
    tables = sorted(p for p in data_dir.glob("*") if p.suffix.lower() in TABLE_SUFFIXES) if data_dir.is_dir() else []
    if not tables and not (data_dir / "documents").is_dir():
        info.update(status="empty", message=f"{data_dir} holds no data")
        return info
    try:
        res = ingest_paths(store, [data_dir])
        info.update(status="loaded", loaded_at=_now(),
                    message=f"{data_dir.name}: {res.summary.changed if res.summary else 0} changes")
    except Exception as e:  # noqa: BLE001 - the app must start; the message says what failed
        first = _one_line(e)
        if tables:
            try:  # the spreadsheets alone, so the app has data while documents are fixed
                res = ingest_paths(store, tables)
                info.update(status="loaded", loaded_at=_now(),
                            message=f"documents skipped ({first}); tables loaded: "
                                    f"{res.summary.changed if res.summary else 0} changes")
            except Exception as e2:  # noqa: BLE001
                info.update(status="error", message=_one_line(e2))
        else:
            info.update(status="error", message=first)
    if info["status"] == "loaded":
        _precompute(store)
    return info


def _precompute(store: GraphStore) -> None:
    """The side table of the data the first start loaded (:func:`graph.precompute.refresh`),
    so that no page view computes it; a failure leaves it to be computed on first read."""
    from graph import precompute

    try:
        precompute.refresh(store, store.data_version())
    except StoreError:
        pass


def _one_line(e: Exception) -> str:
    problems = getattr(e, "problems", None)
    if problems:
        head = "; ".join(str(p) for p in problems[:3])
        return head + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else "")
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0] if text else ''}"


@contextmanager
def staged_uploads(files: Iterable[tuple[str, bytes]]) -> Iterator[Path]:
    """Uploaded ``(name, bytes)`` in a fresh temporary folder, keeping the names (the file
    name says the type: Firm.csv, relationships.csv …); the folder is removed on leaving,
    whether the load succeeded, failed or raised."""
    with tempfile.TemporaryDirectory(prefix="kg-upload-") as d:
        for name, data in files:
            (Path(d) / Path(name).name).write_bytes(data)
        yield Path(d)


def ingest_uploads(store: GraphStore, files: Iterable[tuple[str, bytes]], *, dry_run: bool) -> dict[str, Any]:
    """:func:`ingest_files` on uploaded ``(name, bytes)``, staged only for the load;
    problems name the uploaded file (``Firm.csv:2:founded: …``)."""
    with staged_uploads(files) as folder:
        out = ingest_files(store, folder, dry_run=dry_run)
    # The user knows the file by its own name, not by the temporary folder's.
    out["problems"] = [p.replace(f"{folder}/", "") for p in out["problems"]]
    return out


def ingest_files(store: GraphStore, folder: Path, *, dry_run: bool) -> dict[str, Any]:
    """Run ingest on ``folder``: ``{"ok", "problems" (file:row:column: reason), "rows",
    "summary", "candidates"}``.  Never raises for bad data."""
    from ingest.loader import ingest_paths
    from ingest.spreadsheet import IngestError

    paths = sorted(folder.iterdir())
    try:
        res = ingest_paths(store, paths, dry_run=dry_run)
    except IngestError as e:
        return {"ok": False, "problems": [str(p) for p in e.problems], "rows": 0, "summary": [], "candidates": []}
    except StoreError as e:
        return {"ok": False, "problems": [str(e)], "rows": 0, "summary": [], "candidates": []}
    if res.summary and res.summary.changed:
        from graph import precompute

        precompute.refresh(store, store.data_version())  # audits and analytics of the new data
    return {"ok": True, "problems": [], "rows": res.plan.row_count,
            "summary": res.summary.rows() if res.summary else [], "changed": res.summary.changed if res.summary else 0,
            "candidates": res.candidates}
