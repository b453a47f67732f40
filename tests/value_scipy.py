#!/usr/bin/python3
"""An independent fit of BG/NBD and Gamma-Gamma with scipy, for tests/cli/cdnow_value.sh.

Reads CDNOW_master.txt (id, YYYYMMDD, cds, dollars), counts transactions by
distinct purchase day (a day with an order, a zero amount included) up to the calibration end (time in weeks), fits both
models by maximum likelihood (Gamma-Gamma on the repeat buyers who spent) and prints the parameters, the log-likelihoods
and the holdout comparison as name,value lines, the same names crm value fit
prints with --format csv.
"""
import sys
from collections import defaultdict
from datetime import date

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

master, cal_end, holdout_end = sys.argv[1], date.fromisoformat(sys.argv[2]), date.fromisoformat(sys.argv[3])
days = defaultdict(lambda: defaultdict(float))  # customer -> day -> spend
with open(master) as f:
    next(f)
    for line in f:
        cid, d, _, dollars = line.split()
        days[cid][date(int(d[:4]), int(d[4:6]), int(d[6:]))] += float(dollars)

rows, hold_count, hold_spend = [], [], []
for cid, spend in days.items():
    cal = sorted(d for d in spend if d <= cal_end and spend[d] >= 0)
    if not cal:
        continue
    first, last = cal[0], cal[-1]
    x = len(cal) - 1
    m = sum(spend[d] for d in cal[1:]) / x if x else 0.0
    rows.append((x, (last - first).days / 7, ((cal_end - first).days + 1) / 7, m))
    later = [spend[d] for d in spend if cal_end < d <= holdout_end and spend[d] >= 0]
    hold_count.append(len(later))
    hold_spend.append(sum(later) / len(later) if later else None)
x, tx, T, m = (np.array(c) for c in zip(*rows))


def bgnbd_ll(r, alpha, a, b):
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return np.sum(a1 + a2 + np.logaddexp(a3, a4))


rep = x > 0
xr, mr = x[rep & (m > 0)], m[rep & (m > 0)]


def gg_ll(p, q, g):
    px = p * xr
    return np.sum(gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g) + (px - 1) * np.log(mr)
                  + px * np.log(xr) - (px + q) * np.log(g + xr * mr))


def fit(ll, n):
    res = minimize(lambda v: -ll(*np.exp(v)) / len(x), np.zeros(n), method="Nelder-Mead",
                   options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000, "maxfev": 40000})
    res = minimize(lambda v: -ll(*np.exp(v)) / len(x), res.x, method="BFGS", options={"gtol": 1e-10})
    return np.exp(res.x)


r, alpha, a, b = fit(bgnbd_ll, 4)
p, q, g = fit(gg_ll, 3)
t = ((holdout_end - cal_end).days) / 7
z = t / (alpha + T + t)
palive = 1 / (1 + np.where(rep, a / np.maximum(b + x - 1, 1e-300) * ((alpha + T) / (alpha + tx)) ** (r + x), 0))
expected = (a + b + x - 1) / (a - 1) * (1 - hyp2f1(r + x, b + x, a + b + x - 1, z) * ((alpha + T) / (alpha + T + t)) ** (r + x)) * palive
spend = p * (g + x * m) / (p * x + q - 1)
buyers = [i for i, s in enumerate(hold_spend) if s is not None]
for name, value in [("r", r), ("alpha", alpha), ("a", a), ("b", b), ("bgnbd_log_likelihood", bgnbd_ll(r, alpha, a, b)),
                    ("p", p), ("q", q), ("gamma", g), ("gamma_gamma_log_likelihood", gg_ll(p, q, g)),
                    ("holdout_purchases_predicted", expected.sum()), ("holdout_purchases_actual", sum(hold_count)),
                    ("holdout_spend_predicted", np.mean([spend[i] for i in buyers])),
                    ("holdout_spend_actual", np.mean([hold_spend[i] for i in buyers]))]:
    print(f"{name},{value:.6g}")
