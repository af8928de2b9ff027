"""Seconds per training step of a tiny GPT-2 in PyTorch, for the SameDiff-vs-PyTorch decision.

Same model and step as org.attentionlab.train.bench.SameDiffStepBenchmark: GPT-2 blocks
(pre-LayerNorm, causal attention, GELU MLP, tied head), batch of random token ids, Adam.

Run:  /tmp/oracle/bin/python tools/train/bench_torch_step.py --threads 1
      (options: --layers 2 --d 64 --heads 4 --context 64 --vocab 1000 --batch 32 --steps 50)
Prints one JSON line.
"""
import argparse
import json
import time

import torch
from transformers import GPT2Config, GPT2LMHeadModel


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--d", type=int, default=64)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--context", type=int, default=64)
    p.add_argument("--vocab", type=int, default=1000)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--steps", type=int, default=50)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    cfg = GPT2Config(vocab_size=a.vocab, n_positions=a.context, n_embd=a.d, n_layer=a.layers,
                     n_head=a.heads, resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    model = GPT2LMHeadModel(cfg)
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    ids = torch.randint(0, a.vocab, (a.batch, a.context))

    def step():
        out = model(input_ids=ids, labels=ids)
        opt.zero_grad(set_to_none=True)
        out.loss.backward()
        opt.step()
        return out.loss.item()

    for _ in range(5):
        step()
    start = time.perf_counter()
    for _ in range(a.steps):
        loss = step()
    per_step = (time.perf_counter() - start) / a.steps
    print(json.dumps({"engine": "pytorch", "threads": a.threads, "layers": a.layers, "d": a.d,
                      "heads": a.heads, "context": a.context, "vocab": a.vocab, "batch": a.batch,
                      "seconds_per_step": round(per_step, 4), "loss_after": round(loss, 3)}))


if __name__ == "__main__":
    main()
