"""Golden fixtures for the BERT and GPT-2 engines, produced by HuggingFace transformers.

Run from the repository root (the oracle venv is made by /work/shared/oracle/setup.sh):

    /tmp/oracle/bin/python tools/golden/transformers_fixtures.py

It writes, under src/test/resources/golden/:

    bert/model/                tiny BertForMaskedLM (keys "bert.*" and "cls.*"), fp32
    bert/model-base-noprefix/  the same encoder saved as BertModel (no "bert." prefix, no MLM head)
    bert/model-sharded/        the same BertForMaskedLM split into several shards with an index
    bert/fixtures.json         inputs and HF outputs: single sentence, sentence pair, padded
                               batch member, input with [MASK] (top-5 ids and probabilities)
    gpt2/model/                tiny GPT2LMHeadModel (keys "transformer.*", lm_head tied to wte)
    gpt2/model-base-noprefix/  the same weights saved as GPT2Model (no "transformer." prefix)
    gpt2/model-f16/, model-bf16/  the same model stored in float16 / bfloat16
    gpt2/fixtures.json         lengths 1, 5, 17, 40, a right-padded input, greedy generations
                               from model.generate, and the outputs of HF's temperature, top-k and
                               top-p logits warpers on a few logit vectors

Why the weights are re-drawn: HF's default init (std 0.02) makes every attention row almost
uniform, so a wrong scale, mask or softmax would still "match". Every weight matrix is re-drawn
with std 0.3, LayerNorm gains around 1 and biases with std 0.1 (so that a forgotten bias shows),
and the script prints the largest row entropy and the smallest row peak to show rows are peaked.
Attention is "eager" so that HF returns the probabilities. Floats are rounded to 7 significant
digits; masked entries of the additive mask are recorded once as the exact float32 value.
Everything is seeded: running the script again rewrites identical files.
"""
import json
import math
import os
import shutil
import sys

import torch
from safetensors import safe_open
from transformers import (BertConfig, BertForMaskedLM, BertModel, GPT2Config, GPT2LMHeadModel,
                          GPT2Model)
from transformers.generation.logits_process import (TemperatureLogitsWarper, TopKLogitsWarper,
                                                    TopPLogitsWarper)

torch.set_num_threads(1)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "src", "test", "resources", "golden")
MASK_VALUE = torch.finfo(torch.float32).min  # what HF's eager mask adds to hidden scores

# Tiny vocabulary layout shared with the Java tests: 0 [PAD], 1 [UNK], 2 [CLS], 3 [SEP], 4 [MASK].
PAD, CLS, SEP, MASK = 0, 2, 3, 4
VOCAB = 120


def r7(x):
    """Rounds floats (nested lists) to 7 significant digits; -inf becomes null."""
    if isinstance(x, list):
        return [r7(v) for v in x]
    if math.isinf(x):
        return None
    return float(f"{x:.7g}")


def t2l(t):
    return r7(t.detach().double().tolist())


