package dev.allocator.bench;

import java.util.ArrayList;
import java.util.List;

/** A subject that records calls and fails allocations larger than a limit. */
final class RecordingSubject extends Subject {
    final List<String> calls = new ArrayList<>();
    private final int largestAllocatable;

    RecordingSubject(int largestAllocatable) {
        super("recording");
        this.largestAllocatable = largestAllocatable;
    }

    @Override
    public boolean alloc(int slot, int size, int align) {
        calls.add("a" + slot + ":" + size + "/" + align);
        return size <= largestAllocatable;
    }

    @Override
    public void free(int slot, int size, int align) {
        calls.add("f" + slot + ":" + size + "/" + align);
    }

    @Override
    public void freeAll() {
        calls.add("freeAll");
    }
}
