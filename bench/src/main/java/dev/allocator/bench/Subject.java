package dev.allocator.bench;

/**
 * One allocator under test, seen through numbered slots so that every subject does the same work and keeps the
 * same bookkeeping: a slot holds at most one live block, and each subject remembers per slot what it needs to free
 * that block (an address, a {@code ByteBuf}, an {@code Arena}...).
 *
 * <p>{@link #alloc} and {@link #free} are the timed hot path; {@link #freeAll} is untimed cleanup between trace
 * replays. Subjects that cannot honour an alignment (Netty, malloc) ignore it; see the README. Not thread safe.
 */
public abstract class Subject implements AutoCloseable {
    /** Allocation alignment of the steady-state and churn workloads: what malloc guarantees. */
    public static final int DEFAULT_ALIGN = 16;

    private final String name;

    /**
     * @param name the name shown in results, such as {@code tlsf} or {@code netty-pooled}
     */
    protected Subject(String name) {
        this.name = name;
    }

    /** The name shown in results. */
    public final String name() {
        return name;
    }

    /**
     * Allocates {@code size} bytes aligned to {@code align} into the empty {@code slot}.
     *
     * @return false when the allocator has no memory for it (the slot stays empty)
     */
    public abstract boolean alloc(int slot, int size, int align);

    /** Frees the live block in {@code slot}, which was allocated with {@code size} and {@code align}. */
    public abstract void free(int slot, int size, int align);

    /** Frees every live block, leaving every slot empty. Not timed. */
    public abstract void freeAll();

    /** Frees every live block and whatever the subject holds. */
    @Override
    public void close() {
        freeAll();
    }

    @Override
    public String toString() {
        return name;
    }
}
