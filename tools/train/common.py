"""Shared helpers of the sample-model training scripts (tools/train/*.py).

Everything here is deterministic: seeds are set once, torch uses the number of threads it is
given (1 by default, so training never takes the whole machine), and data order comes from a
seeded generator.
"""
import argparse
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


def training_seconds(metrics_path, seconds):
    """seconds, or with --evaluate-only (seconds None) the training time the metrics file at
    metrics_path already holds: only training measures it."""
    if seconds is None and os.path.exists(metrics_path):
        with open(metrics_path, encoding="utf-8") as f:
            return json.load(f).get("train_seconds")
    return seconds


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


def language_model_args(tokenizer_help, length_flag, length_default, lr, steps=4000):
    """Parses the command line that train_bert.py and train_gpt.py share. Each names its own
    sequence-length option (--max-len, --context) and learning rate; the option sits where it
    always has, so --help reads the same."""
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", required=True)
    p.add_argument("--tokenizer", required=True, help=tokenizer_help)
    p.add_argument("--out", required=True)
    p.add_argument("--metrics", required=True)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--steps", type=int, default=steps)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument(length_flag, type=int, default=length_default)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--d", type=int, default=96)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--lr", type=float, default=lr)
    p.add_argument("--eval-docs", type=int, default=1000)
    p.add_argument("--evaluate-only", action="store_true",
                   help="evaluate the model already in --out and write the metrics, without training")
    return p.parse_args()


def adamw(model, lr, decay_matrices_only):
    """AdamW with betas (0.9, 0.98) and weight decay 0.01, on every parameter or, with
    decay_matrices_only, on weight matrices and embeddings only (biases and norms not decayed)."""
    if not decay_matrices_only:
        return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01, betas=(0.9, 0.98))
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                             lr=lr, betas=(0.9, 0.98))


def train_language_model(model, opt, a, next_batch_loss, clock):
    """The transformer trainers' loop: a.steps steps of warm-up-then-cosine learning rate
    (peak a.lr), next_batch_loss() (which draws the step's batch), gradients clipped to norm 1;
    the loss is logged every 200 steps and at the last."""
    for step in range(a.steps):
        for g in opt.param_groups:
            g["lr"] = lr_at(step, a.steps, a.lr, warmup=min(200, a.steps // 10))
        loss = next_batch_loss()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 200 == 0 or step == a.steps - 1:
            log(f"step {step} loss {loss.item():.3f} ({clock.seconds():.0f} s)")


class Clock:
    """Wall time since creation, for logs and the README's training-time column."""

    def __init__(self):
        self.start = time.perf_counter()

    def seconds(self):
        return time.perf_counter() - self.start


def log(*parts):
    print(*parts, flush=True)
