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
mechanisms, symptoms, treatments). Every node is drawn inside its body band;
a band is as tall as its most crowded lane needs, and each lane gets as many
sub-columns as make the whole drawing most compact at a screen's shape
(wider than tall), so it can be read when fitted to a projector. Inside a
band a lane's nodes keep their order down the body, dealt to its columns in
turn.

Positions are plain integers and depend only on the graph's content and
order, never on hash seeds, so the page is byte-for-byte reproducible.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from typing import Any

from ..model import BODY_REGION, CAUSES, CONDITION, LOCATED_IN, MECHANISM, PART_OF, PREVENTS, SYMPTOM, TREATMENT, TREATS
from ..language.names import normalize
from ..model.records import label

#: Body bands, top to bottom, with the (normalised) words that place a region in them.
BANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Back and spine", ("back", "spine", "spinal", "lumbar", "sacral", "sacrum", "vertebra", "disc", "disk", "thoracic", "cervical", "neck", "coccyx", "root", "cauda", "equina")),
    (
        "Hips and legs",
        (
            "hip",
            "pelvis",
            "pelvic",
            "buttock",
            "gluteal",
            "thigh",
            "leg",
            "limb",
            "knee",
            "calf",
            "shin",
            "sciatic",
            "tibial",
            "fibular",
            "peroneal",
            "femoral",
            "hamstring",
            "saddle",
            "plexus",
            "perineum",
            "perineal",
        ),
    ),
    ("Ankles", ("ankle", "achille", "malleolus", "talus")),
    ("Feet and toes", ("foot", "heel", "arch", "plantar", "sole", "toe", "hallux", "metatarsal", "calcaneus", "calcaneal", "bunion", "instep")),
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

BAND_HEIGHT = 260  # world units per body band on a graph with no nodes in it (levels to heights)
COLUMN_WIDTH = 180  # one sub-column: wide enough for a wrapped label
LANE_GAP = 36  # extra space between lanes
ROW_PAD = 8  # least free space between two nodes in one sub-column
LINE_HEIGHT = 21  # one line of a node label (20px text)
MIN_BAND = 120  # a band is at least tall enough for its name, written up its side
MARGIN = 60  # the band names at the left and a little room at the right
HEADING = 40  # the lane names above the top band
#: Width to height the drawing is made for: a projector's or laptop's view beside the toolbar.
ASPECT = 1.7
MAX_COLUMNS = 12  # most columns a lane of a curated-size graph is tried with
EXHAUSTIVE = 20000  # most choices of columns tried one by one (a larger graph searches)


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
    [76.0, 124.0, 300.0]
    >>> _spread([100, 100], [(20, 20)] * 2, 0, 100)
    [32.0, 80.0]
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


def _stack_height(heights: list[float], columns: int) -> float:
    """Height of the tallest of ``columns`` columns dealt ``heights`` in turn (node ``i`` to column ``i % columns``)."""
    cols = [0.0] * columns
    for i, h in enumerate(heights):
        cols[i % columns] += h + ROW_PAD
    return max(cols, default=0.0)


def _choose_columns(needs: dict[str, list[list[float]]], bands: int, aspect: float) -> tuple[dict[str, int], list[float]]:
    """Columns per lane and the height of each band: the most compact drawing of about ``aspect``.

    ``needs[lane][b]`` lists the heights of the lane's nodes in band ``b``. A
    band is as tall as its tallest lane's tallest column; the drawing is as
    wide as its columns. Starting from one column a lane, the lane (or every
    lane at once) whose extra column shrinks the drawing most at ``aspect``
    (width to height) gets it, until none does: the same graph always gets
    the same columns.
    """
    lanes = list(needs)
    if not lanes:
        return {}, [float(MIN_BAND)] * bands
    cache: dict[tuple[str, int], list[float]] = {}

    def cell(lane: str, c: int) -> list[float]:
        if (lane, c) not in cache:
            cache[lane, c] = [_stack_height(needs[lane][b], c) for b in range(bands)]
        return cache[lane, c]

    def size(cols: dict[str, int]) -> tuple[float, list[float]]:
        heights = [max(MIN_BAND, max(cell(lane, cols[lane])[b] for lane in lanes) + ROW_PAD) for b in range(bands)]
        width = sum(cols.values()) * COLUMN_WIDTH + LANE_GAP * (len(lanes) - 1) + MARGIN
        return max(width / aspect, sum(heights) + HEADING), heights

    most = {lane: max(1, max((len(h) for h in needs[lane]), default=1)) for lane in lanes}
    tried = {lane: min(MAX_COLUMNS, m) for lane, m in most.items()}
    if math.prod(tried.values()) <= EXHAUSTIVE:
        # Few enough to try every choice (the first of equals, in lane order, wins).
        options = [[(c, cell(lane, c)) for c in range(1, tried[lane] + 1)] for lane in lanes]
        fixed = LANE_GAP * (len(lanes) - 1) + MARGIN
        best_cost, best_cs = math.inf, None
        for combo in itertools.product(*options):
            width = sum(c for c, _ in combo) * COLUMN_WIDTH + fixed
            height = sum(max(MIN_BAND, max(col) + ROW_PAD) for col in zip(*(h for _, h in combo))) + HEADING
            cost = max(width / aspect, height)
            if cost < best_cost - 1e-9:
                best_cost, best_cs = cost, combo
        cols = {lane: c for lane, (c, _) in zip(lanes, best_cs or [])}
        return cols, size(cols)[1]
    # A large graph: one column more or less at a time, while that shrinks the drawing.
    cols = {lane: 1 for lane in lanes}
    best, heights = size(cols)
    while True:
        tries = [{**cols, lane: cols[lane] + d} for lane in lanes for d in (1, -1) if 1 <= cols[lane] + d <= most[lane]]
        tries.append({lane: min(most[lane], c + 1) for lane, c in cols.items()})
        scored = [(size(t), i) for i, t in enumerate(tries) if t != cols]
        if not scored:
            break
        (cost, hs), i = min(scored, key=lambda s: (s[0][0], s[1]))
        if cost >= best - 1e-9:
            break
        best, heights, cols = cost, hs, tries[i]
    return cols, heights


