package org.attentionlab.domain;

/** The architectures Attention Lab knows. */
public enum ModelKind {
    /** BERT encoder (BertModel / BertForMaskedLM), bidirectional attention. */
    BERT,
    /** GPT-2 decoder (GPT2Model / GPT2LMHeadModel), causal attention. */
    GPT2,
    /** RNN encoder-decoder with attention (model_type "attention-lab-seq2seq"). */
    SEQ2SEQ
}
