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
from pathlib import Path
from typing import Any

from ..model import CAUSES, CONDITION, LOCATED_IN, PART_OF, PREVENTS, SYMPTOM, TREATS
from ..teaching import NOT_ADVICE, chain_text, disclaimer, label, sources_of

#: At most this many causal routes are shown from a condition to one symptom.
ROUTES_PER_SYMPTOM = 3
TEMPLATE = "handout.html.j2"


def _regions(G: Any, node: str) -> list[dict[str, Any]]:
    out = []
    for _, r, rel in G.out_edges(node, keys=True):
        if rel != LOCATED_IN:
            continue
        wholes, todo = [], [r]
        while todo:
            cur = todo.pop(0)
            for _, w, k in G.out_edges(cur, keys=True):
                if k == PART_OF and w not in wholes:
                    wholes.append(w)
                    todo.append(w)
        out.append({"label": label(G, r), "within": [label(G, w) for w in wholes], "note": G.edges[node, r, LOCATED_IN].get("note", "")})
    return out


def condition_section(G: Any, node: str) -> dict[str, Any]:
    """Plain data for one condition's section."""
    from ..query import DEFAULT_MAX_HOPS, downstream, paths
    from ..errors import NoPath

    data = G.nodes[node]
    used: list[dict[str, Any]] = [
        {**d, "source": node, "target": v} for _, v, k, d in G.out_edges(node, keys=True, data=True) if k == LOCATED_IN
    ]
    below = [n for n, _ in downstream(G, node)]
    chains: list[dict[str, Any]] = []
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for s in below:
        if G.nodes[s].get("type") != SYMPTOM:
            continue
        try:
            found = paths(G, node, s, max_hops=max(DEFAULT_MAX_HOPS, len(G)), limit=ROUTES_PER_SYMPTOM)
        except NoPath:
            continue
        for p in found:
            used.extend(p["edges"])
            chains.append({"symptom": label(G, s), "text": chain_text(G, p["nodes"]), "sections": sources_of(G, p["edges"])})
            for e in p["edges"]:
                links.setdefault(
                    (e["source"], e["target"]),
                    {"from": label(G, e["source"]), "to": label(G, e["target"]), "note": e["note"], "source": sources_of(G, [e])[0]},
                )
    acted = {node, *below}
    treatments = []
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in (TREATS, PREVENTS) and v in acted:
            treatments.append(
                {
                    "label": label(G, u),
                    "verb": "can help prevent" if k == PREVENTS else "can help with",
                    "acts_on": label(G, v),
                    "direct": v == node,
                    "note": d.get("note", ""),
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
        "links": list(links.values()),
        "treatments": treatments,
        "sources": sources_of(G, used),
    }


def handout_data(G: Any) -> dict[str, Any]:
    """Everything the handout shows, as plain data, conditions in graph order."""
    about = G.graph.get("about") or {}
    sources = []
    for s in G.graph.get("sources") or ():
        extra = ", ".join(str(s[k]) for k in ("kind", "authors", "edition", "publisher", "year") if s.get(k))
        sources.append({"title": str(s.get("title", s.get("id", ""))), "detail": extra})
    return {
        "title": f"Study sheet: {about.get('title') or 'footback graph'}",
        "not_advice": NOT_ADVICE,
        "disclaimer": disclaimer(G),
        "conditions": [condition_section(G, n) for n, t in G.nodes(data="type") if t == CONDITION],
        "sources": sources,
        "n_causes": sum(1 for *_, k in G.edges(keys=True) if k == CAUSES),
    }


def to_html(G: Any) -> str:
    """The handout as one HTML page (Jinja2, autoescaped)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).resolve().parent.parent / "templates")),
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
    for c in d["conditions"]:
        out += [f"## {e(c['label'])}", "", e(c["description"]), ""]
        if c["synonyms"]:
            out += ["*Also called:* " + ", ".join(e(s) for s in c["synonyms"]), ""]
        if c["regions"]:
            out += ["### Where in the body", ""]
            for r in c["regions"]:
                within = f" (part of {', '.join(e(w) for w in r['within'])})" if r["within"] else ""
                out.append(f"- {e(r['label'])}{within}")
            out.append("")
        if c["chains"]:
            out += ["### How it can lead to symptoms", ""]
            for ch in c["chains"]:
                out.append(f"- {e(ch['text'])}")
            out += ["", "### The links, one by one", ""]
            for ln in c["links"]:
                out.append(f"- **{e(ln['from'])} \u2192 {e(ln['to'])}:** {e(ln['note'])} *({e(ln['source'])})*")
            out.append("")
        if c["treatments"]:
            out += ["### Treatments in the graph", ""]
            for t in c["treatments"]:
                note = f": {e(t['note'])}" if t["note"] else ""
                out.append(f"- {e(t['label'])} {t['verb']} {e(t['acts_on'])}{note}")
            out.append("")
        if c["codes"]:
            out += ["**Codes:** " + ", ".join(f"`{s}`" if re.fullmatch(r"[\w:.\-]+", s) else e(s) for s in c["codes"]), ""]
        if c["sources"]:
            out += ["**Sources:** " + "; ".join(e(s) for s in c["sources"]), ""]
    out += ["## Sources", ""]
    for s in d["sources"]:
        detail = f" ({e(s['detail'])})" if s["detail"] else ""
        out.append(f"- {e(s['title'])}{detail}")
    out += ["", f"*{e(d['disclaimer'])}*", ""]
    return "\n".join(out)


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write the handout to ``dest``: Markdown when it ends in ``.md``, else HTML."""
    dest = Path(dest)
    text = to_markdown(G) if dest.suffix.lower() in (".md", ".markdown") else to_html(G)
    dest.write_text(text, encoding="utf-8")
