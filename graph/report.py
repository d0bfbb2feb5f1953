"""What the command line prints: each answer's text layout and JSON document.

The library answers (:mod:`graph.answers`, :mod:`graph.questions.query`,
:mod:`graph.questions.describe`, the teaching tools) return plain data; the functions
here lay it out for people (``*_text``, writing line by line through
``out``, e.g. ``click.echo``) or for programs (``*_json``, a document for
:func:`graph.present.json_text`). Colour goes through
:func:`graph.present.style` only, so that a graph's own escapes are never
taken for footback's.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", label="A", type="condition")
>>> from graph.present import terminal_text
>>> lines = []
>>> nodes_text(lambda line: lines.append(terminal_text(line, colour=False)), G, ["a"])
>>> lines
['id  type       label', 'a   condition  A']
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from typing import Any

from .present import style

#: Writes one line of output.
Out = Callable[[str], None]

ARROW = "\u2192"
#: Most names (or counts) ``stats`` prints in one row: it is a summary (--json lists all).
STATS_NAMES = 12


# --- pieces -----------------------------------------------------------------


def bold(text: str) -> str:
    return style(text, bold=True)


def dim(text: str) -> str:
    return style(text, dim=True)


def table(out: Out, rows: list[list[str]], header: list[str] | None = None, styles: list[Any] | None = None, indent: str = "  ") -> None:
    """Print aligned columns; widths are measured before any colour is added."""
    all_rows = ([header] if header else []) + rows
    if not all_rows:
        return
    widths = [max(len(r[i]) for r in all_rows) for i in range(len(all_rows[0]))]
    last = len(widths) - 1
    if header:
        out(indent + "  ".join(dim(h.ljust(w) if i < last else h) for i, (h, w) in enumerate(zip(header, widths))))
    for row in rows:
        cells = []
        for i, (cell, w) in enumerate(zip(row, widths)):
            text = cell.ljust(w) if i < last else cell
            how = styles[i] if styles else None
            cells.append(how(text) if how else text)
        out((indent + "  ".join(cells)).rstrip())


def facts(out: Out, rows: list[list[str]], width: int = 88) -> None:
    """``key  value`` lines, keys aligned, long values wrapped under themselves."""
    keys = max(len(k) for k, _ in rows)
    for key, value in rows:
        lines = textwrap.wrap(value, width=width - keys - 4) or [""]
        out(f"  {dim(key.ljust(keys))}  {lines[0]}")
        for line in lines[1:]:
            out(" " * (keys + 4) + line)


def wrap(text: str, width: int = 88, indent: str = "", hang: str | None = None) -> str:
    """``text`` filled to ``width``; later lines indented by ``hang`` (default: ``indent``)."""
    return textwrap.fill(" ".join(text.split()), width=width, initial_indent=indent, subsequent_indent=indent if hang is None else hang)


def first(items: Iterable[Any], most: int = STATS_NAMES) -> str:
    """The first ``most`` items joined by commas, then how many more there are.

    >>> first(range(5), most=3)
    '0, 1, 2, and 2 more'
    """
    items = list(items)
    more = f", and {len(items) - most:,} more" if len(items) > most else ""
    return ", ".join(str(i) for i in items[:most]) + more


def steps(n: int) -> str:
    return f"{n} step" + ("" if n == 1 else "s")


def hops(n: int) -> str:
    return f"{n} hop" + ("" if n == 1 else "s")


def label(G: Any, node: str) -> str:
    """A node's display name (:func:`graph.model.records.label`)."""
    from .model.records import label as display

    return display(G, node)


def named(G: Any, node: str) -> str:
    """``Label (id)``, or just the id when the label says the same."""
    from .teaching.wording import named as both

    return both(G, node)


def ref(G: Any, node: str, **extra: Any) -> dict[str, Any]:
    """A node's JSON reference (:func:`graph.model.records.node_ref`) with ``extra`` fields."""
    from .model.records import node_ref

    return {**node_ref(G, node), **extra}


def shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def weak_mark(level: str | None) -> str:
    """A warning after a level that a result should not be taught as fact on."""
    from .model.evidence import CONTRADICTED, WEAK

    if level not in WEAK:
        return ""
    return " (research says otherwise)" if level == CONTRADICTED else " (an untested idea)"


