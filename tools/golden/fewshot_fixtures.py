"""Golden fixtures for the prompt lab (issue 13): HuggingFace's greedy continuation of few-shot prompts.

    /tmp/oracle/bin/python tools/golden/fewshot_fixtures.py [--model sample-models/tiny-gpt]
        [--tasks sample-models/tiny-gpt/tasks.json] [--out src/test/resources/golden/fewshot/tiny-gpt.json]

For each case the prompt text is built here, independently of the Java code, in the lesson's
format: an optional description line, example lines "input ARROW output", and the query line
"input ARROW", joined by "\\n". Then, with GPT2LMHeadModel (eager attention, fp32):

- greedy decoding, one token at a time, up to 8 new tokens, stopping at the first token whose
  text holds a line break or, in "first_word" cases, ends the first word; or at <|endoftext|>;
  every generated id (the stop token included) and its softmax probability;
  model.generate(do_sample=False) is checked to choose the same ids;
- the answer: the continuation's text up to the stop, stripped;
- the top 5 first tokens (id, probability);
- the attention row of the prompt's last token, [layer][head][key], and its sum over each line
  of the prompt (a token belongs to the line its first character is in, a line break to the
  line it ends), using the fast tokenizer's offsets.

The model's weights change when the sample models are retrained: then run this script again.
"""
import argparse
import hashlib
import json
import os
import random

import torch
from transformers import AutoTokenizer, GPT2LMHeadModel

MAX_NEW = 8


def r7(x):
    return float(f"{x:.7g}")


def build_prompt(description, examples, query, arrow):
    lines = []
    if description:
        lines.append(description.strip())
    lines += [f"{a.strip()} {arrow} {b.strip()}" for a, b in examples]
    lines.append(f"{query.strip()} {arrow}")
    return "\n".join(lines)


def cut(text, first_word):
    """Where the answer ends in the continuation so far, or -1."""
    at = text.find("\n")
    if first_word:
        stripped = len(text) - len(text.lstrip())
        word_end = -1
        for i in range(stripped, len(text)):
            if text[i].isspace():
                word_end = i
                break
        if word_end >= 0:
            return word_end if at < 0 else min(at, word_end)
    return at


@torch.no_grad()
def greedy(model, tok, ids, first_word):
    eos = model.config.eos_token_id
    new, probs, top5 = [], [], None
    answer = None
    for _ in range(MAX_NEW):
        logits = model(torch.tensor([ids + new])).logits[0, -1]
        p = torch.softmax(logits, -1)
        nxt = int(torch.argmax(logits))
        if top5 is None:
            v, i = torch.topk(p, 5)
            top5 = [[int(a), r7(float(b))] for a, b in zip(i, v)]
        new.append(nxt)
        probs.append(r7(float(p[nxt])))
        if nxt == eos:
            answer = tok.decode(new[:-1])
            break
        text = tok.decode(new)
        c = cut(text, first_word)
        if c >= 0:
            answer = text[:c]
            break
    if answer is None:
        answer = tok.decode(new)
    gen = model.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                         do_sample=False, max_new_tokens=len(new), pad_token_id=eos)
    assert gen[0, len(ids):].tolist()[:len(new)] == new, "generate() chose other tokens than the step-by-step loop"
    return new, probs, answer.strip(), top5


@torch.no_grad()
def attention(model, tok, text):
    enc = tok(text, return_offsets_mapping=True)
    ids, offsets = enc["input_ids"], enc["offset_mapping"]
    out = model(torch.tensor([ids]), output_attentions=True)
    row = [[[r7(float(x)) for x in head[-1]] for head in layer[0]] for layer in out.attentions]
    ends, at = [], 0
    for part in text.split("\n"):
        at += len(part) + 1
        ends.append(at)
    ends[-1] -= 1
    line_of = []
    for s, _ in offsets:
        line_of.append(next((i for i, e in enumerate(ends) if s < e), len(ends) - 1))
    mass = []
    for layer in out.attentions:
        lm = []
        for head in layer[0]:
            m = [0.0] * len(ends)
            for k, li in enumerate(line_of):
                m[li] += float(head[-1, k])
            lm.append([r7(x) for x in m])
        mass.append(lm)
    return ids, row, mass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="sample-models/tiny-gpt")
    ap.add_argument("--tasks", default=None, help="tasks.json (default: the model folder's, else the test fixture)")
    ap.add_argument("--out", default="src/test/resources/golden/fewshot/tiny-gpt.json")
    a = ap.parse_args()
    torch.manual_seed(0)
    tasks_file = a.tasks or os.path.join(a.model, "tasks.json")
    if not os.path.exists(tasks_file):
        tasks_file = "src/test/resources/fewshot/tiny-gpt-v1-tasks.json"
    tasks = json.load(open(tasks_file))
    if isinstance(tasks, dict):
        tasks = tasks["tasks"]
    tok = AutoTokenizer.from_pretrained(a.model)
    assert tok.is_fast
    model = GPT2LMHeadModel.from_pretrained(a.model, attn_implementation="eager").eval()
    rng = random.Random(13)

    cases = []

    def add(description, examples, query, expected, arrow="->", first_word=False, free_text=None):
        text = free_text if free_text is not None else build_prompt(description, examples, query, arrow)
        ids = tok(text)["input_ids"]
        new, probs, answer, top5 = greedy(model, tok, ids, first_word)
        att_ids, row, mass = attention(model, tok, text)
        assert att_ids == ids
        cases.append({"description": description, "examples": examples, "query": query, "expected": expected,
                      "arrow": arrow, "first_word": first_word, "free_text": free_text, "text": text,
                      "prompt_ids": ids, "new_ids": new, "probs": probs, "answer": answer, "top5": top5,
                      "attention_row": row, "line_mass": mass})

    for t in tasks:
        pairs = [p if isinstance(p, list) else [p["input"], p["output"]] for p in t["pairs"]]
        queries = [q if isinstance(q, list) else [q["input"], q["output"]] for q in t["queries"]]
        desc = t.get("description") or ""
        arrow = t.get("arrow") or "->"
        for k in (0, 1, 4):
            q = rng.choice(queries)
            pool = [p for p in pairs if p[0] != q[0] and p[0] != q[1]]
            ex = rng.sample(pool, k)
            add(desc, ex, q[0], q[1], arrow)
            if desc and k == 4:
                add("", ex, q[0], q[1], arrow)
    # free text, as a teacher would type it (GPT-3 paper's example), and a first-word answer
    add("", [], "cheese", None, free_text="Translate English to French:\nsea otter => loutre de mer\ncheese =>")
    add("", [], "hot", None, first_word=True, free_text="the opposite of hot is")
    add("", [["hot", "cold"], ["cold", "hot"]], "hot", "cold", first_word=True)

    with open(os.path.join(a.model, "model.safetensors"), "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump({"model": os.path.basename(os.path.normpath(a.model)), "model_sha256": sha,
                   "tasks_file": tasks_file, "max_new_tokens": MAX_NEW, "cases": cases}, f, separators=(",", ":"))
    print(f"{len(cases)} cases -> {a.out} ({os.path.getsize(a.out)} bytes)")


if __name__ == "__main__":
    main()
