"""geopandas's side of bench/catchment/run.sh: population in buffers by area share.

Usage: peers.py ZONES.gpkg LAYER POINTS.csv RADIUS [TOTALS.csv]

Reads the zones (field "pop") and the points ("id,x,y", EPSG:27700), then times
  buffers: GeoSeries.buffer(RADIUS, resolution=8)  (8 segments per quarter circle)
  count:   geopandas.sjoin(predicate="intersects") + elementwise intersection, share of each
           zone = area inside / zone area, summed per buffer (per-buffer totals, then summed)
and prints one line RESULT {...} like the pooled program.
"""
import json
import math
import sys
import time

import geopandas as gpd
import pandas as pd


def main():
    zones_path, layer, points_path, radius = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    totals_path = sys.argv[5] if len(sys.argv) > 5 else None

    t_read = time.perf_counter()
    zones = gpd.read_file(zones_path, layer=layer)[["pop", "geometry"]].reset_index(drop=True)
    df = pd.read_csv(points_path)
    points = gpd.GeoDataFrame({"id": df["id"]}, geometry=gpd.points_from_xy(df["x"], df["y"]), crs=27700)
    read_s = time.perf_counter() - t_read

    t0 = time.perf_counter()
    buffers = gpd.GeoDataFrame({"id": points["id"]}, geometry=points.buffer(radius, resolution=8), crs=27700)
    t1 = time.perf_counter()
    pairs = gpd.sjoin(buffers, zones, how="inner", predicate="intersects")
    zone_geometry = zones.geometry.values[pairs["index_right"].to_numpy()]
    inside = pairs.geometry.values.intersection(zone_geometry).area
    share = pairs["pop"].to_numpy() * inside / zone_geometry.area
    per_buffer = pd.Series(share, index=pairs["id"].to_numpy()).groupby(level=0).sum()
    t2 = time.perf_counter()

    total = math.fsum(per_buffer.to_numpy())
    if totals_path:
        per_buffer.rename("population").rename_axis("id").to_csv(totals_path, float_format="%.17g")
    result = {"tool": "geopandas", "version": f"geopandas {gpd.__version__}", "zones": len(zones),
              "buffers": len(buffers), "read_s": read_s, "buffers_s": t1 - t0, "count_s": t2 - t1,
              "time_s": t2 - t0, "total": total}
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
