"""What every reader shares: collecting located problems and building the graph."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..model.attrcodec import original_names
from ..model.records import ABOUT_TEXT
from ..errors import DataError, Problem
from . import checks
from .limits import fail as fail  # every reader raises through it
from .limits import record_problem, value_problem

#: Stop collecting problems after this many: a broken million-row file
#: should give a readable error, not a million lines.
MAX_PROBLEMS = 50


class Problems:
    """Problems found in one import, each with its file and line."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.more = 0

    def add(self, file: str | Path, line: int | None, message: str, record: str | None = None) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(str(file), line, message, record))
        else:
            self.more += 1

    def report(self, problem: Problem) -> None:
        """Add ``problem`` (a shared check's :data:`~graph.formats.checks.Report`)."""
        self.add(problem.file, problem.line, problem.message, problem.record)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def full(self) -> bool:
        return self.more > 0

    def raise_if_any(self) -> None:
        if self.items:
            items = list(self.items)
            if self.more:
                last = items[-1]
                items.append(Problem(last.file, None, f"stopped after {MAX_PROBLEMS} problems; there are more"))
            raise DataError(items)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a graph is built.

    Building a graph allocates millions of dicts, none of them garbage; each
    allocation burst triggers a collection that walks every object made so
    far. Pausing it takes about 40% off loading a million edges. (The
    collector is restored, not forced to run, afterwards.)
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def add_note(G: Any, note: str) -> None:
    """Record something a reader did that the user should be told (see :func:`import_notes`).

    Kept beside ``G`` (:mod:`graph.model.sidecar`), not as a graph attribute, so that
    no export carries it on to another graph.
    """
    from ..model.sidecar import IMPORT_NOTES, beside

    beside(G).setdefault(IMPORT_NOTES, []).append(note)


def import_notes(G: Any) -> list[str]:
    """What the reader of ``G`` did beyond reading: merged duplicates, edges read both ways.

    Copies of ``G`` (subgraphs, neighbourhoods) carry no notes.
    """
    from ..model.sidecar import IMPORT_NOTES, beside

    return list(beside(G).get(IMPORT_NOTES, ()))


def set_origin(G: Any, path: str | Path) -> Any:
    """Note that ``G`` was read from ``path`` (and return ``G``); see :func:`origin`."""
    from ..model.sidecar import ORIGIN, beside

    beside(G)[ORIGIN] = str(Path(path).resolve())
    return G


def origin(G: Any) -> str | None:
    """The resolved path ``G`` was read from (a neighbourhood: that of the graph it
    was cut from), or ``None``: what :func:`graph.exporters.protected` keeps exports out of.

    Kept beside ``G`` (:mod:`graph.model.sidecar`), so a graph attribute of
    the same name is the user's own data, read and written as it is.

    >>> import networkx as nx
    >>> G = set_origin(nx.MultiDiGraph(origin="Hetionet v1.0"), "/data/g.json")
    >>> origin(G), G.graph["origin"], origin(nx.MultiDiGraph())
    ('/data/g.json', 'Hetionet v1.0', None)
    """
    from ..model.sidecar import ORIGIN, WHOLE, beside

    try:
        kept = beside(G)
    except TypeError:  # not a graph footback could have read
        return None
    if ORIGIN not in kept and WHOLE in kept:
        kept = beside(kept[WHOLE])
    found = kept.get(ORIGIN)
    return found if isinstance(found, str) else None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def merge_edge(kept: dict[str, Any], new: dict[str, Any], seen: dict[int, Any] | None = None) -> None:
    """Fold the attributes of a duplicate edge ``new`` into the edge ``kept``.

    Imported graphs (not the curated YAML, where a duplicate is an error)
    often carry one triple several times, once per knowledge source. The
    kept edge's values stay; one it lacks (or holds empty) is taken from
    ``new``; lists are combined, each value once, first seen first. When
    the two ``cites`` differ, both are gathered, as Biolink knowledge
    sources (``infores:`` CURIEs), in the list ``knowledge_source``: KGX's
    ``primary_knowledge_source`` holds one value, so the kept edge's
    ``cites`` stays the first row's.

    >>> kept = {"relation": "causes", "cites": "semmeddb", "note": "", "publications": ["PMID:1"]}
    >>> merge_edge(kept, {"relation": "causes", "cites": "ctd", "note": "n", "publications": ["PMID:2", "PMID:1"]})
    >>> kept
    {'relation': 'causes', 'cites': 'semmeddb', 'note': 'n', 'publications': ['PMID:1', 'PMID:2'], 'knowledge_source': ['infores:semmeddb', 'infores:ctd']}

    The kept edge's lists are extended in place. ``seen`` (one dict per
    import, see :class:`Duplicates`) keeps a set of what each of them holds
    from one call to the next, so that merging thousands of rows into one
    edge is linear.
    """
    _merge_seen(kept, new, {} if seen is None else seen)