def anatomy_layout(G: Any, extent: Callable[[str], tuple[float, float]] | None = None, context: Any = None, in_band: dict[str, int] | None = None, aspect: float = ASPECT) -> Layout:
    """Deterministic x/y for every node of ``G`` (see the module docstring).

    Every node is drawn inside one body band (:func:`band_of` its level). A
    band is as tall as its most crowded lane needs, and each lane has as many
    columns as make the whole drawing most compact at ``aspect`` (width to
    height, as a projector's screen), so labels can be read when it is fitted.

    ``context``, a graph ``G`` was cut from (a neighbourhood's whole graph),
    places the nodes in the body: ``G`` alone may lack the regions that do.
    ``in_band[n]`` (the band the whole graph's page draws ``n`` in), if given,
    overrides the band.

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
        extent = lambda n: box_extent(label(G, n))  # noqa: E731
    room = {n: extent(n) for n in G.nodes}
    if context is None or context is G:
        levels = body_levels(G)
    else:
        levels = body_levels(context, nodes=G)
    band = {n: band_of(levels[n]) for n in G}
    band.update((n, b) for n, b in (in_band or {}).items() if n in band)
    order = {n: i for i, n in enumerate(G.nodes)}
    by_lane: dict[str, list[str]] = {}
    for n, t in G.nodes(data="type"):
        # A type footback does not know (an imported graph) shares the last lane.
        by_lane.setdefault(t if t in LANES else LANES[-1], []).append(n)
    lanes_used = [lane for lane in LANES if by_lane.get(lane)]
    # Each lane's nodes per band, from the top of the body down (then in graph order).
    cells = {lane: [sorted((n for n in by_lane[lane] if band[n] == b), key=lambda n: (levels[n], order[n])) for b in range(len(BANDS))] for lane in lanes_used}
    needs = {lane: [[room[n][0] + room[n][1] for n in cell] for cell in cells[lane]] for lane in lanes_used}
    columns, heights = _choose_columns(needs, len(BANDS), aspect)

    tops = [0.0]
    for h in heights:
        tops.append(tops[-1] + h)
    positions: dict[str, tuple[int, int]] = {}
    lanes: list[dict[str, Any]] = []
    x = 0.0
    for lane in lanes_used:
        c = columns[lane]
        for b, cell in enumerate(cells[lane]):
            if not cell:
                continue
            top, bottom = tops[b] + ROW_PAD / 2, tops[b + 1] - ROW_PAD / 2
            # The band's nodes in order, evenly down the band, dealt to the columns in
            # turn: neighbours in the order sit side by side, a little apart in height.
            step = (bottom - top) / len(cell)
            for k in range(c):
                mine = cell[k::c]
                wish = [top + (i * c + k + 0.5) * step for i in range(len(mine))]
                ys = _spread(wish, [room[n] for n in mine], top, bottom)
                for n, y in zip(mine, ys):
                    positions[n] = (int(round(x + (k + 0.5) * COLUMN_WIDTH)), int(round(y)))
        lanes.append({"label": LANE_LABELS[lane], "type": lane, "x0": int(x), "x1": int(x + c * COLUMN_WIDTH)})
        x += c * COLUMN_WIDTH + LANE_GAP
    bands = [{"label": label, "y0": int(round(tops[i])), "y1": int(round(tops[i + 1]))} for i, (label, _) in enumerate(BANDS)]
    return Layout(positions={n: positions[n] for n in G.nodes}, bands=bands, lanes=lanes)
