"""The ``kg`` command line (also ``python -m graph``).  Commands are thin: they open a
store, call the library and print.  Errors are one line on stderr and exit code 1."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from graph import config
from graph.cli_support import KgError, parse_params
from graph.formatting import FORMATS, render

__all__ = ["main", "cli"]


def _open(kind: str | None = None, **kw):
    from graph.store import open_store

    return open_store(kind, **kw)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store_kind", type=click.Choice(["embedded", "neo4j"]), default=None,
              help="override KG_STORE for this command")
@click.pass_context
def cli(ctx, store_kind):
    """三名联动创新图谱: the Changzhou innovation knowledge graph."""
    ctx.obj = {"store": store_kind}


@cli.command()
@click.option("--check", is_flag=True, help="exit 1 when schema.cypher is stale")
@click.option("--apply", "apply_", is_flag=True, help="apply the schema to the active store")
@click.pass_context
def schema(ctx, check, apply_):
    """Generate schema.cypher from the model (or check / apply it)."""
    from graph.schema import SCHEMA_PATH, neo4j_schema_text

    text = neo4j_schema_text()
    if check:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            raise KgError("schema.cypher is stale: run `kg schema` to regenerate it from graph/model.py")
        click.echo("schema.cypher is up to date")
        return
    if apply_:
        with _open(ctx.obj["store"]) as store:
            store.apply_schema()
            click.echo(f"schema applied to {store.describe()}")
        return
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    click.echo(f"wrote {SCHEMA_PATH.name}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_context
def stats(ctx, fmt):
    """Counts per label and per relationship type."""
    with _open(ctx.obj["store"]) as store:
        s = store.stats()
    if fmt == "json":
        click.echo(json.dumps(s, ensure_ascii=False, indent=2, sort_keys=True))
        return
    rows = [["node", k, v] for k, v in s["nodes"].items()] + [["relationship", k, v] for k, v in s["relationships"].items()]
    click.echo(render(["kind", "name", "count"], rows))


@cli.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, help="k=v (repeatable)")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
@click.option("--write", is_flag=True, help="allow the query to write")
@click.option("--row-cap", type=int, default=None, help="most rows (at most KG_ROW_CAP)")
@click.option("--timeout", type=float, default=None, help="seconds (at most KG_QUERY_TIMEOUT_S)")
@click.pass_context
def cypher(ctx, query, params, fmt, write, row_cap, timeout):
    """Run Cypher: read-only unless --write is given."""
    p = parse_params(params)
    with _open(ctx.obj["store"]) as store:
        if write:
            res = store.write(query, p)
            store.refresh_search_keys()  # the statement may have set names or aliases
        else:
            res = store.read(query, p, row_cap=row_cap, timeout=timeout)  # may only lower the limits
    click.echo(render(res.columns, res.rows, fmt))
    if res.truncated:
        click.echo(f"(stopped at the row cap of {len(res.rows)} rows)", err=True)


@cli.command()
@click.option("--yes", is_flag=True, help="really delete everything")
@click.option("--rebuild", is_flag=True, help="embedded store: delete the database files too (after a model change)")
@click.pass_context
def clear(ctx, yes, rebuild):
    """Delete every node and relationship."""
    if not yes:
        raise KgError("clear deletes the whole graph: add --yes")
    kind = ctx.obj["store"] or config.setting("KG_STORE")
    if rebuild and kind == "embedded":
        from graph.store.embedded import remove_database

        removed = remove_database(Path(config.setting("KG_EMBEDDED_PATH")))
        click.echo(f"removed {removed} database file(s)")
        return
    with _open(kind) as store:
        store.clear()
        click.echo(f"cleared {store.describe()}")


def _register_commands() -> None:
    # Commands that live beside their library modules register themselves here.
    from bench import cli as bench_cli
    from ingest import cli as ingest_cli
    from queries import cli as queries_cli

    for m in (ingest_cli, queries_cli, bench_cli):
        m.register(cli)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    from graph.store import StoreError

    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        return 1
    except click.ClickException as e:
        e.show()
        return e.exit_code if e.exit_code else 1
    except StoreError as e:
        click.echo(f"kg: error: {e}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("kg: interrupted", err=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
