"""footback's YAML data format: load, validate and build the graph (:func:`load_graph_dir`).

A data directory holds YAML files (by convention ``sources.yaml``,
``nodes.yaml`` and ``edges.yaml``; any split works) whose top-level keys are
``about``, ``sources``, ``nodes`` and ``edges``. Loading checks every rule
of the data model and reports *every* problem at once, each with its file,
line and record id, as one :class:`~graph.errors.DataError`.

The curated data is one such directory, shipped in the package; a teacher's
own directory (``--graph DIR``) goes through exactly the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .. import model
from ..errors import DataError, Problem
from ..model.evidence import CLAIM_RELATIONS, ESTABLISHED, NEEDS_REF, Evidence
from . import checks
from ..model import Edge, Node
from ..model.records import ABOUT_TEXT

if TYPE_CHECKING:
    import networkx as nx

#: The curated data shipped with the package.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

TOP_LEVEL_KEYS = ("about", "sources", "nodes", "edges")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class GraphData:
    """Validated records of one data directory."""

    nodes: list[Node]
    edges: list[Edge]
    sources: dict[str, dict[str, Any]]
    about: dict[str, Any] = field(default_factory=dict)
    origin: str = ""


class _LineDict(dict[Any, Any]):
    """A mapping that remembers the line it starts at and its keys' lines."""

    line: int = 0
    key_lines: dict[Any, int]
    #: For a key whose value is a list, the line of each of its items.
    item_lines: dict[Any, list[int]]
    duplicate_keys: list[tuple[Any, int]]
    #: An edge's ``section`` list, when its ``section`` stands for the first (see :func:`_with_section_text`).
    section_list: list[str] | None = None


def _yaml_loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> _LineDict:
        loader.flatten_mapping(node)
        out = _LineDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        out.item_lines = {}
        out.duplicate_keys = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                hash(key)
            except TypeError:
                key = repr(key)
            if key in out:
                out.duplicate_keys.append((key, line))
            out[key] = loader.construct_object(value_node, deep=True)
            out.key_lines[key] = line
            if isinstance(value_node, yaml.SequenceNode):  # to place a problem with an item that is no mapping
                out.item_lines[key] = [item.start_mark.line + 1 for item in value_node.value]
        return out

    Loader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    return Loader


def line_of(obj: Any, key: Any = None) -> int | None:
    """The line (counted from 1) of ``obj``, a mapping read by :func:`read_yaml`, or of its ``key``; None when unknown."""
    if isinstance(obj, _LineDict):
        if key is not None and key in obj.key_lines:
            return obj.key_lines[key]
        return obj.line
    return None


def item_lines(obj: Any, key: Any) -> list[int]:
    """The line of each item of the list ``obj[key]`` (``obj`` a mapping read by :func:`read_yaml`); [] when unknown.

    >>> problems = []
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "x.yaml"
    >>> _ = f.write_text("edges:\\n  - just text\\n  - {from: a}\\n")
    >>> item_lines(read_yaml(f, "x.yaml", problems), "edges")
    [2, 3]
    """
    return list(getattr(obj, "item_lines", {}).get(key, ()))


