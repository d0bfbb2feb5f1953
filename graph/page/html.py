"""The interactive HTML explorer: one self-contained, offline, safe page.

pyvis builds the network (nodes, edges and vis-network options); footback
renders it through its own autoescaping Jinja template instead of pyvis's
(which has no autoescape, inserts its heading raw, writes popups with
innerHTML and loads Bootstrap from a CDN). The page inlines vis-network from
the pyvis package, embeds the graph as escaped JSON, and carries a
Content-Security-Policy that forbids any network fetch.

pyvis is used in bulk: ``Network.from_nx`` mutates the graph it is given and
``Network.add_edge`` scans every earlier edge, so nodes and edges are made
with pyvis's own ``Node``/``Edge`` records and appended in one pass, from
data read off ``G`` without changing it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..model.evidence import CLAIM_RELATIONS, LEVELS, MEANING, SUPPORTED
from ..model.records import about, edge_record, label as node_label
from ..model import BODY_REGION, CAUSES, CONDITION, LOCATED_IN, MECHANISM, NODE_TYPES, PART_OF, PREVENTS, RELATION_VERB, RELATIONS, SYMPTOM, TREATMENT, TREATS
from ..present import finite, visible

#: Most nodes drawn before the page shows a neighbourhood or a capped graph.
DEFAULT_MAX_NODES = 500

TEMPLATES = Path(__file__).resolve().parent / "templates"
VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
#: The page's own scripts (in templates/), inlined after vis-network in this order:
#: shared DOM helpers, then the pure name matching and path finding (unit-tested in
#: the browser against tests/data/golden), then the parts of the explorer, each adding
#: its functions to one shared object, the file that wires them, and the panels
#: driving it through ``window.footback``. Plain scripts adding to
#: ``window.footbackLib``: no modules, no build step (the page is one offline file).
SCRIPTS = ("dom.js", "names.js", "paths.js", "view.js", "panels.js", "address.js", "app.js", "lessons.js", "quiz.js")

#: Colour and shape by node type (Okabe-Ito colours, told apart without colour too).
TYPE_STYLE: dict[str, dict[str, str]] = {
    CONDITION: {"label": "Condition", "color": "#c0392b", "border": "#7b241c", "font": "#ffffff", "shape": "box"},
    MECHANISM: {"label": "Mechanism", "color": "#f3c04f", "border": "#9a6b07", "font": "#1d1d1d", "shape": "pill"},
    SYMPTOM: {"label": "Symptom", "color": "#b9589a", "border": "#6e2f5b", "font": "#1d1d1d", "shape": "diamond"},
    BODY_REGION: {"label": "Body region", "color": "#56b4e9", "border": "#1f6f9c", "font": "#1d1d1d", "shape": "dot"},
    TREATMENT: {"label": "Treatment", "color": "#009e73", "border": "#00573f", "font": "#1d1d1d", "shape": "hexagon"},
}
#: Border of a red-flag node (a warning sign that needs urgent care).
RED_FLAG_BORDER = "#d00000"
OTHER_STYLE = {"label": "Other", "color": "#999999", "border": "#555555", "font": "#1d1d1d", "shape": "square"}

#: Line style by relation: colour, width, dash pattern (False = solid).
RELATION_STYLE: dict[str, dict[str, Any]] = {
    CAUSES: {"color": "#3d3d5c", "width": 2.5, "dashes": False},
    LOCATED_IN: {"color": "#6b7a8c", "width": 1.2, "dashes": [2, 5]},
    PART_OF: {"color": "#6b7a8c", "width": 1.2, "dashes": [9, 6]},
    TREATS: {"color": "#00856a", "width": 1.8, "dashes": False},
    PREVENTS: {"color": "#00856a", "width": 1.8, "dashes": [10, 5]},
}
OTHER_RELATION = {"color": "#767676", "width": 1.2, "dashes": [4, 4]}
#: A claim link's line says how sure research is of it: thicker is surer; a link
#: research contradicts is drawn thin and red (colour-blind safe against the greens).
EVIDENCE_STYLE: dict[str, dict[str, Any]] = {
    "established": {"width": 4.5},
    "supported": {"width": 3},
    "association": {"width": 2},
    "hypothesis": {"width": 1.2},
    "contradicted": {"width": 1.6, "color": "#c0392b"},
}

#: Shapes that hold their label; the others ("dot", "diamond", ...) have it below.
LABEL_INSIDE = frozenset({"box", "pill", "ellipse"})
SHAPE_SIZE = 10

FONT_FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
#: Label text size and wrap width, in drawing units. 20 (not 17) so that labels stay
#: about 10 px high when a 1024x768 projector fits the whole curated graph.
LABEL_SIZE = 20
LABEL_WIDTH = 160

#: Content-Security-Policy: inline code only, nothing fetched from anywhere.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src 'none'; connect-src 'none'; media-src 'none'; "
    "object-src 'none'; frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'"
)


def script_json(obj: Any) -> str:
    """JSON text that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes (still the same
    JSON), so no string in the data can close the script element or open a
    comment; U+2028/2029 are escaped for old parsers.

    >>> script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(script_json(["</script>"])) == ["</script>"]
    True
    """
    options: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True, "separators": (",", ":"), "default": str, "allow_nan": False}
    try:  # most data has no NaN or infinity: not walked twice (a large page's data is big)
        text = json.dumps(obj, **options)
    except ValueError:
        text = json.dumps(finite(obj), **options)
    for char, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, esc)
    return text


def _inline_code(text: str, what: str) -> str:
    """Code to inline in a ``<script>``/``<style>``: refuse anything that could end the element."""
    lowered = text.lower()
    for bad in ("</script", "</style", "<!--"):
        if bad in lowered:
            raise ExportError(f"cannot inline {what}: it contains {bad!r}")
    return text


def vis_network_js() -> str:
    """vis-network's standalone build, as shipped inside the pyvis package."""
    import pyvis

    path = Path(pyvis.__file__).resolve().parent.joinpath(*VIS_JS)
    return _inline_code(path.read_text(encoding="utf-8"), "vis-network")


