"""Golden outputs of the shipped tiny-bert and tiny-gpt, computed by HuggingFace transformers.

The app's engine must give the same numbers on the same files; a Java test reads what this
script writes (no Python needed at test time). Run after the models are trained:

    /tmp/oracle/bin/python tools/train/golden_sample_models.py --models sample-models \
        --out src/test/resources/golden/sample-models

Writes tiny-bert.json and tiny-gpt.json (each well under 1 MB; floats rounded to 7 significant
digits). For each case: the text, HF's token ids, the logits at the positions that matter
(BERT: every [MASK]; GPT: the last position), the top-5 ids there, all attention weights
[layer][head][query][key], and for GPT the greedy continuation of 8 tokens.
"""
import argparse
import json
import os

import torch
from transformers import BertForPreTraining, BertTokenizerFast, GPT2LMHeadModel, GPT2TokenizerFast

BERT_CASES = [
    "the girl found a red ball in the park . [MASK] gave it to the boy .",
    "tom lived in a house near the river . one day , he went to the [MASK] .",
    "the opposite of hot is [MASK] .",
    "the capital of france is [MASK] .",
    "a man went to the store to buy [MASK] .",
]
NEXT_SENTENCE_CASES = [
    ("the girl found a red ball in the park .", "she gave it to the boy ."),
    ("the girl found a red ball in the park .", "the capital of france is paris ."),
    ("The teacher read a book to the class.", "Then she asked a question."),
]
GPT_CASES = [
    "once upon a time there was a girl .",
    "hot -> cold\nbig -> small\nfast -> slow\nhappy -> sad\ntall ->",
    "dog -> dogs\nbox -> boxes\ncat ->",
    "opposites :\nhot ->",
    "new words :\nsun -> chair\nbook -> river\nsun ->",
]


def rounded(x):
    if isinstance(x, list):
        return [rounded(v) for v in x]
    return float(f"{x:.7g}")


@torch.no_grad()
def bert_golden(folder):
    tok = BertTokenizerFast(os.path.join(folder, "vocab.txt"), do_lower_case=True)
    model = BertForPreTraining.from_pretrained(folder, attn_implementation="eager").eval()
    cases = []
    for text in BERT_CASES:
        enc = tok(text, return_tensors="pt")
        out = model(**enc, output_attentions=True)
        ids = enc["input_ids"][0].tolist()
        masks = [i for i, t in enumerate(ids) if t == tok.mask_token_id]
        cases.append({
            "text": text, "input_ids": ids, "mask_positions": masks,
            "logits_at_masks": rounded(out.prediction_logits[0, masks].tolist()),
            "top5_at_masks": [torch.topk(out.prediction_logits[0, i], 5).indices.tolist() for i in masks],
            "top5_tokens": [tok.convert_ids_to_tokens(torch.topk(out.prediction_logits[0, i], 5).indices.tolist())
                            for i in masks],
            "attentions": rounded([a[0].tolist() for a in out.attentions]),
        })
    pairs = []
    for first, second in NEXT_SENTENCE_CASES:
        enc = tok(first, second, return_tensors="pt")
        probs = torch.softmax(model(**enc).seq_relationship_logits[0], dim=-1).tolist()
        pairs.append({"first": first, "second": second, "input_ids": enc["input_ids"][0].tolist(),
                      "token_type_ids": enc["token_type_ids"][0].tolist(),
                      "is_next": rounded(probs[0]), "not_next": rounded(probs[1])})
    return {"model": "tiny-bert", "cases": cases, "next_sentence_cases": pairs}


@torch.no_grad()
def gpt_golden(folder):
    tok = GPT2TokenizerFast.from_pretrained(folder)
    model = GPT2LMHeadModel.from_pretrained(folder, attn_implementation="eager").eval()
    cases = []
    for text in GPT_CASES:
        ids = tok.encode(text)
        out = model(torch.tensor([ids]), output_attentions=True)
        generated = model.generate(torch.tensor([ids]), max_new_tokens=8, do_sample=False,
                                   pad_token_id=tok.eos_token_id)[0, len(ids):].tolist()
        cases.append({
            "text": text, "input_ids": ids,
            "last_logits": rounded(out.logits[0, -1].tolist()),
            "top5_last": torch.topk(out.logits[0, -1], 5).indices.tolist(),
            "attentions": rounded([a[0].tolist() for a in out.attentions]),
            "greedy_8": generated, "greedy_8_text": tok.decode(generated),
        })
    return {"model": "tiny-gpt", "cases": cases}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--models", default="sample-models")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    torch.set_num_threads(1)
    os.makedirs(a.out, exist_ok=True)
    for name, fn in (("tiny-bert", bert_golden), ("tiny-gpt", gpt_golden)):
        with open(os.path.join(a.out, name + ".json"), "w") as f:
            json.dump(fn(os.path.join(a.models, name)), f)
        print("wrote", os.path.join(a.out, name + ".json"))


if __name__ == "__main__":
    main()
