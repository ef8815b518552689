#!/usr/bin/python3
"""Routes the four-layer pole board with a grid maze router, pours the GND plane, fills zones and saves.

Stack-up: F.Cu (parts, signals), In1.Cu (solid GND plane, no tracks), In2.Cu and B.Cu (signals).
Why a home-made router: CI and this machine have no autorouter (no freerouting), and the board is
regular enough for a Lee/A* maze router on a 0.25 mm grid:
  - every copper item is rasterised into one "owner" map per routing profile (net class and track
    half-width), inflated by the clearance that profile needs from it (8 mm mains<->SELV, 2.5 mm
    between mains conductors, 0.2 mm between SELV nets, plus a raster margin), so a cell is free for
    a net when it is unowned or owned by that same net; mains and SELV copper keep their 8 mm in plan
    view across all layers (no reliance on the thin prepreg between layers);
  - mains first; then every SMD GND pad gets a short stub and a via down to the plane; then supply
    rails, then signals shortest first; each net grows a tree from its first pad to the nearest
    unconnected pad (A*, 8-neighbour moves, through vias between F.Cu, In2.Cu and B.Cu);
  - a net that does not fit is routed again through the other signal nets' copper at a cost; the nets
    it crosses are ripped up and rerouted the same way (rip-up and reroute, bounded attempts);
  - if nets still fail, they move to the front of the signals and the board is routed again;
  - the GND plane covers the SELV band, cut back 8 mm from mains copper on any layer; a keepout on
    every layer clears the ESP32 antenna.
Usage: route_board.py [--passes N]   (Debian python3 with KiCad 9's pcbnew and numpy; run it on the
board build_board.py just wrote)
Prints the nets it could not route; DRC reports them as unconnected items.
"""
import argparse
import heapq
import math
import os
import sys

import numpy as np
import pcbnew

HERE = os.path.dirname(os.path.abspath(__file__))
PRJ = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from build_board import FIXED, NAME, OX, OY, W, H, MAINS_TOP  # noqa: E402
from generate_footprints import ESP32_ANTENNA, ESP32_BODY  # noqa: E402

G = 0.25                       # grid pitch, mm
NX, NY = int(W / G), int(H / G)
MARGIN = 0.04                  # raster error allowance added to every clearance
HOLE_GAP = 0.25                # drill to drill (KiCad's default hole-to-hole rule)
EDGE = 1.0                     # copper to board edge: 0.5 mm rule plus a via radius
FREE, BLOCKED = -1, -2
# Stack-up: F.Cu, In1.Cu (solid GND plane, no tracks), In2.Cu, B.Cu; grid layer k is LAYERS[k].
LAYERS = [pcbnew.F_Cu, pcbnew.In1_Cu, pcbnew.In2_Cu, pcbnew.B_Cu]
ALL = list(range(len(LAYERS)))
PLANE = 1
INNER_SIGNAL = 2
SIGNAL = (0, 2, 3)
OUTER = (0, 3)
HORIZONTAL = {0: True, 2: True, 3: False}   # preferred direction per signal layer
SELV_CLASSES = ("SELV",)
PLANE_NET = "GND"
# No copper on any layer under the ESP32-WROVER-E's PCB antenna (the module's top end, at the board's top
# edge) nor within 15 mm either side of it: Espressif's ESP32 hardware design guidelines ("Positioning a
# module on a base board") ask for a 15 mm copper-free zone around the antenna.
_ux, _uy, _rot = FIXED["U10"]
ANTENNA_CLEAR = 15.0
ANTENNA_KEEPOUT = (_ux - ESP32_BODY[0] / 2 - ANTENNA_CLEAR, 0.0, _ux + ESP32_BODY[0] / 2 + ANTENNA_CLEAR,
                   _uy - ESP32_BODY[1] / 2 + ESP32_ANTENNA)
VIA_COST, TURN_LAYER_COST = 10.0, 0.4
RIP_COST = 25.0                # per grid step through another signal net's copper while looking for blockers
# Routing classes, track half-widths and via radii (mm) per net class.
PROFILE = {"Default": ("SELV", 0.125, 0.3), "Power": ("SELV", 0.15, 0.4), "Modem": ("SELV", 0.5, 0.4),
           "Mains": ("Mains", 1.25, 1.0), "MainsSense": ("Sense", 0.25, 0.5)}
VIA_DRILL = {0.3: 0.3, 0.4: 0.4, 0.5: 0.5, 1.0: 1.0}
# Required clearance (mm) between copper of two routing classes; mirrors the .kicad_dru rules.
CLEAR = {("SELV", "SELV"): 0.2, ("SELV", "Mains"): 8.0, ("SELV", "Sense"): 8.0,
         ("Mains", "Mains"): 2.5, ("Mains", "Sense"): 0.5, ("Sense", "Sense"): 0.5}


def clearance(a, b):
    return CLEAR.get((a, b), CLEAR.get((b, a)))


def mm(v):
    return pcbnew.FromMM(v)


