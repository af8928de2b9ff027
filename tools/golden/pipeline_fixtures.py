"""End-to-end golden fixtures: text -> HF tokenizer -> HF model, for the CLI and service tests.

Run from the repository root with the oracle venv (see /work/shared/oracle/README.md):

    /tmp/oracle/bin/python tools/golden/pipeline_fixtures.py

It writes, under src/test/resources/golden/pipeline/:

    bert/   a tiny BertForMaskedLM with its own WordPiece vocab.txt (words, ##suffixes, punctuation)
    gpt2/   a tiny GPT2LMHeadModel with its own byte-level BPE (vocab.json + merges.txt) trained by
            HF tokenizers on a few sentences
    expected.json   for several texts: HF's tokens and ids, attentions, logits and (BERT) the top-5
            predictions for each [MASK]; for GPT-2, greedy generations from model.generate with the
            decoded text

Unlike transformers_fixtures.py (ids only), these folders are complete HF model folders, so the
Java side runs exactly what a user runs: `inspect` and `generate` on a folder. Weights are re-drawn
with a large std so attention rows are peaked (see the oracle README). Seeded: rerunning rewrites
identical files.
"""
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

import torch
from tokenizers import ByteLevelBPETokenizer
from transformers import (BertConfig, BertForMaskedLM, BertTokenizerLegacy, GPT2Config, GPT2LMHeadModel,
                          GPT2Tokenizer)

sys.path.insert(0, HERE)
from transformers_fixtures import r7, redraw_peaked, t2l  # noqa: E402  (shared rounding and peaked init)

torch.set_num_threads(1)
ROOT = os.path.join(HERE, "..", "..")
OUT = os.environ.get("PIPELINE_FIXTURES_OUT", os.path.join(ROOT, "src", "test", "resources", "golden", "pipeline"))

WORDS = ("the a an cat dog bird sat ran on under mat rug house garden she he it they was is saw "
         "big small red blue happy sad quick slow jump walk play teach learn attention head layer "
         "token model word sentence paris france berlin germany capital of and to in with").split()
SUFFIXES = ["##s", "##ed", "##ing", "##er", "##ly", "##ness"]
PUNCT = list(".,!?;:'\"-()")
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

BERT_TEXTS = [
    "The cat sat on the mat.",
    "She saw the [MASK] dog in the garden!",
    "Paris is the capital of [MASK].",
    "Teaching attention heads, quickly; playing happily?",
    "The unknownword zebra jumped.",
]
BERT_PAIRS = [["The cat sat.", "It was happy."]]
GPT_TEXTS = ["The cat sat on the mat.", "Attention is all", "hello", "Paris, France: the capital!"]
BPE_CORPUS = [
    "The cat sat on the mat. The dog ran in the garden. Attention heads look at tokens.",
    "Paris is the capital of France. Berlin is the capital of Germany. She saw a bird.",
    "hello world, hello attention! It's a small model: 1, 2, 3.",
] * 20


def fresh(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)


def save(model, path):
    model.save_pretrained(path, safe_serialization=True)
    gc = os.path.join(path, "generation_config.json")
    if os.path.exists(gc):
        os.remove(gc)


