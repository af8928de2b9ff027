"""Prints the README's prompt-lab accuracy table: `fewshot --model M --task T --orders 3 --json`
for every task the model ships in tasks.json, as a markdown table (mean over the example
orders, worst-best order in brackets when they differ).

    mvn -q -o compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
    python3 tools/bench/fewshot_table.py [--model tiny-gpt] [--orders 3]

Runs the project's own command (the numbers are the chart's); needs no Python packages.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def fewshot(cp, model, task, orders):
    out = subprocess.run(["java", "-cp", cp, "org.attentionlab.app.Main", "fewshot", "--model", model, "--task", task,
                          "--orders", str(orders), "--json"], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def pct(x):
    """A fraction as a whole percentage, halves rounded up (37/40 = 92.5% reads 93%)."""
    return int(100 * x + 0.5 + 1e-9)


def cell(row):
    mean, lo, hi = pct(row["accuracy"]), pct(row["min"]), pct(row["max"])
    return f"{mean}%" + (f" ({lo}-{hi})" if lo != hi else "")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="tiny-gpt")
    p.add_argument("--orders", type=int, default=3)
    a = p.parse_args()
    cp_file = os.path.join(ROOT, "target", "cp.txt")
    if not os.path.exists(cp_file):
        sys.exit("target/cp.txt is missing: run mvn -q -o compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt")
    cp = os.path.join(ROOT, "target", "classes") + os.pathsep + open(cp_file).read().strip()
    folder = os.path.join(ROOT, "sample-models", a.model)
    tasks = json.load(open(os.path.join(folder, "tasks.json")))
    print("| task | queries | prompts | k = 0 | 1 | 2 | 4 | 8 |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for t in tasks:
        r = fewshot(cp, a.model, t["name"], a.orders)
        name = t["name"] + (" (prompt-only)" if t.get("kind") == "prompt-only" else "")
        for with_desc in (True, False):
            rows = sorted((x for x in r["accuracy"] if x["with_description"] == with_desc), key=lambda x: x["shots"])
            if not rows:
                continue
            label = "desc" if with_desc else "plain"
            first = f"| {name} | {r['queries']} | {label} |" if with_desc else "| | | plain |"
            print(first + " " + " | ".join(cell(x) for x in rows) + " |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
