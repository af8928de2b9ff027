"""Trains sample-models/tiny-gpt: a GPT2LMHeadModel on the generated corpus, then evaluates it.

Inputs: the corpus folder (CorpusGenerator) and the byte-level BPE files that
BuildVocabularies wrote (vocab.json, merges.txt, tokenizer-check.jsonl) in --tokenizer.
Outputs in --out: config.json, model.safetensors, generation_config.json, vocab.json,
merges.txt, tokenizer_config.json; metrics JSON in --metrics.

Run (tools/train/train_all.sh does this):
    /tmp/oracle/bin/python tools/train/train_gpt.py --corpus build/corpus --tokenizer build/tokenizers/gpt \
        --out sample-models/tiny-gpt --metrics build/metrics/tiny-gpt.json

Training sequences start at a document start, with documents packed after it and separated
by <|endoftext|>; so a prompt typed in the app (no leading special token) looks like training.
"""
import json
import math
import os
import random
import shutil

import torch
from torch.nn.utils import parametrize
from transformers import GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast

import common

HERE = os.path.dirname(os.path.abspath(__file__))

SHOTS = [0, 1, 2, 4, 8]


def load_tokenizer(folder):
    tok = GPT2TokenizerFast(os.path.join(folder, "vocab.json"), os.path.join(folder, "merges.txt"),
                            unk_token="<|endoftext|>", bos_token="<|endoftext|>", eos_token="<|endoftext|>")
    # The Java trainer's own encoding of held-out texts must be HuggingFace's too.
    check = os.path.join(folder, "tokenizer-check.jsonl")
    for row in common.read_jsonl(check):
        ids = tok.encode(row["text"])
        if ids != row["ids"]:
            raise SystemExit(f"tokenizer mismatch between Java and HuggingFace on: {row['text']!r}")
    return tok


def encode_docs(tok, docs):
    return [tok.encode(d["text"]) for d in docs]


PROMPT_ONLY_ROWS = 0.25
SYNTHETIC_ROWS = 0.2
DESCRIPTIONS = {"mapping": "new words :", "swap": "swap :"}


