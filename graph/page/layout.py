"""The anatomy layout: where each node sits on the explorer page, computed in Python.

Vertical position follows the body: back and spine at the top, hips and legs
in the middle, ankles, then feet and toes at the bottom. A body region gets
its height from words in its names ("lumbar", "calf", "heel"...), or else from
the regions it is part of or holds. A condition, mechanism or symptom sits at
the height of the regions it is located in; one with no region (such as a
change in gait) settles between the nodes it is causally linked to, so a
chain from the foot to the back climbs the page. Treatments sit at the height
of what they act on.

Horizontally every node type has its own lane (regions, conditions,
mechanisms, symptoms, treatments). A lane has at least two sub-columns, so
labels in one lane do not collide, and a chain inside a lane (one mechanism
causing the next) zig-zags between them instead of running straight through
its own nodes.

Positions are plain integers and depend only on the graph's content and
order, never on hash seeds, so the page is byte-for-byte reproducible.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from typing import Any

from ..model import BODY_REGION, CAUSES, CONDITION, LOCATED_IN, MECHANISM, PART_OF, PREVENTS, SYMPTOM, TREATMENT, TREATS
from ..names import normalize

#: Body bands, top to bottom, with the (normalised) words that place a region in them.
BANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Back and spine", ("back", "spine", "spinal", "lumbar", "sacral", "sacrum", "vertebra", "disc", "disk",
                        "thoracic", "cervical", "neck", "coccyx", "root", "cauda", "equina")),
    ("Hips and legs", ("hip", "pelvis", "pelvic", "buttock", "gluteal", "thigh", "leg", "limb", "knee", "calf",
                       "shin", "sciatic", "tibial", "fibular", "peroneal", "femoral", "hamstring", "saddle", "plexus",
                       "perineum", "perineal")),
    ("Ankles", ("ankle", "achille", "malleolus", "talus")),
    ("Feet and toes", ("foot", "heel", "arch", "plantar", "sole", "toe", "hallux", "metatarsal", "calcaneus",
                       "calcaneal", "bunion", "instep")),
)

#: Lanes, left to right.
LANES: tuple[str, ...] = (BODY_REGION, CONDITION, MECHANISM, SYMPTOM, TREATMENT)
LANE_LABELS: dict[str, str] = {
    BODY_REGION: "Body regions",
    CONDITION: "Conditions",
    MECHANISM: "Mechanisms",
    SYMPTOM: "Symptoms",
    TREATMENT: "Treatments",
}

BAND_HEIGHT = 260   # world units per body band
COLUMN_WIDTH = 180  # one sub-column: wide enough for a wrapped label
LANE_GAP = 36       # extra space between lanes
MAX_DRIFT = 1.0     # most a node may move from its body height, in bands, before a lane widens
ROW_PAD = 12        # least free space between two nodes in one sub-column
LINE_HEIGHT = 21    # one line of a node label (20px text)
ROW_GAP = 64        # a typical node's height plus padding (sets how many fit in a column)


@dataclass
class Layout:
    """Positions and the guides the page draws behind the graph."""

    positions: dict[str, tuple[int, int]]
    #: ``{"label", "y0", "y1"}`` per body band, top to bottom.
    bands: list[dict[str, Any]] = field(default_factory=list)
    #: ``{"label", "type", "x0", "x1"}`` per lane that holds nodes, left to right.
    lanes: list[dict[str, Any]] = field(default_factory=list)


def _words(G: Any, node: str) -> list[str]:
    data = G.nodes[node]
    names = [node.replace("-", " "), data.get("label") or "", *(data.get("synonyms") or ())]
    return " ".join(normalize(n) for n in names).split()


def region_level(G: Any, node: str) -> float | None:
    """Height of a region from its names: 0 (back) to ``len(BANDS) - 1`` (feet), or None.

    The label counts most; synonyms and the id only break silence.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("heel", label="Heel", type="body_region")
    >>> G.add_node("lower-back", label="Lower back", type="body_region")
    >>> G.add_node("x", label="Foot and ankle", type="body_region")
    >>> region_level(G, "heel"), region_level(G, "lower-back"), region_level(G, "x")
    (3.0, 0.0, 2.5)
    """
    data = G.nodes[node]
    for words in (normalize(data.get("label") or "").split(), _words(G, node)):
        hits = [i for i, (_, keys) in enumerate(BANDS) for w in words if w in keys]
        if hits:
            return sum(hits) / len(hits)
    return None


def body_levels(G: Any, iterations: int = 40, nodes: Iterable[str] | None = None) -> dict[str, float]:
    """Every node's height in the body, from 0 (back) to ``len(BANDS) - 1`` (feet).

    Regions named by a band word are fixed; other regions take the mean of
    regions they are part of or that are part of them. Clinical nodes take the
    mean of the regions they are located in; the rest (and treatments) settle
    at the mean of their linked nodes, by repeated averaging in graph order.

    With ``nodes``, only their heights are returned, computed from the part of
    ``G`` they depend on (see :func:`_levels_of`): a page drawing part of a huge
    graph places its nodes as the whole graph would, without reading all of it.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("back", label="Lower back", type="body_region")
    >>> G.add_node("pain", label="Back pain", type="symptom")
    >>> G.add_node("limp", label="A limp", type="mechanism")
    >>> _ = G.add_edge("pain", "back", key="located_in", relation="located_in")
    >>> _ = G.add_edge("limp", "pain", key="causes", relation="causes")
    >>> body_levels(G, nodes=["limp"])
    {'limp': 0.0}
    """
    if nodes is None:
        return _levels_of(G, list(G.nodes), iterations, limit=None)
    return _levels_of(G, list(nodes), iterations)


#: Most nodes read around the drawn ones to place them (a huge graph is not read whole).
SUPPORT_LIMIT = 4000


def _near(G: Any, n: str, fixed: dict[str, float]) -> list[str]:
    """What node ``n``'s height is the mean of, as in :func:`body_levels` (nothing if fixed)."""
    if n in fixed:
        return []
    located, links = [], []
    for _, v, rel in G.out_edges(n, data="relation"):
        if rel == LOCATED_IN:
            located.append(v)
        elif rel in (CAUSES, PART_OF, TREATS, PREVENTS):
            links.append(v)
    if located:
        return located
    for u, _, rel in G.in_edges(n, data="relation"):
        if rel in (CAUSES, PART_OF):
            links.append(u)
    return links


