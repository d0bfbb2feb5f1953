"""The checks every reader of graph data makes, written once.

footback's own YAML (:mod:`graph.formats.yamlfile`) and each importer (KGX, GraphML,
node-link and Cytoscape JSON, through :func:`graph.formats.common.assemble`)
check a node's id for repeats, an edge's ends for nodes that exist, and an
edge's evidence level and basis. Each check here gets the record's value,
where it is (file, line, record) and ``report``, the function that takes a
:class:`~graph.errors.Problem` (``list.append`` for the YAML, which reports
every problem; :meth:`graph.formats.common.Problems.report` for an importer,
which stops counting at fifty); it reports what is wrong and returns whether
the value passed.

>>> found = []
>>> evidence_level("likely", "edges.yaml", 12, "a causes b", found.append)
False
>>> print(found[0])
edges.yaml:12: [a causes b] unknown evidence level 'likely' (allowed: established, supported, association, hypothesis, contradicted)
"""

from __future__ import annotations

from collections.abc import Callable, Container
from pathlib import Path
from typing import Any

from ..errors import Problem

#: Where a checked problem goes: ``list.append`` or ``Problems.report``.
Report = Callable[[Problem], None]

#: Added to a problem about an edge whose end names a node that is defined but
#: was refused: the edge is not the thing to fix.
DEFINED_BUT_INVALID = " (it is defined but invalid, see its own problem)"


def evidence_level(level: Any, file: str | Path, line: int | None, record: str | None, report: Report) -> bool:
    """Whether ``level`` is one of :data:`graph.model.evidence.LEVELS`; reports it when not."""
    from ..model.evidence import LEVELS

    if level in LEVELS:
        return True
    report(Problem(str(file), line, f"unknown evidence level {level!r:.40} (allowed: {', '.join(LEVELS)})", record))
    return False


def evidence_basis(basis: Any, file: str | Path, line: int | None, record: str | None, report: Report) -> bool:
    """Whether ``basis`` is one of :data:`graph.model.evidence.BASES`; reports it when not."""
    from ..model.evidence import BASES

    if basis in BASES:
        return True
    report(Problem(str(file), line, f"unknown evidence basis {basis!r:.40} (allowed: {', '.join(BASES)})", record))
    return False


def unique_node(
    node_id: str,
    seen: Container[str],
    file: str | Path,
    line: int | None,
    report: Report,
    first: tuple[str | Path | None, int | None] | None = None,
    record: str | None = None,
) -> bool:
    """Whether ``node_id`` is not among the ids ``seen`` so far; reports the repeat when it is.

    ``first`` is where the id was first defined: ``(file, line)``, with file
    None when it is the same file (an importer reads one). ``record`` is the
    id as written, and named (default ``node_id``; a KGX id may be written
    ``x`` or ``footback:x``).

    >>> found = []
    >>> unique_node("a", {"a"}, "nodes.tsv", 3, found.append, (None, 2)), str(found[0])
    (False, "nodes.tsv:3: [a] duplicate node id 'a' (first at line 2)")
    >>> unique_node("a", {"a"}, "more.yaml", 3, found.append, ("nodes.yaml", 7)), found[1].message
    (False, "duplicate node id 'a' (first defined at nodes.yaml:7)")
    """
    if node_id not in seen:
        return True
    where = ""
    if first is not None and first[1] is not None:
        where = f" (first at line {first[1]})" if first[0] is None else f" (first defined at {first[0]}:{first[1]})"
    shown = node_id if record is None else record
    report(Problem(str(file), line, f"duplicate node id {shown!r}{where}", shown))
    return False


def edge_end(
    end: Any,
    nodes: Container[str],
    invalid: Container[str],
    message: str,
    file: str | Path,
    line: int | None,
    record: str | None,
    report: Report,
) -> bool:
    """Whether the edge end ``end`` names one of ``nodes``; reports ``message`` when not.

    When ``end`` names a node that is defined but was refused (one of
    ``invalid``), the problem says so: the node, not the edge, is what to fix.

    >>> found = []
    >>> edge_end("b", {"a"}, {"b"}, "edge target 'b' is not a node", "g.json", 6, "a -> b", found.append)
    False
    >>> found[0].message
    "edge target 'b' is not a node (it is defined but invalid, see its own problem)"
    """
    if isinstance(end, str) and end in nodes:
        return True
    hint = DEFINED_BUT_INVALID if isinstance(end, str) and end in invalid else ""
    report(Problem(str(file), line, message + hint, record))
    return False
