"""Rebuild the embedded Hengelo sample from the real CBS files it was cut from.

Usage::

    python scripts/build_sample.py [--shared ../shared/datasets]

Writes ``buurtdata/datasets/hengelo/``: for each KWB year the three CBS
OData v3 resources (TypedDataSet, DataProperties, WijkenEnBuurten) as
Parquet, cut to Nederland, Hengelo (O.) and its wijken and buurten, and
the 62 buurt polygons as a GeoPackage in RD New. See the README there.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import geopandas as gpd
import pandas as pd

GEMEENTE = "GM0164"
OUT = Path(__file__).resolve().parents[1] / "buurtdata" / "datasets" / "hengelo"
PANDAS_TYPES = {"Long": "Int64", "Integer": "Int64", "Double": "Float64", "Float": "Float64"}
PARQUET = {"index": False, "compression": "zstd"}


def _in_sample(code: pd.Series) -> pd.Series:
    code = code.str.strip()
    return (code == "NL00") | code.str.match(rf"^(GM|WK|BU){GEMEENTE[2:]}")


def build_2024(shared: Path) -> None:
    folder = shared / "kwb2024-85984NED-dertje"
    raw = pd.read_csv(folder / "85984NED.csv", sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw = raw[_in_sample(raw["Codering_3"])].copy()
    props = pd.read_json(shared / "kwb2024-odata3-meta" / "DataProperties.json")
    props = props.rename(columns={"odata.type": "odata_type"})
    types = props.dropna(subset=["Datatype"]).set_index("Key")["Datatype"]

    # The CSV's author replaced the region key by its title; CBS's key is
    # the padded code in Codering_3, so put it back and keep the titles
    # as the WijkenEnBuurten dimension, as the OData API serves them.
    regions = pd.DataFrame(
        {
            "Key": raw["Codering_3"],
            "Title": raw["WijkenEnBuurten"],
            "Municipality": raw["Codering_3"].str.strip().map(_gemeente_code),
            "DetailRegionCode": raw["Codering_3"].str.strip(),
        }
    )
    data = raw.assign(WijkenEnBuurten=raw["Codering_3"])
    for column in data.columns:
        kind = PANDAS_TYPES.get(types.get(column, ""))
        if column == "ID":
            data[column] = data[column].astype("int64")
        elif kind is not None:
            numbers = pd.to_numeric(data[column].replace("", None))
            data[column] = numbers.round().astype(kind) if kind == "Int64" else numbers.astype(kind)
    data.to_parquet(OUT / "kwb2024_85984NED.parquet", **PARQUET)
    regions.to_parquet(OUT / "kwb2024_85984NED_regions.parquet", **PARQUET)
    props.to_parquet(OUT / "kwb2024_85984NED_properties.parquet", **PARQUET)


def _gemeente_code(code: str) -> str:
    return "" if code.startswith("NL") else "GM" + code[2:6]


def build_2020(shared: Path) -> None:
    folder = shared / "kwb2020-84799NED-statlinebq" / "84799NED"
    data = pd.read_parquet(folder / "cbs.v3.84799NED_TypedDataSet.parquet")
    regions = pd.read_parquet(folder / "cbs.v3.84799NED_WijkenEnBuurten.parquet")
    props = pd.read_parquet(folder / "cbs.v3.84799NED_DataProperties.parquet")
    data[_in_sample(data["WijkenEnBuurten"])].to_parquet(OUT / "kwb2020_84799NED.parquet", **PARQUET)
    regions[_in_sample(regions["Key"])].to_parquet(OUT / "kwb2020_84799NED_regions.parquet", **PARQUET)
    props.to_parquet(OUT / "kwb2020_84799NED_properties.parquet", **PARQUET)


def build_geometry(shared: Path) -> None:
    path = shared / "buurten-powerbi-emielsanders" / "Buurten_Hengelo.json"
    frame = gpd.read_file(path).set_crs("EPSG:4326", allow_override=True)
    keep = ["buurtcode", "buurtnaam", "wijkcode", "gemeentecode", "gemeentenaam", "water", "geometry"]
    frame = frame[keep].sort_values("buurtcode").to_crs("EPSG:28992")
    frame.to_file(OUT / "buurten.gpkg", layer="buurten", driver="GPKG")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared" / "datasets"
    parser.add_argument("--shared", type=Path, default=default, help="folder with the real CBS files")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    build_2024(args.shared)
    build_2020(args.shared)
    build_geometry(args.shared)
    for path in sorted(OUT.glob("*.parquet")) + sorted(OUT.glob("*.gpkg")):
        print(f"{path.relative_to(OUT.parents[2])}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
