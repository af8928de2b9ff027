package org.attentionlab.app.cli;

import org.attentionlab.service.bench.BenchService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench --model M [--tokens 128,16] [--record attentions|all|lab] [--prompt-ids ... | --prompt-tokens 8]
 * [--new-tokens 64] [--repeat 10] [--warmup 3] [--threads N] [--steps]}: times the engine on a
 * model and prints the medians as JSON, so that the app can be compared with another tool on the
 * same machine (tools/bench/compare.py runs it next to HuggingFace transformers).
 *
 * <p>Forward: one full forward over each of {@code --tokens} lengths, recording the attentions
 * (or, with {@code --record all}, the attentions, mask steps, hidden states and logits: what the
 * PyTorch side of compare.py returns; {@code --record lab} adds the labs' embedding parts,
 * projections and logit lens). Generate (GPT-2 models, on by default):
 * greedy decoding of {@code --new-tokens} after the prompt, never stopping early at the
 * end-of-text token; {@code prefill_ms} is the time to the first new token and
 * {@code decode_ms_per_token} the mean time of each later one. {@code --steps} adds the time of
 * each step of the one-token decode loop, and of each step of a BERT forward pass. Ids are drawn from a fixed seed unless given.
 */
@Command(name = "bench", header = "time forward passes and generation on a model; prints medians as JSON", synopsisHeading = "",
        customSynopsis = "usage: java -jar attention-lab.jar bench --model M [--tokens 128,16] [--ids ...] [--record attentions|all|lab] [--prompt-ids ... | --prompt-tokens 8] [--new-tokens 64] [--repeat 10] [--warmup 3] [--threads N] [--steps] [--no-generate]")
public final class BenchCommand extends CliCommand {
    @Option(names = "--model", paramLabel = "M", required = true, description = "sample name, model folder, or HuggingFace cache name")
    private String model;
    @Option(names = "--tokens", paramLabel = "N,N", description = "forward-pass lengths, comma-separated (default: 128,16 for BERT, none for GPT-2)")
    private String tokens;
    @Option(names = "--ids", paramLabel = "ID,ID", description = "the token ids of the forward passes (default: drawn from a fixed seed)")
    private String ids;
    @Option(names = "--record", paramLabel = "attentions|all|lab", defaultValue = "attentions", description = "what the forward pass records (all: attentions, masks, hidden states, logits; lab: every trace item)")
    private String record;
    @Option(names = "--prompt-ids", paramLabel = "ID,ID", description = "the prompt of the generation (default: drawn from a fixed seed)")
    private String promptIds;
    @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "8", description = "length of the drawn prompt")
    private int promptTokens;
    @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "64", description = "tokens generated greedily (GPT-2)")
    private int newTokens;
    @Option(names = "--repeat", paramLabel = "N", defaultValue = "10", description = "timed runs; the medians are reported")
    private int repeat;
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "untimed runs first")
    private int warmup;
    @Option(names = "--threads", paramLabel = "N", description = "compute threads (default: the engine's choice)")
    private Integer threads;
    @Option(names = "--steps", description = "add the time of each step of a decode step (GPT-2) or forward pass (BERT)")
    private boolean steps;
    @Option(names = "--no-generate", description = "time only forward passes")
    private boolean noGenerate;

    @Override
    protected int run() throws Exception {
        var ref = catalog.resolve(this.model);
        Json.print(out, new BenchService().run(ref, new BenchService.Request(tokens, ids, record, promptIds, promptTokens,
                newTokens, repeat, warmup, threads, steps, noGenerate), err));
        return 0;
    }
}
