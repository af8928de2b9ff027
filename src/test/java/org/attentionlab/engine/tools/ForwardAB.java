package org.attentionlab.engine.tools;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Development tool: times {@code forward(ids, {ATTENTIONS})} (the explorer's fast path) of two
 * builds of the engine in one JVM, one call of each in turn, so that the load of a shared machine
 * falls on both alike (separate {@code bench} runs on a busy 2-core machine differ by 20% and more
 * from run to run). Prints, per length, the medians of wall time and of the calling thread's CPU
 * time (one compute thread, so the whole forward pass runs on it) and their ratios new / baseline.
 * The CPU ratio is the steadier one under load; run the same classes on both sides (A/A) to see
 * how far from 1 noise alone takes it.
 *
 * <p>The dependencies are loaded once, by a parent class loader; each build's classes (a copy of
 * {@code target/classes}) by its own child loader.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * cp -r target/classes /tmp/new-classes       # and a baseline build's classes into /tmp/baseline-classes
 * java -cp target/test-classes:$(cat target/cp.txt) org.attentionlab.engine.tools.ForwardAB \
 *     /tmp/baseline-classes /tmp/new-classes target/cp.txt MODEL_DIR 16,128 [warmup 200] [pairs 400]
 * </pre>
 */
public final class ForwardAB {
    private ForwardAB() {
    }

    /** One build's model, input and forward method, all from that build's class loader. */
    private static final class Side {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        final AutoCloseable model;
        final Method forward;
        final Object encoding;
        final Set<?> items;
        double cpuMs;

        @SuppressWarnings({"rawtypes", "unchecked"})
        Side(ClassLoader loader, Path dir, int[] ids) throws Exception {
            loader.loadClass("org.attentionlab.engine.tensor.ComputeThreads").getMethod("set", int.class).invoke(null, 1);
            model = (AutoCloseable) loader.loadClass("org.attentionlab.engine.Models").getMethod("load", Path.class)
                    .invoke(null, dir);
            List<String> tokens = new ArrayList<>();
            for (int id : ids) {
                tokens.add("#" + id);
            }
            int[] ones = new int[ids.length];
            Arrays.fill(ones, 1);
            encoding = loader.loadClass("org.attentionlab.domain.Encoding")
                    .getConstructor(List.class, int[].class, int[].class, boolean[].class, int[].class)
                    .newInstance(tokens, ids, new int[ids.length], new boolean[ids.length], ones);
            Class itemClass = loader.loadClass("org.attentionlab.domain.TraceItem");
            items = EnumSet.of(Enum.valueOf(itemClass, "ATTENTIONS"));
            Method found = null;
            for (Method m : model.getClass().getMethods()) {
                if (m.getName().equals("forward") && m.getParameterCount() == 2) {
                    found = m;
                }
            }
            forward = found;
        }

        /** Wall milliseconds of one forward pass; its thread CPU time goes to {@link #cpuMs}. */
        double time() throws Exception {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            forward.invoke(model, encoding, items);
            double wall = (System.nanoTime() - t0) / 1e6;
            cpuMs = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            return wall;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: ForwardAB BASELINE_CLASSES NEW_CLASSES CLASSPATH_FILE MODEL_DIR TOKENS,.. [WARMUP] [PAIRS]");
            System.exit(2);
        }
        List<URL> deps = new ArrayList<>();
        for (String p : Files.readString(Path.of(args[2])).trim().split(":")) {
            deps.add(Path.of(p).toUri().toURL());
        }
        ClassLoader parent = new URLClassLoader(deps.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(parent);   // ND4J finds its backend through it
        Path dir = Path.of(args[3]);
        int vocab = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("config.json").toFile())
                .get("vocab_size").asInt();
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        int pairs = args.length > 6 ? Integer.parseInt(args[6]) : 400;
        for (String n : args[4].split(",")) {
            int tokens = Integer.parseInt(n);
            Random random = new Random(tokens);
            int[] ids = random.ints(tokens, 5, vocab - 5).toArray();
            Side base = new Side(new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()}, parent), dir, ids);
            Side next = new Side(new URLClassLoader(new URL[] {Path.of(args[1]).toUri().toURL()}, parent), dir, ids);
            for (int i = 0; i < warmup; i++) {
                base.time();
                next.time();
            }
            double[] wallB = new double[pairs];
            double[] wallN = new double[pairs];
            double[] cpuB = new double[pairs];
            double[] cpuN = new double[pairs];
            for (int i = 0; i < pairs; i++) {          // alternate which side goes first
                if (i % 2 == 0) {
                    wallB[i] = base.time();
                    wallN[i] = next.time();
                } else {
                    wallN[i] = next.time();
                    wallB[i] = base.time();
                }
                cpuB[i] = base.cpuMs;
                cpuN[i] = next.cpuMs;
            }
            System.out.printf(Locale.ROOT, "%s T=%d: wall median baseline %.3f ms, new %.3f ms, ratio %.3f;"
                            + " thread CPU median baseline %.3f ms, new %.3f ms, ratio %.3f%n", dir.getFileName(), tokens,
                    median(wallB), median(wallN), median(wallN) / median(wallB), median(cpuB), median(cpuN),
                    median(cpuN) / median(cpuB));
            base.model.close();
            next.model.close();
        }
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int k = s.length;
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }
}
