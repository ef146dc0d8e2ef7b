package dev.allocator.api.spi;

import dev.allocator.api.AllocException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Immutable string options for {@link AllocatorProvider#create(AllocatorOptions)}, with typed getters. They take
 * the place of the original crate's Cargo size features ({@code page-alloc-256m} and the like).
 *
 * <h2>The grammar of values</h2>
 * Every typed getter reads its value with one grammar, the same for every option:
 * <pre>
 *   blank   = " " | "\t"                                   (no other white space)
 *   digits  = ("0" .. "9")+                                ASCII digits only
 *   suffix  = B | K | KB | KiB | M | MB | MiB | G | GB | GiB | T | TB | TiB     any case, all binary
 *   size    = blank* digits blank* [suffix] blank*          {@link #getSize}, {@link #parseSize}
 *   number  = blank* ["-"] digits blank* [suffix] blank*    {@link #getLong}, {@link #getInt}
 *   list    = size ("," size)*                             {@link #getSizeList}
 *   boolean = blank* ("true" | "false") blank*             {@link #getBoolean}, any case
 * </pre>
 * So {@code 4096}, {@code 4KiB}, {@code " 128 MB "} and {@code 64,128, 4KiB} are values; {@code K}, {@code KB}
 * and {@code KiB} all mean 1024 (as JVM flags do), the same for M, G and T. Not values: an empty or blank text;
 * a list with an empty element ({@code ",,,"}, {@code " , "}, {@code "64,"}, {@code ",64"},
 * {@code "64,,128"}); digits other than ASCII ({@code "\u0664"}, full-width {@code "\uFF16\uFF14"}); a sign on a
 * size, {@code "+5"}, {@code "- 5"} and {@code "-0"}; fractions, exponents, hexadecimal; anything past
 * {@link Long#MAX_VALUE}. Every malformed value is {@link dev.allocator.api.AllocError#INVALID_PARAM} with a
 * message naming the key, the value and the form expected.
 *
 * <p>Keys and values are never null: the factories and {@link #with} throw {@link NullPointerException} naming
 * the null, and the getters throw it for a null key.
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
     * @throws NullPointerException if {@code values}, a key or a value is null
     */
    public static AllocatorOptions of(Map<String, String> values) {
        Objects.requireNonNull(values, "options map");
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
     * @throws NullPointerException     if the array, a key or a value is null
     */
    public static AllocatorOptions of(String... keysAndValues) {
        Objects.requireNonNull(keysAndValues, "keys and values");
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
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    public AllocatorOptions with(String key, String value) {
        Objects.requireNonNull(key, "option key");
        Objects.requireNonNull(value, () -> "value of option " + key);
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
     * @throws AllocException       INVALID_PARAM naming an unknown key and listing the keys {@code owner} takes
     * @throws NullPointerException if {@code defaults} or {@code owner} is null
     */
    public AllocatorOptions withDefaults(Map<String, String> defaults, String owner) {
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(owner, "owner");
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
     * @throws NullPointerException if {@code key} is null
     */
    public boolean contains(String key) {
        return values.containsKey(Objects.requireNonNull(key, "option key"));
    }

    /**
     * Returns a value as text.
     *
     * @param key option key
     * @return its value
     * @throws AllocException       INVALID_PARAM if the key is absent
     * @throws NullPointerException if {@code key} is null
     */
    public String get(String key) {
        String value = values.get(Objects.requireNonNull(key, "option key"));
        if (value == null) {
            throw AllocException.invalidParam("option '" + key + "' is not set; set: " + values.keySet());
        }
        return value;
    }

    /**
     * Returns a value as a {@code long}: a {@code number} of the grammar above (an optional minus sign, digits, an
     * optional binary suffix).
     *
     * @param key option key
     * @return the number
     * @throws AllocException       INVALID_PARAM if absent or not a number
     * @throws NullPointerException if {@code key} is null
     */
    public long getLong(String key) {
        return OptionSyntax.signed(key, get(key));
    }

    /**
     * Returns a value as an {@code int}: a {@code number} of the grammar above.
     *
     * @param key option key
     * @return the number
     * @throws AllocException       INVALID_PARAM if absent, not a number or out of {@code int} range
     * @throws NullPointerException if {@code key} is null
     */
    public int getInt(String key) {
        long value = getLong(key);
        if (value != (int) value) {
            throw AllocException.invalidParam("option " + key + "='" + get(key) + "' does not fit in an int");
        }
        return (int) value;
    }

    /**
     * Returns a value as a size: a {@code size} of the grammar above (non-negative, optional binary suffix).
     *
     * @param key option key
     * @return the size
     * @throws AllocException       INVALID_PARAM if absent or malformed
     * @throws NullPointerException if {@code key} is null
     */
    public long getSize(String key) {
        return OptionSyntax.size(key, get(key));
    }

    /**
     * Returns a comma-separated list of sizes, e.g. {@code 64,128,4KiB}: a {@code list} of the grammar above, at
     * least one element and no empty one.
     *
     * @param key option key
     * @return the sizes in the order given
     * @throws AllocException       INVALID_PARAM if absent, empty, or any element is empty or malformed
     * @throws NullPointerException if {@code key} is null
     */
    public long[] getSizeList(String key) {
        return OptionSyntax.sizeList(key, get(key));
    }

    /**
     * Returns a value as a boolean: {@code true} or {@code false}, any case.
     *
     * @param key option key
     * @return the flag
     * @throws AllocException       INVALID_PARAM if absent or neither word
     * @throws NullPointerException if {@code key} is null
     */
    public boolean getBoolean(String key) {
        return OptionSyntax.bool(key, get(key));
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
     * Parses a size: a {@code size} of the grammar above, such as {@code "128MiB"}.
     *
     * @param text such as {@code "128MiB"}
     * @return the size in bytes
     * @throws AllocException       INVALID_PARAM naming the text if it is malformed, negative or overflows a long
     * @throws NullPointerException if {@code text} is null
     */
    public static long parseSize(String text) {
        return OptionSyntax.size(null, Objects.requireNonNull(text, "size text"));
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
