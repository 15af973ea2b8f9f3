#!/usr/bin/env python3
"""Build assets/basemap.bin (filled land mesh, coastlines, country borders).

Source data
    npm package ``world-atlas`` **2.0.2** (Natural Earth 1:50m, public domain),
    files ``land-50m.json`` and ``countries-50m.json`` (TopoJSON).

    npm install --prefix /tmp/wa world-atlas@2.0.2

Python dependencies (PyPI): ``numpy``, ``mapbox-earcut==2.1.0``
(``pillow`` only for ``--preview``).

    python3 -m venv /tmp/gvenv
    /tmp/gvenv/bin/pip install numpy mapbox-earcut==2.1.0 pillow
    /tmp/gvenv/bin/python assets/tools/build_basemap.py \
        [--atlas-dir /tmp/wa/node_modules/world-atlas] [--out assets/basemap.bin] \
        [--simplify 0.0] [--preview /tmp/basemap_preview.png]

The TopoJSON is decoded here (delta-decoded quantized arcs + transform); no
topojson-client is needed.  Deterministic: same inputs -> same bytes.

Output format (all little-endian)::

    magic   8 bytes  b"CMBASE01"
    u32     n_sections
    section: u8 tag, u32 payload_len (bytes), payload
      tag 1 land mesh : u32 n_vertices, n_vertices x (f32 lon, f32 lat),
                        u32 n_indices, n_indices x u32  (triangle list)
      tag 2 coastlines: u32 n_lines, per line: u32 n_points, n_points x (f32 lon, f32 lat)
      tag 3 borders   : same layout as tag 2 (land boundaries between two
                        different countries only, i.e. topojson.mesh(a !== b))

world-atlas v2 stores spherical polygons: rings that cross the antimeridian
are NOT split (Chukotka, Wrangel Island, a Fiji islet jump from -180 to
+180) and Antarctica is an outer ring winding round the pole plus a tiny
"hole" ring at lat -89.999.  For a planar lon/lat mesh this script unwraps
crossing rings and clips them into [-180, 180] (overflow shifted by 360),
closes Antarctica along lat -90 and drops the pole ring.  The land mesh is
also cut along a 10 degree grid (``--cell``) so that no triangle is larger
than one cell: long edges stay valid under projections that bend them (web
mercator, a globe).  The build asserts that the triangulated area equals the
polygon area.

Coastlines are the rings of the land polygons without the artificial
segments: those on the south-pole line (lat <= -89.99) and the wrap-around
jumps across the antimeridian (|dlon| > 180).  Borders are the country arcs
shared by two different geometries, stitched into polylines.
"""
from __future__ import annotations

import argparse
import json
import os
import struct
import sys

import numpy as np

try:
    import mapbox_earcut as earcut
except ImportError:  # pragma: no cover
    sys.exit("mapbox-earcut missing: pip install mapbox-earcut==2.1.0")

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.dirname(HERE)
DEFAULT_ATLAS = "/tmp/wa/node_modules/world-atlas"
MAGIC = b"CMBASE01"
TAG_LAND, TAG_COAST, TAG_BORDERS = 1, 2, 3
POLE_LAT = -89.99
ANTI_LON = 179.99


# ---------------------------------------------------------------- TopoJSON
def decode_arcs(topo):
    """Return list of float64 arrays (n,2) of absolute lon/lat per arc."""
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        a = np.asarray(arc, dtype=np.float64)[:, :2]
        if tr:
            a = np.cumsum(a, axis=0)
            a[:, 0] = a[:, 0] * tr["scale"][0] + tr["translate"][0]
            a[:, 1] = a[:, 1] * tr["scale"][1] + tr["translate"][1]
        out.append(a)
    return out


def arc_points(arcs, i):
    return arcs[i] if i >= 0 else arcs[~i][::-1]


def ring_coords(arcs, ring):
    parts = []
    for k, i in enumerate(ring):
        p = arc_points(arcs, i)
        parts.append(p if k == 0 else p[1:])
    return np.concatenate(parts, axis=0)


