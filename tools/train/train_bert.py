"""Trains sample-models/tiny-bert: a BertForPreTraining (masked-word head and next-sentence head,
as bert-base-uncased has) on the corpus's stories and facts, then evaluates it. The stories are
those of lm/train.jsonl (sentences drawn one by one, which every sample model reads) and those of
lm/episodes-train.jsonl (short episodes whose sentences follow from each other, tiny-bert only),
drawn alike.

Training examples (drawn afresh for every batch, from a seeded generator):
  - half are sentence pairs "[CLS] A [SEP] B [SEP]" (token types 0 / 1): A is one to three
    sentences of a story starting anywhere, B is the one to three sentences that follow it
    (is_next) or, for the other half, one to three sentences of another story or a fact
    (not_next): the next-sentence loss is on these;
  - half are single segments "[CLS] text [SEP]": a whole story (25%), a crop of a story
    starting and ending anywhere at sentence boundaries (35%), one lone sentence (20%), or a fact
    line (20%, its answer always among the masked words). So no text shape is tied to a position: the last sentence of an input can be
    any sentence of a story.
Masking is the procedure the app teaches: 15% of the word-piece tokens (never [CLS]/[SEP]/[PAD])
are chosen, anywhere in the input; of those 80% become [MASK], 10% a random token, 10% stay.

Evaluation (held-out stories of lm/test.jsonl, and of lm/episodes-test.jsonl for next-sentence
prediction only, every fact of lm/facts.jsonl, hand-written
tools/train/eval/bert-*.txt): see evaluate() and hand_written(); every figure is top-1 / top-5.

Run (tools/train/train_all.sh does this):
    /tmp/oracle/bin/python tools/train/train_bert.py --corpus target/train/corpus \
        --tokenizer target/train/tokenizers/bert --out sample-models/tiny-bert --metrics target/train/metrics/tiny-bert.json
"""
import collections
import json
import os
import random
import re
import shutil

import torch
from transformers import BertConfig, BertForPreTraining, BertTokenizerFast

import common

PRONOUNS = {"he", "she", "it", "him", "her", "his", "they"}
HERE = os.path.dirname(os.path.abspath(__file__))


def sentences(text):
    """Splits a corpus story at its full stops (each sentence keeps its '.')."""
    parts = [p.strip() for p in re.split(r"(?<= \.)\s", text) if p.strip()]
    return parts


