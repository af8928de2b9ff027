#!/usr/bin/env python3
"""Attention Lab against HuggingFace transformers (PyTorch, CPU, fp32), side by side on this machine.

    python3 tools/bench/compare.py                  # full run: 5 repetitions, 2 and 1 threads
    python3 tools/bench/compare.py --reps 3 --threads 2 --markdown

Runs each workload in our engine (the `bench` subcommand, in its own JVM) and in PyTorch
(tools/bench/torch_bench.py, in its own Python process), alternating which side goes first,
for --reps repetitions and each --threads setting (both sides limited to that many threads).
Each process reports the median of its own timed runs after warm-up; the table shows the median
of those over the repetitions, and the ratio of the medians.

Workloads (the targets of issue 3):
  gpt2 decode   GPT-2 124M, greedy, KV cache, 64 new tokens after an 8-token prompt: tokens/s,
                target >= 1.5x PyTorch; both sides must generate the same ids
  bert 128/16   BERT-base encoder over 128 / 16 tokens returning every attention:
                target <= 0.7x / <= 0.5x PyTorch's time
  tiny          full forward (attentions, masks, hidden states, logits) of 4-layer d=128 models
                over 64 tokens: target < 10 ms
  peak memory   resident set of a GPT-2 124M `bench` generate run (/usr/bin/time -v): < 1.5 GB

Needs: the oracle Python (--python, default /tmp/oracle/bin/python; see ../shared/oracle), a
JDK 17 and Maven with the project's dependencies (the script compiles and asks Maven for the
class path, offline), and the random-init checkpoints from make_models.py (made if missing).
The machine's load average is recorded before and after every run: other processes change the
numbers, so rerun when it is above the number of cores.
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default="/tmp/attention-lab-bench", help="checkpoint folder (make_models.py)")
    p.add_argument("--python", default="/tmp/oracle/bin/python", help="Python with torch and transformers")
    p.add_argument("--reps", type=int, default=5, help="repetitions of each side")
    p.add_argument("--threads", default="2,1", help="thread settings to run, e.g. 2,1")
    p.add_argument("--only", default="gpt2,bert,tiny,memory", help="workload groups to run")
    p.add_argument("--out", default=os.path.join(ROOT, "target", "bench", "compare.json"), help="raw results")
    p.add_argument("--markdown", action="store_true", help="also print the table as Markdown (for the README)")
    a = p.parse_args()

    groups = set(a.only.split(","))
    threads = [int(t) for t in a.threads.split(",")]
    ensure_models(a)
    java = java_command()
    inputs = make_inputs()
    runs = []  # one entry per process run

    started = time.time()
    for rep in range(a.reps):
        for n in threads:
            sides = ["attention-lab", "pytorch"] if rep % 2 == 0 else ["pytorch", "attention-lab"]
            for group in ["gpt2", "bert", "tiny"]:
                if group not in groups:
                    continue
                for side in sides:
                    for job in jobs(group, a.models, inputs):
                        cmd = (java + ["bench"] + job["ours"]) if side == "attention-lab" else \
                            ([a.python, os.path.join(HERE, "torch_bench.py")] + job["theirs"])
                        cmd = cmd + ["--threads", str(n)]
                        result = run_json(cmd, n)
                        result["rep"] = rep
                        result["job"] = job["name"]
                        runs.append(result)
                        log(f"rep {rep + 1}/{a.reps}, {n} thread(s), {job['name']:<9} {side:<13} "
                            f"{brief(result)}  (load {result['load_before']:.1f})")
    memory = measure_memory(java, a) if "memory" in groups else None

    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump({"runs": runs, "memory": memory, "inputs": inputs, "machine": machine()}, f)
    rows = table(runs, threads, memory)
    print()
    print(f"Attention Lab vs PyTorch {torch_version(runs)}: medians of {a.reps} alternating runs per side; "
          f"{machine()['cpus']} CPUs; load average {load_summary(runs)}; {time.time() - started:.0f} s")
    print_table(rows)
    check_outputs(runs)
    if a.markdown:
        print()
        print_markdown(rows, a.reps, runs)
    print(f"\nraw results: {a.out}")


def ensure_models(a):
    names = ["gpt2-124m", "bert-base", "tiny-gpt2", "tiny-bert"]
    if all(os.path.exists(os.path.join(a.models, n, "config.json")) for n in names):
        return
    log(f"writing random-init checkpoints to {a.models}")
    subprocess.run([a.python, os.path.join(HERE, "make_models.py"), "--out", a.models], check=True)


def java_command():
    """Compiles the project and returns the java command line that runs its Main class."""
    log("compiling (mvn -q -o compile) and reading the class path")
    subprocess.run(["mvn", "-q", "-o", "compile"], cwd=ROOT, check=True)
    cp_file = os.path.join(ROOT, "target", "bench", "classpath.txt")
    os.makedirs(os.path.dirname(cp_file), exist_ok=True)
    subprocess.run(["mvn", "-q", "-o", "dependency:build-classpath", f"-Dmdep.outputFile={cp_file}"],
                   cwd=ROOT, check=True)
    with open(cp_file) as f:
        cp = os.path.join(ROOT, "target", "classes") + os.pathsep + f.read().strip()
    return ["java", "-cp", cp, "org.attentionlab.app.Main"]


def make_inputs():
    """The same token ids for both sides (fixed seed, away from the special tokens)."""
    r = random.Random(20240601)
    return {
        "prompt": [r.randrange(1000, 50000) for _ in range(8)],
        "bert": [r.randrange(1000, 30000) for _ in range(128)],
        "tiny": [r.randrange(10, 2000) for _ in range(64)],
    }


def jobs(group, models, inputs):
    ids = lambda xs: ",".join(map(str, xs))  # noqa: E731
    if group == "gpt2":
        common = ["--model", os.path.join(models, "gpt2-124m"), "--prompt-ids", ids(inputs["prompt"]),
                  "--new-tokens", "64", "--warmup", "1", "--repeat", "3"]
        return [{"name": "gpt2", "ours": common, "theirs": common}]
    if group == "bert":
        common = ["--model", os.path.join(models, "bert-base"), "--tokens", "128,16", "--ids", ids(inputs["bert"]),
                  "--warmup", "5", "--repeat", "9"]
        return [{"name": "bert", "ours": common, "theirs": common}]
    out = []
    for name in ["tiny-bert", "tiny-gpt2"]:
        common = ["--model", os.path.join(models, name), "--tokens", "64", "--ids", ids(inputs["tiny"]),
                  "--record", "all", "--warmup", "200", "--repeat", "100"]
        out.append({"name": name, "ours": common + ["--no-generate"], "theirs": common})
    return out


def run_json(cmd, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads),
               OPENBLAS_NUM_THREADS="1")
    before = os.getloadavg()[0]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    after = os.getloadavg()[0]
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd[:6])} ...\n{proc.stderr[-3000:]}")
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    result = json.loads(lines[-1])
    result["load_before"] = before
    result["load_after"] = after
    return result


def measure_memory(java, a):
    """Peak resident memory of a GPT-2 124M generate run, ours and PyTorch's, by /usr/bin/time -v."""
    common = ["--model", os.path.join(a.models, "gpt2-124m"), "--new-tokens", "64", "--warmup", "0", "--repeat", "1",
              "--threads", "2"]
    out = {}
    for side, cmd in [("attention-lab", java + ["bench"] + common + ["--prompt-tokens", "8"]),
                      ("pytorch", [a.python, os.path.join(HERE, "torch_bench.py")] + common
                       + ["--prompt-ids", ",".join(map(str, make_inputs()["prompt"]))])]:
        proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        out[side] = int(m.group(1)) / 1024 if m else None
        log(f"peak memory {side}: {out[side]:.0f} MB" if out[side] else f"peak memory {side}: not measured")
    return out


