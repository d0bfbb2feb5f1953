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


# --- values footback reads as text, or as lists of text -------------------------------
#
# The YAML validator and every importer name a value that is not what footback
# reads in the same words: what the reader took it for, and how to write it.


def not_text(value: Any, hint: str = "quote it") -> str:
    """What ``value``, found where text belongs, was read as; ``hint`` says how to write it as text.

    >>> import datetime
    >>> not_text(42), not_text(float("nan")), not_text(True), not_text(datetime.date(2020, 1, 2))
    ('a number (quote it)', 'NaN, a missing value (leave the field out)', 'true (quote it)', '2020-01-02, read as a date (quote it)')
    >>> not_text(["x"]), not_text({"a": 1})
    ("a list ['x']", "a mapping {'a': 1}")
    """
    import datetime
    import math

    if isinstance(value, bool):
        return f"{str(value).lower()} ({hint})"
    if isinstance(value, float) and math.isnan(value):
        return "NaN, a missing value (leave the field out)"
    if isinstance(value, (int, float)):
        return f"a number ({hint})"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"{value}, read as a date ({hint})"
    if isinstance(value, (list, tuple)):
        return f"a list {value!r:.40}"
    if isinstance(value, dict):
        return f"a mapping {value!r:.40}"
    return f"{type(value).__name__} {value!r:.40}"


def text(
    value: Any,
    key: str,
    file: str | Path,
    line: int | None,
    record: str | None,
    report: Report,
    *,
    what: str | None = None,
    required: bool = False,
    hint: str = "quote it",
) -> bool:
    """Whether ``value``, the field ``key`` of a ``what`` (a node, an edge), is text; reports it when not.

    ``required``: the field must be there and hold more than spaces (footback's
    YAML); otherwise None (null) is as if absent and empty text is allowed (an
    import, where most fields are optional).

    >>> found = []
    >>> text(2020, "label", "g.json", 3, "a", found.append), text(None, "label", "g.json", 3, "a", found.append)
    (False, True)
    >>> text(" ", "note", "edges.yaml", 4, "a causes b", found.append, what="edge", required=True)
    False
    >>> [p.message for p in found]
    ["'label' must be text, got a number (quote it)", "edge field 'note' must be non-empty text"]
    """
    if isinstance(value, str):
        if not required or value.strip():
            return True
    elif value is None and not required:
        return True
    field = f"{what} field {key!r}" if what else repr(key)  # only for a problem: a million rows pass
    if isinstance(value, str):
        message = f"{field} must be non-empty text"
    elif value is None:
        message = f"{what} is missing required field {key!r}" if what else f"{field} is missing"
    else:
        message = f"{field} must be text, got {not_text(value, hint)}"
    report(Problem(str(file), line, message, record))
    return False


def text_list(value: Any, key: str, file: str | Path, line: int | None, record: str | None, report: Report, hint: str = "quote it") -> bool:
    """Whether ``value`` is a list of non-empty text (``synonyms``, ``codes``,
    ``related_terms``, a source's ``sections``); None is as if absent.

    >>> found = []
    >>> text_list("hallux valgus", "related_terms", "rt.json", 3, "bunion", found.append)
    False
    >>> text_list(["a", 7], "codes", "g.json", 4, "b", found.append), text_list(None, "codes", "g.json", 4, "b", found.append)
    (False, True)
    >>> [p.message for p in found]
    ["'related_terms' must be a list of non-empty text, got the text 'hallux valgus', not a list", "'codes' must be a list of non-empty text, got a list whose item 2 is a number (quote it)"]
    """
    if value is None or (isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)):
        return True
    if isinstance(value, str):
        got = f"the text {value!r:.40}, not a list"
    elif isinstance(value, list):
        i, item = next((i, v) for i, v in enumerate(value) if not (isinstance(v, str) and v.strip()))
        got = f"a list whose item {i + 1} is " + ("empty text" if isinstance(item, str) else not_text(item, hint))
    else:
        got = not_text(value, hint)
    report(Problem(str(file), line, f"{key!r} must be a list of non-empty text, got {got}", record))
    return False


def red_flag(value: Any, node_type: Any, file: str | Path, line: int | None, record: str | None, report: Report) -> bool:
    """Whether a node's ``red_flag`` is true or false, and true only on a symptom."""
    from ..model import SYMPTOM

    if value is None or value is False or (value is True and node_type == SYMPTOM):
        return True
    report(Problem(str(file), line, f"'red_flag' must be true or false, and true only on a symptom (got {value!r:.40} on a {node_type or 'node without a type'})", record))
    return False


