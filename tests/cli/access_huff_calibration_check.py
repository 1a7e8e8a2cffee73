#!/usr/bin/python3
"""Independent maximum-likelihood fit of the Huff exponents with scipy (1.10.1), for the test
"access: Huff calibrated from observed users agrees with scipy" in access_cli_test.cpp.

The hospital toy (testdata/access_hospital_toy): scenario 0 costs, attractiveness = doctors,
and the observed users the test writes. Each user of zone i is one choice among the sites:
u_ij = alpha ln A_j - lambda g(c_ij), g = ln max(c, 1) (power) or c (exponential);
LL = sum_ij O_ij (u_ij - logsumexp_k u_ik); LL0 (alpha = lambda = 0) = -sum_i O_i ln 3.
Run: /usr/bin/python3 tests/cli/access_huff_calibration_check.py
"""
import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp, softmax

c = np.array([[1, 80, 40], [80, 1, 40], [40, 40, 1]], float)  # scenario0_costs.csv
A = np.array([15, 20, 100], float)                            # tracts.csv, doc
P = np.array([100, 50, 10], float)                            # tracts.csv, pop
O = np.array([[55, 5, 40], [4, 26, 20], [1, 1, 8]], float)    # the observed users

for form, g in (("power", np.log(np.maximum(c, 1))), ("exponential", c)):
    X = np.stack([np.broadcast_to(np.log(A)[None, :], c.shape), -g], axis=2)

    def nll(p):
        u = X @ p
        return -(O * (u - logsumexp(u, axis=1, keepdims=True))).sum()

    def gradient(p):
        probability = softmax(X @ p, axis=1)
        return -(np.einsum("ij,ijk->k", O, X) - np.einsum("i,ij,ijk->k", O.sum(1), probability, X))

    fit = minimize(nll, [0.0, 0.0], jac=gradient, method="BFGS", options={"gtol": 1e-9})
    alpha, lam = fit.x
    ll0 = -(O.sum(1) * np.log(3)).sum()
    w = A[None, :] ** alpha * (np.maximum(c, 1) ** -lam if form == "power" else np.exp(-lam * c))
    users = (P[:, None] * w / w.sum(1, keepdims=True)).sum(0)
    print(form, "alpha", repr(alpha), "lambda", repr(lam), "LL", repr(-fit.fun), "LL0", repr(ll0),
          "rho2", repr(1 + fit.fun / ll0), "max |gradient|", np.abs(gradient(fit.x)).max())
    print("  expected users per site", [repr(u) for u in users])
