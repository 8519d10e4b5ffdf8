"""Build data/organisations.csv, the reference list of NHS trusts, from public files.

Sources (in ``--source``, by default ../shared/public-data next to the repository):

* ``techforuk_my_eu/etrust.csv.gz``: the NHS ODS list of NHS trusts and their sites, 2018.
  No header row, 27 fields; we use 1 code, 2 name, 3 national grouping (Y5x),
  4 high-level health geography (Qxx), 10 postcode, 12 close date (yyyymmdd).
  Trusts have 3-character codes, sites 5. Closed trusts and the Welsh trusts (national
  grouping W00, outside NHS England's regions) are dropped.
* ``hospital_management/nhs_provider.csv``: provider types (2012-2019 era). It has a
  byte-order mark, CRLF line ends and trailing spaces. Clinical commissioning groups are
  dropped. It gives ``trust_type``; it also adds the four care trusts (codes T..), which ODS
  publishes in a separate file, not in etrust.csv.

Output columns: org_code, org_name, region, icb, trust_type, sorted by org_code.

* ``org_name``: the ODS name in title case ("NHS" upper-case; and/of/the... lower-case
  mid-name). Names are as of 2018: later renames and mergers are not reflected.
* ``region``: the NHS England region, one of REGIONS, derived as documented at
  NATIONAL_GROUPING_REGION below. Empty where it cannot be decided from the data.
* ``icb``: always empty. The 2018 ODS data predates integrated care boards (July 2022).
* ``trust_type``: from nhs_provider ORG_TYPE (see TRUST_TYPES); empty for a trust that is
  not in nhs_provider (e.g. R0A, formed in October 2017).

Everything is public data under the Open Government Licence v3. Run from the repository root:

    .venv/bin/python scripts/build_organisations.py [--source DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "public-data"
DEFAULT_OUT = REPO_ROOT / "data" / "organisations.csv"

ETRUST = Path("techforuk_my_eu") / "etrust.csv.gz"
PROVIDERS = Path("hospital_management") / "nhs_provider.csv"

COLUMNS = ["org_code", "org_name", "region", "icb", "trust_type"]

EAST = "East of England"
LONDON = "London"
MIDLANDS = "Midlands"
NEY = "North East and Yorkshire"
NORTH_WEST = "North West"
SOUTH_EAST = "South East"
SOUTH_WEST = "South West"
REGIONS = (EAST, LONDON, MIDLANDS, NEY, NORTH_WEST, SOUTH_EAST, SOUTH_WEST)

# --- Region mapping ---------------------------------------------------------------------
# NHS England has had seven regions since April 2019 (the names in REGIONS). The 2018 ODS
# file uses the older groupings, so the region is decided in up to three steps:
#
# 1. National grouping (field 3). A grouping that lies within one current region maps
#    straight to it. The 2020 codes Y60-Y63 are included in case a newer file is used.
NATIONAL_GROUPING_REGION = {
    "Y56": LONDON,  # London
    "Y58": SOUTH_WEST,  # South West (split from Y57 South of England in 2017)
    "Y59": SOUTH_EAST,  # South East (split from Y57 South of England in 2017)
    "Y60": MIDLANDS,
    "Y61": EAST,
    "Y62": NORTH_WEST,
    "Y63": NEY,
}
# Groupings that span more than one current region, decided by the Qxx code (step 2):
# Y54 North of England (North East and Yorkshire, North West), Y55 Midlands and East of
# England (Midlands, East of England), Y57 South of England (South East, South West).
#
# 2. High-level health geography (field 4, the NHS England local office of 2016-2019).
#    The labels below describe the trusts found under each code in the 2018 file.
HEALTH_GEOGRAPHY_REGION = {
    "Q71": LONDON,  # London
    "Q72": NEY,  # Yorkshire and the Humber
    "Q75": NORTH_WEST,  # Cheshire and Merseyside
    "Q76": MIDLANDS,  # North Midlands: Derbyshire, Nottinghamshire, Staffordshire, Shropshire
    "Q77": MIDLANDS,  # West Midlands: Birmingham, Black Country, Coventry, Worcs, Herefordshire
    "Q79": EAST,  # East: Essex, Norfolk, Suffolk, Cambridgeshire
    "Q83": NORTH_WEST,  # Greater Manchester
    "Q84": NORTH_WEST,  # Lancashire
    "Q85": SOUTH_WEST,  # South West South: Cornwall, Devon, Somerset, Dorset
    "Q86": SOUTH_WEST,  # South West North: Bristol, Bath, Gloucestershire, Wiltshire, Swindon
    "Q87": SOUTH_EAST,  # Thames Valley, Hampshire and Isle of Wight, Frimley
    "Q88": SOUTH_EAST,  # Kent, Surrey and Sussex
}
# 3. Two local offices themselves span two current regions. For their trusts the postcode
#    area of the trust headquarters (field 10) decides, for areas that lie wholly inside one
#    region's footprint within that office. Any other postcode area (or any other unknown
#    Qxx code, e.g. Q70 Wessex, which spanned Dorset and Hampshire) leaves the region empty.
SPLIT_GEOGRAPHY_POSTCODE_REGION = {
    # Q74 Cumbria and North East: North Cumbria went to North East and Yorkshire,
    # South Cumbria and Morecambe Bay (LA) to North West.
    "Q74": {
        "CA": NEY,
        "DH": NEY,
        "DL": NEY,
        "NE": NEY,
        "SR": NEY,
        "TS": NEY,
        "LA": NORTH_WEST,
    },
    # Q78 Central Midlands: Leicestershire, Lincolnshire and Northamptonshire went to the
    # Midlands; Bedfordshire, Luton, Milton Keynes and Hertfordshire to the East of England.
    # PE (Peterborough, but also south Lincolnshire) is deliberately absent.
    "Q78": {
        "LE": MIDLANDS,
        "LN": MIDLANDS,
        "NG": MIDLANDS,
        "NN": MIDLANDS,
        "AL": EAST,
        "LU": EAST,
        "MK": EAST,
        "SG": EAST,
        "WD": EAST,
    },
}
# For the care trusts that are only in nhs_provider (no ODS grouping), the Health Education
# England local office decides, where it lies within one current region. Wessex (YDF24),
# Thames Valley (YDF25, which included Milton Keynes) and North West (YDF31, which included
# North Cumbria) span two regions and are left out.
HEE_REGION = {
    "YDF21": MIDLANDS,  # East Midlands
    "YDF22": EAST,  # East of England
    "YDF23": NEY,  # Yorkshire and the Humber
    "YDF26": LONDON,  # North West London
    "YDF27": LONDON,  # South London
    "YDF28": LONDON,  # North Central and East London
    "YDF29": SOUTH_EAST,  # Kent, Surrey and Sussex
    "YDF30": NEY,  # North East (with North Cumbria)
    "YDF32": MIDLANDS,  # West Midlands
    "YDF33": SOUTH_WEST,  # South West
}
WALES = "W00"

# --- Trust types ------------------------------------------------------------------------
TRUST_TYPES = {
    "Acute": "Acute",  # "Acute specialist" where SPECIALIST is TRUE
    "Mental Health": "Mental health",
    "Community Provider Trust": "Community",
    "Ambulance": "Ambulance",
}
CCG = "Clinical Commissioning Group"

# --- Names ------------------------------------------------------------------------------
UPPER_WORDS = {"NHS"}
LOWER_WORDS = {"and", "of", "the", "for", "on", "upon", "in", "at", "with"}


def title_case(name: str) -> str:
    """Readable title case: "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST" becomes
    "Guy's and St Thomas' NHS Foundation Trust"."""
    words = " ".join(name.split()).split(" ")
    out = []
    for i, word in enumerate(words):
        core = word.strip(",.()").lower()
        if core.upper() in UPPER_WORDS:
            out.append(word.upper())
        elif i > 0 and core in LOWER_WORDS:
            out.append(word.lower())
        else:
            # Capitalise each hyphenated part; str.capitalize keeps "Guy's" (not "Guy'S")
            # and turns "2GETHER" into "2gether".
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


def postcode_area(postcode: str) -> str:
    match = re.match(r"[A-Z]{1,2}", postcode.strip().upper())
    return match.group(0) if match else ""


def ods_region(grouping: str, geography: str, postcode: str) -> str:
    if grouping in NATIONAL_GROUPING_REGION:
        return NATIONAL_GROUPING_REGION[grouping]
    if geography in HEALTH_GEOGRAPHY_REGION:
        return HEALTH_GEOGRAPHY_REGION[geography]
    return SPLIT_GEOGRAPHY_POSTCODE_REGION.get(geography, {}).get(postcode_area(postcode), "")


def read_etrust(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, header=None, dtype=str, keep_default_na=False, encoding="utf-8")
    if raw.shape[1] != 27:
        raise SystemExit(f"{path}: expected 27 fields, found {raw.shape[1]}")
    raw = raw.apply(lambda col: col.str.strip())
    trusts = raw[(raw[0].str.len() == 3) & (raw[11] == "") & (raw[2] != WALES)]
    return pd.DataFrame(
        {
            "org_code": trusts[0].str.upper(),
            "org_name": trusts[1].map(title_case),
            "region": [
                ods_region(g, q, pc)
                for g, q, pc in zip(trusts[2], trusts[3], trusts[9], strict=True)
            ],
        }
    )


def read_providers(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [c.strip() for c in raw.columns]
    needed = {"ORG_CODE", "ORG_NAME", "ORG_TYPE", "HEE_REGION_CODE", "SPECIALIST"}
    if missing := needed - set(raw.columns):
        raise SystemExit(f"{path}: missing columns {sorted(missing)}")
    raw = raw.apply(lambda col: col.str.strip())
    raw = raw[raw["ORG_TYPE"] != CCG]
    unknown = set(raw["ORG_TYPE"]) - set(TRUST_TYPES)
    if unknown:
        raise SystemExit(f"{path}: unknown ORG_TYPE {sorted(unknown)}")
    trust_type = raw["ORG_TYPE"].map(TRUST_TYPES)
    specialist = (raw["ORG_TYPE"] == "Acute") & (raw["SPECIALIST"].str.upper() == "TRUE")
    trust_type = trust_type.where(~specialist, "Acute specialist")
    return pd.DataFrame(
        {
            "org_code": raw["ORG_CODE"].str.upper(),
            "org_name": raw["ORG_NAME"].map(title_case),
            "region": raw["HEE_REGION_CODE"].map(HEE_REGION).fillna(""),
            "trust_type": trust_type,
        }
    )


def build(source: Path) -> pd.DataFrame:
    etrust_path, providers_path = source / ETRUST, source / PROVIDERS
    ods = read_etrust(etrust_path)
    providers = read_providers(providers_path)
    for frame, path in ((ods, etrust_path), (providers, providers_path)):
        dupes = frame["org_code"][frame["org_code"].duplicated()]
        if not dupes.empty:
            raise SystemExit(f"{path}: duplicate codes {sorted(set(dupes))}")

    # Every trust code ODS knows (open, closed or Welsh): a provider listed there but not
    # kept above is closed or outside England and must not come back in.
    all_ods = pd.read_csv(etrust_path, header=None, usecols=[0], dtype=str, encoding="utf-8")
    known_to_ods = set(all_ods[0].str.strip().str.upper())

    types = providers.set_index("org_code")["trust_type"]
    ods["trust_type"] = ods["org_code"].map(types).fillna("")
    extra = providers[~providers["org_code"].isin(known_to_ods)]
    orgs = pd.concat([ods, extra], ignore_index=True)
    orgs["icb"] = ""  # the 2018 data predates integrated care boards
    orgs = orgs[COLUMNS].sort_values("org_code", ignore_index=True)

    bad_region = set(orgs["region"]) - set(REGIONS) - {""}
    if bad_region:
        raise SystemExit(f"internal error: unexpected regions {sorted(bad_region)}")
    return orgs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help=f"folder of the public data files (default: {DEFAULT_SOURCE})",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"CSV to write (default: {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    for rel in (ETRUST, PROVIDERS):
        if not (args.source / rel).is_file():
            parser.error(f"{args.source / rel} not found (use --source DIR)")

    orgs = build(args.source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    orgs.to_csv(args.out, index=False, encoding="utf-8", lineterminator="\n")

    print(f"Wrote {len(orgs)} organisations to {args.out}")
    for column, label in (("region", "Region"), ("trust_type", "Trust type")):
        print(f"\n{label}:")
        counts = orgs[column].replace("", "(empty)").value_counts().sort_index()
        for value, n in counts.items():
            print(f"  {value:<28} {n:>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
