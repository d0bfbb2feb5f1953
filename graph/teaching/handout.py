"""A printable study sheet: one section per condition, as HTML or Markdown.

Each section gives the condition's description, where it sits in the body,
the causal chains from it to symptoms, the treatments the graph links to it
or to what it leads to, its codes and the sources it rests on. The file's
suffix chooses the flavour: ``.md`` gives Markdown, anything else HTML.

Everything shown comes from the graph, and all of it is escaped: the HTML
through Jinja2 with autoescaping, the Markdown by :func:`md_escape`, so a
label such as ``<script>`` is shown as text, never run.
"""

from __future__ import annotations

import re
from itertools import islice
from pathlib import Path
from typing import Any

from ..questions.anatomy import anatomy_data
from ..model.evidence import LEVELS, MEANING, reference_text, weakest
from ..questions.query import has_evidence
from ..model import CAUSES, CONDITION, LOCATED_IN, PREVENTS, SYMPTOM, TREATS
from ..model.records import about, edge_record, regions, regions_within
from .wording import NOT_ADVICE, chain_text, disclaimer, label, sources_of

#: At most this many causal routes are shown from a condition to one symptom
#: (one, the shortest, on a graph of more than SMALL_GRAPH nodes, or when
#: more than ROUTE_SEARCH_NODES nodes lie between them).
ROUTES_PER_SYMPTOM = 3
SMALL_GRAPH = 2000
#: Several routes are searched for (Yen's algorithm, costly) only among at
#: most this many nodes lying between the condition and the symptom; past
#: that the shortest route is shown alone, as on a large graph.
ROUTE_SEARCH_NODES = 60
#: At most this many symptoms (nearest first) per condition; the rest are counted.
MAX_SYMPTOMS = 40
TEMPLATE = "handout.html.j2"


def _regions(G: Any, node: str) -> list[dict[str, Any]]:
    return [{"label": label(G, r), "within": [label(G, w) for w in within], "note": G.edges[node, r, LOCATED_IN].get("note", "")} for r, within in regions_within(G, node)]


def _routes(H: Any, start: str, end: str, tree: dict[str, list[str]], small: bool, position: dict[str, int], reachable: set[str]) -> list[list[str]]:
    """Up to ROUTES_PER_SYMPTOM shortest causal routes (one on a large graph).

    The routes are searched for in the nodes that lie on some route (both
    reachable from ``start``, which ``tree`` lists, and reaching ``end``),
    found by walking back from ``end`` through ``reachable`` (``start`` and
    what it leads to): work in the size of that part, not of the graph. ``position`` is each node's place in ``H``, so that the
    part keeps ``H``'s order (which breaks ties between equal routes).
    """
    if not small:
        return [tree[end]]
    import networkx as nx

    keep, todo, pred = {start, end}, [end], H.pred
    while todo:
        for u in pred[todo.pop()]:
            if u in reachable and u not in keep:
                keep.add(u)
                todo.append(u)
        if len(keep) > ROUTE_SEARCH_NODES:
            return [tree[end]]
    part = H.__class__()
    part.graph.update(H.graph)
    order = sorted(keep, key=position.__getitem__)
    part.add_nodes_from((n, H.nodes[n]) for n in order)
    succ = H.succ
    part.add_edges_from((u, v, d) for u in order for v, d in succ[u].items() if v in keep)
    return list(islice(nx.shortest_simple_paths(part, start, end), ROUTES_PER_SYMPTOM))


def condition_section(G: Any, node: str, H: Any = None, treaters: dict[str, list[tuple[str, str, dict[str, Any]]]] | None = None) -> dict[str, Any]:
    """Plain data for one condition's section.

    ``H`` (the causal view) and ``treaters`` (node -> treatments acting on
    it) may be passed in when many sections are built from one graph.
    """
    import networkx as nx

    from ..questions.query import relation_view

    H = relation_view(G, (CAUSES,)) if H is None else H
    treaters = _treaters(G) if treaters is None else treaters
    data = G.nodes[node]
    used: list[dict[str, Any]] = [{**G.edges[node, r, LOCATED_IN], "source": node, "target": r} for r in regions(G, node)]
    small = len(H) <= SMALL_GRAPH
    tree, shown, more = _nearest_symptoms(G, H, node)
    position = _positions(H) if small else {}
    reachable = (nx.descendants(H, node) | {node}) if small else set()
    chains: list[dict[str, Any]] = []
    links: dict[tuple[str, str], dict[str, Any]] = {}
    on_chains = {node: None}  # ordered: treatments in first-seen order
    for s in shown:
        for nodes in _routes(H, node, s, tree, small, position, reachable):
            edges = [{**H[u][v], "source": u, "target": v} for u, v in zip(nodes, nodes[1:])]
            used.extend(edges)
            on_chains.update(dict.fromkeys(nodes))
            records = [edge_record(e["source"], e["target"], e) for e in edges]
            chains.append({"symptom": label(G, s), "text": chain_text(G, nodes), "sections": sources_of(G, edges), "evidence": weakest(records)})
            for e, rec in zip(edges, records):
                if (e["source"], e["target"]) not in links:  # built once per link, not once per chain through it
                    links[e["source"], e["target"]] = {
                        "from": label(G, e["source"]),
                        "to": label(G, e["target"]),
                        "note": e.get("note", ""),
                        "source": sources_of(G, [e])[0],
                        "evidence": rec["evidence"],
                    }
    treatments = []
    for v in on_chains:
        for u, k, d in treaters.get(v, ()):
            treatments.append(
                {
                    "label": label(G, u),
                    "verb": "can help prevent" if k == PREVENTS else "can help with",
                    "acts_on": label(G, v),
                    "direct": v == node,
                    "note": d.get("note", ""),
                    "evidence": edge_record(u, v, d)["evidence"],
                }
            )
            used.append({**d, "source": u, "target": v})
    treatments.sort(key=lambda t: (not t["direct"], t["acts_on"], t["label"]))
    return {
        "id": node,
        "label": label(G, node),
        "description": data.get("description", ""),
        "synonyms": list(data.get("synonyms") or ()),
        "codes": list(data.get("codes") or ()),
        "regions": _regions(G, node),
        "chains": chains,
        "more_symptoms": max(0, more),
        "links": list(links.values()),
        "treatments": treatments,
        "sources": sources_of(G, used),
    }


