"""footback: a knowledge graph of how foot problems and back problems lead to each other.

Educational material, not medical advice.

The package is the library; ``cli.py`` only parses, calls it and formats.
Its names are imported on first use (PEP 562), so ``import graph.errors``
(as the command line does for ``--help`` and shell completion) does not
import networkx.

>>> from graph import load_graph, paths, resolve
>>> G = load_graph()
>>> p = paths(G, resolve(G, "plantar fasciitis"), resolve(G, "lower back pain"))[0]
>>> p["nodes"][0], p["nodes"][-1]
('plantar-fasciitis', 'lower-back-pain')
"""

from __future__ import annotations

import importlib
from typing import Any

#: Each public name and the module that defines it.
_WHERE = {
    "AmbiguousName": "errors",
    "DataError": "errors",
    "ExportError": "errors",
    "FootbackError": "errors",
    "NameNotFound": "errors",
    "NoPath": "errors",
    "downstream": "query",
    "load_graph": "formats",
    "normalize": "names",
    "paths": "query",
    "resolve": "names",
    "treatments": "query",
    "upstream": "query",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
