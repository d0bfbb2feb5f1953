"""footback: a knowledge graph of how foot problems and back problems lead to each other.

Educational material, not medical advice.

The package is the library; ``cli.py`` only parses, calls it and formats.

>>> from graph import load_graph, paths, resolve
>>> G = load_graph()
>>> p = paths(G, resolve(G, "plantar fasciitis"), resolve(G, "lower back pain"))[0]
>>> p["nodes"][0], p["nodes"][-1]
('plantar-fasciitis', 'lower-back-pain')
"""

from .errors import AmbiguousName, DataError, ExportError, FootbackError, NameNotFound, NoPath
from .importers import load_graph
from .names import normalize, resolve
from .query import downstream, paths, treatments, upstream

__all__ = [
    "AmbiguousName",
    "DataError",
    "ExportError",
    "FootbackError",
    "NameNotFound",
    "NoPath",
    "downstream",
    "load_graph",
    "normalize",
    "paths",
    "resolve",
    "treatments",
    "upstream",
]
