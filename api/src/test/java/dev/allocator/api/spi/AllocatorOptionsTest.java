package dev.allocator.api.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
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
}
