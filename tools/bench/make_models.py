#!/usr/bin/env python3
"""Writes the random-init checkpoints tools/bench/compare.py times, with HuggingFace transformers.

    /tmp/oracle/bin/python tools/bench/make_models.py [--out /tmp/attention-lab-bench]

  gpt2-124m  GPT2LMHeadModel with the real gpt2 config (124M parameters, 50257-token vocabulary)
  bert-base  BertForMaskedLM with the bert-base-uncased config (110M parameters)
  tiny-gpt2  GPT-2 shaped like the app's sample models, a little larger: 4 layers, d=128,
  tiny-bert  4 heads, feed-forward 512, 2000-token vocabulary, 128 positions

Weights are random (seeded): timing does not depend on their values, and the outputs are still
the same on both sides, since both load the same files. Folders that exist are left alone.
About 1.1 GB in all.
"""
import argparse
import os


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="/tmp/attention-lab-bench")
    a = p.parse_args()

    import torch
    from transformers import BertConfig, BertForMaskedLM, GPT2Config, GPT2LMHeadModel

    tiny = dict(layers=4, d=128, heads=4, inner=512, vocab=2000, positions=128)
    models = {
        "gpt2-124m": lambda: GPT2LMHeadModel(GPT2Config()),
        "bert-base": lambda: BertForMaskedLM(BertConfig()),
        "tiny-gpt2": lambda: GPT2LMHeadModel(GPT2Config(
            vocab_size=tiny["vocab"], n_positions=tiny["positions"], n_embd=tiny["d"], n_layer=tiny["layers"],
            n_head=tiny["heads"], n_inner=tiny["inner"], bos_token_id=0, eos_token_id=0)),
        "tiny-bert": lambda: BertForMaskedLM(BertConfig(
            vocab_size=tiny["vocab"], hidden_size=tiny["d"], num_hidden_layers=tiny["layers"],
            num_attention_heads=tiny["heads"], intermediate_size=tiny["inner"],
            max_position_embeddings=tiny["positions"])),
    }
    for i, (name, build) in enumerate(models.items()):
        folder = os.path.join(a.out, name)
        if os.path.exists(os.path.join(folder, "config.json")):
            print(f"{folder}: exists")
            continue
        torch.manual_seed(1000 + i)
        build().save_pretrained(folder, safe_serialization=True)
        print(f"{folder}: written")


if __name__ == "__main__":
    main()
