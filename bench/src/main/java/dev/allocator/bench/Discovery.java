package dev.allocator.bench;

import dev.allocator.api.Allocators;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that the {@code @Param allocator} values are exactly the byte allocators {@link Allocators} discovers.
 * JMH needs literal {@code @Param} defaults, so the benchmarks list {@link #BENCHMARKED_BYTE_ALLOCATORS} and each
 * trial's setup calls {@link #requireByteAllocator}, which fails clearly if a listed name is not on the class path
 * or a discovered byte allocator is missing from the list.
 */
public final class Discovery {
    /** The names every {@code @Param allocator} lists; a unit test keeps the annotations in line with it. */
    public static final List<String> BENCHMARKED_BYTE_ALLOCATORS = List.of("tlsf", "buddy", "slab");

    private Discovery() {
    }

    /** Names of the byte allocators {@link Allocators} finds, lower case, in discovery order. */
    public static List<String> discoveredByteAllocators() {
        List<String> names = new ArrayList<>();
        for (AllocatorProvider provider : Allocators.providers()) {
            if (provider.kind() == AllocatorKind.BYTE) {
                names.add(provider.name().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * Fails unless {@code name} is a discovered byte allocator and every discovered one is benchmarked.
     *
     * @throws IllegalStateException naming what is missing and what was found
     */
    public static void requireByteAllocator(String name) {
        List<String> discovered = discoveredByteAllocators();
        if (!discovered.contains(name)) {
            throw new IllegalStateException("@Param allocator=" + name + " is not a byte allocator found through "
                    + "Allocators; discovered: " + discovered + ". Add its module as a dependency of bench/pom.xml "
                    + "(the shaded jar merges META-INF/services) or run with -p allocator=" + String.join(",",
                    discovered));
        }
        List<String> notBenchmarked = new ArrayList<>(discovered);
        notBenchmarked.removeAll(BENCHMARKED_BYTE_ALLOCATORS);
        if (!notBenchmarked.isEmpty()) {
            throw new IllegalStateException("byte allocators " + notBenchmarked + " are discovered but not benchmarked:"
                    + " add them to Discovery.BENCHMARKED_BYTE_ALLOCATORS and every @Param allocator list");
        }
    }
}
