package dev.allocator.bench;

/**
 * The C heap through {@code sun.misc.Unsafe.allocateMemory/freeMemory} (glibc malloc here): slot to address. It
 * aligns to 16 bytes; larger alignments are ignored. It touches none of our bookkeeping.
 */
final class MallocSubject extends Subject {
    private final long[] addresses;

    MallocSubject(int slots) {
        super("malloc");
        this.addresses = new long[slots];
    }

    @Override
    public boolean alloc(int slot, int size, int align) {
        try {
            addresses[slot] = UnsafeAccess.allocateMemory(size);
            return true;
        } catch (OutOfMemoryError e) {
            return false;
        }
    }

    @Override
    public void free(int slot, int size, int align) {
        UnsafeAccess.freeMemory(addresses[slot]);
        addresses[slot] = 0;
    }

    @Override
    public void freeAll() {
        for (int slot = 0; slot < addresses.length; slot++) {
            if (addresses[slot] != 0) {
                UnsafeAccess.freeMemory(addresses[slot]);
                addresses[slot] = 0;
            }
        }
    }
}
