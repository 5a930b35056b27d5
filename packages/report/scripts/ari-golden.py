# Writes test/fixtures/ari-golden.json: random label pairs with scikit-learn's adjusted_rand_score.
# Run once with Debian's interpreter (it has scikit-learn 1.2.1): /usr/bin/python3 scripts/ari-golden.py
import json
import random

import sklearn
from sklearn.metrics import adjusted_rand_score

rng = random.Random(20261124)
cases = []
for n, k_true, k_pred in [(2, 1, 2), (5, 2, 2), (10, 3, 4), (12, 12, 1), (20, 2, 5), (30, 5, 5), (50, 7, 3),
                          (100, 10, 12), (200, 4, 40), (300, 30, 25), (7, 7, 7), (40, 1, 1)]:
    truth = [rng.randrange(k_true) for _ in range(n)]
    pred = [rng.randrange(k_pred) - (1 if k_pred > 2 else 0) for _ in range(n)]  # -1 appears as a label
    cases.append({"truth": truth, "predicted": pred, "ari": adjusted_rand_score(truth, pred)})
# A near-perfect clustering, and a permuted copy.
truth = [i // 10 for i in range(100)]
pred = [t if i % 17 else (t + 1) % 10 for i, t in enumerate(truth)]
cases.append({"truth": truth, "predicted": pred, "ari": adjusted_rand_score(truth, pred)})
cases.append({"truth": truth, "predicted": [(t * 3 + 1) % 10 for t in truth], "ari": adjusted_rand_score(truth, [(t * 3 + 1) % 10 for t in truth])})
with open("test/fixtures/ari-golden.json", "w") as f:
    json.dump({"generator": f"scikit-learn {sklearn.__version__} adjusted_rand_score", "cases": cases}, f)
    f.write("\n")