class Grid:
    """Owner maps per routing profile: maps[(class, radius)] is an int32 array [layer, y, x]."""

    def __init__(self, profiles):
        self.maps = {p: np.full((len(LAYERS), NY, NX), FREE, dtype=np.int32) for p in profiles}
        ys, xs = np.mgrid[0:NY, 0:NX]
        self.cx = xs * G + G / 2
        self.cy = ys * G + G / 2
        edge = (self.cx < EDGE) | (self.cy < EDGE) | (self.cx > W - EDGE) | (self.cy > H - EDGE)
        for m in self.maps.values():
            m[:, edge] = BLOCKED

    def window(self, x0, y0, x1, y1):
        i0, i1 = max(int(x0 / G) - 1, 0), min(int(x1 / G) + 2, NX)
        j0, j1 = max(int(y0 / G) - 1, 0), min(int(y1 / G) + 2, NY)
        return slice(j0, j1), slice(i0, i1)

    def mark(self, layers, net, cls, dist_fn, bbox):
        """Marks, in every profile's map, the cells closer to the item than that profile needs.
        Across the isolation barrier (mains or mains-sense against SELV) an item blocks every layer: the
        thin prepreg between a 4-layer board's outer and inner layers is not reinforced insulation, so
        mains and SELV copper keep their 8 mm apart in plan view, whatever layers they are on."""
        for (pcls, radius), m in self.maps.items():
            r = clearance(pcls, cls) + radius + MARGIN
            sy, sx = self.window(bbox[0] - r, bbox[1] - r, bbox[2] + r, bbox[3] + r)
            d = dist_fn(self.cx[sy, sx], self.cy[sy, sx])
            hit = d < r
            barrier = (pcls in SELV_CLASSES) != (cls in SELV_CLASSES)
            for layer in (ALL if barrier else layers):
                sub = m[layer, sy, sx]
                other = hit & (sub != net) & (sub != FREE)
                sub[hit & (sub == FREE)] = net
                sub[other] = BLOCKED

    def mark_rect(self, layers, net, cls, x0, y0, x1, y1):
        def dist(px, py):
            dx = np.maximum(np.maximum(x0 - px, px - x1), 0)
            dy = np.maximum(np.maximum(y0 - py, py - y1), 0)
            return np.hypot(dx, dy)
        self.mark(layers, net, cls, dist, (x0, y0, x1, y1))

    def mark_segment(self, layers, net, cls, a, b, half_width):
        (ax, ay), (bx, by) = a, b
        vx, vy = bx - ax, by - ay
        length2 = vx * vx + vy * vy or 1e-12

        def dist(px, py):
            t = np.clip(((px - ax) * vx + (py - ay) * vy) / length2, 0, 1)
            return np.maximum(np.hypot(px - (ax + t * vx), py - (ay + t * vy)) - half_width, 0)
        self.mark(layers, net, cls, dist, (min(ax, bx) - half_width, min(ay, by) - half_width,
                                           max(ax, bx) + half_width, max(ay, by) + half_width))


class Overlay:
    """A grid view for finding blockers: `maps` holds only the fixed copper, `current` everything."""

    def __init__(self, fixed, current):
        self.maps = fixed
        self.current = current


def cell(x, y):
    return min(max(int(y / G), 0), NY - 1), min(max(int(x / G), 0), NX - 1)


def centre(j, i):
    return (i * G + G / 2, j * G + G / 2)