def level_tag(r: dict[str, Any]) -> str:
    """``[supported]`` for a record with evidence, ``[supported; route: hypothesis]`` when the
    causal route to what it acts on is known too (a treatment is no surer than its route)."""
    ev = r.get("evidence")
    route = r.get("route_evidence")
    if not ev:
        return f"[route: {route}{weak_mark(route)}]" if route else ""
    return f"[{ev['level']}" + (f"; route: {route}{weak_mark(route)}" if route else "") + "]"


def how_sure(e: dict[str, Any]) -> str:
    """``how sure: hypothesis. <note>`` for an edge record ("" when it has no evidence)."""
    ev = e.get("evidence")
    if not ev:
        return ""
    return f"how sure: {ev['level']}." + (f" {ev['note']}" if ev.get("note") else "")


# --- paths and explain --------------------------------------------------------


def paths_json(G: Any, answer: Any, *, explain: bool = False, min_evidence: str | None = None) -> dict[str, Any]:
    """The ``--json`` document of ``paths`` (and, with ``explain``, of ``explain``)."""
    found = answer.paths
    records = []
    for p in found:
        record: dict[str, Any] = {
            "hops": p["hops"],
            "nodes": [ref(G, n, **({"regions": p["regions"][n]} if explain else {})) for n in p["nodes"]],
            "edges": p["edges"],
        }
        if explain:
            record["text"] = p["text"]
        records.append(record)
    truncated = getattr(found, "truncated", None)
    doc: dict[str, Any] = {"source": ref(G, answer.source), "target": ref(G, answer.target), "paths": records, "more": answer.more, "truncated": truncated is not None, "truncated_reason": truncated}
    if min_evidence:
        doc["min_evidence"] = min_evidence  # the answer keeps only links at least this sure
    if explain:
        from .teaching.wording import disclaimer

        doc["disclaimer"] = disclaimer(G)
    why = answer.why
    if why is not None:
        doc["why"] = {**why, "reaches": [ref(G, n) for n in why["reaches"]], "reached_from": [ref(G, n) for n in why["reached_from"]]}
    return doc


def path_heading(G: Any, answer: Any, *, max_hops: int, relations: tuple[str, ...], min_evidence: str | None = None) -> str:
    n = len(answer.paths)
    what = "path" if n == 1 else "paths"
    rels = ", ".join(relations)
    through = f" through {label(G, answer.via)}" if answer.via else ""
    sure = f", every link at least {min_evidence}" if min_evidence else ""
    head = f"{n} {what} from {bold(label(G, answer.source))} to {bold(label(G, answer.target))}{through} ({rels} links, at most {hops(max_hops)}{sure})"
    return head + ("; more exist: raise --limit to see them" if answer.more else "") + ":"


def paths_text(out: Out, G: Any, answer: Any, *, max_hops: int, relations: tuple[str, ...], min_evidence: str | None = None) -> None:
    """``footback paths``: each path, then each step with its verb, note, section and evidence."""
    from .language.grammar import agree
    from .model import RELATION_VERB

    found = answer.paths
    out(path_heading(G, answer, max_hops=max_hops, relations=relations, min_evidence=min_evidence))
    if found.truncated:
        out(dim(f"Cut short: {found.truncated}."))
    for i, p in enumerate(found, 1):
        out("")
        out(f"{i}. " + f" {ARROW} ".join(label(G, n) for n in p["nodes"]) + dim(f"  ({steps(p['hops'])})"))
        width = max(len(label(G, e["source"])) for e in p["edges"])
        verbs = [agree(RELATION_VERB.get(e["relation"], e["relation"]), label(G, e["source"])) for e in p["edges"]]
        vwidth = max(len(v) for v in verbs)
        for e, verb in zip(p["edges"], verbs):
            target = label(G, e["target"])
            out(f"   {label(G, e['source']).ljust(width)}  {style(verb.ljust(vwidth) if vwidth > len(verb) else verb, fg='cyan')}  {target}")
            section = dim("[" + "; ".join(e["section"]) + "]") if e["section"] else ""
            evidence = "  ".join(part for part in (e["note"], section) if part)
            if evidence:  # imported graphs may carry neither
                out(f"       {evidence}")
            if e.get("evidence"):
                out(wrap(how_sure(e), indent="       "))


