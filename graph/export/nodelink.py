"""networkx node-link JSON, deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..present import finite  # NaN and infinities as null: JSON has no words for them


def to_json(G: Any) -> str:
    """Serialise ``G`` as node-link JSON text: sorted keys, a newline at the end."""
    import networkx as nx

    data = nx.node_link_data(G, edges="edges")
    data["graph"] = {k: v for k, v in data["graph"].items() if k != "origin"}
    return json.dumps(finite(data), indent=2, sort_keys=True, ensure_ascii=False, default=str, allow_nan=False) + "\n"


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write node-link JSON to ``dest``."""
    Path(dest).write_text(to_json(G), encoding="utf-8")