#: Node attributes and the KGX column each is read from, to name a clash.
_NODE_COLUMN = {"label": "name", "type": "category", "synonyms": "synonym", "codes": "xref"}


def merge_node(kept: dict[str, Any], new: dict[str, Any]) -> tuple[str, Any, Any] | None:
    """Fold a repeated node's attributes ``new`` into ``kept``, or name the first that disagrees.

    An empty value says nothing; lists are combined, each value once, first
    seen first; any other value must equal the kept one. On a clash
    (returned as the column it is read from), ``kept`` is left unchanged.

    >>> kept = {"label": "SHH", "synonyms": ["a"], "description": ""}
    >>> merge_node(kept, {"label": "SHH", "synonyms": ["b", "a"], "description": "gene"}), kept
    (None, {'label': 'SHH', 'synonyms': ['a', 'b'], 'description': 'gene'})
    >>> merge_node(kept, {"label": "Sonic"})
    ('name', 'SHH', 'Sonic')
    """
    changes: dict[str, Any] = {}
    for key, value in new.items():
        old = kept.get(key)
        if _empty(value) or value == old:
            continue
        if _empty(old):
            changes[key] = value
        elif isinstance(old, list) and isinstance(value, list):
            changes[key] = old + [v for v in dict.fromkeys(value) if v not in old]
        else:
            return _NODE_COLUMN.get(key, key), old, value
    kept.update(changes)
    return None


def _grow(kept: dict[str, Any], key: str, items: Any, seen: dict[int, Any]) -> None:
    """Append to the list ``kept[key]`` each of ``items`` it lacks, in place."""
    lst = kept[key]
    entry = seen.get(id(lst))
    if entry is None or entry[0] is not lst:
        try:
            entry = seen[id(lst)] = (lst, set(lst))
        except TypeError:  # unhashable values (mappings from JSON): compared one by one
            for item in items:
                if item not in lst:
                    lst.append(item)
            return
    have = entry[1]
    for item in items:
        try:
            if item in have:
                continue
            have.add(item)
        except TypeError:
            if item in lst:
                continue
        lst.append(item)


def _merge_seen(kept: dict[str, Any], new: dict[str, Any], seen: dict[int, Any]) -> None:
    """:func:`merge_edge`, in time linear in ``new`` however many rows came before
    (``seen``: what each of the kept edge's lists holds, kept across calls)."""
    from ..model.biolink import to_source

    a, b = kept.get("cites"), new.get("cites")
    if isinstance(a, str) and isinstance(b, str) and a and b and a != b:
        have = kept.get("knowledge_source")
        if not isinstance(have, list):
            kept["knowledge_source"] = [have] if isinstance(have, str) and have else []
        _grow(kept, "knowledge_source", (to_source(a), to_source(b)), seen)
    for key, value in new.items():
        if key == "relation" or (key == "cites" and not _empty(kept.get(key))):
            continue
        old = kept.get(key)
        if _empty(old):
            if not _empty(value):
                kept[key] = list(value) if isinstance(value, list) else value
        elif isinstance(old, list) and isinstance(value, list):
            _grow(kept, key, value, seen)


class Duplicates:
    """Count the duplicate edges a reader merged, to tell the user (one note per file)."""

    def __init__(self, file: str | Path, what: str) -> None:
        self.file, self.what = file, what
        self.count = 0
        self.first_line: int | None = None
        self.seen: dict[int, Any] = {}  # for merge_edge: what each merged list holds

    def add(self, line: int | None) -> None:
        self.count += 1
        if self.first_line is None:
            self.first_line = line

    def note(self, G: Any) -> None:
        if not self.count:
            return
        at = f" (the first at line {self.first_line})" if self.first_line is not None else ""
        unit, fields, into = {
            "rows": ("row", "subject, predicate and object", "that row's edge"),
            "node rows": ("row", "node id", "that row's node"),
        }.get(self.what, ("edge", "source, relation and target", "that edge"))
        many = f"{self.count} {unit}s{at} repeat" if self.count > 1 else f"1 {unit}{at} repeats"
        each = "each was" if self.count > 1 else "it was"
        add_note(G, f"{self.file}: {many} an earlier {unit}'s {fields}; {each} merged into {into}")


