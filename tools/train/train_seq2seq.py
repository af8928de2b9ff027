"""Trains one sample-models/seq2seq-* model (attention-lab-seq2seq format), then evaluates it.

The model is docs/seq2seq-format.md's GRU encoder-decoder with one score function (dot,
bilinear, mlp). Training is batched (padded, packed source, masked attention, pad targets
ignored, as the format's training notes ask); the trained weights are then loaded into the
format's reference module (tools/golden/seq2seq_reference.py), which runs one sentence at a
time exactly as the app does, and all metrics are measured with that module.

Recipe: Adam, batch 64, 2000 steps; the decoder's initial state is dropped for half of the
sentences (so that content must come through attention), and for the first 500 steps a
guided-alignment loss (cross-entropy of the attention rows against the gold alignment) nudges
attention onto the aligned words; after that, attention trains freely. Without the nudge, dot
and mlp found the alignment by themselves here but bilinear settled, depending on the seed, on
attending one word off (the bidirectional states of a neighbour carry the word too).

Metrics on the held-out test split:
  exact_match       greedy output equals the gold target (and ends with </s>)
  attention_argmax  with the gold target forced, the share of aligned target words whose
                    attention row peaks on one of their gold source words

Run (tools/train/train_all.sh does this):
    /tmp/oracle/bin/python tools/train/train_seq2seq.py --data build/corpus/translate --score dot \
        --out sample-models/seq2seq-dot --metrics build/metrics/seq2seq-dot.json
"""
import argparse
import json
import os
import sys

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

import common

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "golden"))
import seq2seq_reference as ref  # noqa: E402  (the format's reference implementation)


class BatchedEncoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        hd = cfg["hidden_size"] // 2 if cfg["bidirectional_encoder"] else cfg["hidden_size"]
        self.embedding = nn.Embedding(cfg["src_vocab_size"], cfg["embedding_size"])
        self.rnn = nn.GRU(cfg["embedding_size"], hd, num_layers=cfg["num_layers"],
                          bidirectional=cfg["bidirectional_encoder"], batch_first=True)

    def forward(self, src, lengths):  # src [B, S]
        packed = pack_padded_sequence(self.embedding(src), lengths, batch_first=True, enforce_sorted=False)
        out, final = self.rnn(packed)
        states, _ = pad_packed_sequence(out, batch_first=True, total_length=src.size(1))  # [B, S, H]
        if self.cfg["bidirectional_encoder"]:
            layers = self.cfg["num_layers"]
            final = final.view(layers, 2, final.size(1), final.size(2))
            final = torch.cat([final[:, 0], final[:, 1]], dim=-1)  # [L, B, H]
        return states, final


class BatchedDecoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embedding = nn.Embedding(cfg["tgt_vocab_size"], cfg["embedding_size"])
        self.rnn = nn.GRU(cfg["embedding_size"], cfg["hidden_size"], num_layers=cfg["num_layers"], batch_first=True)

    def forward(self, previous, state):  # previous [B, T]: no input feeding, so all steps in one call
        out, _ = self.rnn(self.embedding(previous), state)
        return out  # [B, T, H]


class BatchedAttention(ref.Attention):
    """The reference Attention (same parameters, same score functions) over all steps at once."""

    def forward(self, h_t, h_s, source_mask):  # h_t [B, T, H], h_s [B, S, H], mask [B, S]
        if self.score_name == "none":
            return h_t, None
        scores = self.score(h_t, h_s)  # [B, T, S]
        scores = scores.masked_fill(~source_mask[:, None, :], float("-inf"))
        alignment = torch.softmax(scores, dim=-1)  # [B, T, S]
        context = alignment @ h_s  # [B, T, H]
        return torch.tanh(self.Wc(torch.cat([context, h_t], dim=-1))), alignment  # [B, T, H], [B, T, S]


