package org.attentionlab.ui;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Start-up milestones for the start-up benchmark: with {@code -Dattentionlab.startupProbe=true}
 * each first {@link #mark(String)} prints {@code attentionlab.startup NAME EPOCH_MS SINCE_JVM_MS}
 * on stderr. Silent (and free) otherwise.
 */
public final class StartupProbe {
    private static final boolean ON = Boolean.getBoolean("attentionlab.startupProbe");
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private StartupProbe() {
    }

    /** Records milestone {@code name} the first time it is reached. */
    public static void mark(String name) {
        if (ON && SEEN.add(name)) {
            long now = System.currentTimeMillis();
            long jvm = ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("attentionlab.startup " + name + " " + now + " " + (now - jvm));
            System.err.flush();
        }
    }

    public static boolean enabled() {
        return ON;
    }
}
