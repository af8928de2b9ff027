package org.attentionlab.ui.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up benchmark: launches the real app as a lecturer does (a new JVM on the jar, or on a
 * class path) under the current DISPLAY (run it under Xvfb), and stops at the first painted
 * heatmap. Each launch reports the app's milestones ({@code -Dattentionlab.startupProbe=true}:
 * fx-init, fx-start, window-shown, models-found, model-loaded, first-heatmap) as milliseconds
 * since the launch; variants run alternately so a busy machine slows them alike, and the load
 * average is printed beside each run.
 *
 * <pre>
 * xvfb-run -a -s "-screen 0 1280x800x24" java -cp $CP org.attentionlab.ui.tools.StartupBenchmark \
 *     -jar target/attention-lab.jar [-runs 5] [-variant "name=JVM ARGS" ...]
 * </pre>
 * Without {@code -variant}: "no-warmup" ({@code -Dattentionlab.warmup=false}) against "warmup"
 * (the shipped default). {@code -cp CP} instead of {@code -jar} launches {@code org.attentionlab.app.Main}.
 */
public final class StartupBenchmark {
    private static final List<String> MILESTONES = List.of("fx-init", "fx-start", "window-shown", "models-found",
            "model-loaded", "first-heatmap");

    public static void main(String[] args) throws Exception {
        String jar = null;
        String cp = null;
        int runs = 5;
        Map<String, List<String>> variants = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-jar" -> jar = args[++i];
                case "-cp" -> cp = args[++i];
                case "-runs" -> runs = Integer.parseInt(args[++i]);
                case "-variant" -> {
                    String v = args[++i];
                    int eq = v.indexOf('=');
                    variants.put(v.substring(0, eq), v.substring(eq + 1).isBlank() ? List.of()
                            : Arrays.asList(v.substring(eq + 1).trim().split("\\s+")));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (jar == null && cp == null) {
            throw new IllegalArgumentException("give -jar JAR or -cp CLASSPATH");
        }
        if (variants.isEmpty()) {
            variants.put("no-warmup", List.of("-Dattentionlab.warmup=false"));
            variants.put("warmup", List.of());
        }
        Path config = Files.createTempDirectory("attention-lab-startup");
        Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            for (var v : variants.entrySet()) {
                double load = loadAverage();
                Map<String, Double> m = launch(jar, cp, v.getValue(), config);
                System.out.printf(Locale.ROOT, "run %d %-10s load %5.1f  %s%n", r + 1, v.getKey(), load, m);
                var byName = results.computeIfAbsent(v.getKey(), k -> new LinkedHashMap<>());
                m.forEach((k, ms) -> byName.computeIfAbsent(k, x -> new ArrayList<>()).add(ms));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "medians of %d runs, ms since launch (load average now %.1f)%n", runs, loadAverage());
        System.out.printf(Locale.ROOT, "%-12s", "variant");
        for (String ms : MILESTONES) {
            System.out.printf(Locale.ROOT, "%15s", ms);
        }
        System.out.println();
        Map<String, Double> firstHeatmap = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            System.out.printf(Locale.ROOT, "%-12s", e.getKey());
            for (String ms : MILESTONES) {
                List<Double> xs = e.getValue().get(ms);
                System.out.printf(Locale.ROOT, "%15s", xs == null ? "-" : String.format(Locale.ROOT, "%.0f", median(xs)));
            }
            System.out.println();
            List<Double> fh = e.getValue().get("first-heatmap");
            if (fh != null) {
                firstHeatmap.put(e.getKey(), median(fh));
            }
        }
        if (firstHeatmap.size() >= 2) {
            var it = firstHeatmap.entrySet().iterator();
            var base = it.next();
            while (it.hasNext()) {
                var o = it.next();
                System.out.printf(Locale.ROOT, "first heatmap, %s / %s: %.2f%n", o.getKey(), base.getKey(),
                        o.getValue() / base.getValue());
            }
        }
    }

    /** One launch: milestone -> ms since the process was started; the process is stopped at the first heatmap. */
    private static Map<String, Double> launch(String jar, String cp, List<String> jvmArgs, Path config)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dattentionlab.startupProbe=true");
        cmd.addAll(jvmArgs);
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(cp);
            cmd.add("org.attentionlab.app.Main");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_CONFIG_HOME", config.toString()); // the same (empty) settings each run
        long t0 = System.currentTimeMillis();
        Process p = pb.start();
        Map<String, Double> marks = new LinkedHashMap<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            long deadline = System.currentTimeMillis() + 180_000;
            String line;
            while (System.currentTimeMillis() < deadline && (line = err.readLine()) != null) {
                if (line.contains("Unsupported JavaFX configuration")) {
                    System.out.println("  stderr: " + line);
                }
                if (line.startsWith("attentionlab.startup ")) {
                    String[] f = line.split(" ");
                    marks.put(f[1], (double) (Long.parseLong(f[2]) - t0));
                    if (f[1].equals("first-heatmap")) {
                        break;
                    }
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return marks;
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
