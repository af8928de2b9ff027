"""Shared helpers of the sample-model training scripts (tools/train/*.py).

Everything here is deterministic: seeds are set once, torch uses the number of threads it is
given (1 by default, so training never takes the whole machine), and data order comes from a
seeded generator.
"""
import json
import os
import random
import time

import numpy as np
import torch


def setup(seed, threads):
    """Fixes every random source and the thread count."""
    torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, sort_keys=False)
        f.write("\n")


def lr_at(step, total, peak, warmup):
    """Linear warm-up, then cosine decay to a tenth of the peak."""
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * progress)))


class Clock:
    """Wall time since creation, for logs and the README's training-time column."""

    def __init__(self):
        self.start = time.perf_counter()

    def seconds(self):
        return time.perf_counter() - self.start


def log(*parts):
    print(*parts, flush=True)
