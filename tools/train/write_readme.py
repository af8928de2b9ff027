"""Writes the metrics of the trained sample models into sample-models/README.md.

Reads every *.json that the training scripts wrote into --metrics and replaces the text
between <!-- metrics:begin --> and <!-- metrics:end --> in --readme with tables; each target
of issue 4 is shown next to its measurement as met / NOT met.

    /tmp/oracle/bin/python tools/train/write_readme.py --metrics target/train/metrics --readme sample-models/README.md
"""
import argparse
import glob
import json
import os

BEGIN = "<!-- metrics:begin -->"
END = "<!-- metrics:end -->"


def mark(ok):
    return "met" if ok else "**NOT met**"


def folder_bytes(path):
    return sum(os.path.getsize(f) for f in glob.glob(os.path.join(path, "*")) if os.path.isfile(f))


def render(metrics, models_dir, total_seconds):
    out = []
    sizes = {}
    for name in metrics:
        sizes[name] = folder_bytes(os.path.join(models_dir, name))
    total = sum(sizes.values())

    if "tiny-bert" in metrics:
        m = metrics["tiny-bert"]
        out += ["### tiny-bert (held-out stories, 15% of the words masked)", "",
                "| measure | value | target |", "|---|---|---|",
                f"| top-1 accuracy ({m['masked_words']} masked words) | {m['top1']:.1%} | ≥ 60%: {mark(m['top1'] >= 0.60)} |",
                f"| top-5 accuracy | {m['top5']:.1%} | ≥ 85%: {mark(m['top5'] >= 0.85)} |",
                f"| top-1 on masked pronouns ({m['pronouns']}) | {m['pronoun_top1']:.1%} | |",
                f"| size, training | {m['parameters']:,} parameters, {m['layers']} layers, d={m['d']}; "
                f"{m['steps']} steps in {m['train_seconds'] / 60:.1f} min | |", ""]

    if "tiny-gpt" in metrics:
        m = metrics["tiny-gpt"]
        out += ["### tiny-gpt", "",
                f"Held-out perplexity (test documents, per token): **{m['test_perplexity']:.3f}**. "
                f"{m['parameters']:,} parameters, {m['layers']} layers, d={m['d']}; {m['steps']} steps "
                f"in {m['train_seconds'] / 60:.1f} min.", "",
                "In-context accuracy (exact answer, greedy decoding to the end of the line), by number of "
                "examples in the prompt. *New prompts*: the query is a pair the model saw in training "
                "blocks, asked in a prompt that never occurs in training; every query word belongs to two "
                "tasks, so only the examples tell which answer is wanted. *Held-out pairs*: the pair never "
                "occurs in any training block; the model can only know it from the fact sentences. "
                "Target: accuracy rises with the number of examples and reaches 80% at 4 shots.", "",
                "| task | queries | 0 | 1 | 2 | 4 | 8 | target at 4 shots |", "|---|---|---|---|---|---|---|---|"]
        labels = {"seen": "new prompts", "heldout": "held-out pairs"}
        for split in ("seen", "heldout"):
            tasks = m["in_context"].get(split, {})
            for task, by_k in tasks.items():
                cells = " | ".join(f"{by_k[k]:.0%}" for k in ("0", "1", "2", "4", "8"))
                target = mark(by_k["4"] >= 0.80) if split == "seen" else ""
                out.append(f"| {task} | {labels[split]} | {cells} | {target} |")
            if tasks:
                mean = {k: sum(t[k] for t in tasks.values()) / len(tasks) for k in ("0", "1", "2", "4", "8")}
                cells = " | ".join(f"**{mean[k]:.0%}**" for k in ("0", "1", "2", "4", "8"))
                rises = mean["0"] < mean["1"] <= mean["2"] <= mean["4"] + 0.01
                note = f"rises with examples: {mark(rises)}" if split == "seen" else ""
                out.append(f"| **mean** | {labels[split]} | {cells} | {note} |")
        out.append("")

    rows = [n for n in ("seq2seq-dot", "seq2seq-bilinear", "seq2seq-mlp", "seq2seq-dates") if n in metrics]
    if rows:
        out += ["### seq2seq translators (held-out sentences)", "",
                "| model | score | exact match (≥ 95%) | attention argmax on gold word (≥ 90%) | parameters | training |",
                "|---|---|---|---|---|---|"]
        for n in rows:
            m = metrics[n]
            out.append(f"| {n} | {m['score']} | {m['exact_match']:.1%} ({mark(m['exact_match'] >= 0.95)}) | "
                       f"{m['attention_argmax']:.1%} ({mark(m['attention_argmax'] >= 0.90)}) | "
                       f"{m['parameters']:,} | {m['steps']} steps, {m['train_seconds']:.0f} s |")
        out.append("")

    out += ["### Sizes", "", "| model | bytes |", "|---|---|"]
    out += [f"| {n} | {sizes[n]:,} |" for n in sorted(sizes)]
    out += [f"| **all** | **{total:,}** ({mark(total < 25 * 1024 * 1024)}: under 25 MB) |", ""]
    if total_seconds is not None:
        out += [f"Whole run (corpus, vocabularies, training, evaluation): {total_seconds / 60:.1f} min.", ""]
    return "\n".join(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--metrics", required=True)
    p.add_argument("--readme", required=True)
    p.add_argument("--total-seconds", type=float, default=None)
    a = p.parse_args()
    metrics = {}
    for f in sorted(glob.glob(os.path.join(a.metrics, "*.json"))):
        with open(f) as fh:
            m = json.load(fh)
        metrics[m["model"]] = m
    with open(a.readme, encoding="utf-8") as fh:
        text = fh.read()
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{a.readme} has no {BEGIN} ... {END} section")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    body = render(metrics, os.path.dirname(a.readme), a.total_seconds)
    with open(a.readme, "w", encoding="utf-8") as fh:
        fh.write(head + BEGIN + "\n" + body + "\n" + END + tail)


if __name__ == "__main__":
    main()