class Router:
    def __init__(self, board):
        self.board = board
        self.net_class = {}
        self.pads = {}  # net name -> list of (pad, layers, rect)
        # footprints are saved in UUID order, which changes with every build_board.py run: sort them so
        # that the routing depends on the design only
        for fp in sorted(board.GetFootprints(), key=lambda f: f.GetReference()):
            for pad in sorted(fp.Pads(), key=lambda p: p.GetNumber()):
                name = pad.GetNetname()
                bb = pad.GetBoundingBox()
                rect = (pcbnew.ToMM(bb.GetLeft()) - OX, pcbnew.ToMM(bb.GetTop()) - OY,
                        pcbnew.ToMM(bb.GetRight()) - OX, pcbnew.ToMM(bb.GetBottom()) - OY)
                layers = ALL if pad.GetAttribute() in (pcbnew.PAD_ATTRIB_PTH, pcbnew.PAD_ATTRIB_NPTH) else [0]
                self.pads.setdefault(name, []).append((pad, layers, rect))
        for name in self.pads:
            if name:
                self.net_class[name] = board.FindNet(name).GetNetClassName()
        self.nets = sorted(n for n, p in self.pads.items() if n and len(p) > 1)

    def profile(self, net):
        return PROFILE[self.net_class.get(net, "Default")]

    def fresh_grid(self):
        profiles = {(c, hw) for c, hw, _v in PROFILE.values()} | {(c, v) for c, _hw, v in PROFILE.values()}
        grid = Grid(profiles)
        self.net_id = {n: k for k, n in enumerate(sorted(self.pads))}
        for name, pads in self.pads.items():
            cls = self.profile(name)[0] if name else "SELV"
            nid = self.net_id[name] if name else BLOCKED
            for pad, layers, (x0, y0, x1, y1) in pads:
                if pad.GetAttribute() == pcbnew.PAD_ATTRIB_NPTH:
                    # mounting hole: nothing may come near (8 mm for mains by rule, 0.25 mm otherwise)
                    grid.mark_rect(ALL, BLOCKED, "SELV", x0 - 0.25, y0 - 0.25, x1 + 0.25, y1 + 0.25)
                    continue
                grid.mark_rect(layers, nid, cls, x0, y0, x1, y1)
        x0, y0, x1, y1 = ANTENNA_KEEPOUT
        grid.mark_rect(ALL, BLOCKED, "SELV", x0, y0, x1, y1)
        self.add_escapes(grid)
        return grid

    def add_escapes(self, grid):
        """Fine-pitch pads (0.65 mm) may hold no grid cell far enough from their neighbours: give each such
        pad a stub from its centre outward along its long axis to a free cell past the end of the pad row,
        keeping the stubs of neighbouring pads apart."""
        self.escape = {}
        self.stubs = set()  # uuids of the escape stubs: they belong to the pads, rip-up keeps them
        stubs = []  # (net, (x0, y0), (x1, y1), half-width)

        def dist(p, a, b):
            vx, vy = b[0] - a[0], b[1] - a[1]
            t = max(0.0, min(1.0, ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / ((vx * vx + vy * vy) or 1e-12)))
            return math.hypot(p[0] - a[0] - t * vx, p[1] - a[1] - t * vy)
        for net in self.nets:
            cls, hw, _via = self.profile(net)
            nid = self.net_id[net]
            m = grid.maps[(cls, hw)]
            for entry in self.pads[net]:
                pad, layers, (x0, y0, x1, y1) = entry
                if self.access(grid, net, entry, fallback=False):
                    continue
                fx = pcbnew.ToMM(pad.GetParentFootprint().GetPosition().x) - OX
                fy = pcbnew.ToMM(pad.GetParentFootprint().GetPosition().y) - OY
                px, py = (x0 + x1) / 2, (y0 + y1) / 2
                horizontal = x1 - x0 > y1 - y0
                sign = (1 if px > fx else -1) if horizontal else (1 if py > fy else -1)
                chosen = None
                for reach in (0.6, 0.85, 1.1, 1.35):
                    ex = (x1 + reach if sign > 0 else x0 - reach) if horizontal else px
                    ey = py if horizontal else (y1 + reach if sign > 0 else y0 - reach)
                    j, i = cell(ex, ey)
                    for dj, di in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
                        c = centre(j + dj, i + di)
                        if m[layers[0], j + dj, i + di] not in (FREE, nid):
                            continue
                        if all(dist(c, a, b) >= CLEAR[("SELV", "SELV")] + hw + ohw + MARGIN and
                               dist(a, (px, py), c) >= CLEAR[("SELV", "SELV")] + hw + ohw + MARGIN
                               for onet, a, b, ohw in stubs if onet != net):
                            chosen = (j + dj, i + di, c)
                            break
                    if chosen:
                        break
                if not chosen:
                    continue
                j, i, (cx, cy) = chosen
                t = pcbnew.PCB_TRACK(self.board)
                t.SetStart(pcbnew.VECTOR2I(mm(OX + px), mm(OY + py)))
                t.SetEnd(pcbnew.VECTOR2I(mm(OX + cx), mm(OY + cy)))
                t.SetWidth(mm(2 * hw))
                t.SetLayer(pcbnew.F_Cu)
                t.SetNet(self.board.FindNet(net))
                self.board.Add(t)
                self.stubs.add(t.m_Uuid.AsString())
                grid.mark_segment(layers, nid, cls, (px, py), (cx, cy), hw)
                stubs.append((net, (px, py), (cx, cy), hw))
                self.escape[pad.m_Uuid.AsString()] = [(layers[0], j, i)]

    def access(self, grid, net, pad_entry, fallback=True):
        """Cells inside a pad (or at the end of its escape stub) that the net may use, as (layer, j, i)."""
        pad, layers, (x0, y0, x1, y1) = pad_entry
        if fallback and pad.m_Uuid.AsString() in self.escape:
            return self.escape[pad.m_Uuid.AsString()]
        cls, hw, _via = self.profile(net)
        m = grid.maps[(cls, hw)]
        nid = self.net_id[net]
        out = []
        layers = [layer for layer in layers if layer != PLANE]
        for layer in layers:
            for j in range(int(y0 / G), int(y1 / G) + 1):
                for i in range(int(x0 / G), int(x1 / G) + 1):
                    x, y = centre(j, i)
                    if (0 <= j < NY and 0 <= i < NX and m[layer, j, i] == nid
                            and pad.HitTest(pcbnew.VECTOR2I(mm(OX + x), mm(OY + y)))):
                        out.append((layer, j, i))
        if not out and fallback:  # no escape possible: the centre cell (the search will fail visibly)
            j, i = cell((x0 + x1) / 2, (y0 + y1) / 2)
            out = [(layer, j, i) for layer in layers]
        return out

    def search(self, grid, net, sources, goals, target_xy):
        """A* inside a window around both ends; widens the window once before giving up."""
        for margin in (48, 400):
            path = self.search_window(grid, net, sources, goals, target_xy, margin)
            if path:
                return path
        return None

    def search_window(self, grid, net, sources, goals, target_xy, margin):
        cls, hw, via_r = self.profile(net)
        nid = self.net_id[net]
        js = [n[1] for n in sources] + [n[1] for n in goals]
        is_ = [n[2] for n in sources] + [n[2] for n in goals]
        j0, j1 = max(min(js) - margin, 0), min(max(js) + margin + 1, NY)
        i0, i1 = max(min(is_) - margin, 0), min(max(is_) + margin + 1, NX)
        wd, hd = i1 - i0, j1 - j0
        area = wd * hd
        m = grid.maps[(cls, hw)][:, j0:j1, i0:i1]
        vm = grid.maps[(cls, via_r)][:, j0:j1, i0:i1]
        usable = (m == FREE) | (m == nid)
        usable[PLANE] = False                      # the GND plane layer carries no tracks
        outer_only = cls != "SELV"
        if outer_only:  # mains copper: F.Cu and B.Cu only, changing layer at its through-hole pads (no vias)
            usable[INNER_SIGNAL] = False
        if cls == "Mains":  # a line's conductor is doubled on the other outer layer (double_mains): both free
            usable[OUTER[0]] = usable[OUTER[1]] = usable[OUTER[0]] & usable[OUTER[1]]
        free = usable.astype(np.uint8).tobytes()
        vfree = (np.all((vm == FREE) | (vm == nid), axis=0) & ~self.drill_mask(net, j0, j1, i0, i1)
                 & (not outer_only)).astype(np.uint8).tobytes()
        busy = vbusy = None
        if isinstance(grid, Overlay):  # looking for blockers: other signal nets' copper only costs more
            cm = grid.current[(cls, hw)][:, j0:j1, i0:i1]
            cvm = grid.current[(cls, via_r)][:, j0:j1, i0:i1]
            busy = ((cm != FREE) & (cm != nid)).astype(np.uint8).tobytes()
            vbusy = np.any((cvm != FREE) & (cvm != nid), axis=0).astype(np.uint8).tobytes()

        def idx(node):
            return node[0] * area + (node[1] - j0) * wd + (node[2] - i0)
        goal = {idx(n) for n in goals if j0 <= n[1] < j1 and i0 <= n[2] < i1}
        tj, ti = cell(*target_xy)
        tj, ti = tj - j0, ti - i0

        def h(j, i):
            dj, di = abs(j - tj), abs(i - ti)
            return dj + di - 0.58579 * min(dj, di)
        best = {}
        prev = {}
        heap = []
        for s in sources:
            k = idx(s)
            best[k] = 0.0
            heapq.heappush(heap, (h(s[1] - j0, s[2] - i0), 0.0, k))
        # (dj, di, cost on a horizontal-preferring layer, cost on a vertical-preferring one)
        moves = [(0, 1, 1.0, 1.0 + TURN_LAYER_COST), (0, -1, 1.0, 1.0 + TURN_LAYER_COST),
                 (1, 0, 1.0 + TURN_LAYER_COST, 1.0), (-1, 0, 1.0 + TURN_LAYER_COST, 1.0),
                 (1, 1, 1.41421, 1.41421), (1, -1, 1.41421, 1.41421),
                 (-1, 1, 1.41421, 1.41421), (-1, -1, 1.41421, 1.41421)]
        budget = 900000 if margin < 100 else 3000000
        while heap and budget:
            budget -= 1
            _f, g, k = heapq.heappop(heap)
            if g > best.get(k, 1e18):
                continue
            if k in goal:
                path = [k]
                while path[-1] in prev:
                    path.append(prev[path[-1]])
                out = []
                for p in reversed(path):
                    layer, rest = divmod(p, area)
                    j, i = divmod(rest, wd)
                    out.append((layer, j + j0, i + i0))
                return out
            layer, rest = divmod(k, area)
            j, i = divmod(rest, wd)
            base = layer * area
            horizontal = HORIZONTAL[layer]
            for dj, di, ch, cv in moves:
                nj, ni = j + dj, i + di
                if nj < 0 or ni < 0 or nj >= hd or ni >= wd:
                    continue
                nk = base + nj * wd + ni
                if not free[nk]:
                    continue
                if dj and di and not (free[base + j * wd + ni] and free[base + nj * wd + i]):
                    continue
                ng = g + (ch if horizontal else cv) + (RIP_COST if busy and busy[nk] else 0.0)
                if ng < best.get(nk, 1e18):
                    best[nk] = ng
                    prev[nk] = k
                    heapq.heappush(heap, (ng + h(nj, ni), ng, nk))
            if vfree[rest]:
                ng = g + VIA_COST + (RIP_COST if vbusy and vbusy[rest] else 0.0)
                for other in SIGNAL:
                    nk = other * area + rest
                    if other != layer and free[nk] and ng < best.get(nk, 1e18):
                        best[nk] = ng
                        prev[nk] = k
                        heapq.heappush(heap, (ng + h(j, i), ng, nk))
        return None

    def commit(self, grid, net, path, tracks):
        """Adds the path as tracks/vias to the board and to the grid; returns its cells."""
        path = self.straighten(grid, net, self.merge_vias(grid, net, path))
        cls, hw, _via = self.profile(net)
        nid = self.net_id[net]
        netinfo = self.board.FindNet(net)
        runs = []  # (layer, [cells]) straight runs
        for node in path:
            if runs and runs[-1][0] == node[0]:
                run = runs[-1][1]
                if len(run) >= 2:
                    d0 = (run[-1][0] - run[-2][0], run[-1][1] - run[-2][1])
                    d1 = (node[1] - run[-1][0], node[2] - run[-1][1])
                    if d0 != d1:
                        runs[-1] = (node[0], run)
                        runs.append((node[0], [run[-1]]))
                runs[-1][1].append((node[1], node[2]))
            else:
                if runs:  # layer change: via at the previous cell
                    self.add_via(grid, net, *runs[-1][1][-1])
                runs.append((node[0], [(node[1], node[2])]))
        self.split_at(net, path[-1])
        for layer, run in runs:
            if len(run) < 2:
                continue
            a, b = centre(*run[0]), centre(*run[-1])
            t = pcbnew.PCB_TRACK(self.board)
            t.SetStart(pcbnew.VECTOR2I(mm(OX + a[0]), mm(OY + a[1])))
            t.SetEnd(pcbnew.VECTOR2I(mm(OX + b[0]), mm(OY + b[1])))
            t.SetWidth(mm(2 * hw))
            t.SetLayer(LAYERS[layer])
            t.SetNet(netinfo)
            self.board.Add(t)
            tracks.append(t)
            grid.mark_segment([layer], nid, cls, a, b, hw)
        return path

    def straighten(self, grid, net, path):
        """A* on a grid ties many equal-cost paths and often returns a stair step (straight and 45-degree moves
        interleaved). Within each stretch on one layer that uses only two directions 45 degrees apart, the
        same moves are reordered into one straight run and one 45-degree run (same length, one bend) when
        the cells of that order are free; the cells returned lie on the copper drawn."""
        cls, hw, _via = self.profile(net)
        m = grid.maps[(cls, hw)]
        nid = self.net_id[net]

        def free(layer, j, i):
            return m[layer, j, i] in (FREE, nid)

        def walk(layer, j, i, moves):
            cells = []
            for dj, di in moves:
                nj, ni = j + dj, i + di
                if not free(layer, nj, ni) or (dj and di and not (free(layer, j, ni) and free(layer, nj, i))):
                    return None
                cells.append((layer, nj, ni))
                j, i = nj, ni
            return cells

        def step(k):
            return (path[k + 1][1] - path[k][1], path[k + 1][2] - path[k][2])

        def arrange(layer, k, moves):
            """Cells from path[k] on for `moves` (two kinds at most) in one bend where that fits, else the
            two halves arranged on their own (each half ends where the search's own path did)."""
            j, i = path[k][1], path[k][2]
            kinds = sorted(set(moves))
            if len(kinds) == 2 and sum(a != b for a, b in zip(moves, moves[1:])) > 1:
                first = [d for d in moves if d == kinds[0]]
                second = [d for d in moves if d == kinds[1]]
                cells = walk(layer, j, i, first + second) or walk(layer, j, i, second + first)
                if cells:
                    return cells
                if len(moves) >= 4:
                    half = len(moves) // 2
                    return arrange(layer, k, moves[:half]) + arrange(layer, k + half, moves[half:])
            return path[k + 1:k + 1 + len(moves)]
        out, k = [path[0]], 0
        while k < len(path) - 1:
            layer, kinds, e = path[k][0], [], k
            while e + 1 < len(path) and path[e + 1][0] == layer:
                d = step(e)
                if d not in kinds:
                    if len(kinds) == 2 or (kinds and kinds[0][0] * d[0] + kinds[0][1] * d[1] != 1):
                        break
                    kinds.append(d)
                e += 1
            if e == k:  # a via: the next node is the same cell on another layer
                out.append(path[k + 1])
                k += 1
                continue
            out += arrange(layer, k, [step(n) for n in range(k, e)])
            k = e
        return out

    def double_mains(self, grid, net):
        """Copies a mains net's tracks onto the other outer layer, so the line current has two 70 um
        conductors in parallel (hardware/README.md, "Isolation and layout"); the through-hole pads join
        them. All or nothing per net: a copy that cannot be completed would leave dead ends.
        Returns False when the net stays single."""
        cls, hw, _via = self.profile(net)
        m = grid.maps[(cls, hw)]
        nid = self.net_id[net]
        tracks = [t for t in self.board.TracksInNet(self.board.FindNet(net).GetNetCode())
                  if t.Type() == pcbnew.PCB_TRACE_T]
        copies = []
        for t in tracks:
            layer = OUTER[1] if LAYERS.index(t.GetLayer()) == OUTER[0] else OUTER[0]
            a = (pcbnew.ToMM(t.GetStart().x) - OX, pcbnew.ToMM(t.GetStart().y) - OY)
            b = (pcbnew.ToMM(t.GetEnd().x) - OX, pcbnew.ToMM(t.GetEnd().y) - OY)
            (ja, ia), (jb, ib) = cell(*a), cell(*b)
            n = max(abs(jb - ja), abs(ib - ia))
            for s in range(n + 1):
                j, i = ja + round(s * (jb - ja) / (n or 1)), ia + round(s * (ib - ia) / (n or 1))
                if m[layer, j, i] not in (FREE, nid):
                    return False
            copies.append((t, layer, a, b))
        for t, layer, a, b in copies:
            c = pcbnew.PCB_TRACK(self.board)
            c.SetStart(t.GetStart())
            c.SetEnd(t.GetEnd())
            c.SetWidth(t.GetWidth())
            c.SetLayer(LAYERS[layer])
            c.SetNet(t.GetNet())
            self.board.Add(c)
            grid.mark_segment([layer], nid, cls, a, b, hw)
        return True

    def merge_vias(self, grid, net, path, near=4):
        """The search may hop down at one cell and on again a cell or two further (two drills 0.25 mm
        apart, which no fab can make): move that short hop onto the layer before or after it, so a
        single through via remains (or none, when both ends are on the same layer)."""
        cls, hw, _via = self.profile(net)
        m = grid.maps[(cls, hw)]
        nid = self.net_id[net]

        def fits(layer, cells):
            ok = all(m[layer, j, i] in (FREE, nid) for j, i in cells)
            return ok and all(m[layer, a[0], b[1]] in (FREE, nid) and m[layer, b[0], a[1]] in (FREE, nid)
                              for a, b in zip(cells, cells[1:]))
        changed = True
        while changed:
            changed = False
            path = [n for k, n in enumerate(path) if k == 0 or n != path[k - 1]]
            turns = [k for k in range(1, len(path)) if path[k][0] != path[k - 1][0]]
            for p, q in zip(turns, turns[1:]):
                hop = [(j, i) for _l, j, i in path[p:q]]
                if len(hop) > 2 * near or max(abs(hop[0][0] - hop[-1][0]), abs(hop[0][1] - hop[-1][1])) > near:
                    continue
                for layer in (path[q][0], path[p - 1][0]):
                    if fits(layer, hop):
                        path = path[:p] + [(layer, j, i) for j, i in hop] + path[q:]
                        changed = True
                        break
                if changed:
                    break
        return path

    def drill_mask(self, net, j0, j1, i0, i1):
        """Cells of the window where a new via would drill too close to a hole of its own net (other
        nets' holes are kept away by their clearance); an existing via's own cell stays open: it is reused."""
        drill = VIA_DRILL[self.profile(net)[2]]
        cx, cy = self.grid.cx[j0:j1, i0:i1], self.grid.cy[j0:j1, i0:i1]
        mask = np.zeros(cx.shape, dtype=bool)
        reuse = []
        holes = []
        for v in self.board.TracksInNet(self.board.FindNet(net).GetNetCode()):
            if v.Type() == pcbnew.PCB_VIA_T:
                x, y = pcbnew.ToMM(v.GetPosition().x) - OX, pcbnew.ToMM(v.GetPosition().y) - OY
                holes.append((x, y, pcbnew.ToMM(v.Cast().GetDrillValue()) / 2))
                reuse.append(cell(x, y))
        for pad, layers, (x0, y0, x1, y1) in self.pads[net]:
            if PLANE in layers:
                holes.append(((x0 + x1) / 2, (y0 + y1) / 2, pcbnew.ToMM(pad.GetDrillSize().x) / 2))
        for x, y, r in holes:
            mask |= np.hypot(cx - x, cy - y) < r + HOLE_GAP + drill / 2 + MARGIN
        for j, i in reuse:
            if j0 <= j < j1 and i0 <= i < i1:
                mask[j - j0, i - i0] = False
        return mask

    def add_via(self, grid, net, j, i):
        cls, _hw, via_r = self.profile(net)
        x, y = centre(j, i)
        at = pcbnew.VECTOR2I(mm(OX + x), mm(OY + y))
        if any(v.Type() == pcbnew.PCB_VIA_T and v.GetPosition() == at
               for v in self.board.TracksInNet(self.board.FindNet(net).GetNetCode())):
            return  # the tree already has a via here
        via = pcbnew.PCB_VIA(self.board)
        via.SetPosition(at)
        via.SetWidth(mm(2 * via_r))
        via.SetDrill(mm(VIA_DRILL[via_r]))
        via.SetNet(self.board.FindNet(net))
        self.board.Add(via)
        grid.mark_segment(ALL, self.net_id[net], cls, (x, y), (x, y), via_r)

    def drop_to_plane(self, grid, net, reach=6.0):
        """Joins every pad of the plane's net to the In1.Cu plane: through-hole pads reach it by
        themselves; each SMD pad gets a short F.Cu stub to the nearest cell where a via fits, with the
        via's drill kept off the pad (no solder wicking). Returns False if some pad found no site."""
        cls, hw, via_r = self.profile(net)
        nid = self.net_id[net]
        m = grid.maps[(cls, hw)][0]
        vm = grid.maps[(cls, via_r)]
        ok = True
        for entry in self.pads[net]:
            pad, layers, (x0, y0, x1, y1) = entry
            if PLANE in layers:
                continue
            best, prev, heap = {}, {}, []
            for _l, j, i in self.access(grid, net, entry):
                best[(j, i)] = 0.0
                heapq.heappush(heap, (0.0, j, i))
            wj0, wi0 = cell(x0 - reach - 2, y0 - reach - 2)
            wj1, wi1 = cell(x1 + reach + 2, y1 + reach + 2)
            drilled = self.drill_mask(net, wj0, wj1 + 1, wi0, wi1 + 1)
            site = None
            while heap:
                g, j, i = heapq.heappop(heap)
                if g > best[(j, i)]:
                    continue
                x, y = centre(j, i)
                off_pad = math.hypot(max(x0 - x, x - x1, 0), max(y0 - y, y - y1, 0)) >= via_r
                if off_pad and not drilled[j - wj0, i - wi0] and all(vm[layer, j, i] in (FREE, nid) for layer in ALL):
                    site = (j, i)
                    break
                for dj, di, c in ((0, 1, 1.0), (0, -1, 1.0), (1, 0, 1.0), (-1, 0, 1.0), (1, 1, 1.41421),
                                  (1, -1, 1.41421), (-1, 1, 1.41421), (-1, -1, 1.41421)):
                    nj, ni = j + dj, i + di
                    ng = g + c * G
                    if (ng > reach or not (0 <= nj < NY and 0 <= ni < NX) or m[nj, ni] not in (FREE, nid)
                            or (dj and di and (m[j, ni] not in (FREE, nid) or m[nj, i] not in (FREE, nid)))):
                        continue
                    if ng < best.get((nj, ni), 1e18):
                        best[(nj, ni)] = ng
                        prev[(nj, ni)] = (j, i)
                        heapq.heappush(heap, (ng, nj, ni))
            if site is None:
                ok = False
                continue
            path = [site]
            while path[-1] in prev:
                path.append(prev[path[-1]])
            if len(path) > 1:
                self.commit(grid, net, [(0, j, i) for j, i in reversed(path)], [])
            self.add_via(grid, net, *site)
        return ok

    def split_at(self, net, node):
        """KiCad joins tracks at their ends only: a new branch that ends on the middle of an existing
        track of its net splits that track there."""
        layer, j, i = node
        p = pcbnew.VECTOR2I(mm(OX + centre(j, i)[0]), mm(OY + centre(j, i)[1]))
        want = LAYERS[layer]
        for t in self.board.TracksInNet(self.board.FindNet(net).GetNetCode()):
            if t.Type() != pcbnew.PCB_TRACE_T or t.GetLayer() != want or p in (t.GetStart(), t.GetEnd()):
                continue
            a, b = t.GetStart(), t.GetEnd()
            cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
            inside = min(a.x, b.x) <= p.x <= max(a.x, b.x) and min(a.y, b.y) <= p.y <= max(a.y, b.y)
            if inside and cross == 0:  # grid points are exact in nm
                tail = pcbnew.PCB_TRACK(self.board)
                tail.SetStart(p)
                tail.SetEnd(b)
                tail.SetWidth(t.GetWidth())
                tail.SetLayer(t.GetLayer())
                tail.SetNet(t.GetNet())
                t.SetEnd(p)
                self.board.Add(tail)
                return

    def route_net(self, grid, net, paths=None):
        """Grows the net's tree pad by pad; with `paths` (a list) on an Overlay it commits nothing and
        collects the paths the tree would use instead."""
        pads = self.pads[net]
        tree = set(self.access(grid, net, pads[0]))
        todo = list(pads[1:])
        tracks = []
        while todo:
            # nearest remaining pad to the tree's first pad keeps trees compact
            tx, ty = (pads[0][2][0] + pads[0][2][2]) / 2, (pads[0][2][1] + pads[0][2][3]) / 2
            todo.sort(key=lambda p: math.hypot((p[2][0] + p[2][2]) / 2 - tx, (p[2][1] + p[2][3]) / 2 - ty))
            entry = todo.pop(0)
            goals = self.access(grid, net, entry)
            if set(goals) & tree:
                tree |= set(goals)
                continue
            target = ((entry[2][0] + entry[2][2]) / 2, (entry[2][1] + entry[2][3]) / 2)
            # search from the pad towards the tree (the pad is small, the tree may be large)
            src_xy = min(((centre(j, i)) for _l, j, i in tree),
                         key=lambda c: math.hypot(c[0] - target[0], c[1] - target[1]))
            path = self.search(grid, net, goals, tree, src_xy)
            if path is None:
                return False
            if paths is None:
                tree |= set(self.commit(grid, net, path, tracks))
            else:
                paths.append(path)
                tree |= set(path)
            tree |= set(goals)
        return True

    def negotiate(self, grid, failed, limit=60):
        """Rip-up and reroute for the nets the greedy pass could not fit: route the net through the
        other signal nets' copper at a cost, remove the nets it crossed, route it for real, then put
        the removed nets back the same way. Returns the nets still unrouted after `limit` attempts."""
        pending, stuck = list(failed), []
        for _attempt in range(limit):
            if not pending:
                break
            net = pending.pop(0)
            self.remove_nets(grid, {net})
            if self.route_net(grid, net):
                continue
            self.remove_nets(grid, {net})
            paths = []
            if not self.route_net(Overlay(self.fixed, grid.maps), net, paths):
                stuck.append(net)   # blocked by pads or mains: no rip-up helps
                continue
            victims = self.blockers(grid, net, paths)
            self.remove_nets(grid, victims)
            if not self.route_net(grid, net):
                pending.append(net)
            pending += sorted(victims - set(pending))
            print(f"    rip-up: {net} through {sorted(victims)}", flush=True)
        return stuck + pending

    def blockers(self, grid, net, paths):
        """Signal nets whose copper keeps `net` off some cell of `paths` (or a via off its cell)."""
        cls, hw, via_r = self.profile(net)
        nid = self.net_id[net]
        names = {k: n for n, k in self.net_id.items()}
        found = set()
        segs = [(t, self.net_id[t.GetNetname()]) for t in self.board.GetTracks()
                if t.GetNetname() != net and t.m_Uuid.AsString() not in self.stubs
                and net_group(self, t.GetNetname()) == 2]
        cells = []
        for path in paths:
            for k, (layer, j, i) in enumerate(path):
                via = any(0 <= n < len(path) and path[n][1:] == (j, i) for n in (k - 1, k + 1))
                cells.append((layer, j, i, via))
        for layer, j, i, via in cells:
            checks = [(grid.maps[(cls, hw)], self.fixed[(cls, hw)], [layer])]
            if via:
                checks.append((grid.maps[(cls, via_r)], self.fixed[(cls, via_r)], ALL))
            for m, fixed, layers in checks:
                for lay in layers:
                    owner = m[lay, j, i]
                    if owner >= 0 and owner != nid:
                        found.add(owner)
                    elif owner == BLOCKED and fixed[lay, j, i] in (FREE, nid):
                        x, y = centre(j, i)
                        p = pcbnew.VECTOR2I(mm(OX + x), mm(OY + y))
                        for t, tid in segs:
                            if (t.Type() == pcbnew.PCB_VIA_T or LAYERS.index(t.GetLayer()) == lay) and \
                                    t.HitTest(p, mm(CLEAR[("SELV", "SELV")] + max(hw, via_r) + MARGIN + G)):
                                found.add(tid)
        return {names[k] for k in found if k in names and net_group(self, names[k]) == 2}

    def remove_nets(self, grid, nets):
        """Takes the nets' tracks and vias (not their escape stubs) off the board and rebuilds the grid
        from the fixed copper plus every signal track that remains."""
        for t in list(self.board.GetTracks()):
            if t.GetNetname() in nets and t.m_Uuid.AsString() not in self.stubs:
                self.board.Remove(t)
        for key, m in grid.maps.items():
            m[...] = self.fixed[key]
        for t in self.board.GetTracks():
            name = t.GetNetname()
            if t.m_Uuid.AsString() in self.stubs or net_group(self, name) < 2:
                continue
            cls = self.profile(name)[0]
            nid = self.net_id[name]
            a = (pcbnew.ToMM(t.GetStart().x) - OX, pcbnew.ToMM(t.GetStart().y) - OY)
            if t.Type() == pcbnew.PCB_VIA_T:
                grid.mark_segment(ALL, nid, cls, a, a, pcbnew.ToMM(t.GetWidth(pcbnew.F_Cu)) / 2)
            else:
                b = (pcbnew.ToMM(t.GetEnd().x) - OX, pcbnew.ToMM(t.GetEnd().y) - OY)
                grid.mark_segment([LAYERS.index(t.GetLayer())], nid, cls, a, b, pcbnew.ToMM(t.GetWidth()) / 2)

    def clear_tracks(self):
        for t in list(self.board.GetTracks()):
            self.board.Remove(t)

    def route_all(self, order):
        self.clear_tracks()
        grid = self.fresh_grid()
        failed = []
        self.single = []   # mains nets left on one outer layer (double_mains found no room for the copy)
        self.grid = grid
        self.fixed = None
        for k, net in enumerate(order):
            if self.fixed is None and net_group(self, net) == 2:
                # pads, escape stubs, mains and the plane's vias: what rip-up never removes
                self.fixed = {key: m.copy() for key, m in grid.maps.items()}
            if not (self.drop_to_plane(grid, net) if net == PLANE_NET else self.route_net(grid, net)):
                failed.append(net)
            elif self.net_class.get(net) == "Mains" and not self.double_mains(grid, net):
                self.single.append(net)
            if k % 50 == 49:
                print(f"  {k + 1}/{len(order)} nets, {len(failed)} failed", flush=True)
        if failed and self.fixed is not None:
            failed = [n for n in failed if net_group(self, n) < 2] + \
                self.negotiate(grid, [n for n in failed if net_group(self, n) == 2])
        return failed


