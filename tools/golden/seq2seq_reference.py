"""Reference implementation and golden fixtures for the attention-lab-seq2seq format.

What it is: a PyTorch module that implements the equations of docs/seq2seq-format.md with
torch.nn.GRU / torch.nn.LSTM (so gate order and equations are PyTorch's own, not ours), a
word tokenizer written from the same spec, and a writer for the model folder format
(config.json, model.safetensors, src_vocab.json, tgt_vocab.json).

What it writes: one folder per rnn_type x score under src/test/resources/golden/seq2seq/
(gru-dot, gru-bilinear, gru-mlp, lstm-dot, lstm-bilinear, lstm-mlp) and two models without
attention (gru-none, lstm-none), each holding a tiny seeded random model and cases.json with
greedy, teacher-forced and forced-prefix traces (with each step's top 5) on a few sentences, and
beam searches of widths 1, 2, 3 and 8 (every candidate with its score) on the first two.
The Java tests (src/test/java/org/attentionlab/engine/seq2seq) read them without Python.

How to run (from the repository root, with the oracle venv of /work/shared/oracle/README.md):

    /tmp/oracle/bin/python tools/golden/seq2seq_reference.py [OUTPUT_DIR]

It also works as a library: `Seq2Seq(cfg)`, `save_model(model, cfg, src_vocab, tgt_vocab, dir)`
and `tokenize(text, lowercase, split_digits)` are what a training script needs to ship a model
in this format.
"""
import copy
import json
import math
import os
import sys
import unicodedata

import torch
from torch import nn
from safetensors.torch import save_file

MODEL_TYPE = "attention-lab-seq2seq"
PAD, BOS, EOS, UNK = "<pad>", "<s>", "</s>", "<unk>"
SPECIALS = [PAD, BOS, EOS, UNK]  # ids 0..3, as the config below says


# ---------------------------------------------------------------- tokenizer

def _is_word_char(ch):
    """Letters (Unicode L*) and decimal digits (Nd): Java's Character.isLetterOrDigit."""
    cat = unicodedata.category(ch)
    return cat[0] == "L" or cat == "Nd"


def _is_space(ch):
    """Java's Character.isWhitespace or Character.isSpaceChar."""
    return ch.isspace() or unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def tokenize(text, lowercase=True, split_digits=False):
    """NFC, optional lower-case, then maximal runs of letters/digits, or one other non-space char."""
    s = unicodedata.normalize("NFC", text)
    if lowercase:
        s = s.lower()
    tokens, word = [], []
    for ch in s:
        digit_alone = split_digits and unicodedata.category(ch) == "Nd"
        if _is_word_char(ch) and not digit_alone:
            word.append(ch)
            continue
        if word:
            tokens.append("".join(word))
            word = []
        if not _is_space(ch):
            tokens.append(ch)
    if word:
        tokens.append("".join(word))
    return tokens


def encode(text, vocab, cfg):
    """Word ids of text followed by </s>; unknown words become <unk>."""
    index = {w: i for i, w in enumerate(vocab)}
    words = tokenize(text, cfg.get("lowercase", True), cfg.get("split_digits", False))
    return [index.get(w, cfg["unk_token_id"]) for w in words] + [cfg["eos_token_id"]]


# ---------------------------------------------------------------- model

def _rnn_class(cfg):
    return {"gru": nn.GRU, "lstm": nn.LSTM}[cfg["rnn_type"]]


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.bidirectional = cfg["bidirectional_encoder"]
        per_direction = cfg["hidden_size"] // 2 if self.bidirectional else cfg["hidden_size"]
        self.embedding = nn.Embedding(cfg["src_vocab_size"], cfg["embedding_size"])
        self.rnn = _rnn_class(cfg)(cfg["embedding_size"], per_direction, num_layers=cfg["num_layers"],
                                   bidirectional=self.bidirectional, batch_first=True)

    def forward(self, src):  # src [1, S]
        states, final = self.rnn(self.embedding(src))  # states [1, S, H]
        merge = self._merge_directions
        final = tuple(merge(x) for x in final) if isinstance(final, tuple) else merge(final)
        return states[0], final  # [S, H]; decoder's initial state [L, 1, H] (LSTM: (h, c))

    def _merge_directions(self, x):  # [L * dirs, 1, hd] -> [L, 1, H]
        if not self.bidirectional:
            return x
        layers = self.cfg["num_layers"]
        x = x.view(layers, 2, x.size(1), x.size(2))  # PyTorch order: l0 fwd, l0 bwd, l1 fwd, ...
        return torch.cat([x[:, 0], x[:, 1]], dim=-1)


class Decoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embedding = nn.Embedding(cfg["tgt_vocab_size"], cfg["embedding_size"])
        self.rnn = _rnn_class(cfg)(cfg["embedding_size"], cfg["hidden_size"], num_layers=cfg["num_layers"],
                                   batch_first=True)

    def forward(self, previous, state):  # previous: one target id; no input feeding
        x = self.embedding(torch.tensor([[previous]]))  # [1, 1, E]
        out, state = self.rnn(x, state)
        return out[0, 0], state  # h_t [H]


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h = cfg["hidden_size"]
        self.score_name = cfg["score"]
        if self.score_name == "bilinear":
            self.W = nn.Linear(h, h, bias=False)
        elif self.score_name == "mlp":
            a = cfg["attention_size"]
            self.W1 = nn.Linear(h, a, bias=True)
            self.W2 = nn.Linear(h, a, bias=False)
            self.v = nn.Linear(a, 1, bias=False)
        self.Wc = nn.Linear(2 * h, h, bias=False)

    def score(self, h_t, h_s):
        """Scores of decoder states against encoder states, in either of two shapes:
        one step as the app decodes, h_t [H] and h_s [S, H] -> [S]; or all steps of a batch as
        tools/train/train_seq2seq.py trains, h_t [B, T, H] and h_s [B, S, H] -> [B, T, S].
        Each shape keeps its own product (a matrix-vector product for one step, a batched matrix
        product for a batch), so neither computes differently for the other's sake."""
        one_step = h_t.dim() == 1
        if self.score_name == "mlp" and one_step:
            return self.v(torch.tanh(self.W1(h_s) + self.W2(h_t))).squeeze(-1)  # [S]
        if self.score_name == "mlp":  # keys [B, 1, S, A] + queries [B, T, 1, A]
            return self.v(torch.tanh(self.W1(h_s)[:, None] + self.W2(h_t)[:, :, None])).squeeze(-1)  # [B, T, S]
        keys = self.W(h_s) if self.score_name == "bilinear" else h_s  # bilinear: h_t^T W h_s
        return keys @ h_t if one_step else h_t @ keys.transpose(1, 2)  # [S] or [B, T, S]

    def forward(self, h_t, h_s):  # h_t [H], h_s [S, H]
        scores = self.score(h_t, h_s)  # [S]
        alignment = torch.softmax(scores, dim=-1)  # [S]
        context = alignment @ h_s  # [H]
        attentional = torch.tanh(self.Wc(torch.cat([context, h_t])))  # [H]
        return scores, alignment, context, attentional