def explain_text(out: Out, G: Any, answer: Any, *, max_hops: int, relations: tuple[str, ...]) -> None:
    """``footback explain``: each path told as a story, then the disclaimer."""
    from .questions.explain import mention
    from .teaching.wording import disclaimer

    found = answer.paths
    s, t = answer.source, answer.target
    how = "can lead to" if tuple(relations) == ("causes",) else "connects to"
    out(bold(f"How {mention(G, s)} {how} {mention(G, t)}"))
    n = len(found)
    if answer.more:
        counted = (f"The {n} shortest paths" if n > 1 else "The shortest path") + f" within {hops(max_hops)} (there are more: raise --limit)"
    else:
        counted = f"All {n} paths within {hops(max_hops)}" if n > 1 else f"The only path within {hops(max_hops)}"
    if found.truncated:
        counted = (f"The {n} shortest paths" if n > 1 else "The shortest path") + f" found within {hops(max_hops)} before the search was cut short: {found.truncated}"
    out(dim(counted))
    for i, p in enumerate(found, 1):
        out("")
        out(bold(f"{i}. " + f" {ARROW} ".join(label(G, x) for x in p["nodes"])))
        for step in p["text"].splitlines():
            out(wrap(step, indent="   "))
    out("")
    out(dim(wrap(disclaimer(G))))


# --- causes, effects, treatments --------------------------------------------------


def reach_json(G: Any, answer: Any) -> dict[str, Any]:
    key = "causes" if answer.upstream else "effects"
    return {"node": ref(G, answer.node), key: [ref(G, m, distance=d, evidence=answer.levels.get(m)) for m, d in answer.found]}


def reach_text(out: Out, G: Any, answer: Any, *, depth: int | None, relations: tuple[str, ...]) -> None:
    """``footback causes`` and ``effects``: a table, nearest first."""
    from .model import CAUSES

    n, found, levels = answer.node, answer.found, answer.levels
    within = f" within {steps(depth)}" if depth else ""
    if tuple(relations) == (CAUSES,):
        title = f"What can lead to {bold(named(G, n))}" if answer.upstream else f"What {bold(named(G, n))} can lead to"
    else:
        along = f" along {', '.join(relations)} links"
        title = (f"What reaches {bold(named(G, n))}" if answer.upstream else f"What {bold(named(G, n))} reaches") + along
    out(f"{title}{within}, nearest first:")
    if levels:
        table(out, [[str(d), label(G, m), G.nodes[m].get("type", ""), levels.get(m, ""), m] for m, d in found], ["steps", "label", "type", "best chain", "id"], [None, bold, None, None, dim])
        out(dim("best chain: how sure research is of the strongest chain of links between them (a chain is as sure as its weakest link)"))
    else:
        table(out, [[str(d), label(G, m), G.nodes[m].get("type", ""), m] for m, d in found], ["steps", "label", "type", "id"], [None, bold, None, dim])


def treatments_json(G: Any, n: str, found: list[dict[str, Any]]) -> dict[str, Any]:
    from .teaching.wording import disclaimer

    return {
        "node": ref(G, n),
        "treatments": [
            ref(
                G,
                r["treatment"],
                acts_on=ref(G, r["acts_on"]),
                relation=r["relation"],
                position=r["position"],
                distance=r["distance"],
                direct=r["position"] == "direct",
                note=r["note"],
                section=r["section"],
                evidence=r["evidence"],
                route_evidence=r["route_evidence"],
            )
            for r in found
        ],
        "disclaimer": disclaimer(G),
    }


