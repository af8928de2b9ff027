"""Golden fixtures for the lab trace items (embedding parts, per-head projections, logit lens),
produced by HuggingFace transformers on the tiny peaked models that transformers_fixtures.py wrote.

Run from the repository root, after transformers_fixtures.py (the oracle venv is made by
/work/shared/oracle/setup.sh):

    /tmp/oracle/bin/python tools/golden/trace_fixtures.py

It reads src/test/resources/golden/{bert,gpt2}/model (weights re-drawn with std 0.3, so attention
rows are peaked) and writes bert/traces.json and gpt2/traces.json next to them. BERT: a sentence
pair and a padded input; GPT-2: a plain and a right-padded input. Per case:

    embeddings   token, position, (BERT) segment rows of each token: HF's embedding modules'
                 weights indexed by the ids; sum: BERT the input of embeddings.LayerNorm (forward
                 pre-hook), GPT-2 hidden_states[0] (wte + wpe; dropout is off in eval)
    projections  per layer: q, k, v [head][token][head_dim] from forward hooks on the query, key
                 and value Linear modules (BERT) or on c_attn, split as HF splits it (GPT-2);
                 context [head][token][head_dim]: the input of the output projection
                 (attention.output.dense, attn.c_proj; forward pre-hooks)
    scale        the factor HF multiplies QK^T by (module.scaling)
    attentions   HF's attention probabilities [layer][head][query][key], to check the weights
                 recomputed from our q and k
    logit_lens   [layer+1][token][vocab]: HF's own output head on HF's hidden_states. BERT:
                 cls(hidden_states[i]) for every i. GPT-2: lm_head(ln_f(hidden_states[i])) for
                 i < n_layer, and the logits for the last, since HF's last hidden state is already
                 after ln_f.

Floats are rounded to 7 significant digits. Everything is deterministic: running it again
rewrites identical files.
"""
import json
import math
import os
import sys

import torch
from transformers import BertForMaskedLM, GPT2LMHeadModel

torch.set_num_threads(1)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "src", "test", "resources", "golden")
PAD, CLS, SEP = 0, 2, 3  # the tiny vocabulary layout of transformers_fixtures.py


def r7(x):
    if isinstance(x, list):
        return [r7(v) for v in x]
    if math.isinf(x):
        return None
    return float(f"{x:.7g}")


def t2l(t):
    return r7(t.detach().double().tolist())