def cap(G: Any, max_nodes: int | None, pinned: tuple[str, ...] = ()) -> tuple[Any, list[str]]:
    """Keep at most ``max_nodes`` nodes of ``G``; return the kept graph and the ids left out.

    With a focus (``G`` cut by :func:`graph.questions.query.neighbourhood`,
    see :func:`~graph.questions.query.cut_of`) the nearest nodes are kept; otherwise
    the most connected. ``pinned`` nodes (a highlighted path) are always kept.
    Ties go by id, so the choice is deterministic.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("a", "d"), ("c", "d")])
    >>> H, left = cap(G, 2)
    >>> sorted(H), left
    (['a', 'c'], ['d', 'b'])
    """
    from ..questions.query import cut_of, induced

    if max_nodes is None or len(G) <= max_nodes:
        return G, []
    import networkx as nx

    cut = cut_of(G)
    focus = cut.focus if cut is not None else None
    if focus is not None and focus in G:
        dist = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus)
        far = max(dist.values(), default=0) + 1
        ranked = sorted(G.nodes, key=lambda n: (dist.get(n, far), -G.degree(n), str(n)))
    else:
        ranked = sorted(G.nodes, key=lambda n: (-G.degree(n), str(n)))
    pins = [n for n in dict.fromkeys(pinned) if n in G]
    keep = set(pins)
    for n in ranked:
        if len(keep) >= max(max_nodes, len(pins)):
            break
        keep.add(n)
    H = induced(G, keep)
    return H, [n for n in ranked if n not in keep]


#: Most characters of a label drawn on the canvas or named in the note; the
#: details panel shows the whole label (a 1 MB label would stall the drawing).
LABEL_CHARS = 80


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis when cut.

    >>> short("Heel pain"), short("x" * 100)[-3:], len(short("x" * 100))
    ('Heel pain', 'xx…', 80)
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def drawn_label(G: Any, n: str) -> str:
    """The label as the drawing shows it: cut short (see :data:`LABEL_CHARS`), its
    control and bidi characters shown as escapes (:func:`graph.present.visible`), as
    the page's text and the command line show them.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x", label="abc\u202edef")
    >>> print(drawn_label(G, "x"))
    abc\\u202edef
    """
    return short(visible(node_label(G, n)))


