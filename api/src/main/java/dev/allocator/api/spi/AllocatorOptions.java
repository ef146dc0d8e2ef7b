package dev.allocator.api.spi;

import dev.allocator.api.AllocException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Immutable string options for {@link AllocatorProvider#create(AllocatorOptions)}, with typed getters. They take
 * the place of the original crate's Cargo size features ({@code page-alloc-256m} and the like).
 *
 * <p>Sizes accept a binary suffix: {@code 4096}, {@code 4KiB}, {@code 128MiB}, {@code 1GiB}, {@code 1TiB};
 * {@code K}, {@code KB} and {@code KiB} all mean 1024 (as JVM flags do), the same for M, G and T; case does not
 * matter. Every malformed value is {@link dev.allocator.api.AllocError#INVALID_PARAM} with a message naming the
 * key and the value.
 */
public final class AllocatorOptions {
    private static final AllocatorOptions EMPTY = new AllocatorOptions(Collections.emptyMap());

    private final Map<String, String> values;

    private AllocatorOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Returns options with no keys: every provider default applies.
     *
     * @return the empty options
     */
    public static AllocatorOptions empty() {
        return EMPTY;
    }

    /**
     * Returns options holding a copy of {@code values}.
     *
     * @param values option key to value; no null keys or values
     * @return the options
     */
    public static AllocatorOptions of(Map<String, String> values) {
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "option key"),
                Objects.requireNonNull(value, () -> "value of option " + key)));
        return copy.isEmpty() ? EMPTY : new AllocatorOptions(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns options from alternating keys and values: {@code of("page-size", "4KiB", "capacity", "1GiB")}.
     *
     * @param keysAndValues key, value, key, value...
     * @return the options
     * @throws IllegalArgumentException if the count is odd
     */
    public static AllocatorOptions of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate: " + Arrays.toString(keysAndValues));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return of(map);
    }

    /**
     * Returns these options with one key set.
     *
     * @param key   option key
     * @param value its value
     * @return new options; this object is unchanged
     */
    public AllocatorOptions with(String key, String value) {
        Map<String, String> map = new TreeMap<>(values);
        map.put(key, value);
        return of(map);
    }

    /**
     * Checks every key against a provider's defaults and fills in the missing ones.
     *
     * @param defaults the provider's {@link AllocatorProvider#defaults()}
     * @param owner    who takes the options, for the message (e.g. {@code "tlsf"})
     * @return options holding exactly the keys of {@code defaults}
     * @throws AllocException INVALID_PARAM naming an unknown key and listing the keys {@code owner} takes
     */
    public AllocatorOptions withDefaults(Map<String, String> defaults, String owner) {
        for (String key : values.keySet()) {
            if (!defaults.containsKey(key)) {
                throw AllocException.invalidParam("unknown option '" + key + "' for " + owner + "; it takes "
                        + (defaults.isEmpty() ? "no options" : String.join(", ", new TreeMap<>(defaults).keySet())));
            }
        }
        Map<String, String> merged = new TreeMap<>(defaults);
        merged.putAll(values);
        return of(merged);
    }

    /**
     * Tells whether a key is set.
     *
     * @param key option key
     * @return true if present
     */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /**
     * Returns a value as text.
     *
     * @param key option key
     * @return its value
     * @throws AllocException INVALID_PARAM if the key is absent
     */
    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw AllocException.invalidParam("option '" + key + "' is not set; set: " + values.keySet());
        }
        return value;
    }

    /**
     * Returns a value as a {@code long}, with an optional size suffix ({@link #parseSize(String)} rules but
     * negative values allowed).
     *
     * @param key option key
     * @return the number
     * @throws AllocException INVALID_PARAM if absent or not a number
     */
    public long getLong(String key) {
        String text = get(key).trim();
        boolean negative = text.startsWith("-");
        long magnitude = parse(key, negative ? text.substring(1) : text);
        return negative ? -magnitude : magnitude;
    }

    /**
     * Returns a value as an {@code int}.
     *
     * @param key option key
     * @return the number
     * @throws AllocException INVALID_PARAM if absent, not a number or out of {@code int} range
     */
    public int getInt(String key) {
        long value = getLong(key);
        if (value != (int) value) {
            throw AllocException.invalidParam("option " + key + "=" + get(key) + " does not fit in an int");
        }
        return (int) value;
    }

    /**
     * Returns a value as a size: a non-negative number with an optional binary suffix.
     *
     * @param key option key
     * @return the size
     * @throws AllocException INVALID_PARAM if absent or malformed
     */
    public long getSize(String key) {
        return parse(key, get(key));
    }

    /**
     * Returns a comma-separated list of sizes, e.g. {@code 64,128,4KiB}.
     *
     * @param key option key
     * @return the sizes in the order given
     * @throws AllocException INVALID_PARAM if absent, empty or any element is malformed
     */
    public long[] getSizeList(String key) {
        String text = get(key).trim();
        if (text.isEmpty()) {
            throw AllocException.invalidParam("option " + key + " is an empty list");
        }
        String[] parts = text.split(",");
        long[] sizes = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            sizes[i] = parse(key, parts[i]);
        }
        return sizes;
    }

    /**
     * Returns a value as a boolean: {@code true} or {@code false}, any case.
     *
     * @param key option key
     * @return the flag
     * @throws AllocException INVALID_PARAM if absent or neither word
     */
    public boolean getBoolean(String key) {
        String text = get(key).trim().toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw AllocException.invalidParam("option " + key + "=" + get(key) + " is not true or false");
    }

    /**
     * Returns the options as a map.
     *
     * @return an unmodifiable map, sorted by key
     */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * Parses a size: digits with an optional suffix B, K, KB, KiB, M, MB, MiB, G, GB, GiB, T, TB, TiB (all binary,
     * any case).
     *
     * @param text such as {@code "128MiB"}
     * @return the size in bytes
     * @throws AllocException INVALID_PARAM naming the text if it is malformed, negative or overflows a long
     */
    public static long parseSize(String text) {
        return parse("size", text);
    }

    private static long parse(String what, String raw) {
        String text = raw.trim();
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            throw malformed(what, raw);
        }
        int shift = suffixShift(text.substring(digits).trim().toLowerCase(Locale.ROOT));
        if (shift < 0) {
            throw malformed(what, raw);
        }
        long number;
        try {
            number = Long.parseLong(text.substring(0, digits));
        } catch (NumberFormatException e) {
            throw AllocException.invalidParam(what + " '" + raw + "' does not fit in a long");
        }
        if (number > (Long.MAX_VALUE >> shift)) {
            throw AllocException.invalidParam(what + " '" + raw + "' does not fit in a long");
        }
        return number << shift;
    }

    private static int suffixShift(String suffix) {
        switch (suffix) {
            case "":
            case "b":
                return 0;
            case "k":
            case "kb":
            case "kib":
                return 10;
            case "m":
            case "mb":
            case "mib":
                return 20;
            case "g":
            case "gb":
            case "gib":
                return 30;
            case "t":
            case "tb":
            case "tib":
                return 40;
            default:
                return -1;
        }
    }

    private static AllocException malformed(String what, String raw) {
        return AllocException.invalidParam(what + " '" + raw
                + "' is not a size: digits with an optional suffix B, KiB, MiB, GiB or TiB");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AllocatorOptions && ((AllocatorOptions) other).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