class Seq2Seq(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.encoder = Encoder(cfg)
        self.decoder = Decoder(cfg)
        # "attention": "none" is the bottleneck model: the decoder sees the source only through
        # the encoder's final state (its initial state), and the output layer reads h_t itself
        self.attention = None if "none" in (cfg.get("attention", "global"), cfg.get("score")) else Attention(cfg)
        self.out = nn.Linear(cfg["hidden_size"], cfg["tgt_vocab_size"])

    def step(self, previous, state, h_s):
        """One decoder step from `state` reading `previous`: (new state, h_t, scores, alignment, context, attentional, logits)."""
        h_t, state = self.decoder(previous, state)
        if self.attention is None:
            empty = h_t.new_zeros(0)
            scores, alignment, context, attentional = empty, empty, empty, h_t
        else:
            scores, alignment, context, attentional = self.attention(h_t, h_s)
        return state, h_t, scores, alignment, context, attentional, self.out(attentional)

    @torch.no_grad()
    def run(self, src_ids, forced=None, max_len=None, prefix=None):
        """Greedy decoding (forced and prefix None), teacher forcing (forced: every step's output is
        given, no stop at </s>), or a forced prefix (prefix: the first outputs are given, then greedy
        until </s> or max_len; a given </s> also stops). Returns every intermediate and the top-2 margins."""
        h_s, state = self.encoder(torch.tensor([src_ids]))
        trace = {k: [] for k in ("decoder_input_ids", "output_ids", "decoder_states", "scores", "alignment",
                                 "contexts", "attentional", "logits", "top5")}
        previous = self.cfg["bos_token_id"]
        steps = len(forced) if forced is not None else max_len
        given = forced if forced is not None else (prefix or [])
        margins = []
        for t in range(steps):
            state, h_t, scores, alignment, context, attentional, logits = self.step(previous, state, h_s)
            top2 = torch.topk(logits, 2).values
            margins.append(float(top2[0] - top2[1]))
            chosen = given[t] if t < len(given) else int(torch.argmax(logits))
            for key, value in (("decoder_states", h_t), ("scores", scores), ("alignment", alignment),
                               ("contexts", context), ("attentional", attentional), ("logits", logits)):
                trace[key].append(value.tolist())
            probs = torch.softmax(logits, dim=-1)
            top = sorted(range(len(probs)), key=lambda i: (-float(probs[i]), i))[:5]
            trace["top5"].append([[i, float(probs[i])] for i in top])
            trace["decoder_input_ids"].append(previous)
            trace["output_ids"].append(chosen)
            previous = chosen
            if forced is None and chosen == self.cfg["eos_token_id"]:
                break
        trace["encoder_states"] = h_s.tolist()
        return trace, margins

    @torch.no_grad()
    def beam_search(self, src_ids, width, max_len):
        """Beam search over sums of log-probabilities (no length normalisation).

        Start: one empty hypothesis, score 0, reading <s>. At each step every live hypothesis
        (parent) is advanced once; its `width` best next words (by log-probability, lower id first
        on ties) are its candidates, each scored parent score + log p(word). Of all candidates the
        `width` best (by score, then parent, then word id) are selected: a selected </s> finishes its
        hypothesis ("finished"), the other selected ones form the next beam in that order ("kept"),
        the rest are "pruned". Stops when the beam is empty or after max_len steps; hypotheses still
        live then are returned unfinished. Hypotheses are ordered finished first, then by score
        (stable), and the first is the result. Width 1 is greedy decoding."""
        eos = self.cfg["eos_token_id"]
        h_s, state = self.encoder(torch.tensor([src_ids]))
        beam = [([], 0.0, state, self.cfg["bos_token_id"])]  # (ids, score, state, previous)
        finished, steps = [], []
        margin = math.inf  # smallest score gap that decides a listing, a selection or an order
        for t in range(max_len):
            if not beam:
                break
            candidates = []
            for parent, (ids, score, st, previous) in enumerate(beam):
                new_state, _, _, _, _, _, logits = self.step(previous, st, h_s)
                logp = torch.log_softmax(logits, dim=-1)
                ranked = sorted(range(len(logp)), key=lambda i: (-float(logp[i]), i))
                best = ranked[:width]
                margin = min([margin] + [float(logp[ranked[i]] - logp[ranked[i + 1]]) for i in range(width)])
                for tok in best:
                    lp = float(logp[tok])
                    candidates.append({"parent": parent, "token": tok, "token_logprob": lp, "score": score + lp,
                                       "status": "pruned", "state": new_state})
            order = sorted(range(len(candidates)),
                           key=lambda i: (-candidates[i]["score"], candidates[i]["parent"], candidates[i]["token"]))
            deciding = [candidates[i]["score"] for i in order[:width + 1]]
            margin = min([margin] + [deciding[i] - deciding[i + 1] for i in range(len(deciding) - 1)])
            next_beam = []
            for i in order[:width]:
                c = candidates[i]
                ids = beam[c["parent"]][0] + [c["token"]]
                if c["token"] == eos:
                    c["status"] = "finished"
                    finished.append({"ids": ids, "score": c["score"], "finished": True})
                else:
                    c["status"] = "kept"
                    next_beam.append((ids, c["score"], c["state"], c["token"]))
            steps.append([{k: v for k, v in c.items() if k != "state"} for c in candidates])
            beam = next_beam
        hyps = finished + [{"ids": ids, "score": score, "finished": False} for ids, score, _, _ in beam]
        hyps.sort(key=lambda h: (not h["finished"], -h["score"]))
        return {"width": width, "steps": steps, "hypotheses": hyps, "_margin": margin}


def save_model(model, cfg, src_vocab, tgt_vocab, folder):
    """Writes a model folder in the attention-lab-seq2seq format."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")
    for name, vocab in (("src_vocab.json", src_vocab), ("tgt_vocab.json", tgt_vocab)):
        with open(os.path.join(folder, name), "w") as f:
            json.dump(vocab, f, ensure_ascii=False)
            f.write("\n")
    tensors = {k: v.detach().float().contiguous() for k, v in model.state_dict().items()}
    save_file(tensors, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})


# ---------------------------------------------------------------- fixtures

SRC_VOCAB = SPECIALS + ["the", "a", "cat", "dog", "black", "white", "small", "big", "red", "house", "car", "fish",
                        "sees", "likes", "eats", ",", ".", "!", "1", "2"]
TGT_VOCAB = SPECIALS + ["le", "la", "un", "une", "chat", "chien", "noir", "blanc", "petit", "grand", "rouge",
                        "maison", "voiture", "poisson", "voit", "aime", "mange", ",", ".", "!"]

# (text, reference target text): capitals, punctuation, an unknown word ("on", "may"), digits
CASES = [
    ("The black cat sees a small dog.", "le chat noir voit un petit chien ."),
    ("A big red car, the WHITE house!", "une grande voiture rouge , la maison blanche !"),
    ("the cat eats fish on 12 May", "le chat mange poisson"),
]

# Each rnn_type x score, with layers / direction / tokenizer options spread over them.
MODELS = [
    ("gru-dot", "gru", "dot", 1, False, False),
    ("gru-bilinear", "gru", "bilinear", 1, True, False),
    ("gru-mlp", "gru", "mlp", 2, True, False),
    ("lstm-dot", "lstm", "dot", 1, True, False),
    ("lstm-bilinear", "lstm", "bilinear", 2, False, False),
    ("lstm-mlp", "lstm", "mlp", 2, True, True),
    # no attention ("attention": "none"): the bottleneck the lab measures against
    ("gru-none", "gru", None, 1, True, False),
    ("lstm-none", "lstm", None, 2, False, False),
]

BEAM_WIDTHS = [1, 2, 3, 8]  # beam fixtures for the first two cases (K*K candidates per step keep them small)

MAX_LEN = 6


def make_config(rnn_type, score, layers, bidirectional, split_digits):
    cfg = {
        "model_type": MODEL_TYPE,
        "format_version": 1,
        "rnn_type": rnn_type,
        "src_vocab_size": len(SRC_VOCAB),
        "tgt_vocab_size": len(TGT_VOCAB),
        "embedding_size": 8,
        "hidden_size": 12,
        "num_layers": layers,
        "bidirectional_encoder": bidirectional,
        "max_source_length": 16,
        "max_target_length": 12,
        "pad_token_id": 0,
        "bos_token_id": 1,
        "eos_token_id": 2,
        "unk_token_id": 3,
        "lowercase": True,
        "split_digits": split_digits,
    }
    if score is None:
        cfg["attention"] = "none"
    else:
        cfg["score"] = score
    if score == "mlp":
        cfg["attention_size"] = 10
    return cfg


def randomize(model, seed):
    """Large weights so that alignments are peaked (std 0.02 would make every row near uniform)."""
    g = torch.Generator().manual_seed(seed)
    lstm = model.cfg["rnn_type"] == "lstm"
    with torch.no_grad():
        for name, p in model.named_parameters():
            std = 2.0 if name == "attention.v.weight" else 1.0
            p.copy_(torch.randn(p.shape, generator=g) * std)  # float32 draws, exact in float64
            if lstm and ".bias_ih_" in name:
                # open the input, forget and output gates (PyTorch order i, f, g, o) so that
                # h = o * tanh(c) is large, as in a trained model; small states make dot scores flat
                block = p.shape[0] // 4
                p[0:block] += 3.0
                p[block:2 * block] += 2.0
                p[3 * block:] += 4.0


def float32_drift(model, cfg):
    """Largest difference between a float32 and a float64 run of the same weights, over every case."""
    single = copy.deepcopy(model).float()
    worst = 0.0
    for text, target in CASES:
        src, tgt = encode(text, SRC_VOCAB, cfg), encode(target, TGT_VOCAB, cfg)
        for forced in (None, tgt):
            a, _ = single.run(src, forced=forced, max_len=MAX_LEN)
            b, _ = model.run(src, forced=forced, max_len=MAX_LEN)
            if a["output_ids"] != b["output_ids"]:
                return math.inf
            for key in ("encoder_states", "decoder_states", "scores", "alignment", "contexts", "attentional", "logits"):
                if not a[key] or not a[key][0]:
                    continue  # no attention: no scores, alignment or contexts
                worst = max(worst, (torch.tensor(a[key], dtype=torch.float64) - torch.tensor(b[key])).abs().max().item())
    return worst


def beam_margin(model, cfg):
    """Smallest gap between two log-probability sums that the beam fixtures depend on: near ties
    would make the expected beams depend on rounding, not on correctness."""
    return min(model.beam_search(encode(text, SRC_VOCAB, cfg), width, MAX_LEN)["_margin"]
               for text, _ in CASES[:2] for width in BEAM_WIDTHS)


def mean_peak(trace):
    """Mean over steps of the largest alignment weight: 1/S for uniform rows, 1 for one-hot (1 without attention)."""
    if not trace["alignment"][0]:
        return 1.0
    return sum(max(row) for row in trace["alignment"]) / len(trace["alignment"])


STATUS = {"kept": 0, "finished": 1, "pruned": 2}


def compact_beam(beam):
    """A beam search as the fixture stores it: each step's candidates as [parent, token, token_logprob, score, status]
    with status 0 kept, 1 finished, 2 pruned; hypotheses as {ids, score, finished}."""
    return {
        "width": beam["width"],
        "steps": [[[c["parent"], c["token"], rounded(c["token_logprob"]), rounded(c["score"]), STATUS[c["status"]]]
                   for c in step] for step in beam["steps"]],
        "hypotheses": [{"ids": h["ids"], "score": rounded(h["score"]), "finished": h["finished"]} for h in beam["hypotheses"]],
    }


def rounded(x):
    """6 significant digits: far below the tests' tolerances, and keeps the fixtures small."""
    if isinstance(x, dict):
        return {k: rounded(v) for k, v in x.items()}
    if isinstance(x, list):
        return [rounded(v) for v in x]
    if isinstance(x, float):
        return float(f"{x:.6g}")
    return x


def main():
    torch.set_num_threads(1)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "src/test/resources/golden/seq2seq")
    stops = set()  # how greedy runs ended: the Java tests need both "</s>" and "max_len"
    for index, (name, rnn_type, score, layers, bidirectional, split_digits) in enumerate(MODELS):
        cfg = make_config(rnn_type, score, layers, bidirectional, split_digits)
        torch.manual_seed(1000 + index)
        # float64 arithmetic on float32-representable weights: the fixture holds the equations'
        # exact result, not float32 rounding that large recurrent weights amplify to ~1e-4
        model = Seq2Seq(cfg).double().eval()
        # A near-tie between the two best logits would make "identical greedy output" depend on
        # rounding, not on correctness: take the first seed whose greedy steps all have a clear winner.
        for seed in range(2000 + 100 * index, 2100 + 100 * index):
            randomize(model, seed)
            # whose alignments are far from uniform (a flat row hides a wrong scale or mask),
            # and which is well-conditioned: float32 arithmetic stays within 1e-5 of float64, so
            # the Java tests' tolerances measure mistakes, not rounding amplified by the recurrence
            runs = [model.run(encode(text, SRC_VOCAB, cfg), max_len=MAX_LEN) for text, _ in CASES]
            if (all(min(margins) > 0.01 and mean_peak(trace) > 2.5 / len(trace["encoder_states"]) for trace, margins in runs)
                    and float32_drift(model, cfg) < 1e-5 and beam_margin(model, cfg) > 1e-4):
                break
        else:
            raise SystemExit(f"no seed gives clear greedy choices for {name}")
        folder = os.path.join(out_dir, name)
        save_model(model, cfg, SRC_VOCAB, TGT_VOCAB, folder)
        cases = []
        for text, target in CASES:
            src_ids = encode(text, SRC_VOCAB, cfg)
            tgt_ids = encode(target, TGT_VOCAB, cfg)
            greedy, margins = model.run(src_ids, max_len=MAX_LEN)
            forced, _ = model.run(src_ids, forced=tgt_ids)
            prefix, _ = model.run(src_ids, prefix=tgt_ids[:2], max_len=MAX_LEN)
            stops.add("</s>" if greedy["output_ids"][-1] == cfg["eos_token_id"] else "max_len")
            peak = mean_peak(greedy)
            print(f"{name:14s} {text!r:40s} -> {[TGT_VOCAB[i] for i in greedy['output_ids']]}"
                  f" mean max alignment {peak:.2f} (uniform {1 / len(src_ids):.2f}), smallest top-2 logit margin {min(margins):.3f}, seed {seed}, float32 drift {float32_drift(model, cfg):.1e}")
            cases.append({
                "text": text,
                "source_tokens": tokenize(text, cfg["lowercase"], cfg["split_digits"]),
                "source_ids": src_ids,
                "max_len": MAX_LEN,
                "greedy": rounded(greedy),
                "target_text": target,
                "target_ids": tgt_ids,
                "forced": rounded({k: v for k, v in forced.items() if k != "encoder_states"}),
                "prefix_ids": tgt_ids[:2],
                "prefix": rounded({k: v for k, v in prefix.items() if k != "encoder_states"}),
            })
            if len(cases) <= 2:
                cases[-1]["beams"] = [compact_beam(model.beam_search(src_ids, width, MAX_LEN)) for width in BEAM_WIDTHS]
        with open(os.path.join(folder, "cases.json"), "w") as f:
            json.dump({"model": name, "cases": cases}, f, separators=(",", ":"))
            f.write("\n")
    assert stops == {"</s>", "max_len"}, stops
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out_dir) for f in fs)
    print(f"fixtures: {total / 1024:.0f} KiB in {out_dir}")


if __name__ == "__main__":
    main()