def med(runs, side, threads, job, pick):
    values = [pick(r) for r in runs if r["side"] == side and r["threads"] == threads and r["job"] == job]
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def forward_ms(tokens):
    def pick(r):
        for f in r.get("forward", []):
            if f["tokens"] == tokens:
                return f["median_ms"]
        return None
    return pick


def table(runs, threads, memory):
    rows = []
    for n in threads:
        tps = lambda r: r.get("generate", {}).get("tokens_per_second")  # noqa: E731
        ours = med(runs, "attention-lab", n, "gpt2", tps)
        theirs = med(runs, "pytorch", n, "gpt2", tps)
        if ours is not None:
            ratio = ours / theirs
            rows.append(dict(what="GPT-2 124M greedy decode (tokens/s)", threads=n, ours=ours, theirs=theirs,
                             ratio=ratio, target=">= 1.5x", met=ratio >= 1.5 if n == 2 else None,
                             note=f"{ours / 40:.0%} of the ~40 tok/s bandwidth estimate"))
            for key, label in [("decode_ms_per_token", "  decode ms/token"), ("prefill_ms", "  prefill ms (8 tokens)")]:
                o = med(runs, "attention-lab", n, "gpt2", lambda r, k=key: r.get("generate", {}).get(k))
                t = med(runs, "pytorch", n, "gpt2", lambda r, k=key: r.get("generate", {}).get(k))
                rows.append(dict(what=label, threads=n, ours=o, theirs=t, ratio=o / t, target="", met=None, note=""))
        for tokens, target in [(128, 0.7), (16, 0.5)]:
            ours = med(runs, "attention-lab", n, "bert", forward_ms(tokens))
            theirs = med(runs, "pytorch", n, "bert", forward_ms(tokens))
            if ours is not None:
                ratio = ours / theirs
                rows.append(dict(what=f"BERT-base forward {tokens} tokens + attentions (ms)", threads=n, ours=ours,
                                 theirs=theirs, ratio=ratio, target=f"<= {target}x",
                                 met=ratio <= target if n == 2 else None, note=""))
        for name in ["tiny-bert", "tiny-gpt2"]:
            ours = med(runs, "attention-lab", n, name, forward_ms(64))
            theirs = med(runs, "pytorch", n, name, forward_ms(64))
            if ours is not None:
                rows.append(dict(what=f"{name} (4x128) forward 64 tokens, all items (ms)", threads=n, ours=ours,
                                 theirs=theirs, ratio=ours / theirs, target="< 10 ms", met=ours < 10, note=""))
    if memory:
        ours = memory.get("attention-lab")
        theirs = memory.get("pytorch")
        rows.append(dict(what="GPT-2 124M generate, peak resident memory (MB)", threads=2, ours=ours, theirs=theirs,
                         ratio=ours / theirs if ours and theirs else None, target="< 1536 MB",
                         met=ours is not None and ours < 1536, note=""))
    return rows