class GraphBuilder:
    """Build a footback ``MultiDiGraph``: the one place that says how records become one.

    Every reader (the curated YAML through :func:`graph.formats.yamlfile.to_networkx`,
    and each importer) adds its nodes and edges here: a node once, with its
    attribute dict; an edge keyed by its relation. Only networkx's public
    methods fill the graph, so it is the graph ``add_node`` and ``add_edge``
    build. Both methods return False, and change nothing, on a repeated node
    or ``(source, target, key)`` (a reader then merges or reports it);
    :meth:`add_edge` requires both ends to be added already.

    >>> b = GraphBuilder()
    >>> b.add_node("a", {"label": "A"}), b.add_node("b", {}), b.add_node("a", {})
    (True, True, False)
    >>> b.add_edge("a", "b", "causes", {"relation": "causes"}), b.add_edge("a", "b", "causes", {})
    (True, False)
    >>> b.merge_edge("a", "b", "causes", {"note": "n"})
    >>> list(b.graph.edges(keys=True, data=True)), b.graph.nodes["a"]
    ([('a', 'b', 'causes', {'relation': 'causes', 'note': 'n'})], {'label': 'A'})
    """

    #: True in a builder that writes each edge out (:meth:`add_edge`) instead
    #: of keeping it; a repeated edge then goes to :meth:`merge_edge`.
    streams = False

    def __init__(self, graph_attrs: dict[str, Any] | None = None) -> None:
        import networkx as nx

        self.graph = nx.MultiDiGraph()
        if graph_attrs:
            self.graph.graph.update(graph_attrs)
        #: The nodes added so far, in order (networkx's public node view).
        self.nodes = self.graph.nodes
        self._add_edge = self.graph.add_edge
        self._edge_data = self.graph.get_edge_data
        self._linked = self.graph.has_successor  # cheaper than get_edge_data for a new pair, the common case

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def node_data(self, n: str) -> dict[str, Any]:
        """The attribute dict of the node ``n`` already added (to merge a repeat into)."""
        data: dict[str, Any] = self.nodes[n]
        return data

    def add_node(self, n: str, data: dict[str, Any]) -> bool:
        if n in self.nodes:
            return False
        self.graph.add_nodes_from(((n, data),))
        return True

    def add_edge(self, u: str, v: str, key: str, data: dict[str, Any]) -> bool:
        if self._linked(u, v) and self._edge_data(u, v, key) is not None:
            return False
        try:
            self._add_edge(u, v, key, **data)
        except TypeError:  # an attribute whose name is not text (networkx takes them as keywords)
            self._add_edge(u, v, key)
            self.graph.edges[u, v, key].update(data)
        return True

    def merge_edge(self, u: str, v: str, key: str, data: dict[str, Any], seen: dict[int, Any] | None = None) -> None:
        """Fold ``data`` into the edge ``(u, v, key)`` already added (see :func:`merge_edge`)."""
        merge_edge(self.graph.edges[u, v, key], data, seen)


#: Type of an imported node that names none, relation of an edge that names none.
UNKNOWN_TYPE = "unknown"
UNKNOWN_RELATION = "related_to"


def _text(d: dict[str, Any], key: str) -> str:
    """``d[key]`` if it is non-empty text, else ``""``."""
    value = d.get(key)
    return value if isinstance(value, str) else ""


#: Attributes another format's reader takes a node's label, or an edge's relation, from.
FOREIGN_LABEL = ("name",)
FOREIGN_RELATION = ("interaction", "label", "Edge Label")


def _as_text(d: dict[str, Any], keys: tuple[str, ...], file: str | Path, line: int | None, record: str, problems: Problems) -> bool:
    """Make ``d[key]`` text for each of ``keys`` present; False (with a problem) when one cannot be."""
    ok = True
    for key in keys:
        value = d.get(key)
        if value is None:
            d.pop(key, None)  # null: as if absent
            continue
        if isinstance(value, str):
            continue
        if key == "section" and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            continue  # a claim resting on several sections
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            d[key] = str(value)
        else:
            problems.add(file, line, f"{key!r} must be text, got {type(value).__name__} {value!r:.40}", record)
            ok = False
    return ok