def _levels_of(G: Any, nodes: list[str], iterations: int, limit: int | None = SUPPORT_LIMIT) -> dict[str, float]:
    """:func:`body_levels` of ``nodes`` only, from what they depend on, nearest first.

    A node's height depends on the nodes it averages (its regions, or its
    links), theirs on theirs, and so on until named regions. Those are read
    breadth first from ``nodes``, at most ``limit`` beyond them (``None``: all);
    on a graph that size or smaller, the heights are the whole graph's.
    """
    middle = (len(BANDS) - 1) / 2
    fixed: dict[str, float] = {}
    near: dict[str, list[str]] = {}
    order: list[str] = []
    queue = list(dict.fromkeys(nodes))
    seen = set(queue)
    cap = math.inf if limit is None else len(queue) + limit
    i = 0
    while i < len(queue):
        n = queue[i]
        i += 1
        if G.nodes[n].get("type") == BODY_REGION:
            lvl = region_level(G, n)
            if lvl is not None:
                fixed[n] = lvl
        near[n] = _near(G, n, fixed)
        order.append(n)
        for m in near[n]:
            if m not in seen and len(seen) < cap:
                seen.add(m)
                queue.append(m)
    # Averaged by list position rather than by id: the same sums in the same order
    # (so the same floats), several times faster on a graph of thousands.
    at = {n: i for i, n in enumerate(order)}
    level = [fixed.get(n, middle) for n in order]
    free = [(at[n], [at[m] for m in near[n] if m in at]) for n in order if n not in fixed]
    free = [(i, ms) for i, ms in free if ms]
    for _ in range(iterations):
        changed = 0.0
        for i, ms in free:
            new = sum([level[j] for j in ms]) / len(ms)
            d = abs(new - level[i])
            if d > changed:
                changed = d
            level[i] = new
        if changed < 1e-3:
            break
    return {n: level[at[n]] for n in nodes}


