#!/usr/bin/python3
"""Routes the pole board with a two-layer grid maze router, pours GND, fills zones and saves.

Why a home-made router: CI and this machine have no autorouter (no freerouting), and the board is
regular enough for a Lee/A* maze router on a 0.25 mm grid:
  - every copper item is rasterised into one "owner" map per routing profile (net class and track
    half-width), inflated by the clearance that profile needs from it (8 mm mains<->SELV, 2.5 mm
    between mains conductors, 0.2 mm between SELV nets, plus a raster margin), so a cell is free for
    a net when it is unowned or owned by that same net;
  - nets are routed mains first, then supply rails, then signals shortest first; each net grows a
    tree from its first pad to the nearest unconnected pad (A*, 8-neighbour moves, vias);
  - nets that fail are moved to the front of the order and the board is routed again;
  - GND goes last: stitching vias on a 2.5 mm lattice and a pour on both layers join what its tracks missed.
Usage: route_board.py [--passes N]   (Debian python3 with KiCad 9's pcbnew and numpy)
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
from build_board import NAME, OX, OY, W, H, MAINS_TOP  # noqa: E402

G = 0.25                       # grid pitch, mm
NX, NY = int(W / G), int(H / G)
MARGIN = 0.04                  # raster error allowance added to every clearance
EDGE = 1.0                     # copper to board edge: 0.5 mm rule plus a via radius
FREE, BLOCKED = -1, -2
VIA_COST, TURN_LAYER_COST = 10.0, 0.4
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
        self.maps = {p: np.full((2, NY, NX), FREE, dtype=np.int32) for p in profiles}
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
        """Marks, in every profile's map, the cells closer to the item than that profile needs."""
        for (pcls, radius), m in self.maps.items():
            r = clearance(pcls, cls) + radius + MARGIN
            sy, sx = self.window(bbox[0] - r, bbox[1] - r, bbox[2] + r, bbox[3] + r)
            d = dist_fn(self.cx[sy, sx], self.cy[sy, sx])
            hit = d < r
            for layer in layers:
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


def cell(x, y):
    return min(max(int(y / G), 0), NY - 1), min(max(int(x / G), 0), NX - 1)


def centre(j, i):
    return (i * G + G / 2, j * G + G / 2)