def check_evidence(d: dict[str, Any], file: str | Path, line: int | None, record: str, problems: Problems) -> bool:
    """An edge's evidence attributes, when it has them, as footback's own data holds them:
    a known ``evidence_level``, text ``evidence_basis``/``evidence_note``, a list of text
    ``evidence_refs``. False (with a located problem) when they are not."""
    ok = True
    level = d.get("evidence_level")
    if level is not None and not checks.evidence_level(level, file, line, record, problems.report):
        ok = False
    basis = d.get("evidence_basis")
    if basis is not None and not checks.evidence_basis(basis, file, line, record, problems.report):
        ok = False
    refs = d.get("evidence_refs")
    if refs is not None and not (isinstance(refs, list) and all(isinstance(r, str) and r for r in refs)):
        problems.add(file, line, f"'evidence_refs' must be a list of source ids, got {refs!r:.60}", record)
        ok = False
    note = d.get("evidence_note")
    if note is not None and not isinstance(note, str):
        problems.add(file, line, f"'evidence_note' must be text, got {type(note).__name__}", record)
        ok = False
    return ok


#: Graph attributes footback shows as text.
GRAPH_TEXT = ("title", "name", "description", "disclaimer")
SOURCE_TEXT = ("id", "title", "url", "citation", "kind", "note")


def check_graph_attrs(attrs: dict[str, Any], file: str | Path, problems: Problems, line: int | None = None) -> dict[str, Any]:
    """The graph's own attributes, with the ones footback shows checked.

    ``title``, ``description`` and ``disclaimer`` must be text (a number is
    taken as its text); ``about``, where footback reads the graph's title and
    disclaimer (:func:`graph.model.records.about`), a mapping whose
    ``title``, ``description`` and ``disclaimer`` are text; ``sources`` a list of mappings whose ``id``,
    ``title`` and ``url`` are text and whose ``sections`` are a list of
    text, as in footback's own sources file. Problems are added to
    ``problems``; other attributes are kept as they are.
    """
    unsafe = value_problem(attrs)
    if unsafe:
        problems.add(file, line, unsafe, "graph")
        return {}
    attrs = dict(attrs)
    _as_text(attrs, GRAPH_TEXT, file, line, "graph", problems)
    block = attrs.pop("about", None)
    if isinstance(block, dict):
        block = dict(block)
        if _as_text(block, ABOUT_TEXT, file, line, "graph about", problems):
            attrs["about"] = block
    elif block is not None:
        problems.add(file, line, f"'about' must be a mapping holding the graph's title, description and disclaimer as text, got {type(block).__name__} {block!r:.40}", "graph")
    sources = attrs.get("sources")
    if sources is None:
        return attrs
    if not isinstance(sources, list) or not all(isinstance(src, dict) for src in sources):
        problems.add(file, line, f"'sources' must be a list of mappings, got {sources!r:.40}", "graph")
        attrs.pop("sources")
        return attrs
    clean = []
    for src in sources:
        src = dict(src)
        ok = _as_text(src, SOURCE_TEXT, file, line, "graph sources", problems)
        sections = src.get("sections")
        if sections is not None and not (isinstance(sections, list) and all(isinstance(x, str) for x in sections)):
            problems.add(file, line, f"a source's 'sections' must be a list of text, got {sections!r:.40}", "graph sources")
            ok = False
        if ok:
            clean.append(src)
    attrs["sources"] = clean
    return attrs


