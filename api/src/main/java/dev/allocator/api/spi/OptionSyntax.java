package dev.allocator.api.spi;

import dev.allocator.api.AllocException;
import java.util.Locale;

/**
 * The one grammar of option values (documented on {@link AllocatorOptions}): sizes, signed numbers, lists of sizes
 * and booleans, each parsed by a small hand-written scanner so that nothing outside the grammar slips through
 * (no {@code Character.isDigit}, which takes Arabic-Indic and full-width digits; no {@code String.trim}, which
 * takes control characters; no {@code String.split}, which drops a trailing empty element).
 *
 * <pre>
 *   blank   = " " | "\t"
 *   digits  = ("0" .. "9")+                         ASCII only
 *   suffix  = B | K | KB | KiB | M | MB | MiB | G | GB | GiB | T | TB | TiB     any case, all binary
 *   size    = blank* digits blank* [suffix] blank*
 *   signed  = blank* ["-"] digits blank* [suffix] blank*     "-" only before a non-zero value
 *   list    = size ("," size)*                    no empty element: ",64", "64,", "64,,128", " , " are errors
 *   boolean = blank* ("true" | "false") blank*    any case
 * </pre>
 *
 * <p>Every error is {@link dev.allocator.api.AllocError#INVALID_PARAM} naming the key (null for a bare size), the
 * value as given and the form expected.
 */
final class OptionSyntax {
    static final String SIZE_FORM = "digits 0-9 with an optional suffix B, K/KiB, M/MiB, G/GiB or T/TiB";

    private OptionSyntax() {
    }

    /** A non-negative size. */
    static long size(String key, String value) {
        return sizeIn(key, value, value, 0, value.length(), "a size: " + SIZE_FORM);
    }

    /** A signed number with an optional size suffix. */
    static long signed(String key, String value) {
        String form = "a number: an optional '-' then " + SIZE_FORM;
        int start = skipBlanks(value, 0, value.length());
        if (start < value.length() && value.charAt(start) == '-') {
            if (start + 1 == value.length() || value.charAt(start + 1) < '0' || value.charAt(start + 1) > '9') {
                throw invalid(key, value, form);
            }
            long magnitude = sizeIn(key, value, value, start + 1, value.length(), form);
            if (magnitude == 0) {
                throw invalid(key, value, form + " ('-0' is not a number here: write 0)");
            }
            return -magnitude;
        }
        return sizeIn(key, value, value, start, value.length(), form);
    }

    /** A list of sizes separated by commas, at least one, none empty. */
    static long[] sizeList(String key, String value) {
        String form = "a list of sizes separated by commas, such as 64,128,4KiB (each " + SIZE_FORM + ")";
        int elements = 1;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == ',') {
                elements++;
            }
        }
        long[] sizes = new long[elements];
        int start = 0;
        for (int element = 0; element < elements; element++) {
            int end = value.indexOf(',', start);
            if (end < 0) {
                end = value.length();
            }
            if (skipBlanks(value, start, end) == end) {
                throw invalid(key, value, form + "; element " + (element + 1) + " of " + elements + " is empty");
            }
            sizes[element] = sizeIn(key, value, value.substring(start, end), 0, end - start, form);
            start = end + 1;
        }
        return sizes;
    }

    /** {@code true} or {@code false}, any case. */
    static boolean bool(String key, String value) {
        int start = skipBlanks(value, 0, value.length());
        int end = trimBlanks(value, start, value.length());
        String word = value.substring(start, end).toLowerCase(Locale.ROOT);
        if (word.equals("true")) {
            return true;
        }
        if (word.equals("false")) {
            return false;
        }
        throw invalid(key, value, "true or false");
    }

    /**
     * Parses {@code text[from, to)} as a size.
     *
     * @param whole the whole option value, for the message
     */
    private static long sizeIn(String key, String whole, String text, int from, int to, String form) {
        int at = skipBlanks(text, from, to);
        int digitsEnd = at;
        while (digitsEnd < to && text.charAt(digitsEnd) >= '0' && text.charAt(digitsEnd) <= '9') {
            digitsEnd++;
        }
        if (digitsEnd == at) {
            throw invalid(key, whole, form);
        }
        int suffixStart = skipBlanks(text, digitsEnd, to);
        int suffixEnd = trimBlanks(text, suffixStart, to);
        int shift = suffixShift(text.substring(suffixStart, suffixEnd));
        if (shift < 0) {
            throw invalid(key, whole, form);
        }
        long number = 0;
        for (int i = at; i < digitsEnd; i++) {
            int digit = text.charAt(i) - '0';
            if (number > (Long.MAX_VALUE - digit) / 10) {
                throw invalid(key, whole, "a number that fits in a long (at most " + Long.MAX_VALUE + ")");
            }
            number = number * 10 + digit;
        }
        if (number > (Long.MAX_VALUE >> shift)) {
            throw invalid(key, whole, "a size that fits in a long (at most " + Long.MAX_VALUE + " bytes)");
        }
        return number << shift;
    }

    private static int skipBlanks(String text, int from, int to) {
        int at = from;
        while (at < to && isBlank(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static int trimBlanks(String text, int from, int to) {
        int end = to;
        while (end > from && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** The binary shift a suffix stands for, or -1 if it is not one (only ASCII letters match). */
    private static int suffixShift(String suffix) {
        for (int i = 0; i < suffix.length(); i++) {
            if (suffix.charAt(i) > 0x7F) {
                return -1; // "\u212A" (Kelvin sign) lower-cases to an ASCII 'k': not a suffix
            }
        }
        switch (suffix.toLowerCase(Locale.ROOT)) {
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

    /** INVALID_PARAM: {@code option classes=' , ' is not ...}; for a bare size (null key) {@code '12XB' ...}. */
    private static AllocException invalid(String key, String value, String form) {
        return AllocException.invalidParam((key == null ? "" : "option " + key + "=") + "'" + value + "' is not "
                + form);
    }
}
