"""``kg ingest``, ``kg ingest-document``, ``kg eval-documents``, ``kg templates`` and ``kg candidates``."""

from __future__ import annotations

import json

import click

from graph.formatting import render


def _print_summary(result, fmt: str) -> None:
    rows = result.summary.rows() if result.summary else []
    if fmt == "json":
        click.echo(json.dumps({"summary": rows, "documents": result.documents,
                               "candidates": len(result.candidates)}, ensure_ascii=False, indent=2))
        return
    click.echo(render(["what", "created", "updated", "unchanged"],
                      [[r["what"], r["created"], r["updated"], r["unchanged"]] for r in rows]))


def register(cli: click.Group) -> None:
    """Add the ingest commands to ``cli``."""
    _register_loads(cli)
    _register_reviews(cli)


def _register_loads(cli: click.Group) -> None:
    """``kg ingest`` and ``kg ingest-document``: the commands that write."""
    from graph.store import open_store as _open

    @cli.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path())
    @click.option("--dry-run", is_flag=True, help="validate only; write nothing")
    @click.option("--skip-invalid", is_flag=True, help="load the valid rows, write the bad ones to --rejects")
    @click.option("--rejects", default="rejects.csv", show_default=True, help="where --skip-invalid writes rejected rows")
    @click.option("--batch-size", type=click.IntRange(min=1), default=None,
                  help="rows per write batch (default KG_BATCH_SIZE)")
    @click.option("--quiet", "-q", is_flag=True, help="no progress bar")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
    @click.pass_context
    def ingest(ctx, paths, dry_run, skip_invalid, rejects, batch_size, quiet, fmt):
        """Validate and load spreadsheets (CSV/XLSX; folders too, with their documents/)."""
        from graph import config
        from ingest.loader import ingest_paths

        with _open(ctx.obj["store"]) as store:
            result = ingest_paths(store, paths, dry_run=dry_run, skip_invalid=skip_invalid,
                                  rejects_path=rejects if skip_invalid else None,
                                  batch_size=batch_size or int(config.setting("KG_BATCH_SIZE")), quiet=quiet)
            if not dry_run and result.summary and result.summary.changed:
                from graph import precompute
                from graph.store.base import StoreError

                try:  # audits and analytics, read by the app's pages
                    done = precompute.refresh(store)
                    click.echo(f"precomputed audits and analytics in {done['total_s']} s", err=True)
                except StoreError as e:  # the load is committed: its pages compute this on first read
                    click.echo(f"warning: the load is stored, but precomputing the audits and analytics "
                               f"failed ({e}); the app computes them when a page first needs them", err=True)
        for w in result.plan.warnings:
            click.echo(f"warning: {w}", err=True)
        if dry_run:
            click.echo(f"valid: {result.plan.row_count} rows would be loaded (dry run: nothing written)")
            return
        _print_summary(result, fmt)
        if result.plan.rejects:
            rows = len({(r["file"], r["row"]) for r in result.plan.rejects})
            click.echo(f"{rows} row(s) skipped ({len(result.plan.rejects)} problem(s)); see {rejects}", err=True)

    @cli.command("ingest-document")
    @click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
    @click.option("--url", default=None, help="the document's source URL")
    @click.option("--dry-run", is_flag=True)
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
    @click.pass_context
    def ingest_document(ctx, files, url, dry_run, fmt):
        """Load policy documents (.txt UTF-8/GBK, .docx): clauses, targets, mentions."""
        from ingest.loader import ingest_paths

        with _open(ctx.obj["store"]) as store:
            result = ingest_paths(store, files, dry_run=dry_run, document_url=url)
        _print_summary(result, fmt)
        if result.candidates:
            click.echo(f"{len(result.candidates)} candidate name(s) for review: kg candidates", err=True)


def _register_reviews(cli: click.Group) -> None:
    """``kg eval-documents``, ``kg templates`` and ``kg candidates``: the commands that read."""
    from graph.store import open_store as _open

    @cli.command("eval-documents")
    @click.option("--annotations", type=click.Path(exists=True, dir_okay=False), default=None,
                  help="annotation file (default: the bundled corpus)")
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
    @click.option("--details", is_flag=True, help="also list each document's missed and extra targets, and wrong comparators or periods")
    @click.option("--split", "splits", multiple=True, metavar="NAME",
                  help="only the documents of this split (tune, test, …); repeatable; default all")
    def eval_documents(annotations, fmt, details, splits):
        """Target precision/recall and clause accuracy on the annotated document corpus."""
        from ingest.document_eval import ANNOTATIONS, evaluate_corpus, report_rows

        report = evaluate_corpus(annotations or ANNOTATIONS, splits=tuple(splits))
        if not report.documents:
            raise click.UsageError(f"no annotated document in split {', '.join(splits)}")
        click.echo(render(*report_rows(report), fmt))
        if details:
            for d in report.documents:
                for m in d.misses:
                    click.echo(f"{d.file}: missed {m}")
                for e in d.extras:
                    click.echo(f"{d.file}: extra {e}")
                for w in d.wrong:
                    click.echo(f"{d.file}: wrong {w}")

    @cli.command()
    @click.argument("directory", type=click.Path(file_okay=False))
    def templates(directory):
        """Write blank ingest templates (CSV per label, relationships.csv, one XLSX)."""
        from ingest.templates import write_templates

        for p in write_templates(directory):
            click.echo(str(p))

    @cli.command()
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
    @click.pass_context
    def candidates(ctx, fmt):
        """Quoted names in documents that match no entity: candidates for review."""
        from queries.library import run_named

        with _open(ctx.obj["store"]) as store:
            res = run_named(store, "quality.candidates", {})
        click.echo(render(res.columns, res.rows, fmt))