def read_yaml(path: Path, shown: str, problems: list[Problem]) -> Any:
    """One YAML file, its mappings knowing their lines (:func:`line_of`); None, with a problem for ``shown`` added to ``problems``, when it cannot be read safely."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        from .limits import not_utf8

        problems.append(Problem(shown, *not_utf8(exc, path)))  # (text is decoded in chunks)
        return None
    except OSError as exc:
        problems.append(Problem(shown, None, f"cannot read: {exc.strerror}"))
        return None
    try:
        if "*" in text:
            # An alias repeats what an anchor names: nested aliases ("billion
            # laughs") make a few lines stand for billions of values, which
            # any later step (the cache, an export, an error message) would
            # expand. footback data never needs them.
            base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            for event in yaml.parse(text, Loader=base):
                if isinstance(event, yaml.AliasEvent):
                    line = event.start_mark.line + 1 if event.start_mark else None
                    problems.append(Problem(shown, line, f"YAML alias *{event.anchor} is not allowed in footback data: write the value out"))
                    return None
        return yaml.load(text, Loader=_yaml_loader())  # noqa: S506 (safe loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        problems.append(Problem(shown, line, f"YAML syntax error: {what}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, None, f"YAML error: {exc}"))
    except RecursionError:
        problems.append(Problem(shown, None, "YAML nested too deeply"))
    except ValueError as exc:  # an integer of more than 4,300 digits
        from .limits import long_number_line

        problems.append(Problem(shown, long_number_line(text), f"not readable YAML: {exc}".partition("; use sys")[0]))
    return None


def _check_fields(
    rec: Any,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    what: str,
    shown: str,
    problems: list[Problem],
    record: str | None,
    line: int | None = None,
) -> bool:
    """Check a record's keys; True when all required fields are usable (``line``: where the record is)."""
    if not isinstance(rec, dict):
        problems.append(Problem(shown, line, f"each {what} must be a mapping, got {type(rec).__name__}: {rec!r:.60}"))
        return False
    ok = True
    for key, at in getattr(rec, "duplicate_keys", []):
        problems.append(Problem(shown, at, f"{what} repeats the key {key!r}", record))
    for key in required:
        if not checks.text(rec.get(key), key, shown, line_of(rec, key if key in rec else None), record, problems.append, what=what, required=True):
            ok = False
    allowed = set(required) | set(optional)
    for key in rec:
        if key not in allowed:
            problems.append(Problem(shown, line_of(rec, key), f"{what} has unknown field {key!r} (allowed: {', '.join(sorted(allowed))})", record))
    return ok


YAML_SUFFIXES = model.YAML_SUFFIXES


def yaml_files(folder: str | Path) -> list[Path]:
    """The YAML files of ``folder`` (not of folders inside it), sorted by name; [] when it is no folder.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("b.yml", "a.yaml", "notes.txt"):
    ...     _ = (d / name).write_text("")
    >>> [p.name for p in yaml_files(d)]
    ['a.yaml', 'b.yml']
    """
    d = Path(folder)
    return sorted(p for p in d.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file()) if d.is_dir() else []


def load_dir(path: str | Path) -> GraphData:
    """Load and validate a footback YAML data directory.

    Parameters
    ----------
    path : str or Path
        A directory of ``*.yaml`` files.

    Returns
    -------
    GraphData
        The nodes, edges and sources, in file order.

    Raises
    ------
    DataError
        With every problem found, each naming its file, line and record.
    """
    root = Path(path)
    problems: list[Problem] = []
    if not root.is_dir():
        raise DataError(Problem(str(root), None, "not a directory of footback YAML files"))
    files = yaml_files(root)
    if not files:
        raise DataError(Problem(str(root), None, "no .yaml files found (expected sources.yaml, nodes.yaml, edges.yaml)"))

    raw: dict[str, list[tuple[str, Any, int | None]]] = {k: [] for k in TOP_LEVEL_KEYS}
    about: dict[str, Any] = {}
    for file in files:
        shown = str(file)
        before = len(problems)
        doc = read_yaml(file, shown, problems)
        if len(problems) > before:
            continue
        if doc is None:
            problems.append(Problem(shown, 1, "file is empty: expected a mapping with keys " + ", ".join(TOP_LEVEL_KEYS)))
            continue
        if not isinstance(doc, dict):
            problems.append(Problem(shown, 1, f"top level must be a mapping with keys {', '.join(TOP_LEVEL_KEYS)}"))
            continue
        for key, line in getattr(doc, "duplicate_keys", []):
            problems.append(Problem(shown, line, f"top-level key {key!r} appears twice"))
        for key, value in doc.items():
            if key not in TOP_LEVEL_KEYS:
                problems.append(Problem(shown, line_of(doc, key), f"unknown top-level key {key!r} (allowed: {', '.join(TOP_LEVEL_KEYS)})"))
            elif key == "about":
                if isinstance(value, dict):
                    for k in ABOUT_TEXT:  # what footback shows (graph.model.records.about)
                        if k in value and not isinstance(value[k], str):
                            problems.append(Problem(shown, line_of(value, k), f"'about' {k!r} must be text, got {type(value[k]).__name__} {value[k]!r:.40}"))
                    about.update(value)
                else:
                    problems.append(Problem(shown, line_of(doc, key), "'about' must be a mapping"))
            elif not isinstance(value, list):
                problems.append(Problem(shown, line_of(doc, key), f"{key!r} must be a list"))
            else:
                lines = item_lines(doc, key)
                raw[key].extend((shown, rec, lines[i] if i < len(lines) else None) for i, rec in enumerate(value))

    sources = _sources(raw["sources"], problems)
    nodes, node_where = _nodes(raw["nodes"], problems)
    edges = _edges(raw["edges"], nodes, node_where, sources, problems)
    _check_names(nodes, node_where, problems)
    if not nodes and not any(p.message.startswith("YAML") for p in problems):
        problems.append(Problem(str(root), None, "no nodes defined"))
    if problems:
        raise DataError(problems)
    return GraphData(nodes=list(nodes.values()), edges=edges, sources=sources, about=about, origin=str(root))


