package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.Allocators;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicTest;

/**
 * Bad options, for a provider found by name: every option given values outside the one grammar of
 * {@link AllocatorOptions} must be INVALID_PARAM naming the key, and given the extreme values of the grammar must be
 * INVALID_PARAM or make an allocator that works; never another exception, never {@link OutOfMemoryError}. Options
 * whose default is not a value of the grammar (free text) are left alone.
 */
final class OptionChecks {
    static final String BAD_VALUES = "badOptionValuesAreInvalidParamNamingTheKey";
    static final String EXTREME_VALUES = "extremeOptionValuesAreRejectedOrWork";

    /** Values no production of the grammar accepts. */
    private static final String[] BAD = {"", " ", ",", ",,,", " , ", "64,", ",64", "64,,128", "abc", "\u0664",
        "\uFF16\uFF14", "-0", "1.5", "99999999999999999999", "+5", "- 5", "0x10", "1e3", "4 K iB", "\n64", "yes"};
    /** Values of the grammar at its edges. */
    private static final String[] EXTREME = {"0", "1", "-1", "2", "3", "63", "64", "65", "4096", "1TiB", "8388607TiB",
        Long.toString(Long.MAX_VALUE), Long.toString(Long.MIN_VALUE + 1), Integer.toString(Integer.MAX_VALUE),
        "true", "false", "1,1", "64,32", "1," + Long.MAX_VALUE};

    private OptionChecks() {
    }

    static List<DynamicTest> tests(AllocatorProvider provider) {
        return List.of(DynamicTest.dynamicTest(BAD_VALUES, () -> badValues(provider)),
                DynamicTest.dynamicTest(EXTREME_VALUES, () -> extremeValues(provider)));
    }

    private static void badValues(AllocatorProvider provider) {
        AllocException unknown = create(provider, AllocatorOptions.of("no-such-option", "1"));
        assertTrue(unknown != null && unknown.error() == AllocError.INVALID_PARAM
                && unknown.getMessage().contains("no-such-option"), () -> "an unknown option: " + unknown);
        for (String key : typedKeys(provider)) {
            for (String value : BAD) {
                AllocException e = create(provider, AllocatorOptions.of(key, value));
                String call = provider.name() + " with " + key + "='" + value + "'";
                if (e == null) {
                    fail(call + " was accepted: values outside the grammar of AllocatorOptions must be INVALID_PARAM");
                }
                assertEquals(AllocError.INVALID_PARAM, e.error(), () -> call + ": " + e);
                assertTrue(e.getMessage().contains(key), () -> call + ": the message should name the option: "
                        + e.getMessage());
            }
        }
    }

    private static void extremeValues(AllocatorProvider provider) {
        for (String key : typedKeys(provider)) {
            for (String value : EXTREME) {
                AllocatorOptions options = AllocatorOptions.of(key, value);
                String call = provider.name() + " with " + key + "='" + value + "'";
                BaseAllocator allocator;
                try {
                    allocator = Allocators.create(provider.kind(), provider.name(), options);
                } catch (AllocException e) {
                    assertEquals(AllocError.INVALID_PARAM, e.error(), () -> call + ": " + e);
                    continue;
                } catch (RuntimeException | OutOfMemoryError e) {
                    throw new ContractViolation("unexpected-exception", call + " threw " + e
                            + " (expected INVALID_PARAM or an allocator)", e);
                }
                smoke(call, allocator);
            }
        }
    }

    /** A region, a block in it, freed: the allocator an option made works, or rejects the calls with AllocException. */
    private static void smoke(String call, BaseAllocator allocator) {
        Subject subject = MetadataFailureRun.subjectOf(allocator);
        String step = "init";
        try {
            subject.init(0, subject.unit() * (1 << 16));
            AllocatorAssertions.assertWalkConsistent(allocator);
            step = "alloc";
            long block = subject.alloc(Math.max(1, subject.minSize()), 1);
            AllocatorAssertions.assertWalkConsistent(allocator);
            step = "dealloc";
            subject.dealloc(block, Math.max(1, subject.minSize()), 1);
            AllocatorAssertions.assertWalkConsistent(allocator);
        } catch (AllocException e) {
            // rejected calls are fine here: an option may make small requests impossible
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new ContractViolation("unexpected-exception", "an allocator made " + call + " threw " + e + " at "
                    + step, e);
        }
    }

    /** The option keys whose default is a value of the grammar (a size, number, list or boolean). */
    private static List<String> typedKeys(AllocatorProvider provider) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> option : new TreeMap<>(provider.defaults()).entrySet()) {
            AllocatorOptions defaults = AllocatorOptions.of(option.getKey(), option.getValue());
            if (parses(() -> defaults.getSizeList(option.getKey())) || parses(() -> defaults.getLong(option.getKey()))
                    || parses(() -> defaults.getBoolean(option.getKey()))) {
                keys.add(option.getKey());
            }
        }
        return keys;
    }

    private static boolean parses(Runnable getter) {
        try {
            getter.run();
            return true;
        } catch (AllocException e) {
            return false;
        }
    }

    /** Creates an allocator; returns null if that worked, the AllocException if it was rejected. */
    private static AllocException create(AllocatorProvider provider, AllocatorOptions options) {
        try {
            Allocators.create(provider.kind(), provider.name(), options);
            return null;
        } catch (AllocException e) {
            return e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new ContractViolation("unexpected-exception", provider.name() + " with options " + options
                    + " threw " + e + " (expected INVALID_PARAM)", e);
        }
    }
}
