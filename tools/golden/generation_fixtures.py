"""Golden fixtures for the generation lab, produced by HuggingFace transformers.

Run from the repository root (the oracle venv is made by /work/shared/oracle/setup.sh):

    /tmp/oracle/bin/python tools/golden/generation_fixtures.py

For tiny-gpt (sample-models/tiny-gpt) and the random GPT-2 of the engine fixtures
(src/test/resources/golden/gpt2/model) it writes src/test/resources/golden/generation/<name>.json:
a prompt and a few steps of greedy continuation (model.generate), and for each step

  - the next-token logits of GPT2LMHeadModel (eager, fp32) and their softmax,
  - for several (temperature, top_k, top_p) settings (the softmax after temperature is left out
    when the temperature is 1, and the renormalised distribution lists the kept ids only), HF's warpers in HF's order
    (TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper, as model.generate builds them):
    the softmax after temperature, the ids kept by top-k, the ids kept after top-p, and the
    renormalised distribution over the kept ids,
  - the logit lens: model.transformer.ln_f and lm_head on hidden_states[i] of the last token for
    every i < n_layer (hidden_states[n_layer] is already after ln_f: the model's own logits),
    top-3 ids and softmax probabilities per layer.

It also prints the warper classes model.generate builds for sampling, to show the order.
Floats are rounded to 7 significant digits. Running it again rewrites identical files.
"""
import json
import math
import os

import torch
from transformers import GenerationConfig, GPT2LMHeadModel
from transformers.generation.logits_process import (TemperatureLogitsWarper, TopKLogitsWarper,
                                                    TopPLogitsWarper)

torch.set_num_threads(1)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "generation")

SETTINGS = [  # temperature, top_k, top_p
    (1.0, 0, 1.0), (0.7, 0, 1.0), (1.6, 0, 1.0), (1.0, 5, 1.0), (1.0, 0, 0.9),
    (0.8, 10, 0.85), (1.3, 40, 0.95), (0.3, 3, 0.5), (2.0, 200, 0.05),
]
MODELS = {  # name: folder, prompt ids, steps written out in full (every step is in the greedy check)
    # tiny-gpt's vocabulary is 4,252 ids, so each full step is ~0.7 MB of distributions: one is enough
    # next to the random GPT-2's three
    "tiny-gpt": (os.path.join(ROOT, "sample-models", "tiny-gpt"), [101, 17, 250, 33, 8, 412, 5], 1),
    "random-gpt2": (os.path.join(ROOT, "src", "test", "resources", "golden", "gpt2", "model"), [17, 3, 88, 45, 61], 3),
}
STEPS = 3


def r7(x):
    if isinstance(x, list):
        return [r7(v) for v in x]
    if math.isinf(x):
        return None
    return float(f"{x:.7g}")


def warp(logits, temperature, top_k, top_p):
    """HF's warpers in HF's order on a [1, V] tensor; returns the stages."""
    scores = logits.clone()
    if temperature != 1.0:
        scores = TemperatureLogitsWarper(temperature)(None, scores)
    tempered = torch.softmax(scores, dim=-1)
    if top_k > 0:
        scores = TopKLogitsWarper(top_k)(None, scores)
    kept_k = torch.nonzero(scores[0] != -math.inf).flatten().tolist()
    if top_p < 1.0:
        scores = TopPLogitsWarper(top_p)(None, scores)
    kept_p = torch.nonzero(scores[0] != -math.inf).flatten().tolist()
    renorm = torch.softmax(scores, dim=-1)
    return {"temperature": temperature, "top_k": top_k, "top_p": top_p,
            "tempered": r7(tempered[0].tolist()) if temperature != 1.0 else None,
            "kept_by_top_k": kept_k, "kept_by_top_p": kept_p,
            "renormalised": r7(renorm[0, kept_p].tolist())}


def show_order(model):
    gc = GenerationConfig(do_sample=True, temperature=0.8, top_k=10, top_p=0.9)
    try:
        procs = model._get_logits_processor(generation_config=gc, input_ids_seq_length=1,
                                            encoder_input_ids=None, prefix_allowed_tokens_fn=None,
                                            logits_processor=None)
        print("model.generate's warpers:", [type(p).__name__ for p in procs])
    except Exception as e:  # the private signature changes between versions
        print("could not list model.generate's warpers:", e)


def fixture(name, path, prompt, written_steps):
    model = GPT2LMHeadModel.from_pretrained(path, attn_implementation="eager").eval()
    show_order(model)
    ids = list(prompt)
    steps = []
    with torch.no_grad():
        for s in range(STEPS):
            out = model(torch.tensor([ids]), output_hidden_states=True)
            logits = out.logits[:, -1, :]
            hs = out.hidden_states
            n_layer = model.config.n_layer
            lens = []
            for i in range(n_layer + 1):
                h = hs[i][:, -1, :]
                if i < n_layer:
                    h = model.transformer.ln_f(h)
                p = torch.softmax(model.lm_head(h), dim=-1)[0]
                top = torch.topk(p, 3)
                lens.append({"layer": i, "ids": top.indices.tolist(), "probs": r7(top.values.tolist())})
            if s >= written_steps:
                ids.append(int(torch.argmax(logits[0])))
                continue
            steps.append({
                "ids": list(ids),
                "logits": r7(logits[0].tolist()),
                "probabilities": r7(torch.softmax(logits, dim=-1)[0].tolist()),
                "stages": [warp(logits, *st) for st in SETTINGS],
                "lens": lens,
            })
            ids.append(int(torch.argmax(logits[0])))
        greedy = model.generate(torch.tensor([prompt]), do_sample=False, max_new_tokens=STEPS,
                                attention_mask=torch.ones(1, len(prompt), dtype=torch.long),
                                pad_token_id=model.config.eos_token_id)[0, len(prompt):].tolist()
    assert greedy == ids[len(prompt):len(prompt) + len(greedy)], (greedy, ids)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({"model": name, "prompt": prompt, "greedy": greedy, "steps": steps}, f, separators=(",", ":"))
        f.write("\n")
    print(name, "greedy continuation", greedy)


if __name__ == "__main__":
    for name, (path, prompt, written) in MODELS.items():
        fixture(name, path, prompt, written)
