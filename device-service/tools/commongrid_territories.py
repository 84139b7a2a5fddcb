#!/usr/bin/env python3
"""One-off converter: CommonGrid service territories (GeoJSON, ~53 MB) -> the compact index device-service
loads at start-up (src/main/resources/territory/territories.bin.gz) and the ZIP centroids
(src/main/resources/territory/zip-centroids.csv.gz).

Usage: python3 tools/commongrid_territories.py <commongrid dir> <zcta dir> <output dir>

Layers kept (nothing else is shipped):
  0 = distribution utilities: <eiaId>.json whose utility (utilities.json, by eiaId) has segment
      INVESTOR_OWNED_UTILITY, DISTRIBUTION_COOPERATIVE, MUNICIPAL_UTILITY or POLITICAL_SUBDIVISION and is not a
      federal power marketing administration (WAPA and BPA are filed as INVESTOR_OWNED_UTILITY in the data;
      they sell wholesale and serve no retail customers). Territories whose eiaId is not in utilities.json
      (29 files, mostly generation-and-transmission co-ops) are left out: their segment is unknown.
  1 = community choice aggregators (cca-*.json)
  2 = ISO/RTO regions (iso-*.json)
Geometry: Douglas-Peucker simplified per ring (tolerance below), coordinates fixed point at 1e-4 degrees
(the source's own precision), zigzag varint deltas, gzip. Format is read by TerritoryIndex.java.
"""
import gzip, io, json, os, re, struct, sys

TOLERANCE = 0.0005   # degrees (~50 m): well below a ZIP centroid's own error
SCALE = 10000
DISTRIBUTION = {"INVESTOR_OWNED_UTILITY", "DISTRIBUTION_COOPERATIVE", "MUNICIPAL_UTILITY", "POLITICAL_SUBDIVISION"}
FEDERAL = re.compile(r"Power Administration", re.I)


def dp(points, tol):
    """Iterative Douglas-Peucker on a closed ring; keeps first and last point."""
    n = len(points)
    if n <= 4:
        return points
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        bx, by = points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, idx = d, i
        if best > tol and idx > 0:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    out = [p for p, k in zip(points, keep) if k]
    return out if len(out) >= 4 else points


def varint(out, v):
    v = (v << 1) ^ (v >> 63)  # zigzag
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.write(bytes([b | 0x80]))
        else:
            out.write(bytes([b]))
            return


def text(out, s):
    data = (s or "").encode("utf-8")
    varint(out, len(data))
    out.write(data)


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def write_geometry(out, features, stats):
    polys = [p for f in features for p in polygons(f["geometry"])]
    varint(out, len(polys))
    for poly in polys:
        rings = []
        for ring in poly:
            pts = dp([(float(x), float(y)) for x, y, *_ in ring], TOLERANCE)
            q = [(round(x * SCALE), round(y * SCALE)) for x, y in pts]
            if q[0] != q[-1]:
                q.append(q[0])
            rings.append(q)
        varint(out, len(rings))
        for q in rings:
            stats["points"] += len(q)
            varint(out, len(q))
            px = py = 0
            for x, y in q:
                varint(out, x - px)
                varint(out, y - py)
                px, py = x, y


def main(commongrid, zcta, target):
    utilities = json.load(open(os.path.join(commongrid, "utilities.json")))
    by_eia = {str(u["eiaId"]): u for u in utilities if u.get("eiaId")}
    tdir = os.path.join(commongrid, "territories")
    body = io.BytesIO()
    stats = {"features": 0, "points": 0, "skipped": 0}
    for name in sorted(os.listdir(tdir)):
        path = os.path.join(tdir, name)
        stem = name[:-5]
        if stem.isdigit():
            u = by_eia.get(stem)
            if u is None or u["segment"] not in DISTRIBUTION or FEDERAL.search(u["name"]):
                stats["skipped"] += 1
                continue
            layer, ident, label, slug, eia, state, segment = 0, u["id"], u["name"], u["slug"], stem, \
                (json.load(open(path))["features"][0]["properties"].get("state") or ""), u["segment"]
        elif stem.startswith("cca-"):
            props = json.load(open(path))["features"][0]["properties"]
            layer, ident, label, slug, eia, state, segment = 1, props["id"], props["name"], stem[4:], \
                props.get("eiaId") or "", "", "COMMUNITY_CHOICE_AGGREGATOR"
        elif stem.startswith("iso-"):
            props = json.load(open(path))["features"][0]["properties"]
            layer, ident, label, slug, eia, state, segment = 2, props["id"], props["name"], \
                props.get("shortName") or stem[4:].upper(), props.get("eiaId") or "", "", "ISO"
        else:
            continue
        features = json.load(open(path))["features"]
        body.write(bytes([layer]))
        for s in (ident, label, slug, eia, state, segment):
            text(body, s)
        write_geometry(body, features, stats)
        stats["features"] += 1
    head = io.BytesIO()
    head.write(b"TERR1")
    text(head, "CommonGrid f6d0031f83f3108eb8bc64944b4bcff176fb709f, ODbL 1.0; simplified %s deg" % TOLERANCE)
    varint(head, stats["features"])
    os.makedirs(target, exist_ok=True)
    with gzip.open(os.path.join(target, "territories.bin.gz"), "wb", compresslevel=9) as f:
        f.write(head.getvalue() + body.getvalue())
    rows = open(os.path.join(zcta, "zip-centroids.csv")).read()
    with gzip.open(os.path.join(target, "zip-centroids.csv.gz"), "wb", compresslevel=9) as f:
        f.write(rows.encode())
    print(stats)


if __name__ == "__main__":
    main(*sys.argv[1:4])