class BatchedSeq2Seq(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.encoder = BatchedEncoder(cfg)
        self.decoder = BatchedDecoder(cfg)
        # no attention module at all for "none": the reference model has none, so no unused
        # parameters are saved (and the state dicts match)
        self.attention = None if cfg["score"] == "none" else BatchedAttention(cfg)
        self.out = nn.Linear(cfg["hidden_size"], cfg["tgt_vocab_size"])

    def forward(self, src, lengths, tgt_in, state_dropout=0.0):
        h_s, state = self.encoder(src, lengths)
        if self.training and state_dropout > 0:
            # Drop the whole initial state for some sentences, so that the decoder must find the
            # words through attention rather than through the encoder's summary.
            keep = (torch.rand(1, state.size(1), 1) >= state_dropout).to(state.dtype)  # [1, B, 1]
            state = state * keep
        h_t = self.decoder(tgt_in, state)
        mask = torch.arange(src.size(1))[None, :] < lengths[:, None]  # [B, S]
        if self.attention is None:
            return self.out(h_t), None
        attentional, alignment = self.attention(h_t, h_s, mask)
        return self.out(attentional), alignment  # [B, T, V], [B, T, S] (None without attention)


def vocabulary(rows, side):
    words = sorted({w for r in rows for w in r[side]})
    return ref.SPECIALS + words


def to_ids(words, index):
    return [index.get(w, index[ref.UNK]) for w in words] + [index[ref.EOS]]


def gold_attention(rows, s_len, t_len):
    """[B, T, S]: each aligned target word's gold source words share probability 1; other rows are 0."""
    g = torch.zeros(len(rows), t_len, s_len)
    for b, r in enumerate(rows):
        for t, span in enumerate(r["alignment"]):
            for s in span:
                g[b, t, s] = 1.0 / len(span)
    return g


def batch(rows, src_index, tgt_index, cfg):
    srcs = [to_ids(r["source"], src_index) for r in rows]
    tgts = [to_ids(r["target"], tgt_index) for r in rows]
    s_len = max(map(len, srcs))
    t_len = max(map(len, tgts))
    pad = cfg["pad_token_id"]
    src = torch.tensor([s + [pad] * (s_len - len(s)) for s in srcs])
    lengths = torch.tensor([len(s) for s in srcs])
    tgt_out = torch.tensor([t + [pad] * (t_len - len(t)) for t in tgts])
    tgt_in = torch.cat([torch.full((len(rows), 1), cfg["bos_token_id"]), tgt_out[:, :-1]], dim=1)
    return src, lengths, tgt_in, tgt_out


def evaluate(model, cfg, rows, src_index, tgt_index, by_length=None):
    """Exact match (greedy) and attention-argmax accuracy (forced), with the reference module;
    by_length (a dict) receives [right, total] per source length."""
    exact = 0
    aligned = 0
    hits = 0
    for r in rows:
        src_ids = to_ids(r["source"], src_index)
        gold = to_ids(r["target"], tgt_index)
        greedy, _ = model.run(src_ids, max_len=cfg["max_target_length"])
        exact += int(greedy["output_ids"] == gold)
        if by_length is not None:
            cell = by_length.setdefault(str(len(r["source"])), [0, 0])
            cell[0] += int(greedy["output_ids"] == gold)
            cell[1] += 1
        if cfg["score"] == "none" or "alignment" not in r:
            continue
        forced, _ = model.run(src_ids, forced=gold)
        for t, span in enumerate(r["alignment"]):
            if not span:
                continue
            row = forced["alignment"][t]
            aligned += 1
            hits += int(max(range(len(row)), key=row.__getitem__) in span)
    return exact / len(rows), (hits / aligned if aligned else None)


def read_hand_written(path, toy):
    """English sentences typed by hand (one a line, # comments), translated into Toy by the
    grammar's rules with the shipped dictionary; lines with a word outside it are skipped."""
    rows = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "\t" in line:  # dates: source<TAB>target
            src, tgt = line.split("\t")
            rows.append({"source": ref.tokenize(src), "target": tgt.split()})
            continue
        words = ref.tokenize(line)
        target = toy_translation(words, toy)
        if target is not None:
            rows.append({"source": words, "target": target})
    return rows


DETERMINERS = {"the", "a", "an"}
PREPOSITIONS = {"in", "on", "under", "near", "behind", "with", "at", "over", "beside", "across"}
PRONOUN_SUBJECTS = {"he", "she", "they"}


def toy_translation(words, toy):
    """Toy order for 'subject verb [object] (preposition NP)*' with NP = det [adj] noun or a
    pronoun: subject object (NP postposition)* verb, adjective after its noun."""
    if any(w not in toy for w in words):
        return None

    def is_adjective(w):
        return w not in DETERMINERS and toy[w].endswith("a")

    def np(i):  # -> (toy words or None, next index)
        if i >= len(words):
            return None, i
        if words[i] in PRONOUN_SUBJECTS:
            return [toy[words[i]]], i + 1
        if words[i] not in DETERMINERS or i + 1 >= len(words):
            return None, i
        if is_adjective(words[i + 1]) and i + 2 < len(words) and toy[words[i + 2]].endswith("o"):
            return [toy[words[i]], toy[words[i + 2]], toy[words[i + 1]]], i + 3
        return [toy[words[i]], toy[words[i + 1]]], i + 2

    out, i = np(0)
    if out is None or i >= len(words):
        return None
    verb = toy[words[i]]
    i += 1
    if i < len(words) and words[i] in DETERMINERS:
        obj, i = np(i)
        if obj is None:
            return None
        out += obj
    while i < len(words):
        if words[i] not in PREPOSITIONS:
            return None
        prep = toy[words[i]]
        phrase, i = np(i + 1)
        if phrase is None:
            return None
        out += phrase + [prep]
    return out + [verb]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="folder with train.jsonl, valid.jsonl, test.jsonl")
    p.add_argument("--score", required=True, choices=["dot", "bilinear", "mlp", "none"])
    p.add_argument("--year-range", type=int, nargs=2, default=None,
                   help="first and last year of a dates model, kept in config.json as year_range")
    p.add_argument("--hand-written", default=None, help="tools/train/eval file of hand-typed sentences")
    p.add_argument("--test-tsv", action="store_true", help="also write the test split as test.tsv (by length, with the gold alignment column)")
    p.add_argument("--evaluate-only", action="store_true",
                   help="skip training: evaluate the model already in --out (train_seconds is then 0)")
    p.add_argument("--out", required=True)
    p.add_argument("--metrics", required=True)
    p.add_argument("--name", default=None)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--embedding", type=int, default=64)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--eval-rows", type=int, default=1000)
    p.add_argument("--state-dropout", type=float, default=0.5)
    p.add_argument("--guide-steps", type=int, default=500, help="first steps with the guided-alignment loss (0: none)")
    p.add_argument("--guide-weight", type=float, default=1.0)
    a = p.parse_args()
    if a.score == "none":
        a.state_dropout = 0.0  # the final encoder state is the decoder's only way to the source
        a.guide_steps = 0
    common.setup(a.seed, a.threads)
    clock = common.Clock()
    name = a.name or os.path.basename(os.path.normpath(a.out))

    train = common.read_jsonl(os.path.join(a.data, "train.jsonl"))
    test = common.read_jsonl(os.path.join(a.data, "test.jsonl"))[:a.eval_rows]
    src_vocab = vocabulary(train, "source")
    tgt_vocab = vocabulary(train, "target")
    src_index = {w: i for i, w in enumerate(src_vocab)}
    tgt_index = {w: i for i, w in enumerate(tgt_vocab)}
    longest_src = max(len(r["source"]) for r in train) + 1
    longest_tgt = max(len(r["target"]) for r in train) + 1
    cfg = {
        "model_type": ref.MODEL_TYPE, "format_version": 1, "rnn_type": "gru", "score": a.score,
        "src_vocab_size": len(src_vocab), "tgt_vocab_size": len(tgt_vocab),
        "embedding_size": a.embedding, "hidden_size": a.hidden, "num_layers": 1, "bidirectional_encoder": True,
        "max_source_length": max(24, longest_src), "max_target_length": max(24, longest_tgt),
        "pad_token_id": 0, "bos_token_id": 1, "eos_token_id": 2, "unk_token_id": 3,
        "lowercase": True, "split_digits": False,
    }
    if a.score == "mlp":
        cfg["attention_size"] = a.hidden // 2
    if a.year_range:
        cfg["year_range"] = list(a.year_range)

    model = BatchedSeq2Seq(cfg)
    if a.evaluate_only:
        from safetensors.torch import load_file
        model.load_state_dict(load_file(os.path.join(a.out, "model.safetensors")), strict=True)
        a.steps = 0
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = nn.CrossEntropyLoss(ignore_index=cfg["pad_token_id"])
    gen = torch.Generator().manual_seed(a.seed)
    for step in range(a.steps):
        for g in opt.param_groups:
            g["lr"] = common.lr_at(step, a.steps, a.lr, warmup=100)
        pick = torch.randint(0, len(train), (a.batch,), generator=gen).tolist()
        rows = [train[i] for i in pick]
        src, lengths, tgt_in, tgt_out = batch(rows, src_index, tgt_index, cfg)
        logits, alignment = model(src, lengths, tgt_in, a.state_dropout)  # [B, T, V], [B, T, S]
        loss = loss_fn(logits.reshape(-1, logits.size(-1)), tgt_out.reshape(-1))
        if step < a.guide_steps and alignment is not None:
            # Guided alignment (early steps only): cross-entropy of the attention against the gold alignment.
            gold = gold_attention(rows, src.size(1), tgt_in.size(1))  # [B, T, S]
            guided = -(gold * torch.log(alignment + 1e-9)).sum() / gold.sum().clamp(min=1)
            loss = loss + a.guide_weight * guided
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 500 == 0 or step == a.steps - 1:
            common.log(f"{name}: step {step} loss {loss.item():.4f} ({clock.seconds():.0f} s)")
    train_seconds = clock.seconds()

    reference = ref.Seq2Seq(cfg)
    reference.load_state_dict(model.state_dict(), strict=True)
    reference.eval()
    if not a.evaluate_only:
        ref.save_model(reference, dict(cfg, task=name, trained_steps=a.steps, seed=a.seed), src_vocab, tgt_vocab, a.out)
    by_length = {}
    exact, attention = evaluate(reference, cfg, test, src_index, tgt_index, by_length)
    hand = None
    if a.hand_written:
        toy = json.load(open(os.path.join(a.data, "..", "toy-dictionary.json"), encoding="utf-8"))
        hand_rows = read_hand_written(a.hand_written, toy)
        hand_by_length = {}
        hand_exact, _ = evaluate(reference, cfg, hand_rows, src_index, tgt_index, hand_by_length)
        hand = {"n": len(hand_rows), "exact_match": round(hand_exact, 4),
                "by_length": {k: round(v[0] / v[1], 4) for k, v in sorted(hand_by_length.items(), key=lambda kv: int(kv[0]))}}
    if a.test_tsv:
        with open(os.path.join(a.out, "test.tsv"), "w", encoding="utf-8") as f:
            for r in sorted(test, key=lambda r: (len(r["source"]), r["source"])):
                # third column: the gold alignment, one entry per target word (its source
                # positions joined by commas, "-" for none), so the lab can overlay it
                gold = " ".join(",".join(str(i) for i in span) if span else "-" for span in r["alignment"])
                f.write(" ".join(r["source"]) + "\t" + " ".join(r["target"]) + "\t" + gold + "\n")
    if a.evaluate_only:
        a.steps = json.load(open(os.path.join(a.out, "config.json")))["trained_steps"]
        train_seconds = None
    metrics = {"model": name, "score": a.score, "seed": a.seed, "steps": a.steps, "batch": a.batch,
               "state_dropout": a.state_dropout, "guided_alignment_steps": a.guide_steps,
               "parameters": sum(p_.numel() for p_ in model.parameters()), "train_seconds": None if train_seconds is None else round(train_seconds, 1),
               "test_sentences": len(test), "exact_match": round(exact, 4),
               "attention_argmax": None if attention is None else round(attention, 4),
               "exact_by_length": {k: round(v[0] / v[1], 4) for k, v in sorted(by_length.items(), key=lambda kv: int(kv[0]))},
               "hand_written": hand}
    common.write_json(a.metrics, metrics)
    common.log(json.dumps(metrics))


if __name__ == "__main__":
    main()