def by_head(x, heads):
    """[T, H] -> [heads, T, head_dim], HF's head split (head h owns features h*d .. h*d+d-1)."""
    t, h = x.shape
    return x.view(t, heads, h // heads).transpose(0, 1)


def write_json(obj, path):
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    print(f"  wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path) // 1024} KB)")


def check_against_forward_fixture(folder, cases_by_name, logits_of):
    """The models on disk still give the logits of fixtures.json (same weights, same HF)."""
    with open(os.path.join(OUT, folder, "fixtures.json")) as f:
        old = {c["name"]: c for c in json.load(f)["cases"]}
    for name, c in cases_by_name.items():
        if name in old:
            d = (torch.tensor(old[name]["logits"]) - c).abs().max().item()
            print(f"  {name}: logits vs fixtures.json max |diff| {d:.2e}")
            assert d < 1e-4


def bert_traces():
    print("BERT")
    model = BertForMaskedLM.from_pretrained(os.path.join(OUT, "bert", "model"), attn_implementation="eager").eval()
    heads = model.config.num_attention_heads
    got = {}

    def keep(name):
        def hook(module, args, output):
            got.setdefault(name, []).append(output[0])
        return hook

    def keep_input(name):
        def hook(module, args):
            got.setdefault(name, []).append(args[0][0])
        return hook

    handles = [model.bert.embeddings.LayerNorm.register_forward_pre_hook(keep_input("sum"))]
    for layer in model.bert.encoder.layer:
        s = layer.attention.self
        handles += [s.query.register_forward_hook(keep("q")), s.key.register_forward_hook(keep("k")),
                    s.value.register_forward_hook(keep("v")),
                    layer.attention.output.dense.register_forward_pre_hook(keep_input("context"))]
    scale = model.bert.encoder.layer[0].attention.self.scaling

    def run(name, ids, type_ids, attention_mask):
        got.clear()
        with torch.no_grad():
            out = model(input_ids=torch.tensor([ids]), token_type_ids=torch.tensor([type_ids]),
                        attention_mask=torch.tensor([attention_mask]), output_attentions=True,
                        output_hidden_states=True)
            emb = model.bert.embeddings
            positions = torch.arange(len(ids))
            lens = [model.cls(h)[0] for h in out.hidden_states]
        assert (lens[-1] - out.logits[0]).abs().max().item() == 0.0
        return {
            "name": name, "ids": ids, "type_ids": type_ids, "attention_mask": attention_mask, "scale": scale,
            "embeddings": {"token": t2l(emb.word_embeddings.weight[ids]),
                           "position": t2l(emb.position_embeddings.weight[positions]),
                           "segment": t2l(emb.token_type_embeddings.weight[type_ids]),
                           "sum": t2l(got["sum"][0])},
            "projections": [{"q": t2l(by_head(q, heads)), "k": t2l(by_head(k, heads)), "v": t2l(by_head(v, heads)),
                             "context": t2l(by_head(c, heads))}
                            for q, k, v, c in zip(got["q"], got["k"], got["v"], got["context"])],
            "attentions": [t2l(a[0]) for a in out.attentions],
            "logit_lens": [t2l(x) for x in lens],
        }, out.logits[0]

    pair, pair_logits = run("pair", [CLS, 17, 45, 88, SEP, 70, 33, 101, 12, SEP], [0] * 5 + [1] * 5, [1] * 10)
    padded, padded_logits = run("padded", [CLS, 64, 52, 19, SEP, PAD, PAD, PAD], [0] * 8, [1] * 5 + [0] * 3)
    for h in handles:
        h.remove()
    check_against_forward_fixture("bert", {"pair": pair_logits, "padded": padded_logits}, None)
    write_json({"cases": [pair, padded]}, os.path.join(OUT, "bert", "traces.json"))


def gpt2_traces():
    print("GPT-2")
    model = GPT2LMHeadModel.from_pretrained(os.path.join(OUT, "gpt2", "model"), attn_implementation="eager").eval()
    heads = model.config.n_head
    got = {}

    def keep_qkv(module, args, output):
        q, k, v = output[0].split(model.config.n_embd, dim=-1)
        got.setdefault("q", []).append(q)
        got.setdefault("k", []).append(k)
        got.setdefault("v", []).append(v)

    def keep_context(module, args):
        got.setdefault("context", []).append(args[0][0])

    handles = []
    for block in model.transformer.h:
        handles += [block.attn.c_attn.register_forward_hook(keep_qkv),
                    block.attn.c_proj.register_forward_pre_hook(keep_context)]
    scale = model.transformer.h[0].attn.scaling

    def run(name, ids, attention_mask):
        got.clear()
        with torch.no_grad():
            out = model(input_ids=torch.tensor([ids]), attention_mask=torch.tensor([attention_mask]),
                        output_attentions=True, output_hidden_states=True)
            tr = model.transformer
            positions = torch.arange(len(ids))
            hs = out.hidden_states
            lens = [model.lm_head(tr.ln_f(h))[0] for h in hs[:-1]] + [model.lm_head(hs[-1])[0]]
        assert (lens[-1] - out.logits[0]).abs().max().item() == 0.0
        return {
            "name": name, "ids": ids, "attention_mask": attention_mask, "scale": scale,
            "embeddings": {"token": t2l(tr.wte.weight[ids]), "position": t2l(tr.wpe.weight[positions]),
                           "sum": t2l(hs[0][0])},
            "projections": [{"q": t2l(by_head(q, heads)), "k": t2l(by_head(k, heads)), "v": t2l(by_head(v, heads)),
                             "context": t2l(by_head(c, heads))}
                            for q, k, v, c in zip(got["q"], got["k"], got["v"], got["context"])],
            "attentions": [t2l(a[0]) for a in out.attentions],
            "logit_lens": [t2l(x) for x in lens],
        }, out.logits[0]

    g = torch.Generator().manual_seed(2024)
    ids = torch.randint(0, model.config.vocab_size - 1, (9,), generator=g).tolist()
    plain, _ = run("plain", ids, [1] * 9)
    padded, _ = run("right_padded", ids[:6] + [0, 0, 0], [1] * 6 + [0] * 3)
    for h in handles:
        h.remove()
    write_json({"cases": [plain, padded]}, os.path.join(OUT, "gpt2", "traces.json"))


if __name__ == "__main__":
    bert_traces()
    gpt2_traces()
    sys.exit(0)
