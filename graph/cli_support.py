"""What the ``kg`` command modules share (graph/cli.py, ingest/cli.py, queries/cli.py).

It imports none of them, so that graph/cli.py, which assembles the command line, is the
only module that imports the command modules: one direction, no cycle."""

from __future__ import annotations

import json

import click


class KgError(click.ClickException):
    """A one-line user-facing error."""

    def show(self, file=None) -> None:
        click.echo(f"kg: error: {self.format_message()}", err=True)


def parse_params(pairs: tuple[str, ...]) -> dict:
    """``k=v`` pairs; ``v`` is read as JSON when it parses (numbers, lists, true), else
    taken literally as a string."""
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise KgError(f"--param needs k=v, got {pair!r}")
        k, v = pair.split("=", 1)
        try:
            out[k.strip()] = json.loads(v)
        except ValueError:
            out[k.strip()] = v
    return out
