package org.attentionlab.io.tokenizer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Byte-pair merges by rank, applied the way HuggingFace's tokenizers library does: every
 * mergeable neighbour pair waits in a queue ordered by (rank, position); the best is merged, and
 * the pairs the new symbol forms with its neighbours join the queue. Symbols are vocabulary ids.
 */
final class BpeMerges {
    /** (left id, right id) packed into a long, to (rank, merged id) packed into a long. */
    private final Map<Long, Long> merges;

    BpeMerges(Map<Long, Long> merges) {
        this.merges = merges;
    }

    static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    static long rankAndResult(int rank, int mergedId) {
        return ((long) rank << 32) | (mergedId & 0xFFFFFFFFL);
    }

    int size() {
        return merges.size();
    }

    /** Merges {@code symbols} (ids of single-byte tokens) into the ids of the final tokens. */
    int[] apply(int[] symbols) {
        int n = symbols.length;
        if (n < 2) {
            return symbols.clone();
        }
        int[] sym = symbols.clone();
        int[] prev = new int[n];
        int[] next = new int[n];
        boolean[] removed = new boolean[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        LongHeap queue = new LongHeap(n);
        for (int i = 0; i + 1 < n; i++) {
            Long m = merges.get(pair(sym[i], sym[i + 1]));
            if (m != null) {
                queue.push(entry(m, i));
            }
        }
        while (!queue.isEmpty()) {
            long top = queue.pop();
            int pos = (int) (top & 0xFFFFFFFFL);
            int rank = (int) (top >>> 32);
            if (removed[pos] || next[pos] < 0) {
                continue;
            }
            int right = next[pos];
            Long current = merges.get(pair(sym[pos], sym[right]));
            if (current == null || (int) (current >>> 32) != rank) {
                continue; // the symbols here changed since this entry was queued
            }
            sym[pos] = (int) (current & 0xFFFFFFFFL);
            removed[right] = true;
            next[pos] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = pos;
            }
            if (prev[pos] >= 0) {
                Long m = merges.get(pair(sym[prev[pos]], sym[pos]));
                if (m != null) {
                    queue.push(entry(m, prev[pos]));
                }
            }
            if (next[pos] >= 0) {
                Long m = merges.get(pair(sym[pos], sym[next[pos]]));
                if (m != null) {
                    queue.push(entry(m, pos));
                }
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i >= 0; i = next[i]) {
            out[k++] = sym[i];
        }
        return Arrays.copyOf(out, k);
    }

    /** Queue entry: rank in the high half (lower rank first), then position (leftmost first). */
    private static long entry(long rankAndResult, int pos) {
        return (rankAndResult & 0xFFFFFFFF00000000L) | pos;
    }

    /** A binary min-heap of longs. */
    private static final class LongHeap {
        private long[] a;
        private int size;

        LongHeap(int capacity) {
            a = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (a[parent] <= v) {
                    break;
                }
                a[i] = a[parent];
                i = parent;
            }
            a[i] = v;
        }

        long pop() {
            long top = a[0];
            long last = a[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && a[child + 1] < a[child]) {
                    child++;
                }
                if (a[child] >= last) {
                    break;
                }
                a[i] = a[child];
                i = child;
            }
            a[i] = last;
            return top;
        }
    }

    static Map<Long, Long> newMap(int expected) {
        return new HashMap<>(expected * 2);
    }
}
