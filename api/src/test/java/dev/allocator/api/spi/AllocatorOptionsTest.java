package dev.allocator.api.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AllocatorOptionsTest {
    private static void assertInvalid(String mentioned, Executable call) {
        AllocException e = assertThrows(AllocException.class, call);
        assertEquals(AllocError.INVALID_PARAM, e.error());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertEquals(4096, AllocatorOptions.parseSize("4096"));
        assertEquals(4096, AllocatorOptions.parseSize("4096B"));
        assertEquals(4096, AllocatorOptions.parseSize("4KiB"));
        assertEquals(4096, AllocatorOptions.parseSize("4k"));
        assertEquals(128L << 20, AllocatorOptions.parseSize("128MiB"));
        assertEquals(128L << 20, AllocatorOptions.parseSize(" 128 MB "));
        assertEquals(1L << 30, AllocatorOptions.parseSize("1GiB"));
        assertEquals(1L << 40, AllocatorOptions.parseSize("1TiB"));
        assertEquals(0, AllocatorOptions.parseSize("0"));
    }

    @Test
    void malformedSizesAreInvalidParamNamingTheText() {
        assertInvalid("'12XB'", () -> AllocatorOptions.parseSize("12XB"));
        assertInvalid("'KiB'", () -> AllocatorOptions.parseSize("KiB"));
        assertInvalid("'-4'", () -> AllocatorOptions.parseSize("-4"));
        assertInvalid("''", () -> AllocatorOptions.parseSize(""));
        assertInvalid("'1.5GiB'", () -> AllocatorOptions.parseSize("1.5GiB"));
    }

    @Test
    void sizesThatOverflowALongAreInvalidParam() {
        assertInvalid("8388608TiB", () -> AllocatorOptions.parseSize("8388608TiB"));
        assertInvalid("99999999999999999999", () -> AllocatorOptions.parseSize("99999999999999999999"));
        assertEquals(8388607L << 40, AllocatorOptions.parseSize("8388607TiB"));
    }

    @Test
    void typedGettersParseAndNameTheKey() {
        AllocatorOptions options = AllocatorOptions.of("bits", "5", "offset", "-3", "big", "1GiB",
                "flag", "TRUE", "classes", "64,128, 4KiB", "huge", "4GiB");
        assertEquals(5, options.getInt("bits"));
        assertEquals(-3, options.getLong("offset"));
        assertEquals(1L << 30, options.getSize("big"));
        assertTrue(options.getBoolean("flag"));
        assertArrayEquals(new long[] {64, 128, 4096}, options.getSizeList("classes"));
        assertInvalid("huge", () -> options.getInt("huge"));
        assertInvalid("flag", () -> AllocatorOptions.of("flag", "yes").getBoolean("flag"));
        assertInvalid("missing", () -> options.get("missing"));
        assertInvalid("classes", () -> AllocatorOptions.of("classes", " ").getSizeList("classes"));
    }

    @Test
    void aListWithAnEmptyElementIsInvalidParamNamingTheElement() {
        for (String value : new String[] {",,,", " , ", "64,", ",64", "64,,128", "", "  ", "64, ,128"}) {
            AllocatorOptions options = AllocatorOptions.of("classes", value);
            assertInvalid("'" + value + "'", () -> options.getSizeList("classes"));
            assertInvalid("classes", () -> options.getSizeList("classes"));
        }
        assertInvalid("element 3 of 3 is empty",
                () -> AllocatorOptions.of("classes", "64,128,").getSizeList("classes"));
        assertInvalid("element 1 of 2 is empty", () -> AllocatorOptions.of("classes", ",64").getSizeList("classes"));
    }

    @Test
    void aListTakesBlanksAroundItsElementsAndSuffixes() {
        assertArrayEquals(new long[] {64}, AllocatorOptions.of("c", "64").getSizeList("c"));
        assertArrayEquals(new long[] {64, 128, 4096}, AllocatorOptions.of("c", " 64 ,\t128,4 KiB ").getSizeList("c"));
    }

    @Test
    void digitsOtherThanAsciiAreInvalidParam() {
        // Arabic-Indic four, full-width six-four, Devanagari one, and the Kelvin sign that lower-cases to 'k'
        for (String value : new String[] {"\u0664", "\uFF16\uFF14", "\u0967", "1\u212AiB", "6\u0664"}) {
            AllocatorOptions options = AllocatorOptions.of("n", value, "list", "64," + value);
            assertInvalid("'" + value + "'", () -> options.getSize("n"));
            assertInvalid("'" + value + "'", () -> options.getLong("n"));
            assertInvalid("'" + value + "'", () -> options.getInt("n"));
            assertInvalid("'64," + value + "'", () -> options.getSizeList("list"));
            assertInvalid("'" + value + "'", () -> AllocatorOptions.parseSize(value));
        }
    }

    @Test
    void minusZeroIsInvalidParamForEveryNumber() {
        AllocatorOptions options = AllocatorOptions.of("n", "-0", "k", "-0KiB", "list", "64,-0");
        assertInvalid("'-0'", () -> options.getLong("n"));
        assertInvalid("'-0'", () -> options.getInt("n"));
        assertInvalid("'-0'", () -> options.getSize("n"));
        assertInvalid("'-0KiB'", () -> options.getLong("k"));
        assertInvalid("'64,-0'", () -> options.getSizeList("list"));
        assertEquals(0, AllocatorOptions.of("n", "0").getLong("n"));
    }

    @Test
    void aSignIsAMinusDirectlyBeforeTheDigitsOfASignedNumberOnly() {
        assertEquals(-3, AllocatorOptions.of("n", " -3 ").getLong("n"));
        assertEquals(-2048, AllocatorOptions.of("n", "-2KiB").getLong("n"));
        for (String value : new String[] {"+5", "- 5", "--5", "-", "5-", "-+5"}) {
            AllocatorOptions options = AllocatorOptions.of("n", value);
            assertInvalid("'" + value + "'", () -> options.getLong("n"));
            assertInvalid("'" + value + "'", () -> options.getSize("n"));
        }
        assertInvalid("'-5'", () -> AllocatorOptions.of("n", "-5").getSize("n"));
    }

    @Test
    void everyNumericGetterRejectsTheSameMalformedValues() {
        String[] malformed = {"", " ", "abc", "1.5", "1e3", "0x10", "12XB", "KiB", "4 K iB", "\n64", "64\u0000",
                "\u00A064", "99999999999999999999", "8388608TiB", "64,128"};
        for (String value : malformed) {
            AllocatorOptions options = AllocatorOptions.of("n", value);
            assertInvalid("n=", () -> options.getSize("n"));
            assertInvalid("n=", () -> options.getLong("n"));
            assertInvalid("n=", () -> options.getInt("n"));
            if (!value.equals("64,128")) {
                assertInvalid("n=", () -> options.getSizeList("n"));
            }
        }
    }

    @Test
    void onlyBlanksAndTabsSurroundAValue() {
        assertEquals(64, AllocatorOptions.of("n", "\t64 ").getSize("n"));
        assertTrue(AllocatorOptions.of("b", " TRUE\t").getBoolean("b"));
        assertInvalid("'\ntrue'", () -> AllocatorOptions.of("b", "\ntrue").getBoolean("b"));
        assertInvalid("'true,'", () -> AllocatorOptions.of("b", "true,").getBoolean("b"));
    }

    @Test
    void nullsAreNullPointerExceptionsNamingWhatWasNull() {
        AllocatorOptions options = AllocatorOptions.of("a", "1");
        assertNullNamed("option key", () -> options.get(null));
        assertNullNamed("option key", () -> options.getSize(null));
        assertNullNamed("option key", () -> options.contains(null));
        assertNullNamed("option key", () -> options.with(null, "1"));
        assertNullNamed("value of option b", () -> options.with("b", null));
        assertNullNamed("options map", () -> AllocatorOptions.of((Map<String, String>) null));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("c", null);
        assertNullNamed("value of option c", () -> AllocatorOptions.of(nullValue));
        assertNullNamed("keys and values", () -> AllocatorOptions.of((String[]) null));
        assertNullNamed("defaults", () -> options.withDefaults(null, "tlsf"));
        assertNullNamed("owner", () -> options.withDefaults(Map.of("a", "2"), null));
        assertNullNamed("size text", () -> AllocatorOptions.parseSize(null));
    }

    private static void assertNullNamed(String named, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(named, e.getMessage());
    }

    @Test
    void withDefaultsFillsInMissingKeys() {
        Map<String, String> defaults = Map.of("sl-bits", "5", "granularity", "16");
        AllocatorOptions merged = AllocatorOptions.of("sl-bits", "4").withDefaults(defaults, "tlsf");
        assertEquals(Map.of("sl-bits", "4", "granularity", "16"), merged.asMap());
    }

    @Test
    void unknownKeyIsRejectedListingTheKeysTaken() {
        Map<String, String> defaults = Map.of("sl-bits", "5", "granularity", "16");
        AllocException e = assertThrows(AllocException.class,
                () -> AllocatorOptions.of("sl-bit", "4").withDefaults(defaults, "tlsf"));
        assertEquals(AllocError.INVALID_PARAM, e.error());
        assertEquals("unknown option 'sl-bit' for tlsf; it takes granularity, sl-bits", e.getMessage());
    }

    @Test
    void optionsAreImmutable() {
        AllocatorOptions options = AllocatorOptions.of("a", "1");
        AllocatorOptions changed = options.with("b", "2");
        assertFalse(options.contains("b"));
        assertTrue(changed.contains("b"));
        assertThrows(UnsupportedOperationException.class, () -> changed.asMap().put("c", "3"));
        assertEquals(AllocatorOptions.of("b", "2", "a", "1"), changed);
        assertThrows(IllegalArgumentException.class, () -> AllocatorOptions.of("odd"));
        assertThrows(NullPointerException.class, () -> AllocatorOptions.of("k", null));
    }

    @Test
    void optionsAreEqualExactlyWhenTheirMapsAre() {
        AllocatorOptions options = AllocatorOptions.of("a", "1", "b", "2");
        assertEquals(AllocatorOptions.of(Map.of("b", "2", "a", "1")), options);
        assertEquals(Map.of("a", "1", "b", "2").hashCode(), options.hashCode());
        assertFalse(options.equals(AllocatorOptions.of("a", "1")));
        assertFalse(options.equals(AllocatorOptions.of("a", "1", "b", "3")));
        assertFalse(options.equals(Map.of("a", "1", "b", "2")), "options are not a map");
        assertEquals("{a=1, b=2}", options.toString());
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        AllocatorOptions options = AllocatorOptions.of("on", "True", "off", "FALSE");
        assertTrue(options.getBoolean("on"));
        assertFalse(options.getBoolean("off"));
    }

    @Test
    void aSignedNumberTakesAnyDigitAfterItsMinusAndTheLongRangeExactly() {
        assertEquals(-9, AllocatorOptions.of("n", "-9").getLong("n"));
        assertEquals(-5, AllocatorOptions.of("n", "-05").getLong("n"));
        assertEquals(Long.MAX_VALUE, AllocatorOptions.of("n", "9223372036854775807").getLong("n"));
        assertEquals(-Long.MAX_VALUE, AllocatorOptions.of("n", "-9223372036854775807").getLong("n"));
        assertInvalid("fits in a long", () -> AllocatorOptions.of("n", "9223372036854775808").getLong("n"));
    }
}
