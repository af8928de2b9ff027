package org.attentionlab.ui.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.Progress;
import org.attentionlab.ui.ModelCatalog;

/**
 * TEST ONLY. Lists two seeded stand-in models and a slow one that takes two seconds to load
 * (in steps, reporting progress and honouring cancellation). A folder the user opens loads only
 * if it holds a config.json whose "model_type" is "bert" or "gpt2"; otherwise it fails with a
 * {@link ModelFormatException}, as a real loader would.
 */
public final class TestCatalog implements ModelCatalog {
    // Named as stand-ins (and not "samples") so that screenshots taken with them do not pass for the real thing.
    public static final ModelRef TINY_BERT = new ModelRef("stand-in-bert", Path.of("test/stand-in-bert"), ModelRef.Origin.FOLDER);
    public static final ModelRef TINY_GPT2 = new ModelRef("stand-in-gpt2", Path.of("test/stand-in-gpt2"), ModelRef.Origin.FOLDER);
    public static final ModelRef SLOW_BERT = new ModelRef("slow-stand-in", Path.of("hf-cache/slow-stand-in"), ModelRef.Origin.HF_CACHE);

    /** Every session opened, in order. */
    public final List<SeededModelSession> opened = new CopyOnWriteArrayList<>();

    @Override
    public List<ModelRef> discover() {
        return List.of(TINY_BERT, TINY_GPT2, SLOW_BERT);
    }

    @Override
    public ModelSession open(ModelRef ref, Progress progress, Cancellation cancel) {
        SeededModelSession s;
        if (ref.equals(TINY_BERT)) {
            s = new SeededModelSession("stand-in-bert", ModelKind.BERT, 4, 4);
        } else if (ref.equals(TINY_GPT2)) {
            s = new SeededModelSession("stand-in-gpt2", ModelKind.GPT2, 3, 4);
        } else if (ref.equals(SLOW_BERT)) {
            for (int i = 0; i < 40; i++) {
                cancel.check();
                progress.update(i, 40, "reading tensor " + i + " of 40");
                sleep(50);
            }
            s = new SeededModelSession("slow-stand-in", ModelKind.BERT, 12, 12);
        } else {
            s = openFolder(ref.folder());
        }
        opened.add(s);
        return s;
    }

    private static SeededModelSession openFolder(Path folder) {
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new ModelFormatException("The folder " + folder + " has no config.json.",
                    "Pick the folder that holds config.json and the model's .safetensors weights.");
        }
        String text;
        try {
            text = Files.readString(config);
        } catch (java.io.IOException e) {
            throw new ModelFormatException("config.json in " + folder + " cannot be read.", "Check the file's permissions.", e);
        }
        if (text.contains("\"model_type\": \"bert\"")) {
            return new SeededModelSession(folder.getFileName().toString(), ModelKind.BERT, 2, 2);
        }
        if (text.contains("\"model_type\": \"gpt2\"")) {
            return new SeededModelSession(folder.getFileName().toString(), ModelKind.GPT2, 2, 2);
        }
        throw new ModelFormatException("config.json in " + folder + " is not a BERT or GPT-2 configuration.",
                "Open a folder saved by HuggingFace transformers for a BERT or GPT-2 model.");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the inference thread was interrupted", e);
        }
    }
}