def treatments_text(out: Out, G: Any, n: str, found: list[dict[str, Any]]) -> None:
    """``footback treatments``: direct, upstream and further along, each a table."""
    from .teaching.wording import disclaimer

    verbs = {"treats": "treats", "prevents": "helps prevent"}
    direct = [r for r in found if r["position"] == "direct"]
    out(f"Treatments {'for' if direct else 'linked to'} {bold(named(G, n))}:")
    upstream = [r for r in found if r["position"] == "upstream"]
    further = [r for r in found if r["position"] == "downstream"]
    if direct:
        out("")
        out("Directly:")
        table(out, [[label(G, r["treatment"]), verbs.get(r["relation"], r["relation"]), label(G, r["acts_on"]), level_tag(r)] for r in direct], styles=[bold, None, None, None])
    for rows, heading, when in (
        (upstream, f"Upstream, on something that can lead to {label(G, n)}:", "before"),
        (further, f"Further along, on something {label(G, n)} can lead to (not on {label(G, n)} itself):", "after"),
    ):
        if rows:
            out("")
            out(heading)
            table(
                out,
                [[label(G, r["treatment"]), verbs.get(r["relation"], r["relation"]), label(G, r["acts_on"]), f"{steps(r['distance'])} {when}", level_tag(r)] for r in rows],
                styles=[bold, None, None, dim, None],
            )
    if any(r["evidence"] for r in found):
        out("")
        out(dim("[level]: how sure research is of the treatment's link; route: of the best causal chain between it and " + label(G, n) + "; see: footback evidence " + shell_quote(label(G, n))))
    out("")
    out(dim(wrap(disclaimer(G))))


# --- show, search, list, stats ------------------------------------------------------


def show_text(out: Out, d: dict[str, Any], *, min_evidence: str | None = None) -> None:
    """``footback show``: one node whole (``d`` from :func:`graph.answers.show`)."""
    from .language.grammar import agree
    from .model import RELATION_VERB

    out(f"{bold(d['label'])}  " + dim(f"{d['id']}, {d['type']}"))
    if "red_flag" in d:
        care = "; ".join(f"{c['treatment']['label']} for {c['for']['label']}" for c in d["red_flag"]["urgent_care"])
        out(wrap("RED FLAG: a warning sign that needs urgent care" + (f" ({care})." if care else "."), indent="  "))
    if d["description"]:
        out(wrap(d["description"], indent="  "))
    rows = []
    if d["synonyms"]:
        rows.append(["also called", ", ".join(d["synonyms"])])
    if d["codes"]:
        rows.append(["codes", ", ".join(d["codes"])])
    for r in d["regions"]:
        within = "".join(f" {ARROW} {w['label']}" for w in r["within"])
        rows.append(["sits in", r["label"] + within])
    if rows:
        out("")
        facts(out, rows)
    for title, links, arrow in (("Links out", d["out"], True), ("Links in", d["in"], False)):
        out("")
        out(f"{title} ({len(links)}):" if links else f"{title}: none")
        for link in links:
            verb = RELATION_VERB.get(link["relation"], link["relation"])
            other = link["node"]["label"]
            said = f"{agree(verb, d['label'])} {other}" if arrow else f"{other} {agree(verb, other)} {d['label']}"
            out(f"  {bold(said)}")
            section = dim(" [" + "; ".join(link["section"]) + "]") if link["section"] else ""
            out(wrap(link["note"], indent="      ") + section)
            if link.get("evidence") and link["relation"] in ("causes", "treats", "prevents"):
                out(wrap(how_sure(link), indent="      "))
    hidden = d.get("hidden_by_min_evidence", 0)
    if hidden:
        out("")
        out(dim(f"{hidden} more link{'' if hidden == 1 else 's'} hidden: research rates {'it' if hidden == 1 else 'them'} below {min_evidence!r} (--min-evidence)"))


def search_json(G: Any, text: str, found: list[dict[str, Any]], absent: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "query": text,
        "matches": [ref(G, m["id"], score=m["score"], field=m["field"], text=m["text"]) for m in found],
        **({"not_in_graph": {"note": absent["note"], "nearest": ref(G, absent["nearest"])}} if absent else {}),
    }