def _sources(recs: list[tuple[str, Any, int | None]], problems: list[Problem]) -> dict[str, dict[str, Any]]:
    sources: dict[str, dict[str, Any]] = {}
    for shown, rec, at in recs:
        if not isinstance(rec, dict):
            problems.append(Problem(shown, at, f"each source must be a mapping, got {type(rec).__name__}: {rec!r:.60}"))
            continue
        rid = rec.get("id")
        ok = True
        for key in model.SOURCE_FIELDS_REQUIRED:
            if not checks.text(rec.get(key), key, shown, line_of(rec, key if key in rec else None), rid if isinstance(rid, str) else None, problems.append, what="source", required=True):
                ok = False
        if not ok or not isinstance(rid, str):
            continue
        if rid in sources:
            problems.append(Problem(shown, line_of(rec, "id"), f"duplicate source id {rid!r}", rid))
            continue
        checks.text_list(rec.get("sections"), "sections", shown, line_of(rec, "sections"), rid, problems.append)
        _check_reference(rec, shown, rid, problems)
        sources[rid] = {k: v for k, v in rec.items()}
    return sources


DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^[1-9][0-9]{0,8}$")


def _check_reference(rec: dict[str, Any], shown: str, rid: str, problems: list[Problem]) -> None:
    """A study or guideline names its authors, year (and journal), and a well-formed DOI or PMID."""
    kind = rec.get("kind")
    needed = model.RESEARCH_SOURCE_FIELDS.get(kind) if isinstance(kind, str) else None
    for key in needed or ():
        value = rec.get(key)
        if not (isinstance(value, str) and value.strip()) and not (key == "year" and isinstance(value, int) and not isinstance(value, bool)):
            problems.append(Problem(shown, line_of(rec, key if key in rec else None), f"a {kind} source needs {key!r}", rid))
    if "year" in rec and not (isinstance(rec["year"], int) and not isinstance(rec["year"], bool) and 1500 <= rec["year"] <= 2100):
        problems.append(Problem(shown, line_of(rec, "year"), f"'year' must be a year such as 2019, got {rec['year']!r:.40}", rid))
    doi, pmid = rec.get("doi"), rec.get("pmid")
    if doi is not None and not (isinstance(doi, str) and DOI_PATTERN.match(doi)):
        problems.append(Problem(shown, line_of(rec, "doi"), f"'doi' is not shaped like a DOI (10.NNNN/suffix, no 'doi:' or address): {doi!r:.60}", rid))
    if pmid is not None and not (isinstance(pmid, str) and PMID_PATTERN.match(pmid)):
        problems.append(Problem(shown, line_of(rec, "pmid"), f"'pmid' must be a PubMed id in quotes, digits only: {pmid!r:.40}", rid))
    if kind == "study" and doi is None and pmid is None and not (rec.get("volume") and rec.get("pages")):
        problems.append(Problem(shown, line_of(rec), "a study source needs a 'doi', a 'pmid', or its 'volume' and 'pages'", rid))