def _lane_depth(G: Any, lane_nodes: list[str], rel: str, reverse: bool) -> dict[str, int]:
    """Longest chain of same-lane predecessors under ``rel`` (cycles cut)."""
    members = set(lane_nodes)
    preds: dict[str, list[str]] = {n: [] for n in lane_nodes}
    for u, v, r in G.edges(data="relation"):
        if r == rel and u in members and v in members and u != v:
            a, b = (v, u) if reverse else (u, v)
            preds[b].append(a)
    depth: dict[str, int] = {}
    for start in lane_nodes:
        if start in depth:
            continue
        # Iterative DFS: a node's depth is 1 + the deepest predecessor not on the stack.
        stack = [(start, iter(preds[start]))]
        on_stack = {start}
        best = {start: 0}
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                on_stack.discard(node)
                depth[node] = best[node]
                if stack:
                    parent = stack[-1][0]
                    best[parent] = max(best[parent], depth[node] + 1)
            elif nxt in depth:
                best[node] = max(best[node], depth[nxt] + 1)
            elif nxt not in on_stack:
                best[nxt] = 0
                on_stack.add(nxt)
                stack.append((nxt, iter(preds[nxt])))
    return depth


def wrapped_lines(text: str, chars: int = 13) -> int:
    """How many lines a label takes when wrapped at about ``chars`` characters.

    >>> wrapped_lines("Heel pain"), wrapped_lines("Numbness in the feet or toes")
    (1, 3)
    """
    lines, width = 1, 0
    for word in str(text).split():
        if width and width + 1 + len(word) > chars:
            lines, width = lines + 1, len(word)
        else:
            width += (1 if width else 0) + len(word)
    return lines


def box_extent(label: str) -> tuple[float, float]:
    """Room a node needs above and below its centre: a label inside a box."""
    half = (LINE_HEIGHT * wrapped_lines(label) + 14) / 2
    return half, half


def _spread(wanted: list[float], extents: list[tuple[float, float]], top: float, bottom: float) -> list[float]:
    """Sorted heights moved apart so that nodes (``(up, down)`` extents) do not touch.

    Each node stays as near its wish as fits in [top, bottom]. Nodes that
    would overlap form a block centred on their mean wish (the classic way to
    place labels on a line).

    >>> _spread([100, 100, 300], [(20, 20)] * 3, 0, 1000)
    [74.0, 126.0, 300.0]
    >>> _spread([100, 100], [(20, 20)] * 2, 0, 100)
    [28.0, 80.0]
    """
    need = [extents[i][1] + extents[i + 1][0] + ROW_PAD for i in range(len(wanted) - 1)]
    offset = [0.0]
    for g in need:
        offset.append(offset[-1] + g)
    blocks: list[tuple[int, int, float]] = []  # (first index, last index, first y)
    # prefix[k]: sum of (wish - offset) over the first k nodes, so a block's mean is O(1).
    prefix = [0.0]
    for w, o in zip(wanted, offset):
        prefix.append(prefix[-1] + w - o)

    def place(i: int, j: int) -> float:
        first = (prefix[j + 1] - prefix[i]) / (j - i + 1) + offset[i]
        low = top + extents[i][0]
        high = bottom - extents[j][1] - (offset[j] - offset[i])
        return max(low, min(first, high))

    for k in range(len(wanted)):
        blocks.append((k, k, place(k, k)))
        while len(blocks) > 1:
            i1, j1, y1 = blocks[-2]
            i2, j2, y2 = blocks[-1]
            if y1 + (offset[j1] - offset[i1]) + need[j1] <= y2:
                break
            blocks[-2:] = [(i1, j2, place(i1, j2))]
    return [float(y + offset[k] - offset[i]) for i, j, y in blocks for k in range(i, j + 1)]


