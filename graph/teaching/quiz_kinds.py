"""Question kinds about the anatomy of the link, research and red flags.

Each kind is a pair of functions (subjects, candidates of one subject), as the
kinds of :mod:`graph.quiz`, plus a checker that says from the graph alone
whether a choice answers a question (so tests can prove every wrong choice
wrong). Every wrong choice carries its reason, in the question's ``reasons``.

``root``
    Which nerve root (or nerve) explains a symptom felt in one place: the
    answer is the region a mechanism causing the symptom sits in; wrong
    choices are roots or nerves where nothing pressing on them leads to it,
    never one that feeds the answer or is fed by it (``branches_into``).
``sign``
    Which sign points to a level: the answer is a symptom that pressure on
    the root causes; wrong choices are signs of other roots only.
``evidence``
    Which of these claims of the article does research support best: the
    answer's evidence level is strictly above every wrong choice's.
``red-flag``
    Which symptom is a red flag that needs urgent care (wrong choices are
    symptoms not marked so); and what a red flag calls for (wrong choices
    are treatments acting on nothing that causes it).

``treatment`` gains one form here: which treatment does research advise
against for a node (the answer's evidence level is ``contradicted``, the
wrong choices' are not).
"""

from __future__ import annotations

import random
from typing import Any

import networkx as nx

from ..questions.anatomy import is_red_flag, pressed_on, red_flags, urgent_care
from ..model.evidence import CONTRADICTED, LEVELS
from ..model import BODY_REGION, BRANCHES_INTO, CAUSES, LOCATED_IN, PART_OF, SUPPLIES, SYMPTOM, TREATMENT, TREATS
from ..language.names import normalize
from .question import Question
from .wording import edge_record, label

