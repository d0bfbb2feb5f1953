"""Build the artifacts in ``output/`` from a graph.

``build`` is the one code path behind both ``python build_graph.py`` and
``footback build``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..formats.yamlfile import load_graph_dir

#: Artifacts written by a build: file name in the output folder -> export format.
ARTIFACTS: dict[str, str] = {
    "graph.json": "json",
    "footback.html": "html",
    "handout.html": "handout",
}


def write_artifacts(G: Any, out_dir: str | Path = "output") -> list[Path]:
    """Write every artifact of :data:`ARTIFACTS` for ``G`` into ``out_dir``.

    The same graph always gives byte-identical files. Each file is written
    atomically.
    """
    from ..errors import ExportError
    from ..exporters import export

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    return [export(G, fmt, out / name) for name, fmt in ARTIFACTS.items()]


def build(graph_dir: str | Path | None = None, out_dir: str | Path = "output") -> list[Path]:
    """Validate a data directory (default: the curated data) and write its artifacts.

    Raises
    ------
    DataError
        When the data is invalid; nothing is written then.
    """
    from ..formats.yamlfile import DATA_DIR

    return write_artifacts(load_graph_dir(graph_dir or DATA_DIR), out_dir)
