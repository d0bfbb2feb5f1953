"""Importers for ``--graph PATH``, dispatched through one registry.

An importer is one function ``read(path) -> networkx.MultiDiGraph`` that
raises :class:`~graph.errors.DataError` (never anything else) on bad input,
and one line in :data:`IMPORTERS`. Modules are imported only when used.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError, Problem


@dataclass(frozen=True)
class Importer:
    name: str
    reader: str  # "module:function", imported lazily
    help: str

    def load(self) -> Any:
        module, func = self.reader.split(":")
        return getattr(importlib.import_module(module), func)


IMPORTERS: dict[str, Importer] = {
    i.name: i
    for i in [
        Importer("yaml", "graph.build:load_graph_dir", "a footback YAML data directory"),
    ]
}


def detect_format(path: str | Path) -> str:
    """Guess the format of ``path`` from its name and contents."""
    p = Path(path)
    if p.is_dir():
        return "yaml"
    raise DataError(Problem(str(p), None, f"cannot tell the graph format of {p} (use --graph-format: {', '.join(IMPORTERS)})"))


def load_graph(path: str | Path | None = None, fmt: str | None = None) -> Any:
    """Open a graph from ``path`` (default: the curated data) as a ``MultiDiGraph``.

    Raises
    ------
    DataError
        The data is missing, malformed or invalid.
    """
    from ..load import DATA_DIR

    if path is None:
        path, fmt = DATA_DIR, "yaml"
    fmt = fmt or detect_format(path)
    if fmt not in IMPORTERS:
        raise DataError(Problem(str(path), None, f"unknown graph format {fmt!r} (formats: {', '.join(IMPORTERS)})"))
    return IMPORTERS[fmt].load()(path)