def network(G: Any, positions: dict[str, tuple[int, int]]) -> Any:
    """A pyvis ``Network`` of ``G`` with footback's styles, positions and options.

    ``G`` is only read. Node ids are the graph's; edge ids are ``e0, e1, ...``
    in ``G``'s edge order.
    """
    from pyvis.edge import Edge as VisEdge
    from pyvis.network import Network
    from pyvis.node import Node as VisNode

    net = Network(directed=True, cdn_resources="in_line")
    for n, data in G.nodes(data=True):
        t = data.get("type")
        x, y = positions[n]
        node = VisNode(str(n), "", drawn_label(G, n), group=t if t in TYPE_STYLE else "other", x=x, y=y).options
        del node["shape"]  # from the group
        if data.get("red_flag") is True:  # a warning sign: a thick red border the legend names
            s = TYPE_STYLE.get(t, OTHER_STYLE)
            node["borderWidth"] = 5
            node["color"] = {"background": s["color"], "border": RED_FLAG_BORDER, "highlight": {"background": s["color"], "border": RED_FLAG_BORDER}}
        net.nodes.append(node)
        net.node_ids.append(str(n))
        net.node_map[str(n)] = node
    for i, (u, v, data) in enumerate(G.edges(data=True)):
        style = RELATION_STYLE.get(data.get("relation"), OTHER_RELATION)
        if data.get("relation") in CLAIM_RELATIONS and data.get("evidence_level") in EVIDENCE_STYLE:
            style = {**style, **EVIDENCE_STYLE[data["evidence_level"]]}
        net.edges.append(
            VisEdge(
                str(u),
                str(v),
                True,
                id=f"e{i}",
                width=style["width"],
                dashes=style["dashes"],
                color={"color": style["color"], "highlight": style["color"], "hover": style["color"], "inherit": False},
            ).options
        )
    groups = {}
    for t, s in (*TYPE_STYLE.items(), ("other", OTHER_STYLE)):
        inside = s["shape"] in LABEL_INSIDE
        group: dict[str, Any] = {
            "shape": "box" if s["shape"] == "pill" else s["shape"],
            "color": {"background": s["color"], "border": s["border"], "highlight": {"background": s["color"], "border": "#111111"}, "hover": {"background": s["color"], "border": "#111111"}},
            "font": {"color": s["font"], "strokeWidth": 0} if inside else {"color": "#1d1d1d"},
        }
        if s["shape"] == "pill":
            group["shapeProperties"] = {"borderRadius": 16}
        if not inside:
            group["size"] = SHAPE_SIZE
        groups[t] = group
    net.options = {
        "autoResize": True,
        "groups": groups,
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {"size": LABEL_SIZE, "face": FONT_FACE, "strokeWidth": 4, "strokeColor": "#ffffff"},
            "widthConstraint": {"maximum": LABEL_WIDTH},
            "margin": {"top": 6, "bottom": 6, "left": 8, "right": 8},
            "shapeProperties": {"borderRadius": 4},
            "physics": True,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
            "smooth": False,
            "selectionWidth": 1.5,
            "hoverWidth": 0.5,
        },
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
        "interaction": {
            "hover": True,
            "tooltipDelay": 3600000,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
            "navigationButtons": False,
            "zoomSpeed": 0.6,
        },
    }
    return net


def node_extent(G: Any, n: str) -> tuple[float, float]:
    """Room node ``n`` takes above and below its centre on the page, for the layout."""
    from .layout import LINE_HEIGHT, box_extent, wrapped_lines

    label = drawn_label(G, n)
    shape = TYPE_STYLE.get(G.nodes[n].get("type"), OTHER_STYLE)["shape"]
    if shape in LABEL_INSIDE:
        return box_extent(label)
    return SHAPE_SIZE + 2, SHAPE_SIZE + 13 + LINE_HEIGHT * wrapped_lines(label)  # the label sits below


#: Left-out nodes the page names before saying how many more there are.
NAMED_LEFT_OUT = 10


