"""``kg query``, ``kg analytics``, ``kg scorecard`` and ``kg export``."""

from __future__ import annotations

import click

from graph.analyses import ANALYSES
from graph.formatting import FORMATS, render


def register(cli: click.Group) -> None:
    from graph.cli_support import parse_params
    from graph.store import open_store as _open

    @cli.command()
    @click.argument("name", required=False)
    @click.option("--list", "list_", is_flag=True, help="list the library's queries")
    @click.option("--param", "-p", "params", multiple=True, help="k=v (repeatable)")
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
    @click.pass_context
    def query(ctx, name, list_, params, fmt):
        """Run a named query from the library (kg query --list shows them)."""
        from queries.library import get_query, load_library, run_named

        if list_ or not name:
            rows = []
            for q in load_library().values():
                ps = ", ".join(p.name + ("*" if p.required else f"={p.default}") for p in q.params)
                rows.append([q.id, q.title_zh, q.title_en, q.audience, q.shape, ps])
            click.echo(render(["id", "标题", "title", "audience", "shape", "params (* required)"], rows, fmt))
            return
        get_query(name)
        with _open(ctx.obj["store"]) as store:
            res = run_named(store, name, parse_params(params))
        click.echo(render(res.columns, res.rows, fmt))

    @cli.command()
    @click.argument("what", type=click.Choice(ANALYSES))
    @click.option("--top", type=int, default=20)
    @click.option("--engine", type=click.Choice(["fast", "networkx"]), default="fast",
                  help="fast: degree in the store, the rest on igraph/SciPy over arrays (seconds at 100k "
                       "nodes); networkx: the reference, over a whole export (minutes at that size)")
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
    @click.pass_context
    def analytics(ctx, what, top, engine, fmt):
        """Graph analytics: degree, betweenness, communities, brokers between tracks, partner suggestions."""
        with _open(ctx.obj["store"]) as store:
            rows = (_fast_analysis if engine == "fast" else _networkx_analysis)(store, what, top)
        rows = [r if isinstance(r, dict) else r.__dict__ for r in rows]
        cols = list(rows[0].keys()) if rows else ["result"]
        click.echo(render(cols, [[r.get(c) for c in cols] for r in rows], fmt))

    @cli.command()
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table")
    @click.pass_context
    def scorecard(ctx, fmt):
        """Each park's 五个一: every link stated, inferred or unpublished, and what it lacks."""
        from queries.library import run_named
        from queries.scorecard import status_table

        with _open(ctx.obj["store"]) as store:
            columns, rows = status_table(run_named(store, "park.scorecard").dicts())
        click.echo(render(columns, rows, fmt))

    _register_export(cli)




def _fast_analysis(store, what: str, top: int) -> list[dict]:
    from graph import fast_analytics as fa

    if what == "degree":
        return fa.degree_centrality(store, top=top)
    A = fa.read_arrays(store)
    if what == "betweenness":
        return fa.betweenness_centrality(A, top=top)
    if what == "communities":
        return fa.communities(A)[:top]
    if what == "brokers":
        return fa.brokers_between_tracks(A, top=top)
    return fa.suggest_partners(A, top=top)


def _networkx_analysis(store, what: str, top: int) -> list[dict]:
    from graph import analytics as an

    G = store.export()
    if what == "degree":
        return an.degree_centrality(G)[:top]
    if what == "betweenness":
        return an.betweenness_centrality(G)[:top]
    if what == "communities":
        return an.communities(G)[:top]
    if what == "brokers":
        return an.brokers_between_tracks(G, top=top)
    return an.suggest_partners(G, top=top)


def _register_export(cli: click.Group) -> None:
    from graph.cli_support import parse_params
    from graph.store import open_store as _open

    @cli.command()
    @click.argument("output", type=click.Path())
    @click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "csv"]), default="graphml")
    @click.option("--query", "query_name", default=None, help="export only this named query's subgraph")
    @click.option("--param", "-p", "params", multiple=True, help="k=v for --query")
    @click.option("--drop-personal", is_flag=True, help="leave out personal fields (Person names, contacts)")
    @click.option("--pseudonymise", "salt", default=None, metavar="SALT",
                  help="replace Person ids and names by a salted hash (keep SALT secret)")
    @click.pass_context
    def export(ctx, output, fmt, query_name, params, drop_personal, salt):
        """Export the graph (or a query's subgraph) for Gephi, yEd or other tools."""
        from graph.export import export_graph
        from graph.stream_export import STREAM_FORMATS, export_store
        from queries.subgraph import query_subgraph

        with _open(ctx.obj["store"]) as store:
            if not query_name and not salt and fmt in STREAM_FORMATS:  # the whole graph, as it is read
                n, m = export_store(store, output, fmt, drop_personal=drop_personal)
                click.echo(f"wrote {output}: {n} nodes, {m} relationships")
                return
            if query_name:
                G = query_subgraph(store, query_name, parse_params(params))
            else:
                G = store.export()
        if salt:
            from graph.export import pseudonymise

            G = pseudonymise(G, salt)
        export_graph(G, output, fmt, drop_personal=drop_personal)
        click.echo(f"wrote {output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships")