def geometry_polygons(geom):
    """Yield polygons (list of rings of arc indices) of a TopoJSON geometry."""
    t = geom.get("type")
    if t == "Polygon":
        yield geom["arcs"]
    elif t == "MultiPolygon":
        for p in geom["arcs"]:
            yield p
    elif t == "GeometryCollection":
        for g in geom["geometries"]:
            yield from geometry_polygons(g)


def walk_geometries(obj):
    if obj.get("type") == "GeometryCollection":
        for g in obj["geometries"]:
            yield from walk_geometries(g)
    else:
        yield obj


# ---------------------------------------------------------------- geometry
def dp_simplify(pts, tol):
    """Douglas-Peucker on an (n,2) array; keeps endpoints."""
    n = len(pts)
    if tol <= 0 or n < 3:
        return pts
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        s, e = stack.pop()
        if e <= s + 1:
            continue
        a, b = pts[s], pts[e]
        seg = pts[s + 1:e]
        d = b - a
        L = np.hypot(d[0], d[1])
        if L == 0:
            dist = np.hypot(seg[:, 0] - a[0], seg[:, 1] - a[1])
        else:
            dist = np.abs(d[0] * (seg[:, 1] - a[1]) - d[1] * (seg[:, 0] - a[0])) / L
        k = int(np.argmax(dist))
        if dist[k] > tol:
            m = s + 1 + k
            keep[m] = True
            stack.append((s, m))
            stack.append((m, e))
    return pts[keep]


def clean_ring(r):
    """Drop consecutive duplicates and the closing point (earcut wants open rings)."""
    if len(r) == 0:
        return r
    d = np.any(np.diff(r, axis=0) != 0, axis=1)
    r = r[np.concatenate([[True], d])]
    if len(r) > 1 and np.all(r[0] == r[-1]):
        r = r[:-1]
    return r


def is_artificial(p, q):
    """Segments that are not real coast: on the south-pole line, or the
    wrap-around jump of a ring crossing the antimeridian (|dlon| > 180)."""
    if p[1] <= POLE_LAT and q[1] <= POLE_LAT:
        return True
    if abs(q[0] - p[0]) > 180.0:
        return True
    return False


def unwrap(r):
    """Make longitudes continuous along a ring (may leave [-180, 180])."""
    d = np.diff(r[:, 0])
    d = np.where(d > 180.0, d - 360.0, np.where(d < -180.0, d + 360.0, d))
    out = r.copy()
    out[1:, 0] = r[0, 0] + np.cumsum(d)
    return out


def clip_half(r, x, keep_ge, axis=0):
    """Sutherland-Hodgman clip of an open ring against coord[axis] >= x
    (keep_ge) or <= x.  Concave input may yield zero-width bridges along the
    clip line; earcut copes with those (the build checks the area)."""
    if len(r) == 0:
        return r
    c = r[:, axis]
    inside = c >= x if keep_ge else c <= x
    if inside.all():
        return r
    if not inside.any():
        return r[:0]
    o = 1 - axis
    out = []
    prev = np.roll(r, 1, axis=0)
    pin_all = np.roll(inside, 1)
    for p, q, pin, qin in zip(prev, r, pin_all, inside):
        if qin != pin:
            t = (x - p[axis]) / (q[axis] - p[axis])
            pt = [0.0, 0.0]
            pt[axis] = x
            pt[o] = p[o] + t * (q[o] - p[o])
            out.append(pt)
        if qin:
            out.append((q[0], q[1]))
    return np.array(out, dtype=np.float64).reshape(-1, 2)