class Router:
    def __init__(self, board):
        self.board = board
        self.net_class = {}
        self.pads = {}  # net name -> list of (pad, layers, rect)
        for fp in board.GetFootprints():
            for pad in fp.Pads():
                name = pad.GetNetname()
                bb = pad.GetBoundingBox()
                rect = (pcbnew.ToMM(bb.GetLeft()) - OX, pcbnew.ToMM(bb.GetTop()) - OY,
                        pcbnew.ToMM(bb.GetRight()) - OX, pcbnew.ToMM(bb.GetBottom()) - OY)
                layers = [0, 1] if pad.GetAttribute() in (pcbnew.PAD_ATTRIB_PTH, pcbnew.PAD_ATTRIB_NPTH) else [0]
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
                    grid.mark_rect([0, 1], BLOCKED, "SELV", x0 - 0.25, y0 - 0.25, x1 + 0.25, y1 + 0.25)
                    continue
                grid.mark_rect(layers, nid, cls, x0, y0, x1, y1)
        self.add_escapes(grid)
        return grid

    def add_escapes(self, grid):
        """Fine-pitch pads (0.65 mm) may hold no grid cell far enough from their neighbours: give each such
        pad a stub from its centre outward along its long axis to a free cell past the end of the pad row,
        keeping the stubs of neighbouring pads apart."""
        self.escape = {}
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
        plane = wd * hd
        m = grid.maps[(cls, hw)][:, j0:j1, i0:i1]
        vm = grid.maps[(cls, via_r)][:, j0:j1, i0:i1]
        free = ((m == FREE) | (m == nid)).astype(np.uint8).tobytes()
        vfree = (((vm[0] == FREE) | (vm[0] == nid)) & ((vm[1] == FREE) | (vm[1] == nid))).astype(np.uint8).tobytes()

        def idx(node):
            return node[0] * plane + (node[1] - j0) * wd + (node[2] - i0)
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
        # (dj, di, cost on F.Cu, cost on B.Cu): F.Cu prefers horizontal runs, B.Cu vertical ones
        moves = [(0, 1, 1.0, 1.0 + TURN_LAYER_COST), (0, -1, 1.0, 1.0 + TURN_LAYER_COST),
                 (1, 0, 1.0 + TURN_LAYER_COST, 1.0), (-1, 0, 1.0 + TURN_LAYER_COST, 1.0),
                 (1, 1, 1.41421, 1.41421), (1, -1, 1.41421, 1.41421),
                 (-1, 1, 1.41421, 1.41421), (-1, -1, 1.41421, 1.41421)]
        budget = 600000 if margin < 100 else 2000000
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
                    layer, rest = divmod(p, plane)
                    j, i = divmod(rest, wd)
                    out.append((layer, j + j0, i + i0))
                return out
            layer, rest = divmod(k, plane)
            j, i = divmod(rest, wd)
            base = layer * plane
            for dj, di, c0, c1 in moves:
                nj, ni = j + dj, i + di
                if nj < 0 or ni < 0 or nj >= hd or ni >= wd:
                    continue
                nk = base + nj * wd + ni
                if not free[nk]:
                    continue
                if dj and di and not (free[base + j * wd + ni] and free[base + nj * wd + i]):
                    continue
                ng = g + (c1 if layer else c0)
                if ng < best.get(nk, 1e18):
                    best[nk] = ng
                    prev[nk] = k
                    heapq.heappush(heap, (ng + h(nj, ni), ng, nk))
            if vfree[rest]:
                nk = (1 - layer) * plane + rest
                ng = g + VIA_COST
                if free[nk] and ng < best.get(nk, 1e18):
                    best[nk] = ng
                    prev[nk] = k
                    heapq.heappush(heap, (ng + h(j, i), ng, nk))
        return None

    def commit(self, grid, net, path, tracks):
        """Adds the path as tracks/vias to the board and to the grid; returns its cells."""
        cls, hw, via_r = self.profile(net)
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
                    j, i = runs[-1][1][-1]
                    x, y = centre(j, i)
                    via = pcbnew.PCB_VIA(self.board)
                    via.SetPosition(pcbnew.VECTOR2I(mm(OX + x), mm(OY + y)))
                    via.SetWidth(mm(2 * via_r))
                    via.SetDrill(mm(VIA_DRILL[via_r]))
                    via.SetNet(netinfo)
                    self.board.Add(via)
                    grid.mark_segment([0, 1], nid, cls, (x, y), (x, y), via_r)
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
            t.SetLayer(pcbnew.F_Cu if layer == 0 else pcbnew.B_Cu)
            t.SetNet(netinfo)
            self.board.Add(t)
            tracks.append(t)
            grid.mark_segment([layer], nid, cls, a, b, hw)
        return path

    def split_at(self, net, node):
        """KiCad joins tracks at their ends only: a new branch that ends on the middle of an existing
        track of its net splits that track there."""
        layer, j, i = node
        p = pcbnew.VECTOR2I(mm(OX + centre(j, i)[0]), mm(OY + centre(j, i)[1]))
        want = pcbnew.F_Cu if layer == 0 else pcbnew.B_Cu
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

    def route_net(self, grid, net):
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
            tree |= set(self.commit(grid, net, path, tracks))
            tree |= set(goals)
        return True

    def clear_tracks(self):
        for t in list(self.board.GetTracks()):
            self.board.Remove(t)

    def route_all(self, order):
        self.clear_tracks()
        grid = self.fresh_grid()
        failed = []
        self.grid = grid
        for k, net in enumerate(order):
            if not self.route_net(grid, net):
                failed.append(net)
            if k % 50 == 49:
                print(f"  {k + 1}/{len(order)} nets, {len(failed)} failed", flush=True)
        return failed


