package org.attentionlab.service.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.CausalLanguageModel;
import org.attentionlab.engine.LoadedModel;
import org.attentionlab.engine.Models;
import org.attentionlab.engine.TransformerModel;
import org.attentionlab.engine.bert.BertModel;
import org.attentionlab.engine.gpt2.Gpt2Model;
import org.attentionlab.engine.gpt2.Gpt2Session;
import org.attentionlab.engine.tensor.ComputeThreads;
import org.attentionlab.engine.tensor.StepClock;
import org.attentionlab.service.ModelRef;

/**
 * Times the engine on a model, for the {@code bench} subcommand: forward passes over given
 * lengths (recording the attentions, or more: see {@link Request}), and for GPT-2 greedy decoding token
 * by token, optionally with the time of each step. It loads the engine model directly (not a
 * session) because it reaches into the engine's step clocks.
 *
 * <p>Forward: one full forward over each of the token lengths. Generate (GPT-2 models, on by
 * default): greedy decoding of {@code newTokens} after the prompt, never stopping early at the
 * end-of-text token; {@code prefill_ms} is the time to the first new token and
 * {@code decode_ms_per_token} the mean time of each later one. Ids are drawn from a fixed seed unless given.
 */
public final class BenchService {
    /**
     * What to time.
     *
     * @param tokens       forward-pass lengths, comma-separated, or null for the model's default (128,16 for BERT, none for GPT-2)
     * @param ids          the forward passes' token ids, comma-separated, or null to draw them
     * @param record       {@code attentions}, {@code all} (attentions, masks, hidden states, logits: what
     *                     the PyTorch side of tools/bench/compare.py returns) or {@code lab} (every trace item)
     * @param promptIds    the generation prompt's ids, comma-separated, or null to draw {@code promptTokens}
     * @param promptTokens length of a drawn prompt
     * @param newTokens    tokens to generate
     * @param repeat       timed runs
     * @param warmup       untimed runs first
     * @param threads      compute threads, or null for the engine's choice
     * @param steps        also time each step
     * @param noGenerate   time forward passes only
     */
    public record Request(String tokens, String ids, String record, String promptIds, int promptTokens, int newTokens,
                          int repeat, int warmup, Integer threads, boolean steps, boolean noGenerate) {
    }

    /**
     * Runs the benchmark and returns its report, ordered as the JSON that tools/bench/compare.py reads.
     *
     * @param log receives progress lines
     */
    public Map<String, Object> run(ModelRef ref, Request request, PrintStream log) {
        int repeat = positive(request.repeat(), "repeat");
        int warmup = Math.max(0, request.warmup());
        if (request.threads() != null) {
            ComputeThreads.set(positive(request.threads(), "threads"));
        }
        String record = request.record();
        Set<TraceItem> items = switch (record) {
            case "attentions" -> EnumSet.of(TraceItem.ATTENTIONS);
            case "all" -> EnumSet.of(TraceItem.ATTENTIONS, TraceItem.MASKS, TraceItem.HIDDEN, TraceItem.LOGITS);
            case "lab" -> EnumSet.allOf(TraceItem.class);
            default -> throw new InputException("--record must be 'attentions', 'all' or 'lab', not '" + record + "'.",
                    "Write --record attentions, --record all or --record lab.");
        };
        log.println("loading " + ref.folder());
        long l0 = System.nanoTime();
        try (LoadedModel loaded = Models.load(ref.folder(), ref.name())) {
            double loadMs = (System.nanoTime() - l0) / 1e6;
            if (!(loaded instanceof TransformerModel model)) {
                throw new InputException("bench times BERT and GPT-2 models; " + ref.name() + " is a "
                        + loaded.info().kind() + " model.", "Choose a BERT or GPT-2 model folder.");
            }
            ModelInfo info = model.info();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("side", "attention-lab");
            json.put("model", Map.of("type", info.kind().name().toLowerCase(Locale.ROOT), "name", info.name(),
                    "layers", info.layers(), "hidden", info.hidden(), "parameters", info.parameters()));
            json.put("threads", ComputeThreads.get());
            json.put("java", System.getProperty("java.version"));
            json.put("load_average", loadAverage());
            json.put("load_ms", round(loadMs));

            int[] ids = parseIds(request.ids());
            List<Map<String, Object>> forwards = new ArrayList<>();
            for (int n : parseIds(request.tokens() != null ? request.tokens() : defaultTokens(info))) {
                int[] input = ids != null ? prefix(ids, n, "--ids") : drawIds(n, info.vocab(), n);
                Encoding enc = encoding(input);
                double[] times = time(() -> model.forward(enc, items), warmup, repeat);
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("tokens", n);
                f.put("record", record);
                f.putAll(summary(times));
                if (request.steps() && model instanceof BertModel bert) {
                    f.put("steps_ms", forwardSteps(bert, enc, items, repeat));
                }
                forwards.add(f);
            }
            json.put("forward", forwards);

            if (model instanceof CausalLanguageModel lm && !request.noGenerate()) {
                int[] prompt = parseIds(request.promptIds());
                if (prompt == null) {
                    prompt = drawIds(positive(request.promptTokens(), "prompt-tokens"), info.vocab(), 8);
                }
                int newTokens = positive(request.newTokens(), "new-tokens");
                json.put("generate", generate(lm, prompt, newTokens, warmup, repeat));
                if (request.steps() && lm instanceof Gpt2Model gpt2) {
                    json.put("decode_steps_ms_per_token", decodeSteps(gpt2, prompt, newTokens, warmup, repeat));
                }
            }
            json.put("peak_rss_mb", peakRssMb());
            json.put("load_average_end", loadAverage());
            return json;
        }
    }