def assemble(
    file: str | Path,
    nodes: Iterable[tuple[Any, Any, int | None]],  # attributes: a mapping, unless the file is wrong
    edges: Iterable[tuple[Any, Any, Any, Any, int | None]],
    graph_attrs: dict[str, Any] | None,
    problems: Problems,
    undirected: str | None = None,
    strings: bool = True,
    graph_line: int | None = None,
    hint: str = "quote it",
) -> Any:
    """Check generic node and edge records and build a footback graph.

    Used by the readers of formats that are not footback's own (GraphML,
    node-link and Cytoscape JSON). Node ids become text; a node's ``label``
    is its ``label`` attribute, else its ``name`` (as Cytoscape desktop
    writes it), else its id; one without a ``type`` gets type ``unknown``;
    an edge's ``relation`` is its ``relation`` attribute, else its
    ``interaction`` (Cytoscape desktop), else its ``label`` (as Gephi's GEXF
    and some GraphML writers have it), else its ``Edge Label`` (Gephi's
    GraphML export), else ``related_to``, and becomes its key (other edge ids are not
    kept). The attributes read from are kept as they are. An attribute a
    writer renamed because the format keeps its name (``attr:id``, see
    :func:`graph.model.attrcodec.rename`) gets its own name back.
    What footback reads of a node or an edge is held to the rules of its own
    YAML (:func:`~graph.formats.checks.imported_node`,
    :func:`~graph.formats.checks.imported_edge`): text where it reads text
    (a number, NaN or list there is a problem; ``hint`` says how to write it
    as text in the file's format), lists of non-empty text in ``synonyms``,
    ``codes`` and ``related_terms``.
    Records are ``(id, attrs, line)`` and ``(source, target, key, attrs,
    line)``; problems (duplicate nodes, edges to unknown nodes, bad values)
    are added to ``problems`` with their line. An edge with the same source,
    relation and target as an earlier one is merged into it
    (:func:`merge_edge`), and the graph notes how many were.

    ``undirected``, when the file says its graph is undirected, is where it
    says so (``edgedefault="undirected"``): each edge is then read both
    ways, as two directed edges with equal attributes (a loop once), so
    that paths may follow it either way, and the graph notes it.

    A record holding a lone surrogate or values nested too deep is a problem
    (:func:`~graph.formats.limits.value_problem`); ``strings=False``, when
    the file cannot hold a surrogate, skips searching text for one.
    ``graph_line`` is where the graph's own attributes are, to place a problem
    with them (:func:`check_graph_attrs`).
    """
    b = GraphBuilder(check_graph_attrs(graph_attrs or {}, file, problems, graph_line))
    duplicates = Duplicates(file, "edges")
    n_edges = 0
    refused: set[str] = set()  # nodes refused as unsafe: their edges are not reported again
    invalid: set[str] = set()  # nodes refused for a problem of their own: their edges say so
    for n, d, line in nodes:
        if not isinstance(n, (str, int)) or isinstance(n, bool) or n == "":
            problems.add(file, line, f"node id must be text, got {n!r:.60}")
            continue
        nid = str(n)
        if not isinstance(d, dict):
            problems.add(file, line, "node attributes must be a mapping", nid)
            invalid.add(nid)
            continue
        unsafe = record_problem(n, d, strings)
        if unsafe:
            problems.add(file, line, unsafe, "node")
            refused.add(nid)
            continue
        d = original_names(d)
        if not checks.imported_node(d, file, line, nid, problems.report, also=FOREIGN_LABEL, hint=hint):
            invalid.add(nid)
            continue
        if not d.get("label"):
            d["label"] = d.get("name") or nid
        if not d.get("type"):
            d["type"] = UNKNOWN_TYPE
        if checks.unique_node(nid, b, file, line, problems.report):
            b.add_node(nid, d)
    for u, v, _key, d, line in edges:
        if not isinstance(d, dict):
            problems.add(file, line, "edge attributes must be a mapping")
            continue
        ends = []
        for end, name in ((u, "source"), (v, "target")):
            sid = str(end) if isinstance(end, (str, int)) and not isinstance(end, bool) else None
            if sid not in refused:
                checks.edge_end(sid, b, invalid, f"edge {name} {end!r:.60} is not a node", file, line, f"{u} -> {v}", problems.report)
            ends.append(sid)
        src, dst = ends
        if src is None or dst is None or src not in b or dst not in b:
            if problems.full:
                break
            continue
        unsafe = record_problem(None, d, strings)
        if unsafe:
            problems.add(file, line, unsafe, "edge")
            continue
        d = original_names(d)
        if not checks.imported_edge(d, file, line, f"{u} -> {v}", problems.report, also=FOREIGN_RELATION, hint=hint):
            continue
        if not check_evidence(d, file, line, f"{u} -> {v}", problems):
            continue
        rel = _text(d, "relation")
        if not rel:
            rel = d["relation"] = _text(d, "interaction") or _text(d, "label") or _text(d, "Edge Label") or UNKNOWN_RELATION
        n_edges += 1
        if not b.add_edge(src, dst, rel, d):
            b.merge_edge(src, dst, rel, d, duplicates.seen)
            duplicates.add(line)
        if undirected and src != dst:
            back = dict(d)
            if not b.add_edge(dst, src, rel, back):
                # Only an edge that repeats another (counted above) meets its own reverse.
                b.merge_edge(dst, src, rel, back, duplicates.seen)
    problems.raise_if_any()
    if undirected:
        many = f"each of its {n_edges} edges is" if n_edges != 1 else "its 1 edge is"
        add_note(b.graph, f"{file}: an undirected graph ({undirected}): {many} read both ways, as two directed edges")
    duplicates.note(b.graph)
    return b.graph
