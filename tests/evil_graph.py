"""A valid graph whose every text is an attack: for the page's escaping tests.

Each payload would run script (an ``alert``) or add an element if any text
reached the page as HTML. Written as a YAML data directory, as a user's
``--graph DIR`` would be.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def payload(kind: str, i: int) -> str:
    """One attack string; ``i`` keeps names distinct (they must not collide)."""
    return {
        "img": f"<img src=x onerror=alert({i})> word{i}",
        "script": f"</script><script>alert({i})</script> word{i}",
        "attr": f'"><svg onload=alert({i})> word{i}',
        "iframe": f"<iframe src=javascript:alert({i})></iframe> word{i}",
        "comment": f"<!-- {{{{ {i}*7 }}}} ${{alert({i})}} --> word{i}",
    }[kind]


KINDS = ("img", "script", "attr", "iframe", "comment")

TITLE = "</title><script>alert('title')</script> Evil graph"
DISCLAIMER = "<b onmouseover=alert('disclaimer')>not advice</b> </script><script>alert('d')</script>"
SECTION = "<img src=x onerror=alert('section')>"
SOURCE_TITLE = "</script><img src=x onerror=alert('source')>"
#: A research reference and an evidence note, as the page's evidence panels show them.
STUDY_TITLE = "<svg onload=alert('study')> A study"
STUDY_AUTHORS = "</script><script>alert('authors')</script> Doe J"
EVIDENCE_NOTE = "<img src=x onerror=alert('evidence')> plain words"

NODE_IDS = ("evil-condition", "evil-mechanism", "evil-symptom", "evil-region", "evil-treatment")


def write_evil_graph(dest: Path) -> Path:
    """Write the malicious graph into folder ``dest`` (created) and return it."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    types = ("condition", "mechanism", "symptom", "body_region", "treatment")
    nodes = []
    for k, (nid, t) in enumerate(zip(NODE_IDS, types)):
        kind = KINDS[k]
        nodes.append(
            {
                "id": nid,
                "label": payload(kind, 10 + k),
                "type": t,
                "description": payload(KINDS[(k + 1) % 5], 20 + k),
                "synonyms": [payload(KINDS[(k + 2) % 5], 30 + k)],
                "codes": [payload(KINDS[(k + 3) % 5], 40 + k)],
            }
        )
    edges = [
        ("evil-condition", "causes", "evil-mechanism"),
        ("evil-mechanism", "causes", "evil-symptom"),
        ("evil-symptom", "located_in", "evil-region"),
        ("evil-treatment", "treats", "evil-symptom"),
    ]
    edge_records = [{"from": u, "relation": r, "to": v, "cites": "evil", "section": SECTION, "note": payload(KINDS[i % 5], 50 + i)} for i, (u, r, v) in enumerate(edges)]
    for rec in edge_records:
        if rec["relation"] in ("causes", "treats"):
            rec["evidence"] = {"level": "hypothesis", "basis": "observational", "refs": ["evil-study"], "note": EVIDENCE_NOTE}
    (dest / "sources.yaml").write_text(
        yaml.safe_dump(
            {
                "about": {"title": TITLE, "disclaimer": DISCLAIMER},
                "sources": [
                    {"id": "evil", "title": SOURCE_TITLE, "kind": payload("img", 60), "sections": [SECTION]},
                    {"id": "evil-study", "kind": "study", "title": STUDY_TITLE, "authors": STUDY_AUTHORS, "year": 2020, "journal": payload("iframe", 61), "doi": "10.1234/evil<script>"},
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    (dest / "nodes.yaml").write_text(yaml.safe_dump({"nodes": nodes}, allow_unicode=True), encoding="utf-8")
    (dest / "edges.yaml").write_text(yaml.safe_dump({"edges": edge_records}, allow_unicode=True), encoding="utf-8")
    return dest


def all_texts() -> list[str]:
    """Every attack string the graph holds."""
    texts = [TITLE, DISCLAIMER, SECTION, SOURCE_TITLE, payload("img", 60), STUDY_TITLE, EVIDENCE_NOTE]
    texts += [payload(kind, i) for i in range(10, 60) for kind in KINDS]
    return texts


# --- terminal attacks: control characters in every text of a graph ---------

#: Each would do something to a terminal if printed raw: retitle the window
#: (OSC), clear the screen, colour or hide text (SGR), ring the bell, start a
#: sequence with a C1 control (CSI U+009B), overwrite the line (CR,
#: backspace), or show text reversed (bidi override and isolate marks).
TERMINAL_ATTACKS = (
    "\x1b]0;pwned\x07",
    "\x1b[2J\x1b[H",
    "\x1b[8mhidden\x1b[0m",
    "\x07",
    "\x9b31m",
    "\r\x08\x08",
    "\u202etxt.exe",
    "\u2066\u2067\u2068\u2069",
    "\x85\u2028",
)
#: The characters none of the attacks may bring raw to a terminal.
RAW_CONTROLS = "\x1b\x07\x9b\r\x08\u202e\u2066\u2067\u2068\u2069\x85\u2028"


def hostile(word: str, i: int) -> str:
    """``word`` wrapped in one terminal attack (``i`` chooses which)."""
    return f"{word}{TERMINAL_ATTACKS[i % len(TERMINAL_ATTACKS)]}{word}"


def write_terminal_graph(dest: Path) -> Path:
    """A node-link JSON graph whose every id, label, note, title and source
    carries a terminal attack; ``dest`` is the file written.

    Nodes: a condition ``C``, a mechanism ``M``, symptoms ``S`` and ``S2``,
    a region ``R`` and a treatment ``T``, each id with an attack inside;
    see :data:`TERMINAL_IDS`.
    """
    import json

    ids = TERMINAL_IDS
    types = {"C": "condition", "M": "mechanism", "S": "symptom", "S2": "symptom", "R": "body_region", "T": "treatment"}
    nodes = [{"id": ids[k], "label": hostile(f"label{k}", i), "type": t, "description": hostile(f"desc{k}", i + 1), "synonyms": [hostile(f"syn{k}", i + 2)]} for i, (k, t) in enumerate(types.items())]
    pairs = [("C", "causes", "M"), ("M", "causes", "S"), ("S", "causes", "S2"), ("C", "causes", "S2"), ("S", "located_in", "R"), ("T", "treats", "M")]
    edges = [{"source": ids[u], "target": ids[v], "relation": r, "key": r, "note": hostile(f"note{i}", i), "section": hostile("sect", i + 3)} for i, (u, r, v) in enumerate(pairs)]
    doc = {"directed": True, "multigraph": True, "graph": {"about": {"title": hostile("title", 0), "disclaimer": hostile("disclaimer", 1)}}, "nodes": nodes, "edges": edges}
    Path(dest).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return Path(dest)


TERMINAL_IDS = {k: hostile(f"id{k}", i + 4) for i, k in enumerate(["C", "M", "S", "S2", "R", "T"])}


# --- path explosion: few nodes, astronomically many paths ---------------------------

LAYERED_SOURCE, LAYERED_TARGET = "s", "t"


def layered_graph(layers: int = 98, width: int = 2):
    """``s``, then ``layers`` layers of ``width`` nodes each linked to every
    node of the next, then ``t``: 200 nodes and 2**98 paths of 99 hops, as
    in issue 13.4. ``s`` is a condition, ``t`` a symptom."""
    import networkx as nx

    G = nx.MultiDiGraph()
    levels = [[LAYERED_SOURCE]] + [[f"n{i}{chr(97 + j)}" for j in range(width)] for i in range(layers)] + [[LAYERED_TARGET]]
    for level in levels:
        for n in level:
            G.add_node(n, label=n, type={"s": "condition", "t": "symptom"}.get(n, "mechanism"))
    for a, b in zip(levels, levels[1:]):
        for u in a:
            for v in b:
                G.add_edge(u, v, key="causes", relation="causes", note="", section="", cites="")
    return G


def write_terminal_copy(G, dest: Path) -> dict[str, str]:
    """The graph ``G`` as node-link JSON at ``dest`` with a terminal attack in
    every id, label, description, synonym, note, section and title, plus a
    node of a hostile type and an edge of a hostile relation. Returns the
    map from each old id to its hostile id."""
    import json

    import networkx as nx

    from graph.formats.jsonfile import write

    write(G, dest)
    doc = json.loads(Path(dest).read_text(encoding="utf-8"))
    ids = {n["id"]: hostile(n["id"], i) for i, n in enumerate(doc["nodes"])}
    for i, n in enumerate(doc["nodes"]):
        n["id"] = ids[n["id"]]
        for field in ("label", "description"):
            if n.get(field):
                n[field] = hostile(n[field], i + 1)
        n["synonyms"] = [hostile(s, i + 2) for s in n.get("synonyms") or []]
    for i, e in enumerate(doc["edges"]):
        e["source"], e["target"] = ids[e["source"]], ids[e["target"]]
        for field in ("note", "section"):
            if e.get(field):
                e[field] = hostile(e[field], i)
    doc["nodes"].append({"id": "odd", "label": "Odd one", "type": hostile("type", 3)})
    first = doc["nodes"][0]["id"]
    doc["edges"].append({"source": "odd", "target": first, "relation": hostile("rel", 0), "key": "k"})
    about = doc["graph"].setdefault("about", {})
    about["title"] = hostile(about.get("title") or "title", 0)
    Path(dest).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert isinstance(G, nx.Graph)
    return ids