def clip_polygon(rings, x0, x1, y0, y1):
    """Clip [outer, holes...] to a lon/lat box; None if the outer vanishes."""
    res = []
    for k, r in enumerate(rings):
        c = r
        for x, ge, ax in ((x0, True, 0), (x1, False, 0), (y0, True, 1), (y1, False, 1)):
            c = clip_half(c, x, ge, ax)
            if len(c) < 3:
                break
        if len(c) >= 3:
            c = clean_ring(np.concatenate([c, c[:1]]))
        if len(c) >= 3 and abs(ring_area(c)) > 1e-12:
            res.append(c)
        elif k == 0:
            return None
    return res


def grid_split(rings, cell):
    """Cut a planar polygon along a cell x cell degree grid so that no
    triangle gets larger than one cell (keeps the mesh valid under
    projections that bend long edges, e.g. web mercator or a globe)."""
    outer = rings[0]
    lo, hi = outer.min(axis=0), outer.max(axis=0)
    gx0, gx1 = int(np.floor(lo[0] / cell)), int(np.ceil(hi[0] / cell))
    gy0, gy1 = int(np.floor(lo[1] / cell)), int(np.ceil(hi[1] / cell))
    if gx1 - gx0 <= 1 and gy1 - gy0 <= 1:
        return [rings]
    out = []
    for i in range(gx0, gx1):
        strip = clip_polygon(rings, i * cell, (i + 1) * cell, -1e9, 1e9)
        if not strip:
            continue
        slo, shi = strip[0][:, 1].min(), strip[0][:, 1].max()
        for j in range(max(gy0, int(np.floor(slo / cell))), min(gy1, int(np.ceil(shi / cell)))):
            cellp = clip_polygon(strip, -1e9, 1e9, j * cell, (j + 1) * cell)
            if cellp:
                out.append(cellp)
    return out


