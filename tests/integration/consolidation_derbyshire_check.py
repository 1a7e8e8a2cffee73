# Independent check (PuLP + CBC, plain Python) of the Derbyshire library consolidation figures in
# consolidation_derbyshire_test.cpp and tests/cli/consolidate_cli_test.cpp.
# Straight-line-equivalent travel time = distance / (30 km/h = 30 / 3.6 m/s); zones are the 651
# LSOA21 polygons at their representative point (GEOS PointOnSurface, as pooled), libraries the
# 60 open ones of libraries_2016 (closed XL/XLR left out). Run in a scratch directory with
# /usr/bin/python3 (PuLP 2.6, CBC 2.10 at /usr/bin/cbc) after exporting the inputs:
#   ogr2ogr -f CSV z.csv testdata/derbyshire/derbyshire_zones.gpkg -dialect SQLite -sql "select lsoa21cd, ts0010001, ruc21_urban_rural as ruc, ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y from lsoa21"
#   ogr2ogr -f CSV l.csv testdata/derbyshire/derbyshire_facilities.gpkg -sql "select id, name, closed, ST_X(geom) as x, ST_Y(geom) as y from libraries_2016"
#   /usr/bin/python3 consolidation_derbyshire_check.py [KEPT_ID,KEPT_ID,...]   (pooled's kept ids, to re-measure)
# For the fire register (tests/cli/consolidate_cli_test.cpp: keep 20 of the 32 DFRS sites that are
# not staff houses), also export it and add --fire:
#   ogr2ogr -f CSV f.csv testdata/derbyshire/derbyshire_facilities.gpkg -sql "select fid + 0 as site_id, site, status, gia_m2, ST_X(geom) as x, ST_Y(geom) as y from fire_estate_dfrs_2016 where status <> 'N/A'"
import csv, math, sys, pulp

z = list(csv.DictReader(open('z.csv')))
fire = '--fire' in sys.argv
sys.argv = [a for a in sys.argv if a != '--fire']
libs = [l for l in csv.DictReader(open('l.csv')) if not l['closed']]
if fire:  # the fire register's sites take the libraries' place (ids: the FID)
    libs = [dict(l, id=l['site_id']) for l in csv.DictReader(open('f.csv'))]
P = [float(r['ts0010001']) for r in z]
total = sum(P)
speed = 30 / 3.6
T = [[math.sqrt((float(r['x']) - float(l['x'])) ** 2 + (float(r['y']) - float(l['y'])) ** 2) / speed for l in libs] for r in z]
cutoff = 900.0
rural = [r['ruc'] == 'Rural' for r in z]
cbc = pulp.COIN_CMD(path='/usr/bin/cbc', msg=0)


def measure(open_sites, label):
    best = [min(T[i][j] for j in open_sites) for i in range(len(z))]
    within = sum(P[i] for i in range(len(z)) if best[i] <= cutoff)
    mean = sum(P[i] * best[i] for i in range(len(z))) / total
    r_total = sum(P[i] for i in range(len(z)) if rural[i])
    r_within = sum(P[i] for i in range(len(z)) if rural[i] and best[i] <= cutoff)
    print(label, 'share within', repr(within / total), 'mean s', repr(mean), 'rural share', repr(r_within / r_total))


def fewest(share, group_share, sites=None):
    m = pulp.LpProblem('fewest', pulp.LpMinimize)
    y = [pulp.LpVariable(f'y{j}', cat='Binary') for j in range(len(libs))]
    c = [pulp.LpVariable(f'c{i}', 0, 1) for i in range(len(z))]
    m += pulp.lpSum(y)
    for i in range(len(z)):
        m += c[i] <= pulp.lpSum(y[j] for j in range(len(libs)) if T[i][j] <= cutoff)
    m += pulp.lpSum(P[i] * c[i] for i in range(len(z))) >= share * total
    for g in (True, False):
        if group_share > 0:
            gt = sum(P[i] for i in range(len(z)) if rural[i] == g)
            m += pulp.lpSum(P[i] * c[i] for i in range(len(z)) if rural[i] == g) >= group_share * gt
    if sites is not None:
        m += pulp.lpSum(y) == sites
    m.solve(cbc)
    return pulp.LpStatus[m.status], pulp.value(m.objective)


measure(range(len(libs)), 'all open:')
if not fire:
    print('fewest for 95%:', fewest(0.95, 0))
    print('14 sites for 95%:', fewest(0.95, 0, 14))
    print('fewest for 95% and 90% of urban and of rural:', fewest(0.95, 0.90))

# p-median, keep 15: least total person-seconds to the nearest kept library.
m = pulp.LpProblem('pmedian', pulp.LpMinimize)
y = [pulp.LpVariable(f'y{j}', cat='Binary') for j in range(len(libs))]
x = [[pulp.LpVariable(f'x{i}_{j}', 0, 1) for j in range(len(libs))] for i in range(len(z))]
m += pulp.lpSum(P[i] * T[i][j] * x[i][j] for i in range(len(z)) for j in range(len(libs)))
for i in range(len(z)):
    m += pulp.lpSum(x[i]) == 1
    for j in range(len(libs)):
        m += x[i][j] <= y[j]
keep = 20 if fire else 15
m += pulp.lpSum(y) == keep
m.solve(cbc)
if fire:
    closed = [l for j, l in enumerate(libs) if y[j].value() < 0.5]
    print('closed', [l['id'] for l in closed], 'floor area', sum(float(l['gia_m2']) for l in closed))
print('p-median keep', keep, ':', pulp.LpStatus[m.status], 'objective', repr(pulp.value(m.objective)),
      'mean s', repr(pulp.value(m.objective) / total), 'kept', [libs[j]['id'] for j in range(len(libs)) if y[j].value() > 0.5])

if len(sys.argv) > 1:
    kept = sys.argv[1].split(',')
    measure([j for j, l in enumerate(libs) if l['id'] in kept], 'pooled kept:')
