package org.attentionlab.io.tokenizer;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.attentionlab.domain.InputException;

/**
 * A tokenizer's token-to-id and id-to-token tables: the model's vocabulary, plus the literal
 * tokens (the special tokens the vocabulary has, then the added tokens) that are matched whole in
 * text and win over the vocabulary when looking up a token's id.
 */
final class TokenVocabulary {
    private final String[] idToToken;          // null where an id has no token
    private final Map<String, Integer> tokenToId;
    private final Map<String, Integer> literalIds;
    private final Map<Integer, String> literalById;
    private final LiteralTokenSplitter literals;
    private final int size;
    private final String modelName;
    private final boolean literalsFirstById;

    /**
     * @param specials          special tokens in the order whose first wins an id shared by two
     *                          of them; null, empty and out-of-vocabulary ones are skipped
     * @param added             added tokens (token to id), after the specials
     * @param modelName         the model named in the message for an unknown id ("BERT", "GPT-2")
     * @param literalsFirstById whether {@link #token} looks at the literal tokens before the
     *                          vocabulary (GPT-2) or after it (BERT); they differ only where an
     *                          added token reuses a vocabulary id
     */
    TokenVocabulary(String[] idToToken, Map<String, Integer> tokenToId, Collection<String> specials,
                    Map<String, Integer> added, String modelName, boolean literalsFirstById) {
        this.idToToken = idToToken;
        this.tokenToId = tokenToId;
        this.modelName = modelName;
        this.literalsFirstById = literalsFirstById;
        Map<String, Integer> lit = new LinkedHashMap<>();
        for (String s : specials) {
            if (s != null && !s.isEmpty() && tokenToId.containsKey(s)) {
                lit.put(s, tokenToId.get(s));
            }
        }
        lit.putAll(added);
        this.literalIds = Collections.unmodifiableMap(lit);
        Map<Integer, String> byId = new HashMap<>();
        lit.forEach((t, id) -> byId.putIfAbsent(id, t));
        this.literalById = byId;
        this.literals = new LiteralTokenSplitter(lit.keySet());
        int n = idToToken.length;
        for (int id : lit.values()) {
            n = Math.max(n, id + 1);
        }
        this.size = n;
    }

    /** One more than the largest id of the vocabulary or of a literal token. */
    int size() {
        return size;
    }

    /** The token of an id. @throws InputException if no token has that id */
    String token(int id) {
        String literal = literalsFirstById ? literalById.get(id) : null;
        if (literal != null) {
            return literal;
        }
        String inVocab = vocabularyToken(id);
        if (inVocab != null) {
            return inVocab;
        }
        literal = literalById.get(id);
        if (literal != null) {
            return literal;
        }
        throw new InputException("Token id " + id + " is not in this " + modelName + " vocabulary (ids 0 to " + (size - 1) + ").",
                "Use ids produced by this model's tokenizer.");
    }

    /** Whether a literal (special or added) token has this id. */
    boolean hasLiteralId(int id) {
        return literalById.containsKey(id);
    }

    /** The id of a token, a literal token's first; -1 if it has none. */
    int id(String token) {
        Integer literal = literalIds.get(token);
        if (literal != null) {
            return literal;
        }
        Integer id = tokenToId.get(token);
        return id == null ? -1 : id;
    }

    /** The vocabulary's own id of a token (literal tokens aside); null if it has none. */
    Integer vocabularyId(String token) {
        return tokenToId.get(token);
    }

    /** Whether the vocabulary itself (literal tokens aside) has the token. */
    boolean inVocabulary(String token) {
        return tokenToId.containsKey(token);
    }

    /** The vocabulary's own token of an id (literal tokens aside); null if it has none. */
    String vocabularyToken(int id) {
        return id >= 0 && id < idToToken.length ? idToToken[id] : null;
    }

    /** The vocabulary's tokens (literal tokens aside). */
    Set<String> vocabularyTokens() {
        return tokenToId.keySet();
    }

    /** The tokens matched whole in text. */
    Set<String> literalTokens() {
        return literalIds.keySet();
    }

    /** Cuts text around the literal tokens. */
    LiteralTokenSplitter literals() {
        return literals;
    }
}