def _columns(ranked: list[str], wish: dict[str, float], depth: dict[str, int], columns: int, height: float,
             extent: dict[str, tuple[float, float]], band: dict[str, int] | None = None) -> dict[str, tuple[int, float]]:
    """Split a lane's nodes (sorted by wished height) into columns; ``{node: (column, y)}``.

    A chained node alternates columns by its depth in the chain; the rest take
    the column whose last node is farthest above, so close neighbours split up.
    With ``band`` (node to band index), each node stays inside its band.
    """
    members: list[list[str]] = [[] for _ in range(columns)]
    free = [(-math.inf, i) for i in range(columns)]  # (wish of the column's last node, column): a heap
    for n in ranked:
        if depth.get(n, 0) > 0 and columns == 2:
            c = depth[n] % 2
            free = [(wish[n] if i == c else w, i) for w, i in free]
            heapq.heapify(free)
        else:
            c = heapq.heappop(free)[1]
            heapq.heappush(free, (wish[n], c))
        members[c].append(n)
    out: dict[str, tuple[int, float]] = {}
    for c, nodes in enumerate(members):
        if band is None:
            ys = _spread([wish[n] for n in nodes], [extent[n] for n in nodes], 0, height)
            out.update((n, (c, y)) for n, y in zip(nodes, ys))
            continue
        for b in sorted({band[n] for n in nodes}):
            inside = [n for n in nodes if band[n] == b]
            ys = _spread([wish[n] for n in inside], [extent[n] for n in inside], b * BAND_HEIGHT, (b + 1) * BAND_HEIGHT)
            out.update((n, (c, y)) for n, y in zip(inside, ys))
    return out


def band_of(level: float) -> int:
    """The body band a node at ``level`` is drawn in: the nearest, a tie going down the body.

    Levels are rounded first, so a level computed in another order (by a page
    drawing part of the graph) falls in the same band.

    >>> band_of(0.2), band_of(2.5), band_of(2.4996), band_of(3.0)
    (0, 3, 3, 3)
    """
    return min(len(BANDS) - 1, max(0, int(math.floor(round(level, 2) + 0.5))))


def band_index(layout: Layout, y: float) -> int:
    """Which of ``layout``'s bands height ``y`` is drawn in (the upper one on a boundary)."""
    for i, b in enumerate(layout.bands):
        if y <= b["y1"]:
            return i
    return len(layout.bands) - 1


def _wish(level: float, room: tuple[float, float], band: int | None) -> float:
    """Height a node at ``level`` would like; with a ``band``, inside it (never on a boundary)."""
    y = (level + 0.5) * BAND_HEIGHT
    if band is None:
        # Halfway between two bands (a foot-and-ankle symptom): just below, as band_of rounds.
        return y + ROW_PAD if round(level, 2) % 1 == 0.5 else y
    top = band * BAND_HEIGHT + room[0] + ROW_PAD
    bottom = (band + 1) * BAND_HEIGHT - room[1] - ROW_PAD
    return min(max(y, top), bottom) if top <= bottom else (band + 0.5) * BAND_HEIGHT


