"""footback: a knowledge graph of how foot problems and back problems lead to each other.

Educational material, not medical advice.

The package is the library; ``cli.py`` only parses, calls it and formats. The names
below are its public Python API, for scripts and notebooks (see the docs' Python API
page and ``docs/tour.ipynb``). They are imported on first use (PEP 562), so
``import graph.errors`` (as the command line does for ``--help`` and shell
completion) does not import networkx.

A graph is a ``networkx.MultiDiGraph`` whose nodes are ids (``"plantar-fasciitis"``)
with ``label``, ``type``, ``description``, ``synonyms`` and ``codes``, and whose edges
are keyed by their relation (``causes``, ``located_in``, ``part_of``, ``treats``,
``prevents``, ...) with ``note``, ``cites``, ``section`` and, for claims, the
``evidence_*`` attributes. Queries take the graph first and return plain data.

>>> from graph import load_graph, paths, resolve
>>> G = load_graph()
>>> p = paths(G, resolve(G, "plantar fasciitis"), resolve(G, "lower back pain"))[0]
>>> p["nodes"][0], p["nodes"][-1]
('plantar-fasciitis', 'lower-back-pain')
"""

from __future__ import annotations

import importlib
from typing import Any

#: Each public name and the module that defines it (or the module and the name there,
#: where the function's own name is taken by its module: ``graph.questions.explain``).
_WHERE: dict[str, str | tuple[str, str]] = {
    "AmbiguousName": "errors",
    "DATA_DIR": "formats.yamlfile",
    "DataError": "errors",
    "ExportError": "errors",
    "Explorer": "notebook",
    "FootbackError": "errors",
    "NameNotFound": "errors",
    "NoPath": "errors",
    "downstream": "questions.query",
    "evidence_links": ("questions.query", "links"),
    "explain_paths": ("questions.explain", "explain"),
    "load_graph": "formats",
    "normalize": "language.words",
    "paths": "questions.query",
    "references": "model.evidence",
    "resolve": "language.names",
    "treatments": "questions.query",
    "upstream": "questions.query",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        where = _WHERE[name]
        module, attr = where if isinstance(where, tuple) else (where, name)
        value = getattr(importlib.import_module(f".{module}", __name__), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
