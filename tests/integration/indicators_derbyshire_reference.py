#!/usr/bin/env python3
# Independent reference for tests/integration/indicators_derbyshire_test.cpp (geopandas 0.12.2,
# shapely 1.8.5 from Debian 12): 2 km buffers (8 segments per quarter circle, GEOS's and
# PostGIS's default) around the Derbyshire Fire and Rescue register points and the 2016
# libraries; people counted by area share of the LSOA 2021 polygons (ts0010001).
# Run from the repository root: /usr/bin/python3 tests/integration/indicators_derbyshire_reference.py
import geopandas as gpd
fac = "testdata/derbyshire/derbyshire_facilities.gpkg"
zones = gpd.read_file("testdata/derbyshire/derbyshire_zones.gpkg", layer="lsoa21")
fire = gpd.read_file(fac, layer="fire_estate_dfrs_2016")
libs = gpd.read_file(fac, layer="libraries_2016")
print(fire.crs, libs.crs, zones.crs, len(fire), len(libs), len(zones))
libs = libs.to_crs(zones.crs)
zarea = zones.geometry.area.values
zpop = zones["ts0010001"].values
zsidx = zones.sindex
def pop_in(geom):
    idx = zsidx.query(geom, predicate="intersects")
    total = 0.0
    for i in sorted(idx):
        inter = zones.geometry.iloc[i].intersection(geom).area
        total += zpop[i] * inter / zarea[i]
    return total
fb = [p.buffer(2000, resolution=8) for p in fire.geometry]
lb = [p.buffer(2000, resolution=8) for p in libs.geometry]
fpop = [pop_in(b) for b in fb]
print("fire population_served sum", repr(sum(fpop)))
lpop = [pop_in(b) for b in lb]
print("library population_served sum", repr(sum(lpop)))
i = list(fire["site"]).index("Alfreton Community Fire Station")
print("alfreton fid", i + 1, "gia", fire["gia_m2"].iloc[i], "pop", repr(fpop[i]), "per resident", repr(fire["gia_m2"].iloc[i] / fpop[i]))
shared = 0.0; n = 0; best = (0.0, None)
for j, b in enumerate(lb):
    if fb[i].intersects(b):
        inter = fb[i].intersection(b)
        p = pop_in(inter)
        if p > 0:
            shared += p; n += 1
            if p > best[0]: best = (p, j + 1)
print("alfreton shared with libraries", repr(shared), n, "top library fid", best)