# A tenant line's mains nets in routing order (by the local net name): the supply pair first, straight up
# from the line's supply terminal to the sensor; then the switched L; the tenant side, whose N has to go round
# the supply pair, last. Their copper is doubled on both outer layers, so no later mains net may cross them.
LINE_MAINS_ORDER = ("SUP_N", "SUP_L", "LINE_L_SW", "LOAD_L", "LOAD_N")


def initial_order(router):
    """Mains first (current-carrying nets, then the load-sense nets); then the GND plane's vias (short
    stubs next to their pads, before the signals crowd them out); then supply rails (wide, many pads);
    then signals, shortest first."""
    def key(net):
        cls, hw, _v = router.profile(net)
        xs = [(r[0] + r[2]) / 2 for _p, _l, r in router.pads[net]]
        ys = [(r[1] + r[3]) / 2 for _p, _l, r in router.pads[net]]
        group = net_group(router, net)
        if group == 0:
            local = net.rsplit("/", 1)[-1]
            rank = LINE_MAINS_ORDER.index(local) if local in LINE_MAINS_ORDER else \
                len(LINE_MAINS_ORDER) + (cls != "Mains")
            return (group, rank, 0, 0)
        if group < 2:
            return (group, len(xs), 0, 0)
        return (2, -hw, -len(xs) if hw > 0.125 else 0, (max(xs) - min(xs)) + (max(ys) - min(ys)))
    return sorted(router.nets, key=key)