def _nodes(recs: list[tuple[str, Any, int | None]], problems: list[Problem]) -> tuple[dict[str, Node], dict[str, tuple[str, int | None]]]:
    nodes: dict[str, Node] = {}
    where: dict[str, tuple[str, int | None]] = {}
    for shown, rec, at in recs:
        rid = rec.get("id") if isinstance(rec, dict) and isinstance(rec.get("id"), str) else None
        if not _check_fields(rec, model.NODE_FIELDS_REQUIRED, model.NODE_FIELDS_OPTIONAL, "node", shown, problems, rid, at) or rid is None:
            continue  # (a node whose required fields are text has a text id)
        ok = True
        if not ID_PATTERN.match(rid):
            problems.append(Problem(shown, line_of(rec, "id"), f"node id {rid!r} must be kebab-case (lowercase letters, digits and single hyphens)", rid))
            ok = False
        if rec["type"] not in model.NODE_TYPES:
            problems.append(Problem(shown, line_of(rec, "type"), f"unknown node type {rec['type']!r} (allowed: {', '.join(model.NODE_TYPES)})", rid))
            ok = False
        if not checks.red_flag(rec.get("red_flag"), rec["type"], shown, line_of(rec, "red_flag"), rid, problems.append):
            ok = False
        for key in checks.NODE_LISTS:
            if not checks.text_list(rec.get(key), key, shown, line_of(rec, key), rid, problems.append):
                ok = False
        if not checks.unique_node(rid, where, shown, line_of(rec, "id"), problems.append, where.get(rid)):
            continue
        # Kept for an invalid node too, so an edge naming it is told it is defined but invalid.
        where[rid] = (shown, line_of(rec))
        if not ok:
            continue
        nodes[rid] = Node(
            id=rid,
            label=rec["label"].strip(),
            type=rec["type"],
            description=rec["description"].strip(),
            synonyms=tuple(s.strip() for s in rec.get("synonyms") or ()),
            codes=tuple(s.strip() for s in rec.get("codes") or ()),
            related_terms=tuple(s.strip() for s in rec.get("related_terms") or ()),
            extra={"red_flag": True} if rec.get("red_flag") is True else {},
        )
    return nodes, where


def _edges(
    recs: list[tuple[str, Any, int | None]],
    nodes: dict[str, Node],
    node_where: dict[str, tuple[str, int | None]],
    sources: dict[str, dict[str, Any]],
    problems: list[Problem],
) -> list[Edge]:
    edges: list[Edge] = []
    seen: dict[tuple[str, str, str], tuple[str, int | None]] = {}
    for shown, rec, at in recs:
        record = None
        if isinstance(rec, dict):  # name the edge by what it has, so a problem can be found
            ends = [rec.get(k) for k in ("from", "relation", "to")]
            record = " ".join(e if isinstance(e, str) and e.strip() else "?" for e in ends)
        section = rec.get("section") if isinstance(rec, dict) else None
        if isinstance(rec, dict) and isinstance(section, list):
            # A claim can rest on several sections: check them as a list, and the rest as usual.
            rec = _with_section_text(rec, shown, record, problems)
            if rec is None:
                continue
        if not _check_fields(rec, model.EDGE_FIELDS_REQUIRED, model.EDGE_FIELDS_OPTIONAL, "edge", shown, problems, record, at):
            continue
        src, rel, dst = rec["from"], rec["relation"], rec["to"]
        label = f"{src} {rel} {dst}"
        line = line_of(rec)
        ok = True
        if rel not in model.RELATIONS:
            problems.append(Problem(shown, line_of(rec, "relation"), f"unknown relation {rel!r} (allowed: {', '.join(model.RELATIONS)})", label))
            ok = False
        for end, key in ((src, "from"), (dst, "to")):
            if not checks.edge_end(end, nodes, node_where, f"edge {key!r} names unknown node {end!r}", shown, line_of(rec, key), label, problems.append):
                ok = False
        if src == dst:
            problems.append(Problem(shown, line, f"self-loop: {src!r} {rel} itself", label))
            ok = False
        cites = rec["cites"]
        if cites not in sources:
            known = ", ".join(sorted(sources)) or "none defined"
            problems.append(Problem(shown, line_of(rec, "cites"), f"cites unknown source {cites!r} (sources: {known})", label))
            ok = False
        else:
            sections = sources[cites].get("sections")
            for sec in _sections_of(rec):
                if isinstance(sections, list) and sec not in sections:
                    problems.append(Problem(shown, line_of(rec, "section"), f"section {sec!r} is not a section of source {cites!r}", label))
                    ok = False
        evidence = _evidence(rec, rel, sources, shown, label, problems)
        if evidence is False:
            ok = False
        if ok:
            domain, rng = model.RELATION_DOMAIN[rel], model.RELATION_RANGE[rel]
            if nodes[src].type not in domain:
                problems.append(Problem(shown, line_of(rec, "from"), f"{rel!r} must start at a {' or '.join(sorted(domain))}, but {src!r} is a {nodes[src].type}", label))
                ok = False
            if nodes[dst].type not in rng:
                problems.append(Problem(shown, line_of(rec, "to"), f"{rel!r} must end at a {' or '.join(sorted(rng))}, but {dst!r} is a {nodes[dst].type}", label))
                ok = False
        key3 = (src, rel, dst)
        if key3 in seen:
            first = seen[key3]
            problems.append(Problem(shown, line, f"duplicate edge (first at {first[0]}:{first[1]})", label))
            continue
        seen[key3] = (shown, line)
        if ok:
            ev = evidence if evidence else _default_evidence(rel, sources.get(cites), cites)
            edges.append(Edge(src, rel, dst, cites, tuple(_sections_of(rec)), rec["note"].strip(), evidence=ev))
    return edges


