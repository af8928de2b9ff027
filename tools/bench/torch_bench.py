#!/usr/bin/env python3
"""PyTorch side of Attention Lab's speed comparison: HuggingFace transformers on the CPU, fp32.

Runs the same workloads as `java -jar attention-lab.jar bench` and prints one JSON object with
the median timings, so that tools/bench/compare.py can put the two side by side. Usually started
by compare.py; by hand:

    /tmp/oracle/bin/python tools/bench/torch_bench.py --model DIR --threads 2 \
        --tokens 128,16 --repeat 10

What is timed (after --warmup untimed runs):
  * BERT (model_type bert): the encoder (BertModel, eager attention) on --tokens ids, returning
    every layer's attention (output_attentions=True). The MLM head is not run, as in the Java
    bench with --record attentions.
  * GPT-2: greedy generate() with the KV cache, --new-tokens tokens after --prompt-ids (EOS does
    not stop it). A streamer notes when each token arrives: prefill_ms is the time to the first
    new token, decode_ms_per_token the mean time of each later one.
  * With --record all: the full model (LM/MLM head included) returning attentions and hidden
    states, as the app does for its small models.
The environment is the one in /work/shared/oracle (torch 2.13 CPU, transformers 5.17).
"""
import argparse
import json
import os
import statistics
import sys
import time


def parse_ids(text):
    return [int(t) for t in text.split(",") if t.strip()] if text else None


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="HF model folder (config.json + model.safetensors)")
    p.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: torch's default)")
    p.add_argument("--tokens", default="", help="forward over these lengths, e.g. 128,16")
    p.add_argument("--ids", default="", help="comma-separated ids; forward over N tokens uses the first N")
    p.add_argument("--record", choices=["attentions", "all"], default="attentions")
    p.add_argument("--prompt-ids", default="", help="GPT-2 greedy generate after these ids")
    p.add_argument("--new-tokens", type=int, default=64)
    p.add_argument("--repeat", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    a = p.parse_args()

    import torch
    from transformers import AutoConfig

    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1) if hasattr(torch, "set_num_interop_threads") else None
    config = AutoConfig.from_pretrained(a.model)
    kind = config.model_type
    t0 = time.perf_counter()
    model = load(kind, a.model, a.record == "all" or bool(a.prompt_ids))
    load_ms = (time.perf_counter() - t0) * 1000
    out = {
        "side": "pytorch",
        "versions": {"torch": torch.__version__, "transformers": __import__("transformers").__version__},
        "model": {"type": kind, "folder": a.model, "layers": config.num_hidden_layers},
        "threads": torch.get_num_threads(),
        "load_average": os.getloadavg()[0],
        "load_ms": round(load_ms, 1),
        "forward": [],
    }
    ids = parse_ids(a.ids)
    with torch.inference_mode():
        for n in [int(t) for t in a.tokens.split(",") if t.strip()]:
            x = torch.tensor([ids[:n]]) if ids else torch.randint(min(1000, config.vocab_size // 4),
                                                                   min(30000, config.vocab_size), (1, n))
            if x.shape[1] != n:
                sys.exit(f"--ids has {x.shape[1]} ids, fewer than {n}")
            kwargs = {"output_attentions": True}
            if a.record == "all":
                kwargs["output_hidden_states"] = True
            times = timed(lambda: model(x, **kwargs), a.warmup, a.repeat)
            out["forward"].append({"tokens": n, "record": a.record, **summary(times)})
        if a.prompt_ids:
            out["generate"] = generate(model, torch, parse_ids(a.prompt_ids), a.new_tokens, a.warmup, a.repeat)
    out["load_average_end"] = os.getloadavg()[0]
    print(json.dumps(out))


def load(kind, folder, with_head):
    import transformers as tf
    if kind == "bert":
        cls = tf.BertForMaskedLM if with_head else tf.BertModel
    elif kind == "gpt2":
        cls = tf.GPT2LMHeadModel if with_head else tf.GPT2Model
    else:
        sys.exit(f"model_type {kind} is not benchmarked")
    # eager attention: the implementation that returns attention weights, as the app needs
    extra = {"add_pooling_layer": False} if cls is tf.BertModel else {}
    model = cls.from_pretrained(folder, attn_implementation="eager", dtype=__import__("torch").float32, **extra)
    return model.eval()


def timed(run, warmup, repeat):
    for _ in range(warmup):
        run()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append((time.perf_counter() - t) * 1000)
    return times


def summary(times):
    return {"median_ms": round(statistics.median(times), 3), "min_ms": round(min(times), 3),
            "runs_ms": [round(t, 3) for t in times]}


def generate(model, torch, prompt, new_tokens, warmup, repeat):
    from transformers.generation.streamers import BaseStreamer

    class Clock(BaseStreamer):
        """Notes the time of each put(): the prompt first, then every new token."""

        def __init__(self):
            self.stamps = []

        def put(self, value):
            self.stamps.append(time.perf_counter())

        def end(self):
            pass

    x = torch.tensor([prompt])
    mask = torch.ones_like(x)
    runs = []
    result = None
    for i in range(warmup + repeat):
        clock = Clock()
        t = time.perf_counter()
        result = model.generate(x, attention_mask=mask, do_sample=False, max_new_tokens=new_tokens,
                                min_new_tokens=new_tokens, pad_token_id=0, use_cache=True, streamer=clock)
        total = time.perf_counter() - t
        if i >= warmup:
            token_times = clock.stamps[1:]  # stamps[0]: the prompt being handed to the streamer
            prefill = token_times[0] - t
            decode = (token_times[-1] - token_times[0]) / max(1, len(token_times) - 1)
            runs.append((total, prefill, decode))
    new_ids = result[0, len(prompt):].tolist()
    totals = [r[0] for r in runs]
    return {
        "prompt_tokens": len(prompt),
        "new_tokens": len(new_ids),
        "tokens_per_second": round(len(new_ids) / statistics.median(totals), 3),
        "total_ms": round(statistics.median(totals) * 1000, 3),
        "prefill_ms": round(statistics.median([r[1] for r in runs]) * 1000, 3),
        "decode_ms_per_token": round(statistics.median([r[2] for r in runs]) * 1000, 3),
        "runs_tokens_per_second": [round(len(new_ids) / t, 3) for t in totals],
        "ids": new_ids,
    }


if __name__ == "__main__":
    main()
