/**
 * The inference engines and what callers use of them.
 *
 * <ul>
 *   <li>{@link org.attentionlab.engine.Models#load(java.nio.file.Path)} reads a HuggingFace-layout
 *       folder and returns a {@link org.attentionlab.engine.LoadedModel} chosen by config.json's
 *       {@code model_type} (or {@code architectures}).</li>
 *   <li>{@link org.attentionlab.engine.TransformerModel#forward} runs token ids and returns a
 *       {@link org.attentionlab.domain.ForwardTrace} holding what was asked for.</li>
 *   <li>{@link org.attentionlab.engine.MaskedLanguageModel} (BERT) predicts masked tokens;
 *       {@link org.attentionlab.engine.CausalLanguageModel} (GPT-2) continues a prompt, greedy or
 *       sampled with {@link org.attentionlab.engine.LogitsFilters} and a seeded
 *       {@link org.attentionlab.engine.TokenSampler}.</li>
 * </ul>
 * One package per architecture ({@code bert}, {@code gpt2}) keeps {@code XConfig} (config.json),
 * {@code XWeights} (immutable, off-heap) and per-run state apart; {@code tensor} holds the
 * shared numeric code. Correctness is defined as equality with HuggingFace transformers (eager
 * attention) within 1e-4 on attention and 1e-3 on logits; see the golden tests.
 */
package org.attentionlab.engine;
