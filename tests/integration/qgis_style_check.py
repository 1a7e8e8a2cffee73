#!/usr/bin/env python3
# A manual check, not run by ctest (QGIS is a large dependency no test needs): open the
# GeoPackages pooled writes in QGIS itself (Debian 12's python3-qgis 3.22) and print the
# renderer QGIS loaded from each layer's default style in layer_styles.
#   apt-get install --no-install-recommends python3-qgis
#   /usr/bin/python3 tests/integration/qgis_style_check.py out1.gpkg[:layer] out2.gpkg ...
# Without :layer, every layer that has a style row is checked. Exits 1 if a layer is invalid or
# QGIS's renderer is not the kind its stored style names (e.g. QGIS's default single symbol
# instead of the categories).
import os
import sqlite3
import sys
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402

app = QgsApplication([], False)
app.initQgis()
failed = False
for spec in sys.argv[1:]:
    path, _, only = spec.partition(":")
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT f_table_name, styleName, styleQML FROM layer_styles WHERE useAsDefault").fetchall()
    for table, style, qml in rows:
        stored = ET.fromstring(qml).find("renderer-v2").get("type")
        if only and table != only:
            continue
        layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        renderer = layer.renderer()
        kind = renderer.type() if renderer else None
        print(f"{path}:{table} valid={layer.isValid()} style={style!r} renderer={kind} "
              f"attr={getattr(renderer, 'classAttribute', lambda: '')()}")
        if kind == "categorizedSymbol":
            for c in renderer.categories():
                print(f"    category {c.value()!r} {c.label()!r} {c.symbol().color().name()} "
                      f"alpha={c.symbol().color().alpha()} {c.symbol().symbolLayer(0).layerType()}")
        elif kind == "graduatedSymbol":
            for r in renderer.ranges():
                print(f"    range {r.lowerValue()}..{r.upperValue()} {r.label()!r} {r.symbol().color().name()} "
                      f"alpha={r.symbol().color().alpha()} {r.symbol().symbolLayer(0).layerType()}")
        if not layer.isValid() or kind != stored:
            print(f"    FAILED: the stored style is a {stored}")
            failed = True
app.exitQgis()
sys.exit(1 if failed else 0)
