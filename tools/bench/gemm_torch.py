"""Single-thread GFLOP/s of torch.matmul on the products of a BERT-base layer, feature-major
(Y^T[out, T] = W[out, in] @ X^T[in, T]) and as nn.Linear does it (X[T, in] @ W^T). The Java side
is org.attentionlab.engine.tools.GemmBench (test classes)."""
import json
import sys
import time

import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
for t in (16, 128):
    for out, inp in ((2304, 768), (768, 768), (3072, 768), (768, 3072)):
        g = torch.Generator().manual_seed(1)
        w = torch.randn(out, inp, generator=g)
        x = torch.randn(inp, t, generator=g)
        xt = x.t().contiguous()
        row = {"tokens": t, "out": out, "in": inp}
        for name, fn in (("feature_major", lambda: w @ x), ("linear", lambda: torch.nn.functional.linear(xt, w))):
            reps = max(5, int(2e9 / (2.0 * out * inp * t)))
            for _ in range(reps):
                fn()
            times = []
            for _ in range(reps):
                t0 = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t0)
            times.sort()
            med = times[len(times) // 2]
            row[name + "_gflops"] = round(2.0 * out * inp * t / med / 1e9, 1)
        print(json.dumps(row))