def _omitted_note(G: Any, shown: Any, left_out: list[str], pinned: tuple[str, ...] = ()) -> dict[str, Any] | None:
    from ..questions.query import cut_of, left_out as left_out_of, whole

    cut = cut_of(G)  # footback's own note of how G was cut, never a graph attribute of the user's
    focus = cut.focus if cut is not None else None
    earlier = cut.omitted if cut is not None else 0
    if not left_out and not earlier and focus is None:
        return None
    note: dict[str, Any] = {
        "shown": len(shown),
        "left_out": len(left_out) + earlier,
        # Nodes the neighbourhood itself left out (it cuts as cap() would) come first.
        "examples": [drawn_label(whole(G), n) for n in [*left_out_of(G), *left_out][:NAMED_LEFT_OUT]],
        "pinned": len({n for n in pinned if n in shown}),
    }
    if cut is not None and focus in G:
        note["focus"] = drawn_label(G, cut.focus)
        note["radius"] = cut.radius
    note["text"] = omitted_text(note)
    return note


def _sentence(text: str) -> str:
    """``text`` ended with one full stop (a label may end with its own).

    >>> _sentence("Foo"), _sentence("Foo Inc."), _sentence("Why?")
    ('Foo.', 'Foo Inc.', 'Why?')
    """
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def omitted_text(note: dict[str, Any]) -> str:
    """The note the page shows over the drawing of a capped or focused export.

    It says what is drawn (a neighbourhood, the highlighted paths, the most
    connected nodes), how many nodes were left out, names the first
    ``NAMED_LEFT_OUT`` of them (the nearest the focus, or the most connected),
    and how to draw more.

    >>> omitted_text({"shown": 6, "left_out": 3, "examples": ["A", "B"], "pinned": 6})
    'Showing only the 6 nodes on the highlighted paths. 3 nodes were left out to keep the page fast, the most connected of them: A, B and 1 more. To draw another part, export with --focus NODE --radius N, or with a larger --max-nodes.'
    """
    shown, left, pinned, examples = note["shown"], note["left_out"], note.get("pinned", 0), note["examples"]
    focused = note.get("focus") is not None
    if focused:
        radius = note["radius"]
        steps = f"{radius} {'step' if radius == 1 else 'steps'}"
        text = f"Showing the neighbourhood of {note['focus']} ({steps} around it): {shown} nodes"
        text += f", {pinned} of them on the highlighted paths." if pinned else "."
    elif pinned >= shown:
        text = f"Showing only the {shown} nodes on the highlighted paths."
    elif pinned:
        text = f"Showing the {pinned} nodes on the highlighted paths and the graph's {shown - pinned} most connected other nodes."
    else:
        text = f"Showing the graph's {shown} most connected nodes."
    if not left:
        return text
    if focused:
        text += f" {left} more {'node' if left == 1 else 'nodes'} within {steps} {'was' if left == 1 else 'were'} left out to keep the page fast"
        which = "the nearest of them"
    else:
        text += f" {left} {'node was' if left == 1 else 'nodes were'} left out to keep the page fast"
        which = "the most connected of them"
    if examples:
        names = ", ".join(examples)
        more = left - len(examples)
        if more:
            text += f", {which}: {names} and {more} more."
        else:
            text += ": " + _sentence(names)
    else:
        text += "."
    if focused:
        text += " To draw them, export with a larger --max-nodes, or a smaller --radius for a smaller neighbourhood."
    else:
        text += " To draw another part, export with --focus NODE --radius N, or with a larger --max-nodes."
    return text


def _occupied_bands(layout: Any) -> list[dict[str, Any]]:
    """The body bands some node sits in: a focused export draws no empty bands."""
    import bisect

    ys = sorted(y for _, y in layout.positions.values())
    return [b for b in layout.bands if bisect.bisect_left(ys, b["y0"]) < bisect.bisect_right(ys, b["y1"])]


