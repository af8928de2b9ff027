/**
 * The numeric building blocks both transformer engines use: weights off-heap, products on
 * OpenBLAS, everything else in plain loops over float arrays, on the engine's own threads.
 *
 * <h2>Where the numbers live, and why</h2>
 * Weight matrices are held off-heap in ND4J arrays ({@link org.attentionlab.engine.tensor.Matrix}),
 * and products call the OpenBLAS that ND4J bundles ({@code cblas_sgemm}/{@code cblas_sgemv})
 * directly on their buffers ({@link org.attentionlab.engine.tensor.Blas}). Measured on this
 * project's 2-core machine, 768x3072 fp32 weights:
 * <ul>
 *   <li>{@code INDArray.mmul} of a 1x768 row: about 4.5 ms per call, almost all of it dispatch;</li>
 *   <li>{@code cblas_sgemv} on off-heap buffers: about 0.07 ms when the weight is in cache,
 *       0.3 ms streamed from memory;</li>
 *   <li>{@code cblas_sgemv} through its {@code float[]} overload: about 0.6 ms, because JavaCPP
 *       copies the whole 9.4 MB weight array across JNI on every call.</li>
 * </ul>
 * So weights stay off-heap. Activations that a product reads or writes also stay off-heap from
 * one product to the next ({@link org.attentionlab.engine.tensor.Scratch}); the residual stream,
 * LayerNorm, softmax and GELU run on heap {@code float[]} copies, with one bulk copy each way.
 *
 * <h2>Feature-major activations</h2>
 * Between products, activations are stored {@code [features, tokens]}, so every product is
 * {@code Y^T = W X^T} with the weight on the left ({@link org.attentionlab.engine.tensor.Linear}):
 * OpenBLAS then packs the weight panel by panel as it goes, 15-25% faster than the token-major
 * {@code X W^T} for 8 to 32 tokens (the size of a typed sentence) and about 5% for 128, and a
 * block of output features is one contiguous block of memory. Attention reads queries, keys and
 * values in place from the stacked projection or the (feature-major) KV cache
 * ({@link org.attentionlab.engine.tensor.Attention}); its scores are {@code [T, S]} as before.
 *
 * <h2>Threads</h2>
 * {@link org.attentionlab.engine.tensor.ComputeThreads} says how many threads compute (default:
 * one per processor), and {@link org.attentionlab.engine.tensor.Parallel} splits a product into
 * blocks of output features, attention into heads, and a one-token product into contiguous
 * blocks of its weight; the threads take chunks until none is left, so a thread the OS delays on
 * a busy machine does not hold up the others. OpenBLAS itself runs each call on the calling
 * thread: ND4J sets it to one thread per core when it starts, which together with the engine's
 * threads oversubscribed the cores (measured: 4 to 8 times slower decoding on 2 busy cores), so
 * {@code ComputeThreads} sets it back after ND4J has started.
 *
 * <h2>Numerics</h2>
 * Softmax subtracts the row maximum; LayerNorm uses the biased variance with eps inside the
 * square root, its sums accumulated in double; exp, the exact (erf) GELU of BERT and the tanh GELU
 * of GPT-2 are computed by loops the JIT vectorises ({@link org.attentionlab.engine.tensor.FloatMath},
 * about 1e-7 relative, i.e. float rounding); {@link org.attentionlab.engine.tensor.Erf} keeps the
 * 1e-11-accurate erf for single values. Hidden attention entries get
 * {@code torch.finfo(float32).min} added, as HuggingFace's eager attention does. The golden tests
 * hold the result to HuggingFace within 1e-4 (attention) and 1e-3 (logits).
 */
package org.attentionlab.engine.tensor;