def anatomy_layout(G: Any, extent: Callable[[str], tuple[float, float]] | None = None, context: Any = None,
                   in_band: dict[str, int] | None = None) -> Layout:
    """Deterministic x/y for every node of ``G`` (see the module docstring).

    ``context``, a graph ``G`` was cut from (a neighbourhood's whole graph),
    places the nodes in the body: ``G`` alone may lack the regions that do.
    With it, every node is drawn inside one band: ``in_band[n]`` (the band the
    whole graph's page draws ``n`` in) if given, else :func:`band_of` its level.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("back", label="Lower back", type="body_region")
    >>> G.add_node("foot", label="Foot", type="body_region")
    >>> G.add_node("pain", label="Back pain", type="symptom")
    >>> G.add_node("spur", label="Heel spur", type="condition")
    >>> _ = G.add_edge("pain", "back", key="located_in", relation="located_in")
    >>> _ = G.add_edge("spur", "foot", key="located_in", relation="located_in")
    >>> pos = anatomy_layout(G).positions
    >>> pos["back"][1] < pos["foot"][1], pos["pain"][1] < pos["spur"][1]
    (True, True)
    >>> pos["back"][0] < pos["spur"][0] < pos["pain"][0]
    True
    """
    if extent is None:
        extent = lambda n: box_extent(G.nodes[n].get("label") or n)  # noqa: E731
    room = {n: extent(n) for n in G.nodes}
    bands_of = None
    if context is None or context is G:
        levels = body_levels(G)
    else:
        levels = body_levels(context, nodes=G)
        bands_of = {n: band_of(levels[n]) for n in G}
        bands_of.update((n, b) for n, b in (in_band or {}).items() if n in bands_of)
    height = BAND_HEIGHT * len(BANDS)
    by_lane: dict[str, list[str]] = {}
    for n, t in G.nodes(data="type"):
        # A type footback does not know (an imported graph) shares the last lane.
        by_lane.setdefault(t if t in LANES else LANES[-1], []).append(n)

    positions: dict[str, tuple[int, int]] = {}
    lanes: list[dict[str, Any]] = []
    x = 0.0
    rows = max(1, int(height // ROW_GAP))
    for lane in LANES:
        nodes = by_lane.get(lane, [])
        if not nodes:
            continue
        if lane == BODY_REGION:
            depth = _lane_depth(G, nodes, PART_OF, reverse=True)
        else:
            depth = _lane_depth(G, nodes, CAUSES, reverse=False)
        order = {n: i for i, n in enumerate(nodes)}
        wish = {n: _wish(levels[n], room[n], None if bands_of is None else bands_of[n]) for n in nodes}
        ranked = sorted(nodes, key=lambda n: (wish[n], order[n]))
        # A chain inside the lane needs two columns to zig-zag; otherwise use
        # as few columns as keep every node near its height in the body.
        chained = any(depth.values())
        columns = base = max(2 if chained else 1, math.ceil(len(nodes) / rows))
        while True:
            placed = _columns(ranked, wish, depth if chained else {}, columns, height, room, bands_of)
            drift = max(abs(y - wish[n]) for n, (_, y) in placed.items())
            # A crowded band overflows a column: more columns until each node is inside its band.
            spilled = bands_of is not None and any(
                not bands_of[n] * BAND_HEIGHT <= y <= (bands_of[n] + 1) * BAND_HEIGHT for n, (_, y) in placed.items())
            if spilled and columns < len(nodes):
                columns += 1
                continue
            if drift <= BAND_HEIGHT * MAX_DRIFT or columns >= min(len(nodes), 2 * base + 1):
                break
            columns += max(1, columns // 4)
        for n, (c, y) in placed.items():
            positions[n] = (int(round(x + (c + 0.5) * COLUMN_WIDTH)), int(round(y)))
        lanes.append({"label": LANE_LABELS[lane], "type": lane, "x0": int(x), "x1": int(x + columns * COLUMN_WIDTH)})
        x += columns * COLUMN_WIDTH + LANE_GAP
    bands = [{"label": label, "y0": i * BAND_HEIGHT, "y1": (i + 1) * BAND_HEIGHT} for i, (label, _) in enumerate(BANDS)]
    # A crowded band spills a little into the next: move the boundary between
    # them so that every region named for a band is drawn inside it.
    named: dict[int, list[int]] = {}
    for n in by_lane.get(BODY_REGION, []):
        if levels[n] == int(levels[n]):
            named.setdefault(int(levels[n]), []).append(positions[n][1])
    for i in range(len(bands) - 1 if bands_of is None else 0):  # else every node is inside its band
        if i not in named or i + 1 not in named:
            continue
        above, below = max(named[i]), min(named[i + 1])
        edge = bands[i]["y1"]
        if above < below and not above < edge < below:
            edge = int(min(max((above + below) / 2, above + ROW_PAD), below - ROW_PAD))
            taken = {y for _, y in positions.values()}
            while edge in taken and edge + 1 < below:  # a boundary never runs through a node's centre
                edge += 1
            bands[i]["y1"] = bands[i + 1]["y0"] = edge
    # A lane taller than the body (a huge graph) stretches the last band.
    bottom = max((y for _, y in positions.values()), default=0) + ROW_GAP / 2
    if bands and bottom > bands[-1]["y1"]:
        bands[-1]["y1"] = int(bottom)
    return Layout(positions={n: positions[n] for n in G.nodes}, bands=bands, lanes=lanes)
