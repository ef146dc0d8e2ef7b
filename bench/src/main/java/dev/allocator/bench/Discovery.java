package dev.allocator.bench;

import dev.allocator.api.Allocators;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that the {@code @Param allocator} values are exactly the allocators {@link Allocators} discovers. JMH
 * needs literal {@code @Param} defaults, so the benchmarks list {@link #BENCHMARKED_BYTE_ALLOCATORS} (and
 * {@link #BENCHMARKED_PAGE_ALLOCATORS}) and each trial's setup calls {@link #requireByteAllocator}, which fails
 * clearly if a listed name is not on the class path or a discovered allocator is missing from the list.
 */
public final class Discovery {
    /** The names every byte {@code @Param allocator} lists; a unit test keeps the annotations in line with it. */
    public static final List<String> BENCHMARKED_BYTE_ALLOCATORS = List.of("tlsf", "buddy", "slab");
    /** The names the page-trace benchmark lists. */
    public static final List<String> BENCHMARKED_PAGE_ALLOCATORS = List.of("bitmap");

    private Discovery() {
    }

    /** Names of the allocators of {@code kind} that {@link Allocators} finds, lower case, in discovery order. */
    public static List<String> discovered(AllocatorKind kind) {
        List<String> names = new ArrayList<>();
        for (AllocatorProvider provider : Allocators.providers()) {
            if (provider.kind() == kind) {
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
        require(AllocatorKind.BYTE, name, BENCHMARKED_BYTE_ALLOCATORS);
    }

    /** Like {@link #requireByteAllocator} for page allocators. */
    public static void requirePageAllocator(String name) {
        require(AllocatorKind.PAGE, name, BENCHMARKED_PAGE_ALLOCATORS);
    }

    private static void require(AllocatorKind kind, String name, List<String> benchmarked) {
        List<String> discovered = discovered(kind);
        if (!discovered.contains(name)) {
            throw new IllegalStateException("@Param allocator=" + name + " is not a " + kind + " allocator found "
                    + "through Allocators; discovered: " + discovered + ". Add its module as a dependency of "
                    + "bench/pom.xml (the shaded jar merges META-INF/services), or run with -p allocator="
                    + String.join(",", discovered));
        }
        List<String> notBenchmarked = new ArrayList<>(discovered);
        notBenchmarked.removeAll(benchmarked);
        if (!notBenchmarked.isEmpty()) {
            throw new IllegalStateException(kind + " allocators " + notBenchmarked + " are discovered but not "
                    + "benchmarked: add them to Discovery.BENCHMARKED_" + kind + "_ALLOCATORS and every @Param "
                    + "allocator list");
        }
    }
}