def initial_order(router):
    """Mains first, local conductors before the buses (the buses can then cross them on the other layer);
    then supply rails (wide, many pads); then signals, shortest first; GND last, because the GND pour on
    both layers joins whatever its tracks could not reach."""
    def key(net):
        cls, hw, _v = router.profile(net)
        xs = [(r[0] + r[2]) / 2 for _p, _l, r in router.pads[net]]
        ys = [(r[1] + r[3]) / 2 for _p, _l, r in router.pads[net]]
        if cls != "SELV":
            return (0, len(xs), 0, 0)
        if net == "GND":
            return (2, 0, 0, 0)
        return (1, -hw, -len(xs) if hw > 0.125 else 0, (max(xs) - min(xs)) + (max(ys) - min(ys)))
    return sorted(router.nets, key=key)


def stitch_gnd(router, pitch=2.5):
    """GND vias on a lattice wherever one fits clear of all copper: they join the two layers' GND pours,
    whose islands would otherwise leave pads unconnected."""
    grid, board = router.grid, router.board
    nid = router.net_id["GND"]
    vm = grid.maps[("SELV", 0.3)]
    step = int(pitch / G)
    vias = []
    for j in range(step, int((MAINS_TOP - 10) / G), step):
        for i in range(step, NX - step, step):
            if vm[0, j, i] == FREE and vm[1, j, i] == FREE:
                x, y = centre(j, i)
                via = pcbnew.PCB_VIA(board)
                via.SetPosition(pcbnew.VECTOR2I(mm(OX + x), mm(OY + y)))
                via.SetWidth(mm(0.6))
                via.SetDrill(mm(0.3))
                via.SetNet(board.FindNet("GND"))
                board.Add(via)
                vias.append(via)
                grid.mark_segment([0, 1], nid, "SELV", (x, y), (x, y), 0.3)
    return vias


def drop_unpoured(board, vias):
    """Removes stitching vias the pour did not reach on both layers (they would join nothing)."""
    zones = list(board.Zones())
    for via in vias:
        if not all(any(z.GetFilledPolysList(layer).Contains(via.GetPosition()) for z in zones if z.GetLayer() == layer)
                   for layer in (pcbnew.F_Cu, pcbnew.B_Cu)):
            board.Remove(via)
    pcbnew.ZONE_FILLER(board).Fill(board.Zones())


def add_gnd_zones(board):
    """GND pour on both layers over the SELV band; the 8 mm rule keeps it off the mains copper."""
    gnd = board.FindNet("GND")
    for layer in (pcbnew.F_Cu, pcbnew.B_Cu):
        zone = pcbnew.ZONE(board)
        zone.SetLayer(layer)
        zone.SetNet(gnd)
        outline = zone.Outline()
        outline.NewOutline()
        for x, y in [(1, 1), (W - 1, 1), (W - 1, MAINS_TOP - 8), (1, MAINS_TOP - 8)]:
            outline.Append(mm(OX + x), mm(OY + y))
        zone.SetLocalClearance(mm(0.3))
        zone.SetMinThickness(mm(0.25))
        zone.SetPadConnection(pcbnew.ZONE_CONNECTION_FULL)  # reflowed SMD; no starved thermal spokes
        board.Add(zone)
    pcbnew.ZONE_FILLER(board).Fill(board.Zones())


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--passes", type=int, default=4)
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
        print(f"pass {n + 1}: {len(router.nets) - len(failed)}/{len(router.nets)} nets routed; failed: {failed}",
              flush=True)
        if best_failed is None or len(failed) < len(best_failed):
            best_failed, best_order = failed, order
        if not failed:
            break
        order = failed + [x for x in order if x not in failed]
    if failed != best_failed:  # the last pass was not the best one: restore the best
        router.route_all(best_order)
    stitches = stitch_gnd(router)
    add_gnd_zones(board)
    drop_unpoured(board, stitches)
    pcbnew.SaveBoard(path, board)
    return 0 if not best_failed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
