package org.attentionlab.service.fewshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.domain.fewshot.ShotPair;

/**
 * Reads the task list a sample model ships in its folder ({@code tasks.json}):
 *
 * <pre>
 * [{"name": "opposite", "description": "opposites :", "pairs": [["hot", "cold"], ...],
 *   "queries": [["tall", "short"], ...]}, ...]
 * </pre>
 *
 * <p>Also accepted: the list under a {@code "tasks"} key; queries as objects
 * ({@code {"input": .., "output": ..}} or {@code {"query": .., "answer": ..}}) or as bare words
 * (the expected answer then comes from the task's pairs, when one of them has that input); an
 * optional {@code "arrow"} per task (default {@code ->}); {@code "kind": "prompt-only"} marks a task
 * whose answers are only in the prompt (see {@link FewShotTask#promptOnly()}). A model without the file (GPT-2 124M)
 * has no task list: the lesson then asks for a prompt of one's own.
 */
public final class TaskFile {
    /** The file name looked for in a model folder. */
    public static final String NAME = "tasks.json";
    /** What to say when a model has no task list. */
    public static final String NO_TASKS = "This model has no task list: use your own prompt.";

    private TaskFile() {
    }

    /** The tasks in {@code modelFolder}/tasks.json, or empty when the folder has none. */
    public static Optional<List<FewShotTask>> read(Path modelFolder) {
        if (modelFolder == null) {
            return Optional.empty();
        }
        Path file = modelFolder.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(file));
    }

    /**
     * Parses one task file.
     *
     * @throws InputException when the file is not a task list this lesson can read
     */
    public static List<FewShotTask> parse(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw bad(file, "it is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode list = root != null && root.isObject() ? root.get("tasks") : root;
        if (list == null || !list.isArray()) {
            throw bad(file, "it holds no list of tasks");
        }
        List<FewShotTask> tasks = new ArrayList<>();
        for (JsonNode t : list) {
            String name = text(t, "name");
            if (name == null || name.isBlank()) {
                throw bad(file, "task " + (tasks.size() + 1) + " has no name");
            }
            List<ShotPair> pairs = new ArrayList<>();
            JsonNode ps = t.get("pairs");
            if (ps != null) {
                for (JsonNode p : ps) {
                    pairs.add(pair(file, name, p, Map.of()));
                }
            }
            Map<String, String> answers = new HashMap<>();
            pairs.forEach(p -> answers.putIfAbsent(p.input(), p.output()));
            List<ShotPair> queries = new ArrayList<>();
            JsonNode qs = t.get("queries");
            if (qs != null) {
                for (JsonNode q : qs) {
                    queries.add(pair(file, name, q, answers));
                }
            }
            if (pairs.isEmpty()) {
                throw bad(file, "task '" + name + "' has no pairs to draw examples from");
            }
            String arrow = text(t, "arrow");
            boolean promptOnly = "prompt-only".equals(text(t, "kind"));
            tasks.add(new FewShotTask(name, text(t, "description"), pairs, queries, arrow, promptOnly));
        }
        if (tasks.isEmpty()) {
            throw bad(file, "its list of tasks is empty");
        }
        return List.copyOf(tasks);
    }

    private static ShotPair pair(Path file, String task, JsonNode n, Map<String, String> answers) {
        if (n.isArray() && n.size() == 2 && n.get(0).isTextual() && n.get(1).isTextual()) {
            return new ShotPair(n.get(0).asText(), n.get(1).asText());
        }
        if (n.isTextual()) {
            return new ShotPair(n.asText(), answers.get(n.asText()));
        }
        if (n.isObject()) {
            String in = firstText(n, "input", "query", "in");
            String out = firstText(n, "output", "answer", "expected", "out");
            if (in != null) {
                return new ShotPair(in, out != null ? out : answers.get(in));
            }
        }
        throw bad(file, "task '" + task + "' has an entry that is not a pair: " + n);
    }

    private static String firstText(JsonNode n, String... keys) {
        for (String k : keys) {
            String v = text(n, k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static InputException bad(Path file, String why) {
        return new InputException("The task list " + file + " cannot be read: " + why + ".",
                "Fix or remove the file; without it the lesson still runs on prompts of your own.");
    }
}
