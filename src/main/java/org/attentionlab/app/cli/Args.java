package org.attentionlab.app.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionlab.domain.InputException;

/**
 * Minimal {@code --name value} / {@code --flag} parser. Unknown options are an error so that a
 * typo is reported, not silently ignored.
 */
public final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Args() {
    }

    /**
     * @param valued options that take a value (without the leading dashes)
     * @param booleans options that are flags
     */
    public static Args parse(List<String> args, Set<String> valued, Set<String> booleans) {
        Args a = new Args();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String s = rest.get(i);
            if (!s.startsWith("--")) {
                throw new InputException("Unexpected argument '" + s + "'.", "Options are written --name value.");
            }
            String name = s.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleans.contains(name) && inline == null) {
                a.flags.add(name);
            } else if (valued.contains(name)) {
                if (inline == null) {
                    if (i + 1 >= rest.size()) {
                        throw new InputException("Option --" + name + " needs a value.", "Write --" + name + " VALUE.");
                    }
                    inline = rest.get(++i);
                }
                a.values.put(name, inline);
            } else {
                throw new InputException("Unknown option --" + name + ".", "Run the command with --help to see its options.");
            }
        }
        return a;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String get(String name) {
        return values.get(name);
    }

    public String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new InputException("Option --" + name + " is required.", "Add --" + name + " VALUE.");
        }
        return v;
    }

    public String get(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    public int getInt(String name, int dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InputException("Option --" + name + " must be a whole number, not '" + v + "'.", "");
        }
    }

    public double getDouble(String name, double dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new InputException("Option --" + name + " must be a number, not '" + v + "'.", "");
        }
    }

    public long getLong(String name, long dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InputException("Option --" + name + " must be a whole number, not '" + v + "'.", "");
        }
    }
}
