#!/usr/bin/env bash
# Regenerates the corpus, trains every sample model, evaluates it, and writes the metrics table
# into sample-models/README.md. Fixed seeds: the same command gives the same corpus, the same
# vocabularies, and (with the same threads setting) the same models.
#
#   bash tools/train/train_all.sh            # everything, 84-85 minutes on 2 quiet cores (measured twice)
#   ONLY=seq2seq bash tools/train/train_all.sh   # only the translators (a few minutes)
#
# Needs: a JDK 17 + Maven (the corpus and tokenizers are made in Java) and the oracle Python
# (PYTHON, default /tmp/oracle/bin/python; see /work/shared/oracle/README.md) for training.
# Two phases, each keeping both cores busy without oversubscription (measured: one PyTorch
# process with 2 threads on this machine is slower than two with 1 thread each): first the five
# translators side by side (a few minutes), then tiny-bert and tiny-gpt side by side, one thread
# each (about 78 minutes here). Load from other work slows the run but does not change its results.
# Work files go to target/train (corpus, vocabularies, logs); metrics to tools/train/metrics.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/tmp/oracle/bin/python}
SEED=${SEED:-1234}
ONLY=${ONLY:-all}
WORK=target/train
MODELS=sample-models
# The measurements of the shipped models are kept with the recipe (small JSON files): a run of
# one part (ONLY=...) rewrites its own and the README table is written from all of them.
METRICS=tools/train/metrics
mkdir -p "$METRICS" "$WORK/logs"
export PYTHONPATH="tools/golden${PYTHONPATH:+:$PYTHONPATH}"

start=$(date +%s)
mvn -q -DskipTests compile
CP="target/classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
java -cp "$CP" org.attentionlab.train.corpus.CorpusGenerator --out "$WORK/corpus" --seed "$SEED"
java -cp "$CP" org.attentionlab.train.tokenizer.BuildVocabularies --corpus "$WORK/corpus" \
    --gpt-out "$WORK/tokenizers/gpt" --bert-out "$WORK/tokenizers/bert" --gpt-vocab 1500 \
    --required-words tools/train/common-words.txt

# Each translator is its own one-thread process, all five side by side; each language model
# uses LM_THREADS threads (default 1). Fixed thread counts keep every result reproducible.
LM_THREADS=${LM_THREADS:-1}
BERT_STEPS=${BERT_STEPS:-30000}
GPT_STEPS=${GPT_STEPS:-12000}
translator() {  # score name, steps
    "$PY" tools/train/train_seq2seq.py --data "$WORK/corpus/translate" --score "$1" --seed "$SEED" \
        --steps "$2" --out "$MODELS/seq2seq-$1" --metrics "$METRICS/seq2seq-$1.json" \
        --hand-written tools/train/eval/translate.txt --test-tsv > "$WORK/logs/seq2seq-$1.log" 2>&1
}
seq2seq_lane() {
    pids=()
    for score in dot bilinear mlp; do
        translator "$score" 1500 &
        pids+=($!)
    done
    translator none 4000 &  # without attention it learns slower: more steps, same data
    pids+=($!)
    "$PY" tools/train/train_seq2seq.py --data "$WORK/corpus/dates" --score mlp --seed "$SEED" --steps 1500 \
        --out "$MODELS/seq2seq-dates" --metrics "$METRICS/seq2seq-dates.json" \
        --year-range 1950 2049 --hand-written tools/train/eval/dates.txt > "$WORK/logs/seq2seq-dates.log" 2>&1
    for p in "${pids[@]}"; do wait "$p"; done
}
bert_lane() {
    "$PY" tools/train/train_bert.py --corpus "$WORK/corpus" --tokenizer "$WORK/tokenizers/bert" --seed "$SEED" \
        --threads "$LM_THREADS" --d 96 --steps "$BERT_STEPS" --out "$MODELS/tiny-bert" --metrics "$METRICS/tiny-bert.json"
}
gpt_lane() {
    "$PY" tools/train/train_gpt.py --corpus "$WORK/corpus" --tokenizer "$WORK/tokenizers/gpt" --seed "$SEED" \
        --threads "$LM_THREADS" --context 96 --batch 16 --steps "$GPT_STEPS" --eval-docs 500 --out "$MODELS/tiny-gpt" --metrics "$METRICS/tiny-gpt.json"
}

case "$ONLY" in
    seq2seq) seq2seq_lane > "$WORK/logs/seq2seq.log" 2>&1 ;;
    bert) bert_lane > "$WORK/logs/bert.log" 2>&1 ;;
    gpt) gpt_lane > "$WORK/logs/gpt.log" 2>&1 ;;
    all)
        # The translators first, then tiny-bert and tiny-gpt side by side.
        seq2seq_lane > "$WORK/logs/seq2seq.log" 2>&1
        echo "translators done at $(( $(date +%s) - start )) s"
        bert_lane > "$WORK/logs/bert.log" 2>&1 &
        lane1=$!
        gpt_lane > "$WORK/logs/gpt.log" 2>&1 &
        lane2=$!
        wait "$lane1"
        wait "$lane2"
        ;;
    *) echo "ONLY must be all, seq2seq, bert or gpt" >&2; exit 2 ;;
esac

"$PY" tools/train/write_readme.py --metrics "$METRICS" --readme "$MODELS/README.md" \
    --total-seconds $(( $(date +%s) - start ))
echo "done in $(( $(date +%s) - start )) s; metrics in $MODELS/README.md"
