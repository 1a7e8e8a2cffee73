# Exact CPMP check (PuLP + CBC, Debian): /usr/bin/python3 check_with_pulp.py free|self K...
# 'self' adds 'a median serves itself'. Reads cpmpKK.txt from this folder, or from $CPMP_DIR.
import os, sys, math, pulp, time
DIR=os.environ.get('CPMP_DIR', os.path.dirname(os.path.abspath(__file__)))
def load(k):
    L=open(os.path.join(DIR, f'cpmp{k:02d}.txt')).read().split()
    n,p=int(L[0]),int(L[1]); v=list(map(int,L[2:]))
    pts=[(v[4*i],v[4*i+1],v[4*i+2],v[4*i+3]) for i in range(n)]
    return n,p,pts
for k in map(int, sys.argv[2:]):
    n,p,pts=load(k)
    d=[[math.floor(math.hypot(a[0]-b[0],a[1]-b[1])) for b in pts] for a in pts]
    prob=pulp.LpProblem('c',pulp.LpMinimize)
    y=[pulp.LpVariable(f'y{j}',cat='Binary') for j in range(n)]
    x=[[pulp.LpVariable(f'x{i}_{j}',cat='Binary') for j in range(n)] for i in range(n)]
    prob+=pulp.lpSum(d[i][j]*x[i][j] for i in range(n) for j in range(n))
    for i in range(n): prob+=pulp.lpSum(x[i])==1
    for j in range(n): prob+=pulp.lpSum(pts[i][3]*x[i][j] for i in range(n))<=pts[j][2]*y[j]
    for i in range(n):
        for j in range(n): prob+=x[i][j]<=y[j]
    if sys.argv[1]=='self':
        for j in range(n): prob+=x[j][j]>=y[j]
    prob+=pulp.lpSum(y)==p
    t=time.time(); prob.solve(pulp.COIN_CMD(path='/usr/bin/cbc',msg=0, timeLimit=600))
    print(sys.argv[1], k, pulp.LpStatus[prob.status], pulp.value(prob.objective), round(time.time()-t,1), flush=True)
