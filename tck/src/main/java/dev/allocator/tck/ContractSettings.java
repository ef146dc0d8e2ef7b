package dev.allocator.tck;

import dev.allocator.api.spi.AllocatorOptions;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Everything a contract run can be told about the allocator under test, in one immutable value: what the allocator
 * documents where the api leaves room (full coalescing, determinism, whole-region blocks, lowest fit, partial frees),
 * how large the random regions are, how to create the allocator by name, and which contract tests are known to fail.
 *
 * <p>A contract class returns it from {@link AllocatorContract#settings()}; {@link Conformance} takes it per
 * provider. Start from {@link #defaults()} and change what differs:
 *
 * <pre>{@code
 * @Override
 * protected ContractSettings settings() {
 *     return ContractSettings.defaults().withCoalescesFully(false);   // a slab that keeps empty slabs
 * }
 * }</pre>
 *
 * <p>Every setting has a default that matches what the api documents, so an allocator that needs none of them is
 * held to the whole contract.
 */
public final class ContractSettings {
    private static final ContractSettings DEFAULTS = new ContractSettings(true, true, true, true, true, 0, 1L << 30,
            AllocatorOptions.empty(), null, Collections.emptyMap());

    private final boolean coalescesFully;
    private final boolean deterministic;
    private final boolean wholeRegionAllocatable;
    private final boolean rejectsMismatchedFree;
    private final boolean lowestFit;
    private final long maxRegionSize;
    private final long maxAlignment;
    private final AllocatorOptions options;
    private final String providerName;
    /** Test name to the reason it is known to fail; insertion order. */
    private final Map<String, String> knownFailures;

    private ContractSettings(boolean coalescesFully, boolean deterministic, boolean wholeRegionAllocatable,
                             boolean rejectsMismatchedFree, boolean lowestFit, long maxRegionSize, long maxAlignment,
                             AllocatorOptions options, String providerName, Map<String, String> knownFailures) {
        this.coalescesFully = coalescesFully;
        this.deterministic = deterministic;
        this.wholeRegionAllocatable = wholeRegionAllocatable;
        this.rejectsMismatchedFree = rejectsMismatchedFree;
        this.lowestFit = lowestFit;
        this.maxRegionSize = maxRegionSize;
        this.maxAlignment = maxAlignment;
        this.options = options;
        this.providerName = providerName;
        this.knownFailures = knownFailures;
    }

    /**
     * The settings that hold the allocator to everything the api documents.
     *
     * @return full coalescing, deterministic, whole regions allocatable, mismatched frees rejected, lowest fit (ID
     *         allocators), the kind's default region size, alignments up to 1 GiB (page allocators), no options, no
     *         provider name, no known failures
     */
    public static ContractSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Whether freeing every block returns the allocator to the state right after its regions were added (same walk,
     * same stats, same answers), so that the largest block first possible is possible again. True for TLSF, buddy
     * and bitmap; an allocator that keeps freed memory cached (a slab keeping empty slabs) answers false.
     *
     * @return true by default
     */
    public boolean coalescesFully() {
        return coalescesFully;
    }

    /**
     * Returns these settings with another answer to {@link #coalescesFully()}.
     *
     * @param coalesces whether freeing everything restores the fresh state
     * @return new settings
     */
    public ContractSettings withCoalescesFully(boolean coalesces) {
        return new ContractSettings(coalesces, deterministic, wholeRegionAllocatable, rejectsMismatchedFree,
                lowestFit, maxRegionSize, maxAlignment, options, providerName, knownFailures);
    }

    /**
     * Whether the same calls on two fresh allocators give the same results. The kit then compares the allocator with
     * a twin that got the same calls except the rejected ones (to see hidden changes). False for an allocator with
     * randomness or address-dependent hashing; those comparisons are then skipped.
     *
     * @return true by default
     */
    public boolean deterministic() {
        return deterministic;
    }

    /**
     * Returns these settings with another answer to {@link #deterministic()}.
     *
     * @param isDeterministic whether equal calls give equal results
     * @return new settings
     */
    public ContractSettings withDeterministic(boolean isDeterministic) {
        return new ContractSettings(coalescesFully, isDeterministic, wholeRegionAllocatable, rejectsMismatchedFree,
                lowestFit, maxRegionSize, maxAlignment, options, providerName, knownFailures);
    }

    /**
     * Whether a block as large as a whole region (aligned, power-of-two sized) can be allocated, as the edge-case
     * tests ask. False for a good-fit allocator whose search rounds a request up to the next size class and so
     * misses a free block of exactly the size asked; the random tests still require that the largest block a fresh
     * allocator gives is possible again once everything is freed.
     *
     * @return true by default
     */
    public boolean wholeRegionAllocatable() {
        return wholeRegionAllocatable;
    }

    /**
     * Returns these settings with another answer to {@link #wholeRegionAllocatable()}.
     *
     * @param whole whether a whole region is one allocatable block
     * @return new settings
     */
    public ContractSettings withWholeRegionAllocatable(boolean whole) {
        return new ContractSettings(coalescesFully, deterministic, whole, rejectsMismatchedFree, lowestFit,
                maxRegionSize, maxAlignment, options, providerName, knownFailures);
    }

    /**
     * Page and ID allocators: whether a free of allocated units whose count does not match an allocation (part of a
     * run, or two runs at once) is NOT_ALLOCATED, as the error table says. False if the allocator frees any run of
     * allocated units; the kit then makes no such calls.
     *
     * @return true by default
     */
    public boolean rejectsMismatchedFree() {
        return rejectsMismatchedFree;
    }

    /**
     * Returns these settings with another answer to {@link #rejectsMismatchedFree()}.
     *
     * @param rejects whether mismatched page/ID frees are rejected
     * @return new settings
     */
    public ContractSettings withRejectsMismatchedFree(boolean rejects) {
        return new ContractSettings(coalescesFully, deterministic, wholeRegionAllocatable, rejects, lowestFit,
                maxRegionSize, maxAlignment, options, providerName, knownFailures);
    }

    /**
     * ID allocators: whether {@code allocId} returns the lowest free aligned range that fits, as
     * {@link dev.allocator.api.IdAllocator} documents. Byte and page contracts ignore it.
     *
     * @return true by default
     */
    public boolean lowestFit() {
        return lowestFit;
    }

    /**
     * Returns these settings with another answer to {@link #lowestFit()}.
     *
     * @param lowest whether ID allocations are lowest fit
     * @return new settings
     */
    public ContractSettings withLowestFit(boolean lowest) {
        return new ContractSettings(coalescesFully, deterministic, wholeRegionAllocatable, rejectsMismatchedFree,
                lowest, maxRegionSize, maxAlignment, options, providerName, knownFailures);
    }

    /**
     * The largest region the random sequences add, in the allocator's unit (bytes, pages or IDs); 0 means the kind's
     * default (256 KiB of bytes, 2048 pages, 4096 IDs). Lower it if the allocator's metadata is large per unit; raise
     * it to test larger pools.
     *
     * @return 0 (the kind's default) unless set
     */
    public long maxRegionSize() {
        return maxRegionSize;
    }

    /**
     * Returns these settings with another {@link #maxRegionSize()}.
     *
     * @param units the largest random region in units, at least 8; or 0 for the kind's default
     * @return new settings
     * @throws IllegalArgumentException if {@code units} is negative or between 1 and 7
     */
    public ContractSettings withMaxRegionSize(long units) {
        if (units < 0 || units > 0 && units < 8) {
            throw new IllegalArgumentException("maxRegionSize " + units + ": give 0 (the default) or at least 8");
        }
        return new ContractSettings(coalescesFully, deterministic, wholeRegionAllocatable, rejectsMismatchedFree,
                lowestFit, units, maxAlignment, options, providerName, knownFailures);
    }

    /**
     * Page allocators: the largest alignment the directed tests ask for (their region is a little over this size).
     *
     * @return 1 GiB by default
     */
    public long maxAlignment() {
        return maxAlignment;
    }

    /**
     * Returns these settings with another {@link #maxAlignment()}.
     *
     * @param bytes a power of two
     * @return new settings
     * @throws IllegalArgumentException if {@code bytes} is not a power of two
     */
    public ContractSettings withMaxAlignment(long bytes) {
        if (bytes <= 0 || (bytes & (bytes - 1)) != 0) {
            throw new IllegalArgumentException("maxAlignment " + bytes + " is not a power of two");
        }
        return new ContractSettings(coalescesFully, deterministic, wholeRegionAllocatable, rejectsMismatchedFree,
                lowestFit, maxRegionSize, bytes, options, providerName, knownFailures);
    }

    /**
     * The options the allocator is created with when the kit creates it by name ({@link Conformance}, and the forked
     * JVM of the metadata-failure test when {@link #providerName()} is set).
     *
     * @return empty by default
     */
    public AllocatorOptions options() {
        return options;
    }

    /**
     * Returns these settings with other options.
     *
     * @param newOptions the provider's options
     * @return new settings
     * @throws NullPointerException if {@code newOptions} is null
     */
    public ContractSettings withOptions(AllocatorOptions newOptions) {
        return new ContractSettings(coalescesFully, deterministic, wholeRegionAllocatable, rejectsMismatchedFree,
                lowestFit, maxRegionSize, maxAlignment, Objects.requireNonNull(newOptions, "options"), providerName,
                knownFailures);
    }

    /**
     * The name of the provider that creates this allocator (with {@link #options()}), or null. The test that makes
     * metadata growth fail runs in a forked JVM with a small heap, which must create the same allocator: by this name
     * if set, else through the public no-argument constructor of the allocator's class (which the kit first checks
     * builds an allocator that behaves like {@code newAllocator()}'s). {@link Conformance} sets it.
     *
     * @return null by default
     */
    public String providerName() {
        return providerName;
    }

    /**
     * Returns these settings with a provider name (see {@link #providerName()}).
     *
     * @param name the provider's name, as {@link dev.allocator.api.Allocators} finds it
     * @return new settings
     * @throws NullPointerException if {@code name} is null
     */
    public ContractSettings withProviderName(String name) {
        return new ContractSettings(coalescesFully, deterministic, wholeRegionAllocatable, rejectsMismatchedFree,
                lowestFit, maxRegionSize, maxAlignment, options, Objects.requireNonNull(name, "provider name"),
                knownFailures);
    }

    /**
     * The contract tests known to fail for this allocator, by method name, with the reason: they are reported as
     * skipped (aborted) with that reason instead of run. A temporary opt-out for a failure someone is fixing; every
     * entry should point at the issue that tracks it, and go when the fix lands.
     *
     * @return test name to reason; empty by default
     */
    public Map<String, String> knownFailures() {
        return knownFailures;
    }

    /**
     * Returns these settings with more known failures (see {@link #knownFailures()}).
     *
     * @param reason    why they fail and where the fix is tracked, such as {@code "issue 15: buddy's metadata grows
     *                  with the range"}
     * @param testNames contract test method names, such as {@code "hugeRegionsCostNoMoreThanSmallOnes"}
     * @return new settings
     * @throws IllegalArgumentException if a name is not a test of the contracts
     * @throws NullPointerException     if the reason or a name is null
     */
    public ContractSettings withKnownFailures(String reason, String... testNames) {
        Objects.requireNonNull(reason, "reason");
        Map<String, String> more = new LinkedHashMap<>(knownFailures);
        Set<String> tests = contractTestNames();
        for (String name : testNames) {
            if (!tests.contains(Objects.requireNonNull(name, "test name"))) {
                throw new IllegalArgumentException("'" + name + "' is not a contract test; the tests are " + tests);
            }
            more.put(name, reason);
        }
        return new ContractSettings(coalescesFully, deterministic, wholeRegionAllocatable, rejectsMismatchedFree,
                lowestFit, maxRegionSize, maxAlignment, options, providerName,
                Collections.unmodifiableMap(more));
    }

    /** The names of every public test method of the three contracts, and of {@link Conformance}'s option checks. */
    static Set<String> contractTestNames() {
        Set<String> names = new TreeSet<>(Set.of(OptionChecks.BAD_VALUES, OptionChecks.EXTREME_VALUES));
        for (Class<?> type : new Class<?>[] {AllocatorContract.class, HostileInputContract.class,
                ByteAllocatorContract.class, PageAllocatorContract.class, IdAllocatorContract.class}) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    names.add(method.getName());
                }
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "ContractSettings[coalescesFully=" + coalescesFully + ", deterministic=" + deterministic
                + ", wholeRegionAllocatable=" + wholeRegionAllocatable + ", rejectsMismatchedFree="
                + rejectsMismatchedFree + ", lowestFit=" + lowestFit + ", maxRegionSize=" + maxRegionSize
                + ", maxAlignment=" + maxAlignment + ", options=" + options + ", providerName=" + providerName
                + ", knownFailures=" + knownFailures.keySet() + "]";
    }
}
