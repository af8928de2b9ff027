"""Golden fixtures for the masked-word lesson (MaskingService), produced by HuggingFace transformers.

Run from the repository root with the oracle venv (see /work/shared/oracle/README.md):

    /tmp/oracle/bin/python tools/golden/masking_fixtures.py

It reads the tiny BertForMaskedLM folder written by pipeline_fixtures.py
(src/test/resources/golden/pipeline/bert, peaked random weights, its own WordPiece vocab) and writes,
under src/test/resources/golden/masking/:

    bert-no-head/   the same encoder saved as BertModel (no cls.predictions), with the vocabulary:
                    a BERT checkpoint that cannot predict words
    expected.json   for several texts (one sentence pair) and a corruption of each: the selected
                    positions, the corrupted ids, and what HF computes on them: the softmax of
                    BertForMaskedLM's logits at every selected position (top 20 ids and
                    probabilities, the original token's probability and rank), the per-position
                    CrossEntropyLoss (reduction="none") and the mean (reduction="mean"), with every
                    position that was not selected labelled -100 (ignored). One case is corrupted by
                    HF's own DataCollatorForLanguageModeling (seeded), one has a typed [MASK].

Seeded and deterministic: rerunning rewrites identical files.
"""
import json
import os
import shutil
import sys

import torch
from transformers import BertForMaskedLM, BertModel, BertTokenizerLegacy, DataCollatorForLanguageModeling

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from transformers_fixtures import r7  # noqa: E402  (shared rounding)

torch.set_num_threads(1)
ROOT = os.path.join(HERE, "..", "..")
SRC = os.path.join(ROOT, "src", "test", "resources", "golden", "pipeline", "bert")
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "masking")
TOP = 20

# (text, pair, [(position, action, random token)]): action "mask", "random" (token given) or "keep"
CASES = [
    ("The cat sat on the mat.", None, [(2, "mask", None), (5, "mask", None)]),
    ("She saw the big red dog in the garden!", None, [(1, "mask", None), (4, "random", "paris"), (9, "keep", None)]),
    ("Teaching attention heads, quickly; playing happily?", None,
     [(1, "mask", None), (2, "mask", None), (6, "random", "cat"), (11, "keep", None)]),
    ("The cat sat.", "It was happy.", [(2, "mask", None), (7, "mask", None), (8, "random", "dog")]),
]
TYPED = "Paris is the [MASK] of france."
COLLATOR_TEXT = "the cat sat on the mat and the dog ran in the garden with a small red bird"


def predictions(model, ids, type_ids, positions, originals):
    """HF's answer for one corrupted input: top-20, original prob and rank, per-position and mean loss."""
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([ids]), token_type_ids=torch.tensor([type_ids])).logits[0]
    labels = torch.full((len(ids),), -100, dtype=torch.long)
    for p, o in zip(positions, originals):
        if o >= 0:
            labels[p] = o
    per = torch.nn.CrossEntropyLoss(reduction="none", ignore_index=-100)(logits, labels)
    scored = [o >= 0 for o in originals]
    mean = torch.nn.CrossEntropyLoss(ignore_index=-100)(logits, labels).item() if any(scored) else None
    probs = torch.softmax(logits, dim=-1)
    out = []
    for p, o in zip(positions, originals):
        top = torch.topk(probs[p], TOP)
        entry = {"position": p, "original_id": o, "top_ids": top.indices.tolist(), "top_probs": r7(top.values.tolist())}
        if o >= 0:
            entry["original_prob"] = r7(probs[p, o].item())
            entry["original_rank"] = int((probs[p] > probs[p, o]).sum().item()) + 1
            entry["loss"] = r7(per[p].item())
        out.append(entry)
    return out, (r7(mean) if mean is not None else None)


def main():
    tok = BertTokenizerLegacy(os.path.join(SRC, "vocab.txt"), do_lower_case=True)
    model = BertForMaskedLM.from_pretrained(SRC).eval()
    os.makedirs(OUT, exist_ok=True)

    head_less = os.path.join(OUT, "bert-no-head")
    shutil.rmtree(head_less, ignore_errors=True)
    BertModel.from_pretrained(SRC).save_pretrained(head_less, safe_serialization=True)
    for f in ("vocab.txt", "tokenizer_config.json"):
        shutil.copy(os.path.join(SRC, f), os.path.join(head_less, f))

    cases = []
    for text, pair, corruption in CASES:
        enc = tok(text, pair, return_token_type_ids=True) if pair else tok(text, return_token_type_ids=True)
        ids, type_ids = enc["input_ids"], enc["token_type_ids"]
        corrupted = list(ids)
        positions, originals = [], []
        for p, action, random_token in corruption:
            if action == "mask":
                corrupted[p] = tok.mask_token_id
            elif action == "random":
                corrupted[p] = tok.convert_tokens_to_ids(random_token)
            positions.append(p)
            originals.append(ids[p])
        preds, mean = predictions(model, corrupted, type_ids, positions, originals)
        cases.append({"text": text, "pair": pair, "ids": ids, "tokens": tok.convert_ids_to_tokens(ids),
                      "positions": positions, "corrupted_ids": corrupted, "predictions": preds, "mean_loss": mean})

    # HF's own collator draws the selection and the 80/10/10 replacement.
    torch.manual_seed(7)
    collator = DataCollatorForLanguageModeling(tok, mlm=True, mlm_probability=0.15, return_tensors="pt")
    enc = tok(COLLATOR_TEXT, return_token_type_ids=True)
    while True:
        batch = collator([{"input_ids": enc["input_ids"]}])
        labels = batch["labels"][0].tolist()
        if sum(1 for x in labels if x != -100) >= 3:
            break
    corrupted = batch["input_ids"][0].tolist()
    positions = [i for i, x in enumerate(labels) if x != -100]
    preds, mean = predictions(model, corrupted, enc["token_type_ids"], positions, [labels[p] for p in positions])
    cases.append({"text": COLLATOR_TEXT, "pair": None, "ids": enc["input_ids"],
                  "tokens": tok.convert_ids_to_tokens(enc["input_ids"]), "positions": positions,
                  "corrupted_ids": corrupted, "predictions": preds, "mean_loss": mean, "source": "collator"})

    enc = tok(TYPED, return_token_type_ids=True)
    positions = [i for i, x in enumerate(enc["input_ids"]) if x == tok.mask_token_id]
    preds, mean = predictions(model, enc["input_ids"], enc["token_type_ids"], positions, [-1] * len(positions))
    cases.append({"text": TYPED, "pair": None, "ids": enc["input_ids"], "tokens": tok.convert_ids_to_tokens(enc["input_ids"]),
                  "positions": positions, "corrupted_ids": enc["input_ids"], "predictions": preds, "mean_loss": mean})

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"top": TOP, "mask_id": tok.mask_token_id, "cases": cases}, f, indent=1)
        f.write("\n")
    print("wrote", len(cases), "cases to", OUT)


if __name__ == "__main__":
    main()