def path_nodes(G: Any, path: tuple[str, str]) -> tuple[str, ...]:
    """The nodes of the paths the page highlights (the page keeps them whatever it leaves out).

    Raises
    ------
    ExportError
        An end of ``path`` is not in ``G``.
    NoPath
        There is no path within the page's bounds, as the mermaid and dot exports raise
        (an empty answer, exit 1).
    """
    from ..questions.query import paths

    for end in path:
        if end not in G:
            raise ExportError(f"cannot highlight a path from {path[0]} to {path[1]}: {end} is not in the exported graph")
    return tuple(n for p in paths(G, path[0], path[1]) for n in p["nodes"])


def page_data(G: Any, *, path: tuple[str, str] | None = None, max_nodes: int | None = DEFAULT_MAX_NODES) -> dict[str, Any]:
    """Everything the page needs, as plain JSON-able data (deterministic)."""
    from .layout import anatomy_layout, band_index
    from ..teaching.lessons import page_lessons
    from ..teaching.quiz_page import page_quiz
    from ..language.names import name_index
    from ..questions.query import DEFAULT_LIMIT, DEFAULT_MAX_HOPS, PATH_WORK_BUDGET, whole
    from ..language.words import page_words, with_everyday

    pinned = path_nodes(G, path) if path is not None else ()
    H, left_out = cap(G, max_nodes, pinned)
    # Placed by the whole graph: a neighbourhood or a capped page lacks most of
    # the regions (located_in and part_of chains) that put nodes in the body.
    # A whole graph small enough to draw whole says which band each node is in
    # on its own page (a crowded band spills into the next); keep to that.
    full, in_band = whole(G), None
    if full is not H and len(full) <= DEFAULT_MAX_NODES:
        on_full = anatomy_layout(full, lambda n: node_extent(full, n))
        in_band = {n: band_index(on_full, on_full.positions[n][1]) for n in H}
    layout = anatomy_layout(H, lambda n: node_extent(H, n), context=full, in_band=in_band)
    net = network(H, layout.positions)
    vis_nodes, vis_edges, _heading, _height, _width, options = net.get_network_data()

    said = about(G)
    sources = [dict(s) for s in G.graph.get("sources") or ()]
    types_present = list(dict.fromkeys(t for _, t in H.nodes(data="type")))
    rels_present = list(dict.fromkeys(r for _, _, r in H.edges(data="relation")))
    type_order = [t for t in NODE_TYPES if t in types_present] + sorted(str(t) for t in types_present if t not in NODE_TYPES)
    rel_order = [r for r in RELATIONS if r in rels_present] + sorted(str(r) for r in rels_present if r not in RELATIONS)
    counts_t = {t: 0 for t in type_order}
    for _, t in H.nodes(data="type"):
        counts_t[str(t) if t not in NODE_TYPES else t] = counts_t.get(t, 0) + 1
    counts_r = {r: 0 for r in rel_order}
    for _, _, r in H.edges(data="relation"):
        counts_r[r] = counts_r.get(r, 0) + 1
    index = with_everyday(H, name_index(H))
    evidence_counts: dict[str, int] = {}
    for _, _, d in H.edges(data=True):
        if d.get("relation") in CLAIM_RELATIONS and d.get("evidence_level") in LEVELS:
            evidence_counts[d["evidence_level"]] = evidence_counts.get(d["evidence_level"], 0) + 1
    return {
        "title": said["title"] or "footback",
        "disclaimer": said["disclaimer"],
        "sources": [_source_entry(s) for s in sources],
        "graph": {
            "nodes": [
                {
                    "id": str(n),
                    "label": node_label(H, n),
                    "type": str(d.get("type", "")),
                    "description": str(d.get("description") or ""),
                    "synonyms": [str(s) for s in d.get("synonyms") or ()],
                    "codes": [str(c) for c in d.get("codes") or ()],
                    **({"red_flag": True} if d.get("red_flag") is True else {}),
                }
                for n, d in H.nodes(data=True)
            ],
            "edges": [{"id": f"e{i}", **edge_record(str(u), str(v), d)} for i, (u, v, d) in enumerate(H.edges(data=True))],
        },
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options)},
        "types": [{"name": t, "count": counts_t[t], **{k: v for k, v in TYPE_STYLE.get(t, {**OTHER_STYLE, "label": t}).items()}} for t in type_order],
        "relations": [{"name": r, "count": counts_r[r], "verb": RELATION_VERB.get(r, r.replace("_", " ")), **RELATION_STYLE.get(r, OTHER_RELATION)} for r in rel_order],
        "names": {k: sorted(v) for k, v in sorted(index.items())},
        "evidence": {
            "levels": list(LEVELS),
            "meaning": dict(MEANING),
            "style": {lv: {"width": s["width"], "color": s.get("color", RELATION_STYLE[CAUSES]["color"])} for lv, s in EVIDENCE_STYLE.items()},
            "counts": evidence_counts,
            "supported": SUPPORTED,
        },
        "words": page_words(H, name_index(H)),
        "related": related_terms(H),
        "query": {"relation": CAUSES, "max_hops": DEFAULT_MAX_HOPS, "limit": DEFAULT_LIMIT, "work_budget": PATH_WORK_BUDGET},
        "layout": {"bands": _occupied_bands(layout), "lanes": layout.lanes},
        "initial": {"path": list(path)} if path is not None else {},
        "omitted": _omitted_note(G, H, left_out, pinned),
        "lessons": page_lessons(H, index=index),  # the drawn graph: a lesson needing a left-out node is left out
        "quiz": page_quiz(H),
    }