def _nearest_symptoms(G: Any, H: Any, node: str) -> tuple[dict[str, list[str]], list[str], int]:
    """What ``single_source_shortest_path`` gives the section, without walking all the graph.

    Returns the shortest paths from ``node`` (the same paths, found in the
    same breadth-first order, but only as far as the level that holds the
    MAX_SYMPTOMS-th nearest symptom), those nearest symptoms, and how many
    more it reaches (counted with :func:`_symptoms_reached`, once per graph).
    """
    total = _symptoms_reached(G, H)[node]
    need = min(total, MAX_SYMPTOMS)
    found: list[str] = []
    adj, paths, level = H.succ, {node: [node]}, [node]
    while level and len(found) < need:
        nxt = []
        for v in level:
            for w in adj[v]:
                if w not in paths:
                    paths[w] = paths[v] + [w]
                    nxt.append(w)
                    if G.nodes[w].get("type") == SYMPTOM:
                        found.append(w)
        level = nxt
    found.sort(key=lambda n: (len(paths[n]), str(n)))
    return paths, found[:MAX_SYMPTOMS], total - MAX_SYMPTOMS


def _symptoms_reached(G: Any, H: Any) -> dict[str, int]:
    """How many symptoms each node leads to in ``H``, for every node at once.

    One pass over the condensation of ``H`` (its cycles collapsed), in
    reverse topological order, each component's reachable symptoms as the
    bits of one int: linear in the graph times a word per 64 symptoms,
    instead of a search per condition. Cached on ``H``.
    """
    from ..model.sidecar import SYMPTOMS_REACHED, beside

    cached: dict[str, int] | None = beside(H).get(SYMPTOMS_REACHED)
    if cached is not None:
        return cached
    import networkx as nx

    C = nx.condensation(H)
    bit: dict[str, int] = {}
    for n, t in G.nodes(data="type"):
        if t == SYMPTOM and n in H:
            bit[n] = 1 << len(bit)
    reach: dict[int, int] = {}
    members = C.graph["mapping"]
    own: dict[int, int] = {}
    for n, c in members.items():
        if n in bit:
            own[c] = own.get(c, 0) | bit[n]
    for c in reversed(list(nx.topological_sort(C))):
        r = own.get(c, 0)
        for d in C.succ[c]:
            r |= reach[d]
        reach[c] = r
    out = {}
    for n, c in members.items():
        out[n] = (reach[c] & ~bit.get(n, 0)).bit_count()  # a node is not among its own symptoms
    beside(H)[SYMPTOMS_REACHED] = out
    return out


def _positions(H: Any) -> dict[str, int]:
    """Each node's place in ``H``, computed once per graph."""
    from ..model.sidecar import POSITIONS, beside

    kept = beside(H)
    cached: dict[str, int] | None = kept.get(POSITIONS)
    if cached is None or len(cached) != len(H):
        cached = kept[POSITIONS] = {n: i for i, n in enumerate(H)}
    return cached


def _treaters(G: Any) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    out: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in (TREATS, PREVENTS):
            out.setdefault(v, []).append((u, k, d))
    return out


def handout_data(G: Any) -> dict[str, Any]:
    """Everything the handout shows, as plain data, conditions in graph order."""
    from ..questions.query import relation_view

    H, treaters = relation_view(G, (CAUSES,)), _treaters(G)
    title = about(G)["title"]
    sources, research = [], []
    for s in G.graph.get("sources") or ():
        if s.get("kind") in ("study", "guideline"):
            research.append(reference_text(s))
            continue
        extra = ", ".join(str(s[k]) for k in ("kind", "authors", "edition", "publisher", "year") if s.get(k))
        sources.append({"title": str(s.get("title", s.get("id", ""))), "detail": extra})
    return {
        "title": f"Study sheet: {title or 'footback graph'}",
        "not_advice": NOT_ADVICE,
        "disclaimer": disclaimer(G),
        "conditions": [condition_section(G, n, H, treaters) for n, t in G.nodes(data="type") if t == CONDITION],
        "sources": sources,
        "research": research,
        "levels": [{"level": lv, "meaning": MEANING[lv]} for lv in LEVELS],
        "graded": has_evidence(G),
        "n_causes": sum(1 for *_, k in G.edges(keys=True) if k == CAUSES),
        "anatomy": anatomy_data(G),
    }