def search_text(out: Out, G: Any, text: str, found: list[dict[str, Any]]) -> None:
    out(f"{len(found)} match{'es' if len(found) != 1 else ''} for {text!r}:")
    rows = []
    for m in found:
        how = f"{m['field']}: {m['text']}" if m["field"] == "synonym" else m["field"]
        rows.append([f"{m['score']:g}", label(G, m["id"]), G.nodes[m["id"]].get("type", ""), m["id"], how])
    table(out, rows, ["score", "label", "type", "id", "matched"], [None, bold, None, None, dim])


def nodes_json(G: Any, found: list[str]) -> dict[str, Any]:
    """``footback list --json``: each node's reference."""
    return {"nodes": [ref(G, n) for n in found]}


def nodes_text(out: Out, G: Any, found: list[str]) -> None:
    """``footback list``: id, type and label, a line each."""
    table(out, [[n, G.nodes[n].get("type", ""), label(G, n)] for n in found], ["id", "type", "label"], [None, dim, bold], indent="")


def stats_json(G: Any, st: dict[str, Any]) -> dict[str, Any]:
    causal = st["causal"]
    causal = {
        **causal,
        "longest_chain": None if causal["longest_chain"] is None else [ref(G, n) for n in causal["longest_chain"]],
        "most_connected": [ref(G, n, degree=d) for n, d in causal["most_connected"]],
    }
    return {**st, "causal": causal}


def stats_text(out: Out, G: Any, st: dict[str, Any]) -> None:
    """``footback stats``: counts, sources, evidence levels and the causal links' shape."""
    causal = st["causal"]
    from .model.records import about

    out(bold(about(G)["title"] or "Graph"))
    nodes, edges = dict(st["nodes"]), dict(st["edges"])
    table(
        out,
        [
            ["nodes", str(nodes.pop("total")), first(f"{v} {k}" for k, v in nodes.items())],
            ["links", str(edges.pop("total")), first(f"{v} {k}" for k, v in edges.items())],
            ["parts", str(st["components"]), "connected part" + ("" if st["components"] == 1 else "s") + (f"; unlinked: {first(st['isolated'])}" if st["isolated"] else "")],
        ],
        styles=[dim, None, None],
    )
    cited = [s for s in st["sources"] if s["edges"]]
    references = [s for s in st["sources"] if not s["edges"] and s["evidence_for"]]
    if cited:
        out("")
        out("Sources:")
        table(
            out,
            [[s["id"], s["title"], f"{s['edges']} link" + ("" if s["edges"] == 1 else "s"), f"{s['sections_cited']} of {s['sections']} sections cited" if s["sections"] else ""] for s in cited],
            styles=[dim, bold, None, None],
        )
    if st["evidence"]:
        out("")
        out("How sure research is of the claim links (footback evidence lists them):")
        table(out, [[level, str(n)] for level, n in st["evidence"].items()], styles=[bold, None])
        if references:
            out(f"  resting on {len(references)} research references ({sum(s['kind'] == 'guideline' for s in references)} a guideline)")
    out("")
    out(f"Causal links ({causal['edges']}):")
    rows = [
        ["start points", f"{len(causal['starts'])}: " + first(label(G, n) for n in causal["starts"])],
        ["end points", f"{len(causal['ends'])}: " + first(label(G, n) for n in causal["ends"])],
    ]
    if causal["longest_chain"]:
        rows.append(["longest chain", f"{steps(len(causal['longest_chain']) - 1)}: " + f" {ARROW} ".join(label(G, n) for n in causal["longest_chain"])])
    elif not causal["acyclic"]:
        rows.append(["cycles", "yes: some things can lead back to themselves"])
    if causal["most_connected"]:
        rows.append(["most linked", ", ".join(f"{label(G, n)} ({d})" for n, d in causal["most_connected"])])
    facts(out, rows)


def validate_text(out: Out, counts: dict[str, dict[str, int]], notes: Iterable[str]) -> None:
    """``footback validate``: what the valid data holds, then what reading it took."""
    from .language.grammar import count

    n_nodes, n_edges = sum(counts["nodes"].values()), sum(counts["edges"].values())
    by_type = ", ".join(f"{v} {k}" for k, v in counts["nodes"].items())
    by_rel = ", ".join(f"{v} {k}" for k, v in counts["edges"].items())
    nodes = count(n_nodes, "node") + (f" ({by_type})" if by_type else "")
    edges = count(n_edges, "edge") + (f" ({by_rel})" if by_rel else "")
    out(f"valid: {nodes}; {edges}")
    for note in notes:
        out(f"note: {note}")