    /** Greedy decoding timed token by token; the medians over {@code repeat} runs. */
    private static Map<String, Object> generate(CausalLanguageModel lm, int[] prompt, int newTokens, int warmup,
                                                int repeat) {
        GenerationSettings greedy = GenerationSettings.greedy(newTokens).withStopAtEos(false);
        double[] totals = new double[repeat];
        double[] prefills = new double[repeat];
        double[] decodes = new double[repeat];
        Generation last = null;
        for (int r = -warmup; r < repeat; r++) {
            long[] stamps = new long[newTokens];
            long t0 = System.nanoTime();
            last = lm.generate(prompt, greedy, (step, id, p) -> stamps[step] = System.nanoTime(), () -> false);
            long end = System.nanoTime();
            if (r >= 0) {
                int n = last.newIds().length;
                totals[r] = (end - t0) / 1e6;
                prefills[r] = (stamps[0] - t0) / 1e6;
                decodes[r] = n > 1 ? (stamps[n - 1] - stamps[0]) / 1e6 / (n - 1) : 0;
            }
        }
        int produced = last.newIds().length;
        double medianTotal = median(totals);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("prompt_tokens", prompt.length);
        g.put("new_tokens", produced);
        g.put("tokens_per_second", round(produced / (medianTotal / 1000)));
        g.put("total_ms", round(medianTotal));
        g.put("prefill_ms", round(median(prefills)));
        g.put("decode_ms_per_token", round(median(decodes)));
        g.put("runs_tokens_per_second", Arrays.stream(totals).map(t -> round(produced / (t / 1000))).toArray());
        g.put("ids", last.newIds());
        return g;
    }

    /** The one-token decode loop of a session, with the time of each step; medians over runs. */
    private static Map<String, Double> decodeSteps(Gpt2Model model, int[] prompt, int newTokens, int warmup, int repeat) {
        Map<String, List<Double>> perStep = new LinkedHashMap<>();
        try (Gpt2Session session = model.newSession()) {
            for (int r = -warmup; r < repeat; r++) {
                StepClock clock = new StepClock();
                float[] logits = session.prefill(prompt);
                session.useClock(clock);
                for (int i = 1; i < newTokens; i++) {
                    logits = session.append(argmax(logits));
                }
                session.useClock(null);
                if (r >= 0) {
                    clock.totals().forEach((step, nanos) ->
                            perStep.computeIfAbsent(step, k -> new ArrayList<>()).add(nanos / 1e6 / (newTokens - 1)));
                }
            }
        }
        return stepMedians(perStep, 4);
    }

    /** A BERT forward pass timed step by step (summed over layers); medians over {@code repeat} runs. */
    private static Map<String, Double> forwardSteps(BertModel model, Encoding enc, Set<TraceItem> items, int repeat) {
        Map<String, List<Double>> perStep = new LinkedHashMap<>();
        for (int r = 0; r < repeat; r++) {
            StepClock clock = new StepClock();
            model.useClock(clock);
            model.forward(enc, items);
            model.useClock(null);
            clock.totals().forEach((step, nanos) -> perStep.computeIfAbsent(step, k -> new ArrayList<>()).add(nanos / 1e6));
        }
        return stepMedians(perStep, 3);
    }

    /** Each step's median over the runs, rounded to {@code digits} decimals, in the order the steps first ran. */
    private static Map<String, Double> stepMedians(Map<String, List<Double>> perStep, int digits) {
        Map<String, Double> out = new LinkedHashMap<>();
        perStep.forEach((step, ms) -> out.put(step, round(median(ms.stream().mapToDouble(d -> d).toArray()), digits)));
        return out;
    }

    private static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] time(Runnable run, int warmup, int repeat) {
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        double[] times = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            run.run();
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        return times;
    }

    private static Map<String, Object> summary(double[] times) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("median_ms", round(median(times)));
        s.put("min_ms", round(Arrays.stream(times).min().orElse(0)));
        s.put("runs_ms", Arrays.stream(times).map(BenchService::round).toArray());
        return s;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String defaultTokens(ModelInfo info) {
        return info.kind() == org.attentionlab.domain.ModelKind.BERT ? "128,16" : "";
    }

    /** {@code n} ids drawn from a fixed seed, away from the special tokens at the start of most vocabularies. */
    private static int[] drawIds(int n, int vocab, long seed) {
        int low = Math.min(1000, vocab / 4);
        int high = Math.min(30000, vocab);
        return new Random(seed).ints(n, low, high).toArray();
    }

    private static int[] prefix(int[] ids, int n, String option) {
        if (ids.length < n) {
            throw new InputException(option + " has " + ids.length + " ids, fewer than the " + n + " asked for.",
                    "Give at least as many ids as the longest --tokens length.");
        }
        return Arrays.copyOf(ids, n);
    }

    private static Encoding encoding(int[] ids) {
        List<String> tokens = new ArrayList<>();
        for (int id : ids) {
            tokens.add("#" + id);
        }
        int[] ones = new int[ids.length];
        Arrays.fill(ones, 1);
        return new Encoding(tokens, ids, new int[ids.length], new boolean[ids.length], ones);
    }

    /** Comma-separated whole numbers, or null when {@code text} is null or blank. */
    private static int[] parseIds(String text) {
        if (text == null || text.isBlank()) {
            return text == null ? null : new int[0];
        }
        try {
            return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new InputException("'" + text + "' is not a comma-separated list of whole numbers.",
                    "Write the numbers like 128,16.");
        }
    }

    private static int positive(int v, String option) {
        if (v < 1) {
            throw new InputException("--" + option + " must be at least 1, not " + v + ".", "Give a positive number.");
        }
        return v;
    }

    private static double loadAverage() {
        return round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The process's peak resident memory (VmHWM) in MB, or -1 where /proc is not available. */
    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }

    private static double round(double v) {
        return round(v, 3);
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }
}