#: A node's fields footback reads as text, and as lists of text (the optional
#: fields of its YAML but ``red_flag``).
#:
#: >>> from graph.model import NODE_FIELDS_OPTIONAL
#: >>> NODE_LISTS + ("red_flag",) == NODE_FIELDS_OPTIONAL
#: True
NODE_TEXT = ("label", "description", "type")
NODE_LISTS = ("synonyms", "codes", "related_terms")


def imported_node(
    d: dict[str, Any],
    file: str | Path,
    line: int | None,
    record: str | None,
    report: Report,
    names: dict[str, str] | None = None,
    also: tuple[str, ...] = (),
    hint: str = "quote it",
) -> bool:
    """Whether the attributes ``d`` of a node read from another format hold what footback reads
    as its YAML holds it: text ``label``, ``description`` and ``type`` (a type footback does not
    know is kept), lists of non-empty text in ``synonyms``, ``codes`` and ``related_terms``, and
    a ``red_flag`` true or false (true only on a symptom). ``also``: more fields the reader
    reads as text (Cytoscape desktop's ``name``, a label). A null is as if absent, and removed.
    Problems name each field as the file does (``names``: a KGX column); ``hint`` says how
    to write a number or a date as text in the file's format.

    >>> found = []
    >>> d = {"label": "Bunion", "type": 123, "related_terms": "hallux valgus", "note": None}
    >>> imported_node(d, "rt.json", 2, "bunion", found.append)
    False
    >>> [p.message for p in found]
    ["'type' must be text, got a number (quote it)", "'related_terms' must be a list of non-empty text, got the text 'hallux valgus', not a list"]
    """
    names = names or {}
    ok = True
    for key in NODE_TEXT + also + NODE_LISTS + ("red_flag",):
        if key in d and d[key] is None:
            del d[key]
    for key in NODE_TEXT + also:
        value = d.get(key)
        if value is not None and type(value) is not str:  # text passes without a call: a million rows
            ok = text(value, names.get(key, key), file, line, record, report, hint=hint) and ok
    for key in NODE_LISTS:
        value = d.get(key)
        if value is not None:
            ok = text_list(value, names.get(key, key), file, line, record, report, hint) and ok
    flag = d.get("red_flag")
    return (flag is None or red_flag(flag, d.get("type"), file, line, record, report)) and ok


def sections(value: list[Any], key: str, file: str | Path, line: int | None, record: str | None, report: Report, what: str | None = None) -> bool:
    """Whether ``value``, an edge's ``section`` given as a list (a claim resting on several
    sections), is a non-empty list of headings, none twice."""
    field = f"{what} field {key!r}" if what else repr(key)
    if not value or not all(isinstance(v, str) and v.strip() for v in value):
        message = f"{field} must be a heading, or a non-empty list of headings"
    elif len(set(value)) != len(value):
        message = f"{field} lists a heading twice"
    else:
        return True
    report(Problem(str(file), line, message, record))
    return False


#: An edge's fields footback reads as text (``section`` may be a list of headings).
EDGE_TEXT = ("relation", "note", "cites", "section")


def imported_edge(
    d: dict[str, Any],
    file: str | Path,
    line: int | None,
    record: str | None,
    report: Report,
    names: dict[str, str] | None = None,
    also: tuple[str, ...] = (),
    hint: str = "quote it",
) -> bool:
    """Whether the attributes ``d`` of an edge read from another format hold text where footback
    reads it, as its YAML holds it: ``relation``, ``note``, ``cites`` and ``section`` (or a list of
    headings, none twice), and ``also``, more fields the reader reads as text (a relation
    from Cytoscape's ``interaction``). A null is as if absent, and removed.

    >>> found = []
    >>> imported_edge({"note": float("nan"), "section": ["A", "A"]}, "g.json", 5, "a -> b", found.append)
    False
    >>> [p.message for p in found]
    ["'note' must be text, got NaN, a missing value (leave the field out)", "'section' lists a heading twice"]
    """
    names = names or {}
    ok = True
    for key in EDGE_TEXT + also:
        value = d.get(key)
        if type(value) is str:
            continue
        if value is None:
            d.pop(key, None)
        elif key == "section" and isinstance(value, list):
            ok = sections(value, names.get(key, key), file, line, record, report) and ok
        else:
            ok = text(value, names.get(key, key), file, line, record, report, hint=hint) and ok
    return ok