def net_group(router, net):
    """0: mains side, 1: the plane's vias, 2: SELV tracks."""
    return 0 if router.profile(net)[0] != "SELV" else 1 if net == PLANE_NET else 2



def mains_shadow(board):
    """Every mains and mains-sense copper item (any layer) grown by the 8 mm barrier clearance."""
    shadow = pcbnew.SHAPE_POLY_SET()
    items = [pad for fp in board.GetFootprints() for pad in fp.Pads()] + list(board.GetTracks())
    for item in items:
        if item.GetNetCode() > 0 and item.GetNet().GetNetClassName() in ("Mains", "MainsSense"):
            layer = pcbnew.F_Cu if item.IsOnLayer(pcbnew.F_Cu) else item.GetLayer()
            item.TransformShapeToPolygon(shadow, layer, mm(CLEAR[("SELV", "Mains")] + 0.1), mm(0.01),
                                         pcbnew.ERROR_OUTSIDE)
    shadow.Simplify()
    return shadow


def add_zones(board):
    """The GND plane on In1.Cu over the SELV band, cut back 8 mm in plan view from mains copper on any
    layer (the prepreg under an outer layer is not reinforced insulation), and a keepout on every copper
    layer under the ESP32 module's antenna."""
    plane = pcbnew.SHAPE_POLY_SET()
    plane.NewOutline()
    for x, y in [(1, 1), (W - 1, 1), (W - 1, MAINS_TOP + 1), (1, MAINS_TOP + 1)]:
        plane.Append(mm(OX + x), mm(OY + y))
    plane.BooleanSubtract(mains_shadow(board))
    zone = pcbnew.ZONE(board)
    zone.SetLayer(LAYERS[PLANE])
    zone.SetNet(board.FindNet(PLANE_NET))
    zone.Outline().RemoveAllContours()
    zone.Outline().Append(plane)
    zone.SetLocalClearance(mm(0.3))
    zone.SetMinThickness(mm(0.25))
    zone.SetPadConnection(pcbnew.ZONE_CONNECTION_THT_THERMAL)  # hand-soldered THT pins: thermal spokes
    board.Add(zone)
    keep = pcbnew.ZONE(board)
    keep.SetIsRuleArea(True)
    keep.SetLayerSet(pcbnew.LSET.AllCuMask())
    keep.SetDoNotAllowTracks(True)
    keep.SetDoNotAllowVias(True)
    keep.SetDoNotAllowCopperPour(True)
    keep.SetDoNotAllowPads(False)
    keep.SetDoNotAllowFootprints(False)
    keep.SetZoneName("ESP32 antenna")
    keep.Outline().NewOutline()
    x0, y0, x1, y1 = ANTENNA_KEEPOUT
    for x, y in [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]:
        keep.Outline().Append(mm(OX + x), mm(OY + y))
    board.Add(keep)
    pcbnew.ZONE_FILLER(board).Fill(board.Zones())
    filled = zone.GetFilledPolysList(LAYERS[PLANE])
    return [v for v in board.GetTracks() if v.Type() == pcbnew.PCB_VIA_T and v.GetNetname() == PLANE_NET
            and not filled.Contains(v.GetPosition())]


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--passes", type=int, default=10)
    args = ap.parse_args(argv)
    path = os.path.join(PRJ, NAME + ".kicad_pcb")
    board = pcbnew.LoadBoard(path)
    for z in list(board.Zones()):
        board.Remove(z)
    router = Router(board)
    order = initial_order(router)
    best_failed, best_order = None, None
    for n in range(args.passes):
        failed = router.route_all(order)
        print(f"pass {n + 1}: {len(router.nets) - len(failed)}/{len(router.nets)} nets routed; failed: {failed}; "
              f"mains nets on one outer layer only: {router.single}", flush=True)
        if best_failed is None or len(failed) < len(best_failed):
            best_failed, best_order = failed, order
        if not failed:
            break
        # failed nets move to the front of the signals (mains and the plane's vias keep their turn)
        fixed = [x for x in order if x not in failed and net_group(router, x) < 2]
        order = fixed + failed + [x for x in order if x not in failed and x not in fixed]
    if failed != best_failed:  # the last pass was not the best one: restore the best
        router.route_all(best_order)
    stranded = add_zones(board)
    if stranded:
        print(f"{len(stranded)} GND vias outside the filled plane", flush=True)
    pcbnew.SaveBoard(path, board)
    return 0 if not best_failed and not stranded else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
