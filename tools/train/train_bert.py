"""Trains sample-models/tiny-bert: a BertForMaskedLM on the corpus's stories and facts, then evaluates it.

Masking is the procedure the app teaches: 15% of the word-piece tokens (never [CLS]/[SEP]/[PAD])
are chosen; of those, 80% become [MASK], 10% a random token, 10% stay as they are; the loss is
on the chosen positions only. A new draw is made for every batch.

Evaluation on held-out stories (lm/test.jsonl): in each story 15% of the word tokens (letters
only; punctuation is never asked) are replaced by [MASK], all at once, with a fixed seed; top-1
and top-5 accuracy of the model's prediction at those positions. Pronouns are also reported
alone, as they need the antecedent (coreference).

Run (tools/train/train_all.sh does this):
    /tmp/oracle/bin/python tools/train/train_bert.py --corpus build/corpus --tokenizer build/tokenizers/bert \
        --out sample-models/tiny-bert --metrics build/metrics/tiny-bert.json
"""
import json
import os
import shutil

import torch
from transformers import BertConfig, BertForMaskedLM, BertTokenizerFast

import common

PRONOUNS = {"he", "she", "it", "him", "her", "his", "they"}


def encode(tok, docs, max_len):
    return [tok.encode(d["text"], truncation=True, max_length=max_len) for d in docs]


def pad(rows, pad_id):
    width = max(map(len, rows))
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
        mask[i, :len(r)] = 1
    return ids, mask


def mask_tokens(ids, attention, tok, gen, first_word_id):
    """BERT's 15% / 80-10-10 masking; returns (inputs, labels)."""
    special = torch.tensor([[t in (tok.cls_token_id, tok.sep_token_id) for t in row] for row in ids.tolist()])
    candidates = attention.bool() & ~special
    chosen = (torch.rand(ids.shape, generator=gen) < 0.15) & candidates
    labels = torch.where(chosen, ids, torch.full_like(ids, -100))
    roll = torch.rand(ids.shape, generator=gen)
    inputs = ids.clone()
    inputs[chosen & (roll < 0.8)] = tok.mask_token_id
    random_ids = torch.randint(first_word_id, len(tok), ids.shape, generator=gen)
    swap = chosen & (roll >= 0.8) & (roll < 0.9)
    inputs[swap] = random_ids[swap]
    return inputs, labels


@torch.no_grad()
def masked_word_accuracy(model, tok, encoded, seed):
    model.eval()
    gen = torch.Generator().manual_seed(seed)
    top1 = top5 = total = 0
    p_top1 = p_total = 0
    for row in encoded:
        tokens = tok.convert_ids_to_tokens(row)
        words = [i for i, t in enumerate(tokens) if t.isalpha() and t not in ("[CLS]", "[SEP]")]
        if not words:
            continue
        draw = torch.rand(len(words), generator=gen)
        asked = [w for w, r in zip(words, draw.tolist()) if r < 0.15]
        if not asked:
            continue
        inputs = torch.tensor([row])
        inputs[0, asked] = tok.mask_token_id
        logits = model(input_ids=inputs).logits[0]  # [T, V]
        for i in asked:
            best = torch.topk(logits[i], 5).indices.tolist()
            total += 1
            top1 += int(best[0] == row[i])
            top5 += int(row[i] in best)
            if tokens[i] in PRONOUNS:
                p_total += 1
                p_top1 += int(best[0] == row[i])
    model.train()
    return {"masked_words": total, "top1": round(top1 / total, 4), "top5": round(top5 / total, 4),
            "pronouns": p_total, "pronoun_top1": round(p_top1 / max(1, p_total), 4)}


def main():
    # 12000 steps: at 4000 the masked-word loss had flattened but pronoun agreement across sentences
    # ("there was a sad boy . [MASK] wanted ...") was still near a coin toss (65.6% on pronouns)
    a = common.language_model_args("folder with the Java-built vocab.txt", "--max-len", 96, lr=2e-3, steps=12000)
    common.setup(a.seed, a.threads)
    clock = common.Clock()

    tok = BertTokenizerFast(os.path.join(a.tokenizer, "vocab.txt"), do_lower_case=True)
    docs = [d for d in common.read_jsonl(os.path.join(a.corpus, "lm/train.jsonl")) if d["kind"] != "task"]
    test = [d for d in common.read_jsonl(os.path.join(a.corpus, "lm/test.jsonl")) if d["kind"] == "story"]
    train = encode(tok, docs, a.max_len)
    held_out = encode(tok, test[:a.eval_docs], a.max_len)
    first_word_id = 5  # after [PAD] [UNK] [CLS] [SEP] [MASK]: random replacements are never specials
    common.log(f"tiny-bert: {len(train)} training documents, vocab {len(tok)} ({clock.seconds():.0f} s)")

    cfg = BertConfig(vocab_size=len(tok), hidden_size=a.d, num_hidden_layers=a.layers, num_attention_heads=a.heads,
                     intermediate_size=4 * a.d, max_position_embeddings=128, type_vocab_size=2,
                     hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0, pad_token_id=tok.pad_token_id)
    model = BertForMaskedLM(cfg)
    model.train()
    opt = common.adamw(model, a.lr, decay_matrices_only=False)
    gen = torch.Generator().manual_seed(a.seed)

    def next_batch_loss():
        pick = torch.randint(0, len(train), (a.batch,), generator=gen).tolist()
        ids, attention = pad([train[i] for i in pick], tok.pad_token_id)
        inputs, labels = mask_tokens(ids, attention, tok, gen, first_word_id)
        return model(input_ids=inputs, attention_mask=attention, labels=labels).loss

    common.train_language_model(model, opt, a, next_batch_loss, clock)
    train_seconds = clock.seconds()

    model.save_pretrained(a.out, safe_serialization=True)
    shutil.copyfile(os.path.join(a.tokenizer, "vocab.txt"), os.path.join(a.out, "vocab.txt"))
    with open(os.path.join(a.out, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "BertTokenizer", "do_lower_case": True, "model_max_length": 128}, f, indent=2)

    acc = masked_word_accuracy(model, tok, held_out, a.seed)
    metrics = {"model": "tiny-bert", "seed": a.seed, "steps": a.steps, "batch": a.batch, "layers": a.layers,
               "d": a.d, "heads": a.heads, "parameters": sum(p_.numel() for p_ in model.parameters()),
               "train_seconds": round(train_seconds, 1), **acc}
    common.write_json(a.metrics, metrics)
    common.log(json.dumps(metrics))


if __name__ == "__main__":
    main()