def to_html(G: Any) -> str:
    """The handout as one HTML page (Jinja2, autoescaped)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).resolve().parent / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(TEMPLATE).render(**handout_data(G))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md_escape(text: Any) -> str:
    r"""Text made inert in Markdown: specials backslashed, HTML's ``<>&`` as entities.

    >>> md_escape("<script>alert('x')</script> *bold* [link](javascript:x)")
    "&lt;script&gt;alert\\('x'\\)&lt;/script&gt; \\*bold\\* \\[link\\]\\(javascript:x\\)"
    >>> md_escape("1. not a list")
    '1\\. not a list'
    """
    t = " ".join(str(text).split())
    t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    t = _MD_SPECIAL.sub(r"\\\1", t)
    t = re.sub(r"^(\d+)\.", r"\1\\.", t)
    return re.sub(r"^-", r"\\-", t)


def to_markdown(G: Any) -> str:
    """The handout as Markdown, every piece of graph text escaped."""
    d = handout_data(G)
    e = md_escape
    out = [f"# {e(d['title'])}", "", f"> **{e(d['not_advice'])}** {e(d['disclaimer'].removeprefix(d['not_advice']).strip())}", ""]
    if d["graded"]:
        out += ["**How sure is each link?** " + "; ".join(f"**{x['level']}**: {x['meaning']}" for x in d["levels"]) + ".", ""]

    def how_sure(ev: dict[str, Any] | None) -> str:
        return f" How sure: **{ev['level']}**. {e(ev['note'])}" if ev else ""

    def listed(heading: str, items: list[str]) -> list[str]:
        """A heading and its bullet list, or nothing when there are no items."""
        return [heading, "", *(f"- {i}" for i in items), ""] if items else []

    for c in d["conditions"]:
        out += [f"## {e(c['label'])}", "", e(c["description"]), ""]
        if c["synonyms"]:
            out += ["*Also called:* " + ", ".join(e(s) for s in c["synonyms"]), ""]
        out += listed("### Where in the body", [e(r["label"]) + (f" (part of {', '.join(e(w) for w in r['within'])})" if r["within"] else "") for r in c["regions"]])
        if c["chains"]:
            chains = [e(ch["text"]) + (f" *(weakest link: {ch['evidence']})*" if ch.get("evidence") else "") for ch in c["chains"]]
            more = [f"… and {c['more_symptoms']} more symptoms it can lead to"] if c["more_symptoms"] else []
            out += listed("### How it can lead to symptoms", chains + more)
            out += ["### The links, one by one", "", *(f"- **{e(ln['from'])} \u2192 {e(ln['to'])}:** {e(ln['note'])} *({e(ln['source'])})*{how_sure(ln.get('evidence'))}" for ln in c["links"]), ""]
        treatments = [f"{e(t['label'])} {t['verb']} {e(t['acts_on'])}" + (f": {e(t['note'])}" if t["note"] else "") + how_sure(t.get("evidence")) for t in c["treatments"]]
        out += listed("### Treatments in the graph", treatments)
        if c["codes"]:
            out += ["**Codes:** " + ", ".join(f"`{s}`" if re.fullmatch(r"[\w:.\-]+", s) else e(s) for s in c["codes"]), ""]
        if c["sources"]:
            out += ["**Sources:** " + "; ".join(e(s) for s in c["sources"]), ""]
    a = d["anatomy"]
    out += listed("## Red flags: get urgent care", [f"**{e(f['label'])}**: {e(f['description'])}" + (f" *({'; '.join(e(c) for c in f['care'])})*" if f["care"] else "") for f in a["red_flags"]])
    if a["route"]:
        out += listed("## The nerve route from the spine to the foot", [e(r) for r in a["route"]])
        out += ["### What each nerve supplies", "", *(f"- {e(x['nerve'])} → {e(x['area'])}: {e(x['note'])}" for x in a["skin"]), ""]
    out += ["## Sources", ""]
    for s in d["sources"]:
        detail = f" ({e(s['detail'])})" if s["detail"] else ""
        out.append(f"- {e(s['title'])}{detail}")
    if d["research"]:
        out += ["", "### Research and guidelines behind the evidence levels", ""]
        out += [f"- {e(r)}" for r in d["research"]]
    out += ["", f"*{e(d['disclaimer'])}*", ""]
    return "\n".join(out)


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write the handout to ``dest``: Markdown when it ends in ``.md``, else HTML."""
    dest = Path(dest)
    text = to_markdown(G) if dest.suffix.lower() in (".md", ".markdown") else to_html(G)
    dest.write_text(text, encoding="utf-8")
