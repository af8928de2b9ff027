/**
 * The numeric building blocks both transformer engines use: weights off-heap, products on
 * OpenBLAS, everything else in plain loops over float arrays.
 *
 * <h2>Where the numbers live, and why</h2>
 * Weight matrices are held off-heap in ND4J arrays ({@link org.attentionlab.engine.tensor.Matrix}),
 * and products call the OpenBLAS that ND4J bundles ({@code cblas_sgemm}/{@code cblas_sgemv})
 * directly on their buffers ({@link org.attentionlab.engine.tensor.Blas}). Measured on this
 * project's 2-core machine, 768x3072 fp32 weights:
 * <ul>
 *   <li>{@code INDArray.mmul} of a 1x768 row: about 4.5 ms per call, almost all of it dispatch;</li>
 *   <li>{@code cblas_sgemv} on off-heap buffers: about 0.07 ms;</li>
 *   <li>{@code cblas_sgemv} through its {@code float[]} overload: about 0.6 ms, because JavaCPP
 *       copies the whole 9.4 MB weight array across JNI on every call;</li>
 *   <li>{@code cblas_sgemm} of 128 rows: 4.0 ms off-heap against 5.0 ms with {@code float[]}.</li>
 * </ul>
 * So weights stay off-heap (copying them per call is what makes {@code float[]} slow), while
 * activations, which are small, live in {@code float[]} and are copied into reusable off-heap
 * buffers ({@link org.attentionlab.engine.tensor.Scratch}) around each BLAS call. That keeps the
 * element-wise code (softmax, LayerNorm, GELU, masks) plain Java loops that are easy to read and
 * to check against PyTorch. A matrix is filled with one bulk copy into an uninitialised ND4J
 * array: {@code Nd4j.create(float[])} copies element by element and made loading GPT-2 124M
 * several times slower.
 *
 * <h2>Numerics</h2>
 * Softmax subtracts the row maximum; LayerNorm uses the biased variance with eps inside the
 * square root; GELU is the exact erf form for BERT ({@link org.attentionlab.engine.tensor.Erf},
 * about 1e-11 accurate) and the tanh form for GPT-2; hidden attention entries get
 * {@code torch.finfo(float32).min} added, as HuggingFace's eager attention does. Reductions are
 * accumulated in double. The golden tests hold the result to HuggingFace within 1e-4
 * (attention) and 1e-3 (logits).
 */
package org.attentionlab.engine.tensor;