def ring_area(r):
    x, y = r[:, 0], r[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def planar_polygons(rings_closed):
    """Turn one TopoJSON polygon (closed rings, spherical semantics as in
    world-atlas v2) into planar polygons inside lon [-180, 180]:
    rings crossing the antimeridian are unwrapped and clipped into the
    [-180,180] window (the overflow is shifted by 360); a ring that winds
    around the south pole (Antarctica) is closed along lat -90 and the tiny
    pole-circle ring is dropped.  Returns a list of [outer, hole, ...] lists
    of open rings."""
    rings = []
    for k, rc in enumerate(rings_closed):
        if np.all(rc[:, 1] <= POLE_LAT):
            continue  # pole circle "hole" of Antarctica
        u = unwrap(rc)
        wind = u[-1, 0] - u[0, 0]
        u = clean_ring(u) if abs(wind) < 1e-6 else u
        if abs(wind) > 1.0:  # encircles a pole: close along the pole line
            pole = -90.0 if u[:, 1].mean() < 0 else 90.0
            lon_end, lon_start = u[-1, 0], u[0, 0]
            step = 2.0 if lon_start > lon_end else -2.0
            xs = np.arange(lon_end, lon_start, step)
            cap = np.column_stack([np.append(xs, lon_start), np.full(len(xs) + 1, pole)])
            u = np.concatenate([u[:-1], [[lon_end, u[-1, 1]]], cap])
            u = clean_ring(np.concatenate([u, u[:1]]))
        if len(u) >= 3:
            rings.append(u)
    if not rings:
        return []
    outer, holes = rings[0], rings[1:]
    lo, hi = outer[:, 0].min(), outer[:, 0].max()
    placed = []
    for h in holes:  # put holes in the same unwrapped copy as the outer ring
        c = h[:, 0].mean()
        shift = min((-360.0, 0.0, 360.0), key=lambda s: 0 if lo <= c + s <= hi else abs(c + s - (lo + hi) / 2))
        h = h.copy()
        h[:, 0] += shift
        placed.append(h)
    if lo >= -180.0 and hi <= 180.0:
        return [[outer] + placed]
    res = []
    for k in range(int(np.floor((lo + 180.0) / 360.0)), int(np.floor((hi + 180.0) / 360.0)) + 1):
        wl, wh = -180.0 + 360.0 * k, 180.0 + 360.0 * k
        parts = []
        for r in [outer] + placed:
            c = clip_half(clip_half(r, wl, True), wh, False)
            c = clean_ring(np.concatenate([c, c[:1]])) if len(c) else c
            if len(c) >= 3 and abs(ring_area(c)) > 1e-12:
                c = c.copy()
                c[:, 0] -= 360.0 * k
                parts.append(c)
            elif r is outer:
                parts = None
                break
        if parts:
            res.append(parts)
    return res


def split_coast(ring_closed):
    """Split a closed ring into polylines, dropping artificial segments."""
    lines, cur = [], [ring_closed[0]]
    for j in range(1, len(ring_closed)):
        p, q = ring_closed[j - 1], ring_closed[j]
        if is_artificial(p, q):
            if len(cur) >= 2:
                lines.append(np.array(cur))
            cur = [q]
        else:
            cur.append(q)
    if len(cur) >= 2:
        lines.append(np.array(cur))
    # a ring with no artificial segment: one closed line; with some: if the
    # first and last pieces join at the ring's start point, merge them.
    if len(lines) >= 2 and np.all(lines[0][0] == lines[-1][-1]) and \
            not is_artificial(ring_closed[-2], ring_closed[-1]) and \
            not is_artificial(ring_closed[0], ring_closed[1]):
        lines[0] = np.concatenate([lines[-1], lines[0][1:]])
        lines.pop()
    return lines


def stitch(lines):
    """Join polylines end to end where an endpoint is shared by exactly two ends."""
    key = lambda p: (round(float(p[0]), 7), round(float(p[1]), 7))
    lines = [l for l in lines if len(l) >= 2]
    ends = {}
    for i, l in enumerate(lines):
        ends.setdefault(key(l[0]), []).append(i)
        ends.setdefault(key(l[-1]), []).append(i)
    used = [False] * len(lines)
    out = []

    def extend(chain_pts, tail_key, self_i):
        while True:
            cands = ends.get(tail_key, [])
            if len(cands) != 2:
                return chain_pts, tail_key
            nxt = [c for c in cands if not used[c]]
            if not nxt:
                return chain_pts, tail_key
            c = nxt[0]
            used[c] = True
            l = lines[c]
            if key(l[0]) == tail_key:
                seg = l
            else:
                seg = l[::-1]
            chain_pts = np.concatenate([chain_pts, seg[1:]])
            tail_key = key(seg[-1])

    for i, l in enumerate(lines):
        if used[i]:
            continue
        used[i] = True
        pts, _ = extend(l, key(l[-1]), i)
        rev, _ = extend(pts[::-1], key(pts[0]), i)
        out.append(rev[::-1])
    return out


# ---------------------------------------------------------------- build
def build(atlas_dir, simplify, cell):
    land = json.load(open(os.path.join(atlas_dir, "land-50m.json")))
    countries = json.load(open(os.path.join(atlas_dir, "countries-50m.json")))

    # ---- land mesh + coastlines
    larcs = decode_arcs(land)
    if simplify > 0:
        larcs = [dp_simplify(a, simplify) for a in larcs]
    verts, idx, coast = [], [], []
    nverts = 0
    n_polys = 0
    area_rings = area_tris = 0.0
    for poly in geometry_polygons(land["objects"]["land"]):
        closed = [ring_coords(larcs, ring) for ring in poly]
        for rc in closed:
            coast.extend(split_coast(rc))
        for rings in (q for pp in planar_polygons(closed) for q in
                      (grid_split(pp, cell) if cell > 0 else [pp])):
            n_polys += 1
            flat = np.concatenate(rings, axis=0)
            ends = np.cumsum([len(r) for r in rings]).astype(np.uint32)
            tri = earcut.triangulate_float64(flat, ends).astype(np.int64)
            t = flat[tri.reshape(-1, 3)]
            area_tris += float(np.abs(0.5 * ((t[:, 1, 0] - t[:, 0, 0]) * (t[:, 2, 1] - t[:, 0, 1]) -
                                             (t[:, 2, 0] - t[:, 0, 0]) * (t[:, 1, 1] - t[:, 0, 1]))).sum())
            area_rings += abs(ring_area(rings[0])) - sum(abs(ring_area(h)) for h in rings[1:])
            verts.append(flat)
            idx.append(tri + nverts)
            nverts += len(flat)
    print(f"triangulated area {area_tris:.2f} deg^2 vs polygon area {area_rings:.2f} deg^2")
    assert abs(area_tris - area_rings) < 1e-3 * area_rings, "earcut lost area"
    verts = np.concatenate(verts, axis=0)
    idx = np.concatenate(idx).astype(np.uint32)

    # ---- borders: arcs shared by two different country geometries
    carcs = decode_arcs(countries)
    owners = {}
    for gi, geom in enumerate(walk_geometries(countries["objects"]["countries"])):
        for poly in geometry_polygons(geom):
            for ring in poly:
                for a in ring:
                    owners.setdefault(a if a >= 0 else ~a, set()).add(gi)
    border_arcs = [carcs[a] for a in sorted(owners) if len(owners[a]) >= 2]
    borders = [piece for b in stitch(border_arcs) for piece in split_coast(b)]
    if simplify > 0:
        borders = [dp_simplify(b, simplify) for b in borders]
    return verts, idx, coast, borders, n_polys


def pack_lines(lines):
    parts = [struct.pack("<I", len(lines))]
    for l in lines:
        parts.append(struct.pack("<I", len(l)))
        parts.append(np.asarray(l, dtype="<f4").tobytes())
    return b"".join(parts)


def write(path, verts, idx, coast, borders):
    land = b"".join([
        struct.pack("<I", len(verts)), np.asarray(verts, dtype="<f4").tobytes(),
        struct.pack("<I", len(idx)), np.asarray(idx, dtype="<u4").tobytes(),
    ])
    sections = [(TAG_LAND, land), (TAG_COAST, pack_lines(coast)), (TAG_BORDERS, pack_lines(borders))]
    out = [MAGIC, struct.pack("<I", len(sections))]
    for tag, payload in sections:
        out.append(struct.pack("<BI", tag, len(payload)))
        out.append(payload)
    data = b"".join(out)
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def read(path):
    """Independent re-reader used for the self-check (mirrors the Rust parser)."""
    b = open(path, "rb").read()
    assert b[:8] == MAGIC, "bad magic"
    (n,) = struct.unpack_from("<I", b, 8)
    off = 12
    res = {}
    for _ in range(n):
        tag, ln = struct.unpack_from("<BI", b, off)
        off += 5
        p = b[off:off + ln]
        assert len(p) == ln, "truncated section"
        off += ln
        if tag == TAG_LAND:
            (nv,) = struct.unpack_from("<I", p, 0)
            v = np.frombuffer(p, dtype="<f4", count=nv * 2, offset=4).reshape(nv, 2)
            o = 4 + nv * 8
            (ni,) = struct.unpack_from("<I", p, o)
            ix = np.frombuffer(p, dtype="<u4", count=ni, offset=o + 4)
            assert o + 4 + ni * 4 == ln, "land payload length mismatch"
            res[tag] = (v, ix)
        else:
            (nl,) = struct.unpack_from("<I", p, 0)
            o = 4
            lines = []
            for _ in range(nl):
                (np_,) = struct.unpack_from("<I", p, o)
                o += 4
                lines.append(np.frombuffer(p, dtype="<f4", count=np_ * 2, offset=o).reshape(np_, 2))
                o += np_ * 8
            assert o == ln, "line payload length mismatch"
            res[tag] = lines
    assert off == len(b), "trailing bytes"
    return res


def self_check(path, verts, idx, coast, borders, cell=0.0):
    r = read(path)
    v, ix = r[TAG_LAND]
    assert len(v) == len(verts) and len(ix) == len(idx)
    assert len(ix) % 3 == 0, "index count not a multiple of 3"
    assert ix.max() < len(v), "triangle index out of range"
    assert len(r[TAG_COAST]) == len(coast) and len(r[TAG_BORDERS]) == len(borders)
    assert np.all(np.abs(v[:, 0]) <= 180.0001) and np.all(np.abs(v[:, 1]) <= 90.0001)
    for lines in (r[TAG_COAST], r[TAG_BORDERS]):
        for l in lines:
            assert len(l) >= 2
    # no coastline segment on the pole line
    for l in r[TAG_COAST]:
        pole = (l[:-1, 1] <= POLE_LAT) & (l[1:, 1] <= POLE_LAT)
        assert not pole.any(), "pole segment in coastline"
    # triangles must be local (no triangle spanning the globe)
    t = v[ix.reshape(-1, 3)]
    span = t[:, :, 0].max(axis=1) - t[:, :, 0].min(axis=1)
    polar = (t[:, :, 1] <= POLE_LAT).any(axis=1)  # Antarctica's fan to the pole line
    assert span[~polar].max() < 180.0, "triangle spans the antimeridian"
    if cell > 0:
        hspan = t[:, :, 1].max(axis=1) - t[:, :, 1].min(axis=1)
        assert span.max() <= cell + 1e-3 and hspan.max() <= cell + 1e-3, "triangle larger than a grid cell"
    return r, float(span[~polar].max())


def preview(path_png, r, w=1600, h=900):
    from PIL import Image, ImageDraw
    img = Image.new("RGB", (w, h), (170, 200, 230))
    d = ImageDraw.Draw(img)
    sx, sy = w / 360.0, h / 180.0
    P = lambda lon, lat: ((lon + 180.0) * sx, (90.0 - lat) * sy)
    v, ix = r[TAG_LAND]
    for a, b, c in ix.reshape(-1, 3):
        d.polygon([P(*v[a]), P(*v[b]), P(*v[c])], fill=(225, 215, 180))
    for l in r[TAG_COAST]:
        d.line([P(*p) for p in l], fill=(60, 90, 140), width=1)
    for l in r[TAG_BORDERS]:
        d.line([P(*p) for p in l], fill=(180, 40, 40), width=1)
    img.save(path_png)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--atlas-dir", default=os.environ.get("WORLD_ATLAS_DIR", DEFAULT_ATLAS),
                    help="directory holding world-atlas land-50m.json / countries-50m.json")
    ap.add_argument("--out", default=os.path.join(ASSETS, "basemap.bin"))
    ap.add_argument("--simplify", type=float, default=0.0,
                    help="Douglas-Peucker tolerance in degrees (0 = off)")
    ap.add_argument("--cell", type=float, default=10.0,
                    help="cut the land mesh along a grid of this many degrees (0 = off)")
    ap.add_argument("--preview", default=None, help="write a PNG preview (needs Pillow)")
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.atlas_dir, "land-50m.json")):
        sys.exit(f"world-atlas not found in {a.atlas_dir}: npm install --prefix /tmp/wa world-atlas@2.0.2")
    pkg = json.load(open(os.path.join(a.atlas_dir, "package.json")))
    print(f"world-atlas {pkg.get('version')} from {a.atlas_dir}")
    verts, idx, coast, borders, npoly = build(a.atlas_dir, a.simplify, a.cell)
    size = write(a.out, verts, idx, coast, borders)
    r, span = self_check(a.out, verts, idx, coast, borders, a.cell)
    print(f"land mesh pieces {npoly}, vertices {len(verts)}, triangles {len(idx)//3}")
    print(f"coastlines {len(coast)} lines / {sum(len(l) for l in coast)} pts")
    print(f"borders {len(borders)} lines / {sum(len(l) for l in borders)} pts")
    print(f"max triangle lon span (non-polar) {span:.3f} deg")
    print(f"wrote {a.out}: {size} bytes")
    if a.preview:
        preview(a.preview, r)
        print(f"preview {a.preview}")


if __name__ == "__main__":
    main()