def bert():
    d = os.path.join(OUT, "bert")
    fresh(d)
    vocab = SPECIALS + WORDS + SUFFIXES + PUNCT
    with open(os.path.join(d, "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    with open(os.path.join(d, "tokenizer_config.json"), "w") as f:
        json.dump({"do_lower_case": True, "model_max_length": 48, "tokenizer_class": "BertTokenizer"}, f)
    tok = BertTokenizerLegacy(os.path.join(d, "vocab.txt"), do_lower_case=True)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=48, type_vocab_size=2,
                        attn_implementation="eager")
    model = BertForMaskedLM(config)
    redraw_peaked(model, 11)
    model.eval()
    save(model, d)
    cases = []
    inputs = [(t, None) for t in BERT_TEXTS] + [(a, b) for a, b in BERT_PAIRS]
    for text, pair in inputs:
        enc = tok(text, pair, return_token_type_ids=True) if pair is not None else tok(text, return_token_type_ids=True)
        ids = torch.tensor([enc["input_ids"]])
        tt = torch.tensor([enc["token_type_ids"]])
        with torch.no_grad():
            out = model(input_ids=ids, token_type_ids=tt, output_attentions=True)
        case = {"text": text, "pair": pair, "tokens": tok.convert_ids_to_tokens(enc["input_ids"]),
                "ids": enc["input_ids"], "token_type_ids": enc["token_type_ids"],
                "attentions": [t2l(a[0]) for a in out.attentions], "logits": t2l(out.logits[0])}
        masks = []
        for pos, i in enumerate(enc["input_ids"]):
            if i == tok.mask_token_id:
                probs = out.logits[0, pos].softmax(-1)
                # near-tie guard, as in transformers_fixtures.py: the Java side compares the top-5
                # ids exactly, so neighbouring probabilities (and the 5th and 6th) must be apart
                margin = (probs.topk(6).values[:-1] - probs.topk(6).values[1:]).min().item()
                print(f"  [MASK] at {pos} of {text!r}: smallest top-6 gap {margin:.2e}")
                assert margin > 1e-4, "top-5 too close to a tie to be a stable golden value"
                top = probs.topk(5)
                masks.append({"position": pos, "ids": top.indices.tolist(),
                              "tokens": tok.convert_ids_to_tokens(top.indices.tolist()),
                              "probs": r7(top.values.double().tolist())})
        case["mask_predictions"] = masks
        cases.append(case)
    return cases


def gpt2():
    d = os.path.join(OUT, "gpt2")
    fresh(d)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(BPE_CORPUS, vocab_size=300, min_frequency=2, special_tokens=["<|endoftext|>"],
                            show_progress=False)
    bpe.save_model(d)  # vocab.json + merges.txt
    tok = GPT2Tokenizer(os.path.join(d, "vocab.json"), os.path.join(d, "merges.txt"))
    vocab_size = len(tok)
    config = GPT2Config(vocab_size=vocab_size, n_embd=32, n_layer=2, n_head=4, n_positions=48,
                        bos_token_id=tok.eos_token_id, eos_token_id=tok.eos_token_id, attn_implementation="eager")
    torch.manual_seed(0)
    model = GPT2LMHeadModel(config)
    redraw_peaked(model, 12)
    model.eval()
    save(model, d)
    with open(os.path.join(d, "tokenizer_config.json"), "w") as f:
        json.dump({"model_max_length": 48, "tokenizer_class": "GPT2Tokenizer"}, f)
    cases = []
    for text in GPT_TEXTS:
        ids = tok(text)["input_ids"]
        x = torch.tensor([ids])
        with torch.no_grad():
            out = model(input_ids=x, output_attentions=True)
            gen = model.generate(x, attention_mask=torch.ones_like(x), do_sample=False, max_new_tokens=20,
                                 pad_token_id=tok.eos_token_id, output_scores=True, return_dict_in_generate=True)
        # near-tie guard, as in transformers_fixtures.py: every greedy step's top-1 must beat its top-2
        gaps = [(sc[0].topk(2).values[0] - sc[0].topk(2).values[1]).item() for sc in gen.scores]
        print(f"  greedy from {text!r}: {len(gen.scores)} steps, smallest top-1/top-2 gap {min(gaps):.2e}")
        assert min(gaps) > 1e-3, "greedy step too close to a tie to be a stable golden value"
        new_ids = gen.sequences[0, len(ids):].tolist()
        cases.append({"text": text, "tokens": tok.convert_ids_to_tokens(ids), "ids": ids,
                      "attentions": [t2l(a[0]) for a in out.attentions], "logits": t2l(out.logits[0]),
                      "greedy_new_ids": new_ids, "greedy_text": tok.decode(new_ids),
                      "eos_id": tok.eos_token_id})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {"bert": bert(), "gpt2": gpt2()}
    path = os.path.join(OUT, "expected.json")
    with open(path, "w") as f:
        json.dump(expected, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT), os.path.getsize(path) // 1024, "KB")


if __name__ == "__main__":
    main()