#: Words that say nothing about where something is.
STOP_WORDS = frozenset("a an and at by for from in into is it of on or the to with its their this that".split())


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry meaning, singular, lower case.

    >>> sorted(content_words("The plantar fascia"))
    ['fascia', 'plantar']
    >>> sorted(content_words("Numbness on the top of the foot") & content_words("Top of the foot"))
    ['foot', 'top']
    """
    return {w for w in normalize(text).split() if w not in STOP_WORDS}


def shares_word(G: Any, a: str, b: str) -> bool:
    """Whether the labels of ``a`` and ``b`` share a content word (a `where` answer would give itself away)."""
    return bool(content_words(label(G, a)) & content_words(label(G, b)))


# --- helpers -------------------------------------------------------------------


def _nerves(G: Any) -> list[str]:
    """Regions on the nerve route: those with a ``branches_into`` link in or out."""
    on = {n for u, v, r in G.edges(keys=True) if r == BRANCHES_INTO for n in (u, v)}
    return sorted(n for n in on if G.nodes[n].get("type") == BODY_REGION)


def _route(G: Any) -> nx.DiGraph:
    return nx.DiGraph((u, v) for u, v, r in G.edges(keys=True) if r == BRANCHES_INTO)


def _causal(G: Any) -> nx.DiGraph:
    H = nx.DiGraph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, v, r in G.edges(keys=True) if r == CAUSES)
    return H


def explains(G: Any, region: str, symptom: str, causal: nx.DiGraph | None = None) -> bool:
    """Whether something located in ``region`` leads to ``symptom`` (the ``root`` checker)."""
    causal = causal if causal is not None else _causal(G)
    return any(symptom in nx.descendants(causal, m) for m in pressed_on(G, region))


def _level_rank(d: dict[str, Any]) -> int | None:
    lv = d.get("evidence_level")
    return LEVELS.index(lv) if lv in LEVELS else None


def link_text(G: Any, u: str, rel: str, v: str) -> str:
    from ..model import RELATION_VERB

    return f"{label(G, u)} {RELATION_VERB.get(rel, rel)} {label(G, v)}"


class Kinds:
    """The new kinds over one graph (views computed once)."""

    def __init__(self, G: Any) -> None:
        self.G = G
        self.causal = _causal(G)
        self.route = _route(G)
        self.nerves = _nerves(G)
        self._desc: dict[str, set[str]] = {}

    def desc(self, n: str) -> set[str]:
        if n not in self._desc:
            self._desc[n] = nx.descendants(self.causal, n)
        return self._desc[n]

    def explained_by(self, symptom: str) -> list[str]:
        """Nerves with something located in them that leads to ``symptom``."""
        return [r for r in self.nerves if any(symptom in self.desc(m) for m in pressed_on(self.G, r))]

    def roots(self) -> list[str]:
        """Nerves that nothing feeds (the roots) and that something presses on."""
        return [r for r in self.nerves if self.route.in_degree(r) == 0 and pressed_on(self.G, r)]


def _pick(rng: random.Random, pool: list[str], k: int = 3) -> list[str]:
    pool = sorted(pool)
    return rng.sample(pool, min(k, len(pool)))


def _make(question_cls: Any, rng: random.Random, kind: str, key: str, prompt: str, answer: str, wrong: dict[str, str], edges: list[dict[str, Any]], subject: str, fact: str) -> Any:
    if not wrong:
        return None
    choices = [answer, *sorted(wrong)]
    rng.shuffle(choices)
    return question_cls(kind, key, prompt, tuple(choices), choices.index(answer), tuple(edges), subject=subject, fact=fact, reasons=tuple(sorted(wrong.items())))


# --- root: which root or nerve explains a symptom's place -------------------------------


def root_subjects(ctx: Any) -> list[str]:
    k = ctx.kinds
    return sorted(s for s in ctx.of_type(SYMPTOM) if k.explained_by(s))


def root_candidates(ctx: Any, symptom: str) -> list[tuple[str, Any]]:
    out = []
    for region in ctx.kinds.explained_by(symptom):
        key = f"root:{region}/{symptom}"
        out.append((key, lambda rng, key=key, r=region, s=symptom: _root(ctx, rng, key, r, s)))
    return out


def _root(ctx: Any, rng: random.Random, key: str, region: str, symptom: str) -> Any:
    G, k = ctx.G, ctx.kinds
    roots = k.roots()
    pool = roots if region in roots else k.nerves
    near = {region} | nx.ancestors(k.route, region) | nx.descendants(k.route, region)
    wrong = {n: f"Nothing the graph places in {label(G, n)} leads to {label(G, symptom)}." for n in pool if n not in near and n not in k.explained_by(symptom)}
    wrong = {n: wrong[n] for n in _pick(rng, list(wrong))}
    mech = next(m for m in pressed_on(G, region) if symptom in k.desc(m))
    chain = nx.shortest_path(k.causal, mech, symptom)
    edges = [edge_record(G, mech, region, LOCATED_IN)] + [edge_record(G, u, v, CAUSES) for u, v in zip(chain, chain[1:])]
    what = "nerve root" if region in roots else "nerve"
    prompt = f"{label(G, symptom)}: which {what} is the graph's explanation for it?"
    return _make(Question, rng, "root", key, prompt, region, wrong, edges, symptom, f"{region}|{symptom}")


# --- sign: which sign points to a level ---------------------------------------------------


def sign_subjects(ctx: Any) -> list[str]:
    kinds: Kinds = ctx.kinds
    return kinds.roots()


def _signs(ctx: Any, root: str) -> set[str]:
    G = ctx.G
    return {s for m in pressed_on(G, root) for s in ctx.kinds.desc(m) if G.nodes[s].get("type") == SYMPTOM}


def sign_candidates(ctx: Any, root: str) -> list[tuple[str, Any]]:
    out = []
    for s in sorted(_signs(ctx, root)):
        if ctx.kinds.explained_by(s) == [root]:  # a sign of this root alone
            key = f"sign:{root}/{s}"
            out.append((key, lambda rng, key=key, r=root, s=s: _sign(ctx, rng, key, r, s)))
    return out


def _sign(ctx: Any, rng: random.Random, key: str, root: str, sign: str) -> Any:
    G = ctx.G
    own = _signs(ctx, root)
    others = {s for r in ctx.kinds.roots() if r != root for s in _signs(ctx, r)} - own
    wrong = {s: f"The graph links {label(G, s)} to another root, not to {label(G, root)}." for s in others}
    wrong = {s: wrong[s] for s in _pick(rng, list(wrong))}
    mech = next(m for m in pressed_on(G, root) if sign in ctx.kinds.desc(m))
    chain = nx.shortest_path(ctx.kinds.causal, mech, sign)
    edges = [edge_record(G, mech, root, LOCATED_IN)] + [edge_record(G, u, v, CAUSES) for u, v in zip(chain, chain[1:])]
    prompt = f"Which of these signs points to the {label(G, root)}?"
    return _make(Question, rng, "sign", key, prompt, sign, wrong, edges, f"{root}|{sign}", f"{root}|{sign}")


# --- evidence: which claim does research support best -------------------------------------


def _claims(G: Any) -> list[tuple[str, str, str, int]]:
    """Article claims with an evidence level: (u, relation, v, rank), rank 0 the surest."""
    out = []
    for u, v, rel, d in G.edges(keys=True, data=True):
        rank = _level_rank(d)
        if rank is not None and d.get("cites") == "article":
            out.append((u, rel, v, rank))
    return out


def evidence_subjects(ctx: Any) -> list[str]:
    claims = _claims(ctx.G)
    worst = max((c[3] for c in claims), default=0)
    return sorted(f"{u}|{rel}|{v}" for u, rel, v, r in claims if r < worst and r <= LEVELS.index("association"))


def evidence_candidates(ctx: Any, subject: str) -> list[tuple[str, Any]]:
    key = f"evidence:{subject}"
    return [(key, lambda rng, key=key, s=subject: _evidence(ctx, rng, key, s))]


def _evidence(ctx: Any, rng: random.Random, key: str, subject: str) -> Any:
    G = ctx.G
    u, rel, v = subject.split("|")
    rank = _level_rank(G.edges[u, v, rel])
    if rank is None:  # a subject is a claim with a level (evidence_subjects)
        return None
    lower: dict[int, list[tuple[str, str, str]]] = {}
    for a, r, b, rk in _claims(G):
        if rk > rank and b != v and a != u:
            lower.setdefault(rk, []).append((a, r, b))
    pool = sorted(e for lv in lower for e in lower[lv])
    picked = rng.sample(pool, min(3, len(pool)))
    texts = {link_text(G, a, r, b): (a, r, b) for a, r, b in picked}
    wrong = {t: f"Research rates this link {G.edges[e[0], e[2], e[1]]['evidence_level']}, below {LEVELS[rank]}." for t, e in texts.items()}
    answer = link_text(G, u, rel, v)
    prompt = "Which of these links drawn by the article does research support best?"
    q = _make(Question, rng, "evidence", key, prompt, answer, wrong, [edge_record(G, u, v, rel)], subject, subject)
    if q is None:
        return None
    links = {answer: (u, rel, v), **texts}
    return _with_links(q, tuple((c, *links[c]) for c in q.choices))


def _with_links(q: Any, links: tuple[tuple[str, str, str, str], ...]) -> Any:
    from dataclasses import replace

    return replace(q, links=links)


# --- red flags --------------------------------------------------------------------------


def red_flag_subjects(ctx: Any) -> list[str]:
    return red_flags(ctx.G)


def red_flag_candidates(ctx: Any, flag: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [(f"red-flag:{flag}", lambda rng, key=f"red-flag:{flag}", f=flag: _red_flag(ctx, rng, key, f))]
    for c in urgent_care(ctx.G, flag):
        key = f"red-flag-care:{flag}/{c['treatment']}"
        out.append((key, lambda rng, key=key, f=flag, t=c["treatment"], m=c["for"]: _red_flag_care(ctx, rng, key, f, t, m)))
    return out


def _nerve_trouble(ctx: Any) -> set[str]:
    """Mechanisms located in a nerve, root or their wholes, and everything they lead to."""
    G, k = ctx.G, ctx.kinds
    places = set(k.nerves) | {u for u, _, r in G.edges(keys=True) if r == SUPPLIES}
    places |= {v for u, v, r in G.edges(keys=True) if r == PART_OF and u in places}
    mechs = {m for p in places for m in pressed_on(G, p)}
    return mechs | {d for m in mechs for d in k.desc(m)}


def _red_flag(ctx: Any, rng: random.Random, key: str, flag: str) -> Any:
    G = ctx.G
    # Not a near twin of the flag ("weakness in the legs" beside "worsening weakness in both legs").
    pool = [s for s in ctx.of_type(SYMPTOM) if not is_red_flag(G, s) and not shares_word(G, s, flag)]
    wrong = {s: f"The graph does not mark {label(G, s)} as a red flag." for s in _pick(rng, pool)}
    edges = [edge_record(G, c["for"], flag, CAUSES) for c in urgent_care(G, flag)][:1]
    edges += [edge_record(G, c["treatment"], c["for"], TREATS) for c in urgent_care(G, flag)][:1]
    prompt = "Which of these is a red flag: a warning sign that needs urgent care?"
    return _make(Question, rng, "red-flag", key, prompt, flag, wrong, edges, flag, f"flag|{flag}")


def _red_flag_care(ctx: Any, rng: random.Random, key: str, flag: str, care: str, cause: str) -> Any:
    G = ctx.G
    acting = {c["treatment"] for c in urgent_care(G, flag)}
    # Never offer as wrong a treatment the graph aims at nerve trouble (seeing a
    # clinician, prompt care, surgery): it is not what the source says of a red
    # flag, but a student could rightly pick it.
    nerve_trouble = _nerve_trouble(ctx)
    pool = [t for t in ctx.of_type(TREATMENT) if t not in acting and not ctx.acts_on.get(t, set()) & nerve_trouble]
    wrong = {t: f"The graph does not have {label(G, t)} acting on what causes {label(G, flag)}." for t in _pick(rng, pool)}
    edges = [edge_record(G, cause, flag, CAUSES), edge_record(G, care, cause, TREATS)]
    prompt = f"Someone has {label(G, flag).lower()}. What does it call for?"
    return _make(Question, rng, "red-flag", key, prompt, care, wrong, edges, f"care|{flag}", f"care|{flag}")


# --- treatment: what research advises against --------------------------------------------


def against_candidates(ctx: Any, node: str) -> list[tuple[str, Any]]:
    G = ctx.G
    out = []
    for t in sorted(ctx.treaters.get(node, ())):
        for rel in ("treats", "prevents"):
            if G.has_edge(t, node, rel) and G.edges[t, node, rel].get("evidence_level") == CONTRADICTED:
                key = f"treatment-against:{t}/{rel}/{node}"
                out.append((key, lambda rng, key=key, t=t, rel=rel, n=node: _against(ctx, rng, key, t, rel, n)))
    return out


def _against(ctx: Any, rng: random.Random, key: str, treatment: str, rel: str, node: str) -> Any:
    G = ctx.G
    pool = [
        t for t in ctx.treaters.get(node, ()) if t != treatment and all(G.edges[t, node, r].get("evidence_level") not in (CONTRADICTED, None) for r in (TREATS, "prevents") if G.has_edge(t, node, r))
    ]
    wrong = {
        t: f"Research does not advise against {label(G, t)} for {label(G, node)}: it rates the link "
        f"{'/'.join(G.edges[t, node, r]['evidence_level'] for r in (TREATS, 'prevents') if G.has_edge(t, node, r))}."
        for t in _pick(rng, pool)
    }
    prompt = f"The article suggests each of these for {label(G, node).lower()}. Which one does research advise against?"
    return _make(Question, rng, "treatment", key, prompt, treatment, wrong, [edge_record(G, treatment, node, rel)], f"against|{node}", f"{treatment}|{rel}|{node}")


# --- checkers -----------------------------------------------------------------------------


def is_correct(G: Any, q: Any, choice: str) -> bool | None:
    """Whether ``choice`` answers ``q``, from the graph alone; None for a kind not of this module."""
    if q.kind == "root":
        return explains(G, choice, q.subject)
    if q.kind == "sign":
        root = q.subject.split("|")[0]
        causal = _causal(G)
        return any(choice in nx.descendants(causal, m) for m in pressed_on(G, root))
    if q.kind == "evidence":
        ranks = {c: _level_rank(G.edges[u, v, rel]) for c, u, rel, v in q.links}
        mine = ranks[choice]
        # A link without a level is supported by no research: below any level.
        return mine is not None and all(r is None or mine < r for c, r in ranks.items() if c != choice)
    if q.kind == "red-flag":
        if q.subject.startswith("care|"):
            return any(c["treatment"] == choice for c in urgent_care(G, q.subject.split("|", 1)[1]))
        return is_red_flag(G, choice)
    if q.kind == "treatment" and q.key.startswith("treatment-against:"):
        node = q.subject.split("|", 1)[1]
        return any(G.has_edge(choice, node, r) and G.edges[choice, node, r].get("evidence_level") == CONTRADICTED for r in (TREATS, "prevents"))
    return None