def pad(rows, pad_id):
    width = max(len(r[0]) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    types = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, (r, t) in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
        types[i, :len(t)] = torch.tensor(t)
        mask[i, :len(r)] = 1
    return ids, types, mask


def mask_tokens(ids, attention, tok, gen, first_word_id, forced=None):
    """BERT's 15% / 80-10-10 masking; returns (inputs, labels). Positions true in forced (a fact's
    answer) are chosen besides the random 15%, then replaced 80-10-10 like the others."""
    special = (ids == tok.cls_token_id) | (ids == tok.sep_token_id)
    candidates = attention.bool() & ~special
    chosen = (torch.rand(ids.shape, generator=gen) < 0.15) & candidates
    if forced is not None:
        chosen = chosen | (forced & candidates)
    labels = torch.where(chosen, ids, torch.full_like(ids, -100))
    roll = torch.rand(ids.shape, generator=gen)
    inputs = ids.clone()
    inputs[chosen & (roll < 0.8)] = tok.mask_token_id
    random_ids = torch.randint(first_word_id, len(tok), ids.shape, generator=gen)
    swap = chosen & (roll >= 0.8) & (roll < 0.9)
    inputs[swap] = random_ids[swap]
    return inputs, labels


class Examples:
    """Draws training examples (token ids, token types, NSP label or -100, forced mask position or
    -1) from a seeded Random. A lone fact line always asks its answer (the word before the full
    stop): facts are few among the stories, and 15% masking alone would ask each one rarely."""

    def __init__(self, tok, stories, facts, max_len, rng):
        self.tok = tok
        self.max_len = max_len
        self.rng = rng
        self.stories = [[tok.encode(s, add_special_tokens=False) for s in sentences(t)] for t in stories]
        self.multi = [s for s in self.stories if len(s) >= 2]
        self.facts = [tok.encode(f, add_special_tokens=False) for f in facts]

    def crop(self, story, start, most):
        n = self.rng.randint(1, min(most, len(story) - start))
        return [t for s in story[start:start + n] for t in s], start + n

    def pair(self, a_ids, b_ids):
        cls, sep = self.tok.cls_token_id, self.tok.sep_token_id
        room = self.max_len - 3
        a_ids = a_ids[-max(1, room - min(len(b_ids), room // 2)):]
        b_ids = b_ids[:room - len(a_ids)]
        ids = [cls] + a_ids + [sep] + b_ids + [sep]
        return ids, [0] * (len(a_ids) + 2) + [1] * (len(b_ids) + 1)

    def single(self, ids):
        ids = [self.tok.cls_token_id] + ids[:self.max_len - 2] + [self.tok.sep_token_id]
        return ids, [0] * len(ids)

    def next(self):
        r = self.rng
        if r.random() < 0.5:
            story = r.choice(self.multi)
            start = r.randrange(0, len(story) - 1)
            a, after = self.crop(story, start, min(3, len(story) - start - 1))
            if r.random() < 0.5:
                b, _ = self.crop(story, after, 3)
                label = 0  # HF: 0 = B is the next sentence
            else:
                if r.random() < 0.1:
                    b = r.choice(self.facts)
                else:
                    other = r.choice(self.stories)
                    while other is story:
                        other = r.choice(self.stories)
                    b, _ = self.crop(other, r.randrange(0, len(other)), 3)
                label = 1
            ids, types = self.pair(a, b)
            return ids, types, label, -1
        p = r.random()
        if p < 0.2:
            ids, types = self.single(r.choice(self.facts))
            return ids, types, -100, len(ids) - 3  # [CLS] ... answer . [SEP]
        story = r.choice(self.stories)
        if p < 0.45:
            ids = [t for s in story for t in s]
        elif p < 0.8:
            start = r.randrange(0, len(story))
            ids, _ = self.crop(story, start, len(story))
        else:
            ids = r.choice(story)
        return (*self.single(ids), -100, -1)


def predict(model, tok, ids, types=None):
    """[T, V] masked-word logits and the [2] next-sentence logits of one input."""
    t = torch.tensor([ids])
    out = model(input_ids=t, token_type_ids=None if types is None else torch.tensor([types]))
    return out.prediction_logits[0], out.seq_relationship_logits[0]


class Score:
    def __init__(self):
        self.n = self.top1 = self.top5 = 0

    def add(self, logits, answer_ids):
        best = torch.topk(logits, 5).indices.tolist()
        self.n += 1
        self.top1 += int(best[0] in answer_ids)
        self.top5 += int(any(a in best for a in answer_ids))

    def add_ranked(self, best, answer):
        """One question answered by a ranked list of tokens (best first) instead of logits."""
        self.n += 1
        self.top1 += int(bool(best) and best[0] == answer)
        self.top5 += int(answer in best[:5])

    def result(self):
        return {"n": self.n, "top1": round(self.top1 / max(1, self.n), 4), "top5": round(self.top5 / max(1, self.n), 4)}


class SentenceContexts:
    """Which words the training stories put in each slot of each sentence: for a sentence with
    one word left out ("the girl found a _ in the park ."), every word that fills the gap there,
    counted. Where a context occurs often, the counts are the corpus's own distribution of the
    missing word, so their five most frequent words are the best top-5 any model can give there:
    a lone sentence often has many right answers and only the original word counts."""

    FREQUENT = 20

    def __init__(self, tok, stories):
        seen = collections.Counter(s for text in stories for s in sentences(text))
        self.fillers = collections.defaultdict(collections.Counter)
        for s, count in seen.items():
            toks = tok.tokenize(s)
            for i, t in enumerate(toks):
                if t.isalpha():
                    self.fillers[self.key(toks, i)][t] += count

    @staticmethod
    def key(toks, i):
        return " ".join(toks[:i]) + " _ " + " ".join(toks[i + 1:])

    def ranked(self, toks, i):
        """The five words the training stories most often have in slot i of the word pieces toks
        (ties in first-seen order), or None when the context occurs fewer than FREQUENT times."""
        c = self.fillers.get(self.key(toks, i))
        if not c or sum(c.values()) < self.FREQUENT:
            return None
        return [w for w, _ in c.most_common(5)]


@torch.no_grad()
def evaluate(model, tok, stories, facts, names, adjectives, seed, contexts=None):
    """Held-out figures by category. Stories: 15% of the word tokens masked at once (overall,
    pronoun, named noun, carried-over adjective = an adjective masked where the same adjective
    stands earlier in the text, last-sentence = masked words in the story's last sentence);
    lone sentences: each held-out story sentence alone with one word masked; facts: the last
    word of every fact sentence, by family; NSP: one true and one random continuation per story.
    With contexts (SentenceContexts of the training stories), the lone-sentence masks whose
    context the training stories have often are scored again by the model
    (lone_sentence_frequent) and by the training stories' own counts (its _ceiling)."""
    model.eval()
    rng = random.Random(seed)
    cats = {k: Score() for k in ("overall", "pronoun", "name", "carried_adjective", "last_sentence", "lone_sentence")}
    for text in stories:
        row = tok.encode(text)
        tokens = tok.convert_ids_to_tokens(row)
        words = [i for i, t in enumerate(tokens) if t.isalpha() and t not in ("[CLS]", "[SEP]")]
        last_start = max([i for i, t in enumerate(tokens[:-2]) if t == "."] + [0])
        asked = [w for w in words if rng.random() < 0.15]
        # make sure carried adjectives and last-sentence words are asked often enough to measure
        for i in words:
            if tokens[i] in adjectives and tokens[i] in tokens[1:i] and i not in asked and rng.random() < 0.5:
                asked.append(i)
        if not asked:
            continue
        inputs = list(row)
        for i in asked:
            inputs[i] = tok.mask_token_id
        logits, _ = predict(model, tok, inputs)
        for i in asked:
            cats["overall"].add(logits[i], [row[i]])
            if tokens[i] in PRONOUNS:
                cats["pronoun"].add(logits[i], [row[i]])
            if tokens[i] in names:
                cats["name"].add(logits[i], [row[i]])
            if tokens[i] in adjectives and tokens[i] in tokens[1:i]:
                cats["carried_adjective"].add(logits[i], [row[i]])
            if i > last_start:
                cats["last_sentence"].add(logits[i], [row[i]])
        for s in sentences(text)[:3]:
            r = tok.encode(s)
            toks = tok.convert_ids_to_tokens(r)
            ws = [i for i, t in enumerate(toks) if t.isalpha() and t not in ("[CLS]", "[SEP]")]
            i = rng.choice(ws)
            inp = list(r)
            inp[i] = tok.mask_token_id
            logits, _ = predict(model, tok, inp)
            cats["lone_sentence"].add(logits[i], [r[i]])
            best = contexts.ranked(toks[1:-1], i - 1) if contexts else None
            if best is not None:
                cats.setdefault("lone_sentence_frequent", Score()).add(logits[i], [r[i]])
                cats.setdefault("lone_sentence_frequent_ceiling", Score()).add_ranked(best, toks[i])
    families = {}
    for f in facts:
        r = tok.encode(f["text"])
        i = len(r) - 3  # [CLS] ... answer . [SEP]
        if tok.convert_ids_to_tokens([r[i]])[0] != f["answer"]:
            continue
        inp = list(r)
        inp[i] = tok.mask_token_id
        logits, _ = predict(model, tok, inp)
        families.setdefault("fact_" + f["family"], Score()).add(logits[i], [r[i]])
    cats.update(families)
    nsp = nsp_accuracy(model, tok, stories, rng)
    model.train()
    out = {k: v.result() for k, v in cats.items()}
    out["nsp"] = nsp
    return out


@torch.no_grad()
def nsp_accuracy(model, tok, stories, rng):
    """Next-sentence prediction: for every story of two or more sentences, one or two sentences
    (A) before a random cut, then the sentence after the cut (is next) or a random sentence of
    another story (not next)."""
    model.eval()
    right = n = 0
    multi = [sentences(t) for t in stories if len(sentences(t)) >= 2]
    for k, ss in enumerate(multi):
        cut = rng.randrange(1, len(ss))
        a = " ".join(ss[max(0, cut - 2):cut])
        for label in (0, 1):
            if label == 0:
                b = ss[cut]
            else:
                other = multi[(k + 1 + rng.randrange(len(multi) - 1)) % len(multi)]
                b = rng.choice(other)
            enc = tok(a, b)
            _, logits = predict(model, tok, enc["input_ids"], enc["token_type_ids"])
            right += int(int(torch.argmax(logits)) == label)
            n += 1
    return {"n": n, "accuracy": round(right / n, 4)}


def read_hand_written(path):
    """Lines 'category<TAB>text with one [MASK]<TAB>answer[|other accepted answer]'; # comments."""
    rows = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cat, text, answers = line.split("\t")
        rows.append((cat, text, answers.split("|")))
    return rows


@torch.no_grad()
def hand_written(model, tok, mlm_file, nsp_file):
    """The hand-written sets: masked words by category, and sentence pairs labelled next / random."""
    model.eval()
    cats = {}
    misses = []
    for cat, text, answers in read_hand_written(mlm_file):
        enc = tok(text)
        ids = enc["input_ids"]
        i = ids.index(tok.mask_token_id)
        logits, _ = predict(model, tok, ids)
        vocab = tok.get_vocab()
        answer_ids = [vocab[a] for a in answers if a in vocab]
        for key in ("all", cat):
            cats.setdefault(key, Score()).add(logits[i], answer_ids)
        best = tok.convert_ids_to_tokens(torch.topk(logits[i], 5).indices.tolist())
        if best[0] not in answers:
            misses.append({"text": text, "answers": answers, "top5": best})
    right = n = 0
    for line in open(nsp_file, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        label, a, b = line.rstrip("\n").split("\t")
        enc = tok(a, b)
        _, nsp = predict(model, tok, enc["input_ids"], enc["token_type_ids"])
        right += int(int(torch.argmax(nsp)) == (0 if label == "next" else 1))
        n += 1
    model.train()
    out = {k: v.result() for k, v in cats.items()}
    out["nsp"] = {"n": n, "accuracy": round(right / max(1, n), 4)}
    out["misses"] = misses[:40]
    return out


def main():
    a = common.language_model_args("folder with the Java-built vocab.txt", "--max-len", 96, lr=2e-3, steps=10000)
    common.setup(a.seed, a.threads)
    clock = common.Clock()

    tok = BertTokenizerFast(os.path.join(a.tokenizer, "vocab.txt"), do_lower_case=True)
    docs = common.read_jsonl(os.path.join(a.corpus, "lm/train.jsonl"))
    stories = [d["text"] for d in docs if d["kind"] == "story"]
    facts = sorted({d["text"] for d in docs if d["kind"] == "fact"})
    test = [d["text"] for d in common.read_jsonl(os.path.join(a.corpus, "lm/test.jsonl")) if d["kind"] == "story"]
    # Stories made of episodes (lm/episodes-*.jsonl), for tiny-bert only: sentences that follow
    # from each other, so that a true next sentence can be told from a random one.
    episodes = [d["text"] for d in common.read_jsonl(os.path.join(a.corpus, "lm/episodes-train.jsonl"))]
    episode_test = [d["text"] for d in common.read_jsonl(os.path.join(a.corpus, "lm/episodes-test.jsonl"))]
    fact_rows = common.read_jsonl(os.path.join(a.corpus, "lm/facts.jsonl"))
    lexicon = json.load(open(os.path.join(a.corpus, "lexicon.json"), encoding="utf-8"))
    first_word_id = 5  # after [PAD] [UNK] [CLS] [SEP] [MASK]: random replacements are never specials
    examples = Examples(tok, stories + episodes, facts, a.max_len, random.Random(a.seed))
    common.log(f"tiny-bert: {len(stories)} stories and {len(episodes)} made of episodes, {len(facts)} facts, vocab {len(tok)} ({clock.seconds():.0f} s)")

    cfg = BertConfig(vocab_size=len(tok), hidden_size=a.d, num_hidden_layers=a.layers, num_attention_heads=a.heads,
                     intermediate_size=4 * a.d, max_position_embeddings=128, type_vocab_size=2,
                     hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0, pad_token_id=tok.pad_token_id)
    if a.evaluate_only:
        evaluate_and_write(BertForPreTraining.from_pretrained(a.out), tok, a, test, fact_rows, lexicon, None, stories,
                           episode_test)
        return
    model = BertForPreTraining(cfg)
    model.train()
    opt = common.adamw(model, a.lr, decay_matrices_only=False)
    gen = torch.Generator().manual_seed(a.seed)
    ce = torch.nn.CrossEntropyLoss(ignore_index=-100)

    def next_batch_loss():
        rows = [examples.next() for _ in range(a.batch)]
        ids, types, attention = pad([(r[0], r[1]) for r in rows], tok.pad_token_id)
        nsp_labels = torch.tensor([r[2] for r in rows])
        forced = torch.zeros_like(ids, dtype=torch.bool)
        for i, r in enumerate(rows):
            if r[3] >= 0:
                forced[i, r[3]] = True
        inputs, labels = mask_tokens(ids, attention, tok, gen, first_word_id, forced)
        hidden, pooled = model.bert(input_ids=inputs, token_type_ids=types, attention_mask=attention,
                                    return_dict=False)[:2]
        chosen = labels != -100
        # the masked-word head only where a word was chosen: the same loss, less work
        mlm = ce(model.cls.predictions(hidden[chosen]), labels[chosen])
        nsp = ce(model.cls.seq_relationship(pooled), nsp_labels)
        return mlm + nsp

    common.train_language_model(model, opt, a, next_batch_loss, clock)
    train_seconds = clock.seconds()

    model.save_pretrained(a.out, safe_serialization=True)
    shutil.copyfile(os.path.join(a.tokenizer, "vocab.txt"), os.path.join(a.out, "vocab.txt"))
    with open(os.path.join(a.out, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": 128}, f, indent=2)
    evaluate_and_write(model, tok, a, test, fact_rows, lexicon, train_seconds, stories, episode_test)


def evaluate_and_write(model, tok, a, test, fact_rows, lexicon, train_seconds, stories, episode_test):
    """The held-out and hand-written evaluation, written to --metrics; stories are the training
    stories, for the lone-sentence ceiling (SentenceContexts), and episode_test the held-out
    stories made of episodes. With --evaluate-only (train_seconds None) the training time of the
    metrics file already there is kept: only training measures it."""
    train_seconds = common.training_seconds(a.metrics, train_seconds)
    held = evaluate(model, tok, test[:a.eval_docs], fact_rows, set(lexicon["names"]), set(lexicon["adjectives"]),
                    a.seed, SentenceContexts(tok, stories))
    held["nsp_episodes"] = nsp_accuracy(model, tok, episode_test[:a.eval_docs], random.Random(a.seed))
    hand = hand_written(model, tok, os.path.join(HERE, "eval", "bert-masked.txt"),
                        os.path.join(HERE, "eval", "bert-next-sentence.txt"))
    metrics = {"model": "tiny-bert", "seed": a.seed, "steps": a.steps, "batch": a.batch, "layers": a.layers,
               "d": a.d, "heads": a.heads, "parameters": sum(p_.numel() for p_ in model.parameters()),
               "vocab": len(tok), "train_seconds": None if train_seconds is None else round(train_seconds, 1), "held_out": held, "hand_written": hand}
    common.write_json(a.metrics, metrics)
    common.log(json.dumps({k: v for k, v in metrics.items() if k != "hand_written"}))
    common.log(json.dumps({k: v for k, v in hand.items() if k != "misses"}))


if __name__ == "__main__":
    main()
