# Independent numpy check of the Derbyshire integration test: GP list size per head by LSOA,
# 2SFCA with a 10 km straight-line catchment, in-area practices, equity by IMD 2019 decile.
# Run in a scratch directory with /usr/bin/python3 (numpy 1.24) after exporting the inputs:
#   ogr2ogr -f CSV z.csv testdata/derbyshire/derbyshire_zones.gpkg -sql "select lsoa21cd, ts0010001, ST_X(geom) as x, ST_Y(geom) as y from lsoa21_pwc"
#   ogr2ogr -f CSV d.csv testdata/derbyshire/derbyshire_zones.gpkg -sql "select lsoa21cd, imd19_index_of_multiple_deprivation_imd_decile as decile from lsoa21"
#   ogr2ogr -f CSV g.csv testdata/derbyshire/derbyshire_facilities.gpkg -sql "select code, number_of_patients, in_area, ST_X(geom) as x, ST_Y(geom) as y from gp_practices_2022"
import numpy as np, csv
z = list(csv.DictReader(open('z.csv'))); d = {r['lsoa21cd']: float(r['decile']) for r in csv.DictReader(open('d.csv'))}
g = [r for r in csv.DictReader(open('g.csv')) if r['in_area'] == '1']
P = np.array([float(r['ts0010001']) for r in z]); zx = np.array([[float(r['x']), float(r['y'])] for r in z])
S = np.array([float(r['number_of_patients']) for r in g]); gx = np.array([[float(r['x']), float(r['y'])] for r in g])
dec = np.array([d[r['lsoa21cd']] for r in z])
D = np.sqrt(((zx[:, None, :] - gx[None, :, :]) ** 2).sum(-1)); W = (D <= 10000).astype(float)
R = S / (P @ W); A = W @ R
print('practices', len(g), 'list', S.sum(), 'pop', P.sum(), 'pairs', int(W.sum()))
mu = (P * A).sum() / P.sum(); print('mean', repr(mu), 'min', repr(A.min()), 'max', repr(A.max()))
o = np.argsort(A, kind='stable'); a, w = A[o], P[o]; Wt = w.sum(); below = np.cumsum(w) - w; above = Wt - below - w
gini = (w * a * (below - above)).sum() / (Wt * Wt * mu); print('gini', repr(gini))
cw = np.cumsum(w) / Wt; ca = np.cumsum(w * a) / (w * a).sum()
def L(p):
    k = np.searchsorted(cw, p); prev_w = cw[k - 1] if k else 0; prev_a = ca[k - 1] if k else 0
    return prev_a + (p - prev_w) * Wt * a[k] / (w * a).sum()
print('palma', repr((1 - L(0.9)) / L(0.4)))
q = A / mu; print('theil', repr((P * q * np.log(q)).sum() / Wt))
# concentration index ranked by decile (ties share their group's midpoint rank)
r = np.zeros_like(A); before = 0.0
for v in np.unique(dec):
    m = dec == v; t = P[m].sum(); r[m] = (before + t / 2) / Wt; before += t
print('ci', repr(2 * (P * (A - mu) * (r - 0.5)).sum() / (Wt * mu)))
for v in np.unique(dec):
    m = dec == v; print('decile', int(v), 'zones', int(m.sum()), 'pop', P[m].sum(), 'mean', repr((P[m] * A[m]).sum() / P[m].sum()))