def related_terms(G: Any) -> dict[str, dict[str, Any]]:
    """Related terms as the page's name search reads them: normalised term ->
    ``{"ids", "label"}``, the nodes listing it (sorted) and the first one's label,
    as :func:`graph.language.names.resolve` names it ("hallux valgus" is a related term of
    Bunion, not the same thing).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("bunion", label="Bunion", related_terms=["Hallux valgus"])
    >>> related_terms(G)
    {'hallux valgus': {'ids': ['bunion'], 'label': 'Bunion'}}
    """
    from ..language.names import normalize
    from ..model.records import label

    found: dict[str, set[str]] = {}
    for n, terms in G.nodes(data="related_terms"):
        for term in terms or ():
            key = normalize(term)
            if key:
                found.setdefault(key, set()).add(str(n))
    return {key: {"ids": sorted(ids), "label": label(G, sorted(ids)[0])} for key, ids in sorted(found.items())}


def _source_entry(src: dict[str, Any]) -> dict[str, str]:
    """A source as the page shows it: title, kind, a one-line reference, and DOI/PMID as text."""
    from ..model.evidence import reference_text

    entry = {k: str(src.get(k, "")) for k in ("id", "title", "kind")}
    for k in ("year", "journal", "doi", "pmid"):
        if src.get(k) not in (None, ""):
            entry[k] = str(src[k])
    entry["reference"] = reference_text(src)
    return entry


def render(G: Any, *, path: tuple[str, str] | None = None, max_nodes: int | None = DEFAULT_MAX_NODES) -> str:
    """The explorer page for ``G`` as HTML text.

    Parameters
    ----------
    path : (source id, target id), optional
        Open with the causal paths between them highlighted.
    max_nodes : int or None
        Most nodes drawn (``None``: no cap); the page says what was left out.
    """
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    data = page_data(G, path=path, max_nodes=max_nodes)
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True)
    template = env.get_template("explorer.html")
    return template.render(
        title=data["title"],
        disclaimer=data["disclaimer"],
        sources=data["sources"],
        csp=CSP,
        data_json=Markup(script_json(data)),
        vis_js=Markup(vis_network_js()),
        scripts=[Markup(page_script(name)) for name in SCRIPTS],
        app_css=Markup(_inline_code((TEMPLATES / "explorer.css").read_text(encoding="utf-8"), "explorer.css")),
    )


def page_script(name: str) -> str:
    """The text of one of the page's own scripts (:data:`SCRIPTS`), checked safe to inline."""
    return _inline_code((TEMPLATES / name).read_text(encoding="utf-8"), name)


def write(G: Any, dest: Path, *, path: tuple[str, str] | None = None, max_nodes: int | None = DEFAULT_MAX_NODES) -> None:
    """Write the explorer page for ``G`` to ``dest`` (see :func:`render`)."""
    Path(dest).write_text(render(G, path=path, max_nodes=max_nodes), encoding="utf-8")