# --- teaching: lessons, what-if, common causes, evidence ------------------------


def quiz_sheet_text(out: Out, G: Any, questions: list[Any], *, seed: int | None = None, title: str = "footback quiz", note: str | None = None) -> None:
    """``footback quiz --print``: the questions first, then the answer key with chains and sources."""
    from .teaching.interactive import choice_lines
    from .teaching.wording import NOT_ADVICE, explain_lines

    out(title)
    out(NOT_ADVICE)
    if note:
        out(note)
    if seed is not None:
        out(f"Seed {seed} (footback quiz --seed {seed} gives the same questions).")
    for n, q in enumerate(questions, 1):
        out("")
        out(f"{n}. " + q.prompt.replace("\n  ", "\n   "))
        for line in choice_lines(G, q, indent="   "):
            out(line)
    out("")
    out("Answer key")
    out("----------")
    for n, q in enumerate(questions, 1):
        out(f"{n}. {q.letter}) {label(G, q.answer_id)}")
        for line in explain_lines(G, list(q.edges), indent="   "):
            out(line)


def lessons_text(out: Out, rows: list[dict[str, Any]]) -> None:
    """``footback lesson``: each lesson with its title and steps, or why it does not fit the graph."""
    width = max((len(r["name"]) for r in rows), default=0)
    for r in rows:
        what = steps(r["steps"]) if r["problems"] == 0 else f"does not fit this graph: {r['problems']} problem" + ("" if r["problems"] == 1 else "s")
        out(f"{r['name']:<{width}}  {r['title']} ({what})")
    out("Step through one with: footback lesson NAME")


def whatif_json(result: dict[str, Any]) -> dict[str, Any]:
    """``footback whatif --json``: the result (:func:`graph.teaching.whatif.whatif`) and the disclaimer."""
    from .teaching.wording import NOT_ADVICE

    return {**result, "disclaimer": NOT_ADVICE}


def whatif_text(out: Out, G: Any, result: dict[str, Any], *, treat: bool) -> None:
    """``footback whatif``: what is taken out, then each symptom that loses causal paths."""
    from .model import PREVENTS, RELATION_VERB, TREATS
    from .teaching.whatif import has_losses
    from .teaching.wording import NOT_ADVICE

    def counts(r: dict[str, Any], after: Any) -> str:
        if r["paths_before"] is None or after is None:
            return ""
        if not r["exact"]:  # the counting stopped at its budget: lower bounds
            return f" (at least {r['paths_before']} {ARROW} at least {after}: counting stopped at its step budget)"
        return f" ({r['paths_before']} {ARROW} {after})"

    def names(ids: list[str]) -> str:
        return ", ".join(label(G, n) for n in ids)

    if treat:
        acts = [
            f"{RELATION_VERB[rel]}: " + names([r["node"] for r in result["taken_out"] if rel in r["relations"]])
            for rel in (TREATS, PREVENTS)
            if any(rel in r["relations"] for r in result["taken_out"])
        ]
        others = [r["node"] for r in result["taken_out"] if not r["relations"]]
        gone = f" and {names(others)} were gone" if others else ""
        out(f"What if {label(G, result['treatment'])} worked{gone}? It {'; it '.join(acts)}.")
    else:
        out(f"What if {names(result['removed'])} were gone?")
    if not has_losses(result):
        out("No symptom loses a causal path from a condition.")
    else:
        out("\n" + ("Acted on directly:" if treat else "Taken out:"))
        for r in result["taken_out"]:
            kind = str(r["type"] or "node").replace("_", " ")
            if r["conditions_lost"]:
                out(f"\n{label(G, r['node'])} ({kind}): loses all its causal paths{counts(r, 0)}")
                out("  no longer reached from: " + names(r["conditions_lost"]))
            else:
                out(f"\n{label(G, r['node'])} ({kind}): no condition leads to it")
            if r.get("evidence"):
                out(f"  how sure that {label(G, result['treatment'])} acts on it: {r['evidence']}" + weak_mark(r["evidence"]))
        if result["symptoms"]:
            out("\nFurther along the causal links:")
        else:
            out("\nFurther along the causal links, no other symptom loses a causal path.")
        for r in result["symptoms"]:
            how = "loses all its causal paths" if r["status"] == "all" else "loses some causal paths"
            out(f"\n{label(G, r['symptom'])}: {how}{counts(r, r['paths_after'])}")
            if r["conditions_lost"]:
                out("  no longer reached from: " + names(r["conditions_lost"]))
            if r["conditions_left"]:
                out("  still reached from: " + names(r["conditions_left"]))
            if r.get("evidence"):
                out(f"  how sure this loss is (its best chain from what was taken out): {r['evidence']}" + weak_mark(r["evidence"]))
    out(f"\n{NOT_ADVICE} This shows how the graph's links depend on each other; it does not predict what a treatment does for a person.")


