# Independent check of the San Francisco figures used by tests/unit/colocation: exact MIPs with
# PuLP + CBC (Debian python3-pulp 2.6, coinor-cbc 2.10). Run from this folder: /usr/bin/python3 check_with_pulp.py
import csv, pulp
rows=list(csv.DictReader(open('SF_network_distance_candidateStore_16_censusTract_205_new.csv')))
pop={r['DestinationName']:float(r['demand']) for r in rows}  # the demand column is the tract's POP2000
names=set(r['DestinationName'] for r in rows)
tracts=sorted(names); stores=sorted(set(r['name'] for r in rows))
c={(r['DestinationName'],r['name']):float(r['distance']) for r in rows}
w={t:pop[t] for t in tracts}
S=pulp.COIN_CMD(path='/usr/bin/cbc',msg=0)
prob=pulp.LpProblem('pm',pulp.LpMinimize)
y={s:pulp.LpVariable('y_'+s,cat='Binary') for s in stores}
x={(t,s):pulp.LpVariable(f'x_{i}_{j}',lowBound=0) for i,t in enumerate(tracts) for j,s in enumerate(stores)}
prob+=pulp.lpSum(w[t]*c[t,s]*x[t,s] for t in tracts for s in stores)
for t in tracts: prob+=pulp.lpSum(x[t,s] for s in stores)==1
for t in tracts:
  for s in stores: prob+=x[t,s]<=y[s]
prob+=pulp.lpSum(y.values())==4
prob.solve(S)
obj=pulp.value(prob.objective); print('pmedian',repr(obj), repr(obj/sum(w.values())), [s for s in stores if y[s].value()>0.5])
for R in [5000]:
  prob=pulp.LpProblem('mclp',pulp.LpMaximize)
  y={s:pulp.LpVariable('y_'+s,cat='Binary') for s in stores}
  z={t:pulp.LpVariable(f'z_{i}',cat='Binary') for i,t in enumerate(tracts)}
  prob+=pulp.lpSum(w[t]*z[t] for t in tracts)
  for t in tracts: prob+=z[t]<=pulp.lpSum(y[s] for s in stores if c[t,s]<=R)
  prob+=pulp.lpSum(y.values())==4
  prob.solve(S)
  print('mclp',R,pulp.value(prob.objective), sum(1 for t in tracts if z[t].value()<0.5), [s for s in stores if y[s].value()>0.5])
for R in [5000, 8000]:
  prob=pulp.LpProblem('lscp',pulp.LpMinimize)
  y={s:pulp.LpVariable('y_'+s,cat='Binary') for s in stores}
  prob+=pulp.lpSum(y.values())
  for t in tracts: prob+=pulp.lpSum(y[s] for s in stores if c[t,s]<=R)>=1
  st=prob.solve(S); print('lscp',R, pulp.LpStatus[st], pulp.value(prob.objective), [s for s in stores if y[s].value()>0.5])
  k=pulp.value(prob.objective)
  # strict backup
  prob=pulp.LpProblem('lscpb',pulp.LpMaximize)
  y={s:pulp.LpVariable('y_'+s,cat='Binary') for s in stores}
  u={t:pulp.LpVariable(f'u_{i}',cat='Binary') for i,t in enumerate(tracts)}
  prob+=pulp.lpSum(u.values())
  for t in tracts: prob+=pulp.lpSum(y[s] for s in stores if c[t,s]<=R)>=1+u[t]
  prob+=pulp.lpSum(y.values())==k
  st=prob.solve(S); print('backup strict',R, pulp.LpStatus[st], pulp.value(prob.objective))
prob=pulp.LpProblem('pc',pulp.LpMinimize)
y={s:pulp.LpVariable('y_'+s,cat='Binary') for s in stores}
x={(t,s):pulp.LpVariable(f'x_{i}_{j}',lowBound=0) for i,t in enumerate(tracts) for j,s in enumerate(stores)}
W=pulp.LpVariable('W')
prob+=W
for t in tracts: prob+=pulp.lpSum(x[t,s] for s in stores)==1
for t in tracts:
  for s in stores: prob+=x[t,s]<=y[s]
for t in tracts: prob+=pulp.lpSum(c[t,s]*x[t,s] for s in stores)<=W
prob+=pulp.lpSum(y.values())==4
prob.solve(S); print('pcenter', repr(pulp.value(W)), [s for s in stores if y[s].value()>0.5])