def redraw_peaked(model, seed):
    """Replaces every parameter with draws that make attention rows peaked and biases visible."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() >= 2:
                p.copy_(torch.randn(p.shape, generator=g) * 0.3)
            elif name.endswith("bias"):
                p.copy_(torch.randn(p.shape, generator=g) * 0.1)
            else:  # LayerNorm gains
                p.copy_(1.0 + torch.randn(p.shape, generator=g) * 0.1)


def peak_report(what, attentions, valid=None):
    """Prints the largest row entropy (nats) and the smallest row maximum over all heads and rows."""
    worst_entropy, worst_peak = 0.0, 1.0
    for a in attentions:  # [1, heads, T, T]
        p = a[0]
        if valid is not None:
            p = p[:, valid][:, :, valid]
        ent = -(p.clamp_min(1e-30) * p.clamp_min(1e-30).log()).sum(-1)
        worst_entropy = max(worst_entropy, ent.max().item())
        worst_peak = min(worst_peak, p.max(-1).values.min().item())
    print(f"  {what}: max row entropy {worst_entropy:.3f} nats, min row peak {worst_peak:.3f}")


def save(model, path, **kw):
    if os.path.isdir(path):
        shutil.rmtree(path)
    model.save_pretrained(path, safe_serialization=True, **kw)
    for junk in ("generation_config.json",):
        if os.path.exists(os.path.join(path, junk)):
            os.remove(os.path.join(path, junk))


def keys_of(path):
    with safe_open(os.path.join(path, "model.safetensors"), "pt") as f:
        return sorted(f.keys())


def write_json(obj, path):
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    print(f"  wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path) // 1024} KB)")


def raw_scores_capture(attn_modules, qk_of):
    """Hooks that recompute each layer's QK^T * scaling exactly as HF's eager attention does."""
    captured = []

    def hook(module, args, kwargs):
        hidden = args[0] if args else kwargs["hidden_states"]
        q, k = qk_of(module, hidden)  # [1, heads, T, d]
        captured.append(torch.matmul(q, k.transpose(-1, -2)) * module.scaling)

    handles = [m.register_forward_pre_hook(hook, with_kwargs=True) for m in attn_modules]
    return captured, handles


# ----------------------------------------------------------------------------------------- BERT

def bert_fixtures():
    print("BERT")
    config = BertConfig(vocab_size=VOCAB, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=64, type_vocab_size=2,
                        hidden_act="gelu", layer_norm_eps=1e-12, pad_token_id=PAD,
                        attn_implementation="eager")
    torch.manual_seed(1234)
    mlm = BertForMaskedLM(config).eval()
    redraw_peaked(mlm, 1234)
    mlm.tie_weights()
    assert mlm.cls.predictions.decoder.weight.data_ptr() == mlm.bert.embeddings.word_embeddings.weight.data_ptr()

    d = os.path.join(OUT, "bert")
    save(mlm, os.path.join(d, "model"))
    save(mlm, os.path.join(d, "model-sharded"), max_shard_size="40KB")
    base = BertModel(config, add_pooling_layer=False).eval()
    base.load_state_dict(mlm.bert.state_dict())
    save(base, os.path.join(d, "model-base-noprefix"))
    assert not any(k.startswith("bert.") for k in keys_of(os.path.join(d, "model-base-noprefix")))
    n_shards = len([f for f in os.listdir(os.path.join(d, "model-sharded")) if f.endswith(".safetensors")])
    print(f"  sharded copy: {n_shards} shards")
    assert n_shards >= 2

    def qk(module, hidden):
        b, t, _ = hidden.shape
        shape = (b, t, module.num_attention_heads, module.attention_head_size)
        return (module.query(hidden).view(shape).transpose(1, 2),
                module.key(hidden).view(shape).transpose(1, 2))

    captured, handles = raw_scores_capture([l.attention.self for l in mlm.bert.encoder.layer], qk)

    def run(name, ids, type_ids, attention_mask, batch_with=None, raw_scores=False):
        """Runs one input (optionally as row 1 of a padded batch) and returns its fixture case."""
        rows_ids, rows_types, rows_mask = [ids], [type_ids], [attention_mask]
        if batch_with is not None:  # the case is the second member of a batch of two
            rows_ids.insert(0, batch_with)
            rows_types.insert(0, [0] * len(batch_with))
            rows_mask.insert(0, [1] * len(batch_with))
        member = len(rows_ids) - 1
        captured.clear()
        with torch.no_grad():
            out = mlm(input_ids=torch.tensor(rows_ids), token_type_ids=torch.tensor(rows_types),
                      attention_mask=torch.tensor(rows_mask), output_attentions=True, output_hidden_states=True)
        attentions = [a[member:member + 1] for a in out.attentions]
        valid = [i for i, m in enumerate(attention_mask) if m == 1]
        peak_report(name, attentions, valid)
        case = {
            "name": name, "ids": ids, "type_ids": type_ids, "attention_mask": attention_mask,
            "attentions": [t2l(a[0]) for a in attentions],           # [layer][head][T][T]
            "hidden_states": [t2l(h[member]) for h in out.hidden_states],  # [layer+1][T][D]
            "logits": t2l(out.logits[member]),                        # [T][V]
        }
        if raw_scores:
            case["raw_scores"] = [t2l(s[member]) for s in captured]   # [layer][head][T][T]
            for s, a in zip(captured, attentions):
                hidden = torch.tensor(attention_mask) == 0
                masked = s[member] + torch.where(hidden, MASK_VALUE, 0.0)
                assert torch.all(masked[:, :, hidden] == MASK_VALUE), "masked scores are not finfo.min"
                assert torch.all(a[0][:, :, hidden] == 0.0), "padded keys did not get exactly 0"
        masks = [i for i, t in enumerate(ids) if t == MASK]
        if masks:
            probs = out.logits[member].softmax(-1)
            case["mask_top5"] = []
            for p in masks:
                top = probs[p].topk(6)
                margin = (top.values[:-1] - top.values[1:]).min().item()
                print(f"  [MASK] at {p}: top-5 {top.indices[:5].tolist()}, smallest gap {margin:.2e}")
                assert margin > 1e-4, "top-5 too close to a tie to be a stable golden value"
                case["mask_top5"].append({"position": p, "ids": top.indices[:5].tolist(),
                                          "probs": t2l(top.values[:5])})
        return case

    cases = [
        run("single", [CLS, 17, 45, 88, 23, 9, 61, SEP], [0] * 8, [1] * 8, raw_scores=True),
        run("pair", [CLS, 17, 45, 88, SEP, 70, 33, 101, 12, SEP], [0] * 5 + [1] * 5, [1] * 10),
        run("padded", [CLS, 64, 52, 19, SEP, PAD, PAD, PAD], [0] * 8, [1] * 5 + [0] * 3,
            batch_with=[CLS, 11, 52, 73, 94, 36, 27, SEP], raw_scores=True),
        run("mask", [CLS, 30, MASK, 57, 81, MASK, 40, SEP], [0] * 8, [1] * 8),
    ]
    for h in handles:
        h.remove()
    write_json({"mask_value": MASK_VALUE, "vocab_size": VOCAB, "cases": cases}, os.path.join(d, "fixtures.json"))


# ---------------------------------------------------------------------------------------- GPT-2

def gpt2_fixtures():
    print("GPT-2")
    eos = VOCAB - 1
    config = GPT2Config(vocab_size=VOCAB, n_embd=32, n_layer=2, n_head=4, n_positions=64,
                        activation_function="gelu_new", layer_norm_epsilon=1e-5,
                        bos_token_id=eos, eos_token_id=eos, attn_implementation="eager")
    torch.manual_seed(4321)
    lm = GPT2LMHeadModel(config).eval()
    redraw_peaked(lm, 4321)
    lm.tie_weights()
    assert lm.lm_head.weight.data_ptr() == lm.transformer.wte.weight.data_ptr()

    d = os.path.join(OUT, "gpt2")
    save(lm, os.path.join(d, "model"))
    base = GPT2Model(config).eval()
    base.load_state_dict(lm.transformer.state_dict())
    save(base, os.path.join(d, "model-base-noprefix"))
    assert not any(k.startswith("transformer.") for k in keys_of(os.path.join(d, "model-base-noprefix")))

    def qk(module, hidden):
        q, k, _ = module.c_attn(hidden).split(module.split_size, dim=2)
        shape = (*q.shape[:-1], -1, module.head_dim)
        return q.view(shape).transpose(1, 2), k.view(shape).transpose(1, 2)

    captured, handles = raw_scores_capture([b.attn for b in lm.transformer.h], qk)

    def run(model, name, ids, attention_mask=None, raw_scores=False, hidden=True):
        captured.clear()
        mask = [1] * len(ids) if attention_mask is None else attention_mask
        with torch.no_grad():
            out = model(input_ids=torch.tensor([ids]), attention_mask=torch.tensor([mask]),
                        output_attentions=True, output_hidden_states=True)
        peak_report(name, out.attentions)
        case = {"name": name, "ids": ids, "attention_mask": mask,
                "attentions": [t2l(a[0]) for a in out.attentions],
                "logits": t2l(out.logits[0])}
        if hidden:
            case["hidden_states"] = [t2l(h[0]) for h in out.hidden_states]
        if raw_scores:
            case["raw_scores"] = [t2l(s[0]) for s in captured]
        return case

    g = torch.Generator().manual_seed(99)
    def random_ids(n):
        return torch.randint(0, VOCAB - 1, (n,), generator=g).tolist()

    cases = [run(lm, f"len{n}", random_ids(n), raw_scores=(n == 5)) for n in (1, 5, 17, 40)]
    padded_ids = random_ids(6) + [0, 0, 0]
    cases.append(run(lm, "right_padded", padded_ids, [1] * 6 + [0] * 3, raw_scores=True))
    for h in handles:
        h.remove()

    generations = []
    for prompt, n in (([17, 3, 88], 24), ([5], 30), ([61, 61, 2, 90, 45, 7, 12, 33], 26)):
        with torch.no_grad():
            out = lm.generate(torch.tensor([prompt]), attention_mask=torch.ones(1, len(prompt), dtype=torch.long),
                              do_sample=False, max_new_tokens=n, pad_token_id=eos,
                              output_scores=True, return_dict_in_generate=True)
        new = out.sequences[0, len(prompt):].tolist()
        gaps = [(s[0].topk(2).values[0] - s[0].topk(2).values[1]).item() for s in out.scores]
        print(f"  greedy from {prompt}: {len(new)} tokens, smallest top-1/top-2 gap {min(gaps):.2e}")
        assert min(gaps) > 1e-3, "greedy step too close to a tie to be a stable golden value"
        generations.append({"prompt": prompt, "max_new_tokens": n, "new_ids": new})

    # Low-precision copies: HF loads them widened to float32, as the Java loader does, so the
    # reference for each copy is HF on exactly the stored (rounded) weights.
    low_precision = []
    probe_ids = cases[2]["ids"]
    for dtype, folder in ((torch.float16, "model-f16"), (torch.bfloat16, "model-bf16")):
        path = os.path.join(d, folder)
        save(GPT2LMHeadModel.from_pretrained(os.path.join(d, "model"), dtype=dtype), path)
        widened = GPT2LMHeadModel.from_pretrained(path, dtype=torch.float32, attn_implementation="eager").eval()
        c = run(widened, folder, probe_ids, hidden=False)
        low_precision.append({"folder": folder, "ids": probe_ids, "logits": c["logits"],
                              "attentions": c["attentions"]})

    warpers = []
    wg = torch.Generator().manual_seed(7)
    settings = [
        {"temperature": 0.7, "top_k": 0, "top_p": 1.0},
        {"temperature": 1.0, "top_k": 5, "top_p": 1.0},
        {"temperature": 1.0, "top_k": 0, "top_p": 0.9},
        {"temperature": 1.0, "top_k": 0, "top_p": 0.3},
        {"temperature": 1.3, "top_k": 10, "top_p": 0.8},
        {"temperature": 0.5, "top_k": 3, "top_p": 0.95},
    ]
    for i, s in enumerate(settings):
        logits = torch.randn(1, 40, generator=wg) * (1.0 + i)
        x = logits.clone()
        if s["temperature"] != 1.0:
            x = TemperatureLogitsWarper(s["temperature"])(None, x)
        if s["top_k"] > 0:
            x = TopKLogitsWarper(s["top_k"])(None, x)
        if s["top_p"] < 1.0:
            x = TopPLogitsWarper(s["top_p"])(None, x)
        warpers.append({**s, "logits": t2l(logits[0]), "expected": t2l(x[0])})

    write_json({"mask_value": MASK_VALUE, "vocab_size": VOCAB, "eos_token_id": eos, "cases": cases,
                "greedy": generations, "low_precision": low_precision, "warpers": warpers},
               os.path.join(d, "fixtures.json"))


def total_size(path):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


if __name__ == "__main__":
    bert_fixtures()
    gpt2_fixtures()
    print(f"golden fixtures: {total_size(OUT) // 1024} KB in {os.path.relpath(OUT, ROOT)}")
    sys.exit(0)