#: What ``common-causes`` says first, in text and JSON.
COMMON_CAUSES_NOTE = "Teaching aid, not a diagnosis: these are the graph's causal paths, and only a clinician can say what causes a person's symptoms."


def common_causes_json(wanted: list[str], ranked: list[dict[str, Any]]) -> dict[str, Any]:
    """``footback common-causes --json``: the symptoms as resolved, the note, the conditions ranked."""
    return {"symptoms": wanted, "note": COMMON_CAUSES_NOTE, "conditions": ranked}


def common_causes_text(out: Out, G: Any, wanted: list[str], ranked: list[dict[str, Any]], *, min_evidence: str | None = None) -> None:
    """``footback common-causes``: each condition with its chains to the symptoms it reaches."""
    from .teaching.wording import chain_text

    out(COMMON_CAUSES_NOTE)
    for i, r in enumerate(ranked, 1):
        out(f"\n{i}. {label(G, r['condition'])}: reaches {len(r['reaches'])} of {len(wanted)}")
        for s in r["reaches"]:
            p = r["paths"][s]
            sure = f"  [weakest link: {p['evidence']}{weak_mark(p['evidence'])}]" if p.get("evidence") else ""
            out(f"   {chain_text(G, p['nodes'])}{sure}")
        if r["misses"]:
            at = f" with every link at least {min_evidence}" if min_evidence else ""
            out(f"   no causal path{at} to: " + ", ".join(label(G, s) for s in r["misses"]))


def evidence_json(G: Any, n: str | None, level: str | None, found: list[dict[str, Any]]) -> dict[str, Any]:
    from .model.evidence import references
    from .teaching.wording import disclaimer

    return {
        "node": ref(G, n) if n is not None else None,
        "level": level.lower() if level else None,
        "links": [{**e, "source": ref(G, e["source"]), "target": ref(G, e["target"]), "references": references(G, (e["evidence"] or {}).get("refs", []))} for e in found],
        "disclaimer": disclaimer(G),
    }


def evidence_text(out: Out, G: Any, n: str | None, found: list[dict[str, Any]]) -> None:
    """``footback evidence``: the links grouped by level, strongest first, with notes and references."""
    from .model.evidence import MEANING, references
    from .model import RELATION_VERB
    from .teaching.wording import disclaimer

    where = f" of {bold(named(G, n))}" if n is not None else ""
    out(f"How sure research is of each link{where}, strongest first:")
    shown_level: str | None = "-"
    for e in found:
        lv = (e["evidence"] or {}).get("level")
        if lv != shown_level:
            shown_level = lv
            out("")
            out(bold(f"{lv}: {MEANING[lv]}") if lv else bold("no evidence given"))
        verb = RELATION_VERB.get(e["relation"], e["relation"])
        out(f"  {label(G, e['source'])} {verb} {label(G, e['target'])}")
        if e["evidence"]:
            if e["evidence"]["note"]:
                out(wrap(e["evidence"]["note"], indent="      "))
            for r in references(G, e["evidence"]["refs"]):
                out(dim(wrap(r.get("reference", r["id"]), indent="      - ", hang="        ")))
    out("")
    out(dim(wrap(disclaimer(G))))