def _sections_of(rec: dict[str, Any]) -> list[str]:
    value = getattr(rec, "section_list", None) or [rec["section"]]  # a plain dict has none
    return [s.strip() for s in value]


def _with_section_text(rec: Any, shown: str, record: str | None, problems: list[Problem]) -> Any:
    """``rec`` with a list ``section`` checked, then stood in for by its first item (the list kept aside)."""
    value = rec["section"]
    if not checks.sections(value, "section", shown, line_of(rec, "section"), record, problems.append, what="edge"):
        return None
    copy = _LineDict(rec)
    copy.line, copy.key_lines, copy.duplicate_keys = rec.line, rec.key_lines, rec.duplicate_keys
    copy["section"] = value[0]
    copy.section_list = list(value)
    return copy


def _weighs(source: dict[str, Any] | None) -> bool:
    """Whether a source can weigh a claim: research, a guideline or a textbook (not a leaflet)."""
    kind = str((source or {}).get("kind", ""))
    return kind in model.RESEARCH_SOURCE_FIELDS or "textbook" in kind


def _default_evidence(rel: str, source: dict[str, Any] | None, cites: str) -> Evidence | None:
    """Anatomy cited to a textbook is established, textbook fact."""
    if rel not in CLAIM_RELATIONS and source is not None and "textbook" in str(source.get("kind", "")):
        return Evidence(ESTABLISHED, "textbook", (cites,), "Standard anatomy, as an anatomy textbook describes it.")
    return None