def fmt(v):
    if v is None:
        return "-"
    return f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def print_table(rows):
    print(f"{'workload':<52} {'thr':>3} {'ours':>9} {'pytorch':>9} {'ratio':>7} {'target':>10} {'met':>5}")
    for r in rows:
        met = "" if r["met"] is None else ("yes" if r["met"] else "NO")
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        print(f"{r['what']:<52} {r['threads']:>3} {fmt(r['ours']):>9} {fmt(r['theirs']):>9} {ratio:>7} "
              f"{r['target']:>10} {met:>5}  {r['note']}")


def print_markdown(rows, reps, runs):
    print("| Workload | Threads | Attention Lab | PyTorch | Ratio | Target | Met |")
    print("|---|---:|---:|---:|---:|---|---|")
    for r in rows:
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        print(f"| {r['what'].strip()} | {r['threads']} | {fmt(r['ours'])} | {fmt(r['theirs'])} | {ratio} | "
              f"{r['target']} | {met} |")
    print(f"\nMedians of {reps} alternating runs per side; load average {load_summary(runs)}.")


def check_outputs(runs):
    """Greedy decoding must give the same ids on both sides (same weights, same prompt)."""
    ours = [r["generate"]["ids"] for r in runs if r["side"] == "attention-lab" and "generate" in r]
    theirs = [r["generate"]["ids"] for r in runs if r["side"] == "pytorch" and "generate" in r]
    if ours and theirs:
        same = all(o == theirs[0] for o in ours) and all(t == theirs[0] for t in theirs)
        print(f"greedy ids identical on both sides in every run: {'yes' if same else 'NO'}")


def brief(r):
    parts = []
    if "generate" in r:
        parts.append(f"{r['generate']['tokens_per_second']:.1f} tok/s")
    for f in r.get("forward", []):
        parts.append(f"{f['tokens']} tok {f['median_ms']:.1f} ms")
    return ", ".join(parts)


def load_summary(runs):
    loads = [r["load_before"] for r in runs] + [r["load_after"] for r in runs]
    return f"{statistics.mean(loads):.1f} mean, {max(loads):.1f} max" if loads else "-"


def torch_version(runs):
    for r in runs:
        if r["side"] == "pytorch":
            return f"(torch {r['versions']['torch']}, transformers {r['versions']['transformers']})"
    return ""


def machine():
    return {"cpus": os.cpu_count(), "uname": " ".join(os.uname())}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
