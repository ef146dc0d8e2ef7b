package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnapshotTest {
    @Test
    void recordsTheWalkAndTheCounters() {
        ReferenceByteAllocator allocator = new ReferenceByteAllocator();
        allocator.init(100, 50);
        allocator.alloc(8, 1);
        Snapshot snapshot = Snapshot.of(new ByteSubject(allocator));
        assertEquals(2, snapshot.runCount());
        assertEquals(100, snapshot.runStart(0));
        assertEquals(8, snapshot.runSize(0));
        assertTrue(snapshot.runUsed(0));
        assertEquals(42, snapshot.runSize(1));
        assertEquals("[used 100+8, free 108+42]", snapshot.describeWalk());
        assertEquals(50, snapshot.total);
        assertEquals(8, snapshot.used);
    }

    @Test
    void tellsWhatDiffers() {
        ReferenceByteAllocator allocator = new ReferenceByteAllocator();
        ByteSubject subject = new ByteSubject(allocator);
        allocator.init(0, 64);
        Snapshot before = Snapshot.of(subject);
        assertNull(before.difference(Snapshot.of(subject)));
        long block = allocator.alloc(8, 1);
        assertTrue(before.difference(Snapshot.of(subject)).startsWith("counters"));
        allocator.dealloc(block, 8, 1);
        allocator.alloc(8, 1);
        allocator.alloc(8, 16);
        ReferenceByteAllocator other = new ReferenceByteAllocator();
        other.init(0, 64);
        long first = other.alloc(8, 1);
        other.alloc(8, 1);
        other.alloc(8, 1);
        other.dealloc(first, 8, 1);
        String difference = Snapshot.of(new ByteSubject(other)).difference(Snapshot.of(subject));
        assertTrue(difference.startsWith("forEachBlock walk was [free 0+8, used 8+8, used 16+8"), difference);
    }
}