def _evidence(rec: dict[str, Any], rel: str, sources: dict[str, dict[str, Any]], shown: str, label: str, problems: list[Problem]) -> Evidence | None | Literal[False]:
    """The edge's evidence block: an :class:`Evidence`, None when absent and allowed, False when wrong."""
    block = rec.get("evidence")
    if block is None:
        kind = (sources.get(rec["cites"]) or {}).get("kind")
        if rel in CLAIM_RELATIONS and "evidence" not in rec and kind in model.WEIGHED_SOURCE_KINDS:
            problems.append(Problem(shown, line_of(rec), f"a {rel!r} edge citing a {kind} needs an 'evidence' block (level, basis, refs, note): say how sure research is of it", label))
            return False
        if "evidence" in rec:
            problems.append(Problem(shown, line_of(rec, "evidence"), "'evidence' is empty: give level, basis, refs and note", label))
            return False
        return None
    if not isinstance(block, dict):
        problems.append(Problem(shown, line_of(rec, "evidence"), f"'evidence' must be a mapping with level, basis, refs and note, got {type(block).__name__}", label))
        return False
    before = len(problems)
    for key, line in getattr(block, "duplicate_keys", []):
        problems.append(Problem(shown, line, f"evidence repeats the key {key!r}", label))
    for key in block:
        if key not in model.EVIDENCE_FIELDS:
            problems.append(Problem(shown, line_of(block, key), f"evidence has unknown field {key!r} (allowed: {', '.join(model.EVIDENCE_FIELDS)})", label))
    level, basis, refs, note = (block.get(k) for k in model.EVIDENCE_FIELDS)
    checks.evidence_level(level, shown, line_of(block, "level"), label, problems.append)
    checks.evidence_basis(basis, shown, line_of(block, "basis"), label, problems.append)
    if refs is None:
        refs = []
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        problems.append(Problem(shown, line_of(block, "refs"), "evidence 'refs' must be a list of source ids", label))
        refs = []
    for r in refs:
        if r not in sources:
            problems.append(Problem(shown, line_of(block, "refs"), f"evidence cites unknown reference {r!r:.60} (add it to the sources)", label))
    if len(set(refs)) != len(refs):
        problems.append(Problem(shown, line_of(block, "refs"), "evidence 'refs' names a reference twice", label))
    weighing = [r for r in refs if _weighs(sources.get(r))]
    if level in NEEDS_REF and not weighing:
        what = "at least one reference" if not refs else "a reference that can weigh it (a study, guideline or textbook, not the claim's own source)"
        problems.append(Problem(shown, line_of(block, "refs" if refs else "level"), f"evidence level {level!r} needs {what} in 'refs'", label))
    if basis == "none" and refs:
        problems.append(Problem(shown, line_of(block, "basis"), "evidence basis 'none' says nothing supports the link, yet 'refs' names references: give the basis they provide", label))
    if not isinstance(note, str) or not note.strip():
        problems.append(Problem(shown, line_of(block, "note" if "note" in block else None), "evidence needs a 'note' in plain words", label))
        return False
    if len(problems) > before:
        return False
    return Evidence(str(level), str(basis), tuple(refs), note.strip())  # level and basis checked above


def _check_names(nodes: dict[str, Node], where: dict[str, tuple[str, int | None]], problems: list[Problem]) -> None:
    from ..language.names import normalize

    owner: dict[str, str] = {}
    for node in nodes.values():
        for name in (node.id, node.label, *node.synonyms):
            key = normalize(name)
            if not key:
                continue
            other = owner.setdefault(key, node.id)
            if other != node.id:
                shown, line = where[node.id]
                problems.append(Problem(shown, line, f"name {name!r} also names node {other!r}; names must be unique (ignoring case, punctuation and plurals)", node.id))


def to_networkx(data: GraphData) -> nx.MultiDiGraph:
    """Turn validated records into a ``MultiDiGraph``.

    Nodes carry ``label``, ``type``, ``description``, ``synonyms`` and
    ``codes``; edges are keyed by their relation and carry ``relation``,
    ``cites``, ``section`` and ``note``. The graph's own attributes hold the
    sources and the ``about`` block (with the disclaimer). Built by
    :class:`~graph.formats.common.GraphBuilder`, as every importer's graph is.

    >>> from graph.model import Node, Edge
    >>> data = GraphData(
    ...     nodes=[Node("a", "A", "condition", "x"), Node("b", "B", "symptom", "y")],
    ...     edges=[Edge("a", "causes", "b", "src", "Intro", "A leads to B.")],
    ...     sources={"src": {"id": "src", "title": "T"}},
    ... )
    >>> G = to_networkx(data)
    >>> G.edges["a", "b", "causes"]["note"]
    'A leads to B.'
    """
    from .common import GraphBuilder

    b = GraphBuilder({"about": dict(data.about), "sources": [dict(s) for s in data.sources.values()]})
    for n in data.nodes:
        b.add_node(n.id, n.attrs())
    for e in data.edges:  # validated: no repeats, both ends defined
        b.add_edge(e.source, e.target, e.relation, e.attrs())
    return b.graph


def load_graph_dir(path: str | Path) -> nx.MultiDiGraph:
    """Load, validate and build a YAML data directory in one step."""
    from .common import set_origin

    G: nx.MultiDiGraph = set_origin(to_networkx(load_dir(path)), path)
    return G