class CopyBlocks:
    """Prompt-only blocks drawn afresh, in the corpus's format, over the common words
    (tools/train/common-words.txt) minus every word the prompt-only evaluation uses. The corpus's
    own blocks use a few hundred everyday words, which also stand as keys of look-up tasks
    ("dish -> dishes"); a model trained on them alone learned to copy those words but answered a
    new word like a look-up. Over some 1,900 words, most never in a look-up task, copying from
    the prompt is the only rule that works."""

    def __init__(self, tok, words, excluded, seed):
        self.tok = tok
        self.words = sorted(set(words) - set(excluded))
        self.rng = random.Random(seed)

    def text(self):
        r = self.rng
        mapping = r.random() < 0.5
        lines = [DESCRIPTIONS["mapping" if mapping else "swap"]] if r.random() < 0.5 else []
        if mapping:
            chosen = r.sample(self.words, 2 * r.randint(2, 6))
            pairs = [(chosen[2 * i], chosen[2 * i + 1]) for i in range(len(chosen) // 2)]
            lines += [f"{a} -> {b}" for a, b in pairs]
            for _ in range(max(1, r.randint(3, 12) - len(pairs))):
                a, b = r.choice(pairs)
                lines.append(f"{a} -> {b}")
        else:
            for _ in range(r.randint(1, 8)):
                a, b = r.sample(self.words, 2)
                lines.append(f"{a} {b} -> {b} {a}")
        return "\n".join(lines)

    def ids(self):
        return self.tok.encode(self.text())


class TiedWordForms(torch.nn.Module):
    """Ties the two tokens of each word during training (every lower-case letters-only token that
    also exists after a space: the common words, every corpus word, and a few word pieces such as
    "th"): the row of a word without a leading space (at the start of a line: "lamp -> table") is
    the row of the same word after a space (" lamp") plus one learned vector shared by every word. Stories only ever have the
    spaced form, so without the tie a line-initial word the blocks never started a line with
    would keep its random row; with it, "red ball -> ball red" only has to learn the one shift.
    Used as a parametrization of the embedding matrix; after training the tie is written out
    as plain rows, so the saved model is an ordinary GPT2LMHeadModel."""

    def __init__(self, tok, d):
        super().__init__()
        vocab = tok.get_vocab()
        # every word that is a whole token in both forms (the common words and every corpus word)
        pairs = sorted((i, vocab["\u0120" + w]) for w, i in vocab.items()
                       if w.isascii() and w.isalpha() and w.islower() and "\u0120" + w in vocab)
        self.register_buffer("bare", torch.tensor([p[0] for p in pairs], dtype=torch.long))
        self.register_buffer("spaced", torch.tensor([p[1] for p in pairs], dtype=torch.long))
        self.shift = torch.nn.Parameter(torch.zeros(d))

    def forward(self, weight):
        return weight.index_copy(0, self.bare, weight[self.spaced] + self.shift)


def prompt_only_words(corpus):
    """Every word of the prompt-only evaluation items and of the prompt lab's prompt-only tasks."""
    words = set()
    for item in common.read_jsonl(os.path.join(corpus, "icl/prompt-only-eval.jsonl")):
        for pair in item["examples"] + [[item["query"], item["answer"]]]:
            for side in pair:
                words.update(side.split())
    for task in json.load(open(os.path.join(corpus, "icl/prompt-lab-tasks.json"))):
        if task.get("kind") == "prompt-only":
            for pair in task["pairs"] + task["queries"]:
                for side in pair:
                    words.update(side.split())
    return words


def make_batch(encoded, eos, batch, length, gen, prompt_only=(), synthetic=None):
    """Each row: a random document start, then following documents, eos between, cut at length+1.
    A quarter of the rows (PROMPT_ONLY_ROWS) start at a prompt-only block of the corpus (indices
    prompt_only) and a fifth (SYNTHETIC_ROWS) at a fresh block from synthetic (CopyBlocks): those
    teach copying from the prompt, the skill the mapping and swap tasks test on new words."""
    rows = []
    n = len(encoded)
    for _ in range(batch):
        u = float(torch.rand((1,), generator=gen))
        i = int(torch.randint(0, n, (1,), generator=gen))
        if synthetic is not None and u < SYNTHETIC_ROWS:
            row = synthetic.ids()
            row.append(eos)
            row.extend(encoded[i])
        else:
            if prompt_only and u < SYNTHETIC_ROWS + PROMPT_ONLY_ROWS:
                i = prompt_only[int(torch.randint(0, len(prompt_only), (1,), generator=gen))]
            row = list(encoded[i])
        while len(row) < length + 1:
            i = (i + 1) % n
            row.append(eos)
            row.extend(encoded[i])
        rows.append(row[:length + 1])
    t = torch.tensor(rows, dtype=torch.long)
    return t[:, :-1], t[:, 1:]


@torch.no_grad()
def perplexity(model, encoded, eos, context):
    """Per-token perplexity over held-out documents, each scored alone, predicting its tokens and the final eos."""
    model.eval()
    total_nll = 0.0
    total = 0
    for ids in encoded:
        seq = (ids + [eos])[:context + 1]
        x = torch.tensor([seq[:-1]])
        y = torch.tensor([seq[1:]])
        logits = model(x).logits[0]
        total_nll += torch.nn.functional.cross_entropy(logits, y[0], reduction="sum").item()
        total += y.numel()
    model.train()
    return math.exp(total_nll / total)


def prompt(item, shots, description=None):
    lines = [description] if description else []
    lines += [f"{a} -> {b}" for a, b in item["examples"][:shots]]
    lines.append(f"{item['query']} ->")
    return "\n".join(lines)


@torch.no_grad()
def answer(model, tok, text, max_new=8):
    """Greedy continuation up to the end of the line."""
    ids = tok.encode(text)
    newline = tok.encode("\n")[0]
    out = []
    for _ in range(max_new):
        logits = model(torch.tensor([ids + out])).logits[0, -1]
        nxt = int(torch.argmax(logits))
        if nxt in (newline, tok.eos_token_id):
            break
        out.append(nxt)
    return tok.decode(out).strip()


@torch.no_grad()
def in_context_accuracy(model, tok, items, descriptions):
    """Accuracy per task and shot count, with the task's description line first ("desc") and
    without ("plain"), separately for seen-pair, held-out-pair and prompt-only items."""
    model.eval()
    result = {}
    for item in items:
        split = ("prompt_only_common" if item.get("fresh_common") else "prompt_only") if item["task"] in ("mapping", "swap") \
            else "heldout" if item["heldOut"] else "seen"
        for variant in ("desc", "plain"):
            for k in SHOTS:
                if variant == "plain" and (split == "heldout" or k == 0 and not split.startswith("prompt_only")):
                    continue
                got = answer(model, tok, prompt(item, k, descriptions[item["task"]] if variant == "desc" else None))
                cell = result.setdefault(f"{split}_{variant}", {}).setdefault(item["task"], {}).setdefault(str(k), [0, 0])
                cell[0] += int(got == item["answer"])
                cell[1] += 1
    model.train()
    return {split: {task: {k: round(c[0] / c[1], 4) for k, c in by_k.items()} for task, by_k in tasks.items()}
            for split, tasks in result.items()}


def word_pairs(r, words, n):
    """n pairs of distinct words drawn by r (one sample of 2n words, paired in order)."""
    chosen = r.sample(words, 2 * n)
    return [[chosen[2 * i], chosen[2 * i + 1]] for i in range(n)]


def swap_pairs(r, words, n):
    """n swap items ["x y", "y x"] over distinct words drawn by r."""
    return [[f"{x} {y}", f"{y} {x}"] for x, y in word_pairs(r, words, n)]


def fresh_common_items(words, per_task, seed):
    """Prompt-only items over the common words: mappings and swaps drawn afresh here (the words
    are ones the trainer's copy blocks use, the pairings are new), 8 examples each, as in
    icl/prompt-only-eval.jsonl: the mapping's query is its first example's word. These are the
    words a class types; the corpus's own held-out words are measured separately."""
    r = random.Random(seed)
    words = sorted(words)
    items = []
    for task in ("mapping", "swap"):
        for _ in range(per_task):
            if task == "mapping":
                pairs = word_pairs(r, words, 8)
                query, answer_ = pairs[0]
            else:
                pairs = swap_pairs(r, words, 9)
                (query, answer_), pairs = pairs[8], pairs[:8]
            items.append({"task": task, "query": query, "answer": answer_, "examples": pairs, "heldOut": False,
                          "fresh_common": True})
    return items


def write_lab_tasks(corpus, words, seed, out):
    """The prompt lab's tasks (tasks.json in the model folder): the corpus's (icl/prompt-lab-tasks.json),
    then mapping and swap again over the common words of the trainer's copy blocks, with pairings
    drawn here: the corpus's prompt-only tasks use its held-out words, several of which are not
    whole tokens ("blanket" is " bl" "anket"), and a class typing its own words mostly types
    common ones. Both kinds are in the lab, so it shows the difference."""
    tasks = json.load(open(os.path.join(corpus, "icl/prompt-lab-tasks.json"), encoding="utf-8"))
    r = random.Random(seed)
    words = sorted(words)
    mapping = word_pairs(r, words, 40)
    swaps = swap_pairs(r, words, 56)
    tasks += [{"name": "mapping-common", "description": "new words :", "kind": "prompt-only",
               "pairs": mapping, "queries": mapping},
              {"name": "swap-common", "description": "swap :", "kind": "prompt-only",
               "pairs": swaps[:8], "queries": swaps[8:]}]
    with open(os.path.join(out, "tasks.json"), "w", encoding="utf-8") as f:
        json.dump(tasks, f, indent=1)
        f.write("\n")


def text_sentences(text):
    """The sentences of a generated text, split at full stops and newlines."""
    return [p.strip() for p in text.replace("\n", " . ").split(" .") if p.strip()]


def repeats(text):
    """True when a sentence of the text occurs twice."""
    parts = text_sentences(text)
    return len(parts) != len(set(parts))


PRONOUNS = {"he", "she", "it", "him", "her", "his", "they", "them", "their"}
DETERMINERS = {"the", "a", "an", "my", "his", "her", "their", "some"}


def event(sentence):
    """A sentence without who does it: a leading connector ("then , "), then the subject (a pronoun
    or name, or a determiner and its noun) are dropped, and pronouns become "@"; so "he was very
    tired" and "the king was very tired" are the same event."""
    words = sentence.split()
    if "," in words:
        words = words[len(words) - words[::-1].index(","):]
    if words:
        words = words[2:] if words[0] in DETERMINERS else words[1:]
    return " ".join("@" if w in PRONOUNS else w for w in words)


def repeats_event(text):
    """True when the text tells the same event twice, whoever does it (see event())."""
    parts = [e for e in map(event, text_sentences(text)) if e]
    return len(parts) != len(set(parts))


@torch.no_grad()
def continuations(model, tok, openings, new_tokens=40):
    """Greedy 40-token continuation of each opening; a loop is a sentence generated twice or a
    generated sentence equal to one of the opening."""
    model.eval()
    rows = []
    for text in openings:
        ids = tok.encode(text)
        out = model.generate(torch.tensor([ids]), max_new_tokens=new_tokens, do_sample=False,
                             pad_token_id=tok.eos_token_id)[0, len(ids):].tolist()
        if tok.eos_token_id in out:
            out = out[:out.index(tok.eos_token_id)]
        cont = tok.decode(out)
        rows.append({"opening": text, "continuation": cont, "loops": repeats(text + cont),
                     "same_event_twice": repeats_event(text + cont)})
    model.train()
    n = max(1, len(rows))
    return {"n": len(rows), "without_loops": round(sum(not r["loops"] for r in rows) / n, 4),
            "without_repeated_events": round(sum(not r["same_event_twice"] for r in rows) / n, 4),
            "examples": rows[:6], "loops": [r for r in rows if r["loops"]][:6]}


def read_hand_prompts(path):
    """Lines 'task<TAB>answer<TAB>prompt' where the prompt writes its line breaks as \\n; # comments."""
    rows = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        task, ans, text = line.rstrip("\n").split("\t")
        rows.append((task, ans, text.replace("\\n", "\n")))
    return rows


@torch.no_grad()
def hand_written(model, tok, prompts_file, openings_file):
    model.eval()
    by_task = {}
    misses = []
    for task, ans, text in read_hand_prompts(prompts_file):
        got = answer(model, tok, text)
        c = by_task.setdefault(task, [0, 0])
        c[0] += int(got == ans)
        c[1] += 1
        if got != ans:
            misses.append({"prompt": text, "answer": ans, "got": got})
    openings = [l.strip() for l in open(openings_file, encoding="utf-8") if l.strip() and not l.startswith("#")]
    model.train()
    return {"tasks": {t: {"n": c[1], "accuracy": round(c[0] / c[1], 4)} for t, c in by_task.items()},
            "misses": misses[:40], "stories": continuations(model, tok, openings)}


def main():
    a = common.language_model_args("folder with the Java-trained vocab.json, merges.txt", "--context", 128, lr=3e-3)
    common.setup(a.seed, a.threads)
    clock = common.Clock()

    tok = load_tokenizer(a.tokenizer)
    eos = tok.eos_token_id
    train_docs = common.read_jsonl(os.path.join(a.corpus, "lm/train.jsonl"))
    train = encode_docs(tok, train_docs)
    prompt_only = [i for i, d in enumerate(train_docs) if d.get("task") in ("mapping", "swap")]
    common_words = [w.strip() for w in open(os.path.join(HERE, "common-words.txt"), encoding="utf-8")
                    if w.strip() and not w.startswith("#")]
    synthetic = CopyBlocks(tok, common_words, prompt_only_words(a.corpus), a.seed)
    test_docs = common.read_jsonl(os.path.join(a.corpus, "lm/test.jsonl"))[:a.eval_docs]
    test = encode_docs(tok, test_docs)
    icl = common.read_jsonl(os.path.join(a.corpus, "icl/eval.jsonl"))
    seen_once = set()
    icl_items = []
    for item in icl:  # held-out pairs: one prompt per pair (the corpus has four), to keep evaluation short
        key = (item["task"], item["query"], item["heldOut"])
        if item["heldOut"] and key in seen_once:
            continue
        seen_once.add(key)
        icl_items.append(item)
    icl_items += common.read_jsonl(os.path.join(a.corpus, "icl/prompt-only-eval.jsonl"))
    icl_items += fresh_common_items(synthetic.words, 48, a.seed + 1)
    if os.environ.get("QUICK_EVAL"):  # a smoke test of the evaluation code only
        icl_items = icl_items[::max(1, len(icl_items) // 30)]
    descriptions = {t["name"]: t["description"] for t in json.load(open(os.path.join(a.corpus, "icl/prompt-lab-tasks.json")))}
    openings = []
    for d in test_docs:
        if d["kind"] == "story" and d["text"].count(" .") >= 3:
            first = d["text"].split(" . ")[0] + " ."
            if first not in openings:
                openings.append(first)
        if len(openings) == 50:
            break
    common.log(f"tiny-gpt: {len(train)} training documents, vocab {len(tok)}, encoded in {clock.seconds():.0f} s")

    cfg = GPT2Config(vocab_size=len(tok), n_positions=a.context, n_embd=a.d, n_layer=a.layers, n_head=a.heads,
                     n_inner=4 * a.d, activation_function="gelu_new", resid_pdrop=0.0, embd_pdrop=0.0,
                     attn_pdrop=0.0, bos_token_id=eos, eos_token_id=eos, tie_word_embeddings=True)
    if a.evaluate_only:
        write_lab_tasks(a.corpus, synthetic.words, a.seed + 2, a.out)
        model = GPT2LMHeadModel.from_pretrained(a.out)
        evaluate_and_write(model, tok, a, test, eos, icl_items, descriptions, openings, None)
        return
    model = GPT2LMHeadModel(cfg)
    tie = TiedWordForms(tok, a.d)
    common.log(f"tied word forms: {len(tie.bare)} words")
    parametrize.register_parametrization(model.transformer.wte, "weight", tie)
    model.train()
    opt = common.adamw(model, a.lr, decay_matrices_only=True)
    gen = torch.Generator().manual_seed(a.seed)

    def next_batch_loss():
        x, y = make_batch(train, eos, a.batch, a.context, gen, prompt_only, synthetic)
        with parametrize.cached():  # the tied matrix once per step, for input and output
            hidden = model.transformer(input_ids=x).last_hidden_state
            logits = hidden @ model.transformer.wte.weight.T  # [B, T, V]; GPT-2's tied output head
        return torch.nn.functional.cross_entropy(logits.reshape(-1, cfg.vocab_size), y.reshape(-1))

    common.train_language_model(model, opt, a, next_batch_loss, clock)
    train_seconds = clock.seconds()
    parametrize.remove_parametrizations(model.transformer.wte, "weight", leave_parametrized=True)
    model.lm_head.weight = model.transformer.wte.weight  # tied again, to the written-out rows

    model.config._attn_implementation = "eager"
    model.save_pretrained(a.out, safe_serialization=True)
    for name in ("vocab.json", "merges.txt"):
        shutil.copyfile(os.path.join(a.tokenizer, name), os.path.join(a.out, name))
    with open(os.path.join(a.out, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "GPT2Tokenizer", "model_max_length": a.context,
                   "bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>",
                   "add_prefix_space": False}, f, indent=2)

    write_lab_tasks(a.corpus, synthetic.words, a.seed + 2, a.out)
    evaluate_and_write(model, tok, a, test, eos, icl_items, descriptions, openings, train_seconds)


def evaluate_and_write(model, tok, a, test, eos, icl_items, descriptions, openings, train_seconds):
    """Perplexity, in-context accuracy, story loops and the hand-written prompts, written to
    --metrics. With --evaluate-only (train_seconds None) the training time of the metrics file
    already there is kept: only training measures it."""
    train_seconds = common.training_seconds(a.metrics, train_seconds)
    ppl = perplexity(model, test, eos, a.context)
    acc = in_context_accuracy(model, tok, icl_items, descriptions)
    stories = continuations(model, tok, openings)
    hand = hand_written(model, tok, os.path.join(HERE, "eval", "gpt-prompts.txt"),
                        os.path.join(HERE, "eval", "gpt-story-openings.txt"))
    metrics = {"model": "tiny-gpt", "seed": a.seed, "steps": a.steps, "batch": a.batch, "context": a.context,
               "layers": a.layers, "d": a.d, "heads": a.heads, "parameters": sum(p_.numel() for p_ in model.parameters()),
               "train_seconds": None if train_seconds is None else round(train_seconds, 1), "test_perplexity": round(ppl, 3), "vocab": len(tok), "in_context": acc,
               "stories": stories, "hand_written": hand}
    common.write_json(a.metrics, metrics)
    common.log(json.dumps({k: v for k, v in metrics.items() if k not in ("hand_written", "stories")}))
    common.log(json.dumps({"stories": stories["without_loops"], "hand": hand["tasks"],
                           "hand_stories": hand["stories"]["without_loops"]}))


if __name__ == "__main__":
    main()
