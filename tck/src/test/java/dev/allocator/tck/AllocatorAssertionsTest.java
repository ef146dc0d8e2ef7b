package dev.allocator.tck;

import static dev.allocator.tck.AllocatorAssertions.assertRejectedUnchanged;
import static dev.allocator.tck.AllocatorAssertions.assertUnchanged;
import static dev.allocator.tck.AllocatorAssertions.assertWalkConsistent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.AllocatorStats;
import dev.allocator.api.BlockVisitor;
import dev.allocator.api.ByteAllocator;
import org.junit.jupiter.api.Test;

/** The public assertions pass on what they promise and fail on each way a call can break it. */
class AllocatorAssertionsTest {
    private static ByteAllocator allocatorWithABlock(ByteAllocator allocator) {
        allocator.init(0, 4096);
        allocator.alloc(24, 8);
        return allocator;
    }

    @Test
    void aRejectionOfTheKindNamingTheValueAndChangingNothingPasses() {
        ByteAllocator allocator = allocatorWithABlock(new ReferenceByteAllocator());
        AllocException e = assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED, "2048",
                () -> allocator.dealloc(2048, 24, 8));
        assertEquals(AllocError.NOT_ALLOCATED, e.error());
    }

    @Test
    void aRejectedCallThatChangedTheAllocatorFails() {
        ByteAllocator allocator = allocatorWithABlock(new BrokenAllocators.MutatesBeforeRejecting());
        AssertionError error = assertThrows(AssertionError.class, () -> assertRejectedUnchanged(allocator,
                AllocError.NOT_ALLOCATED, "", () -> allocator.dealloc(0, 100, 8)));
        assertTrue(error.getMessage().contains("changed the allocator: counters"), error.getMessage());
    }

    @Test
    void anotherKindAnUnnamedValueOrASuccessFails() {
        ByteAllocator allocator = allocatorWithABlock(new ReferenceByteAllocator());
        assertThrows(AssertionError.class, () -> assertRejectedUnchanged(allocator, AllocError.INVALID_PARAM, "",
                () -> allocator.dealloc(2048, 24, 8)));
        assertThrows(AssertionError.class, () -> assertRejectedUnchanged(allocator, AllocError.NOT_ALLOCATED,
                "no such text", () -> allocator.dealloc(2048, 24, 8)));
        assertThrows(AssertionError.class, () -> assertRejectedUnchanged(allocator, AllocError.NO_MEMORY, "",
                () -> allocator.alloc(8, 8)));
    }

    @Test
    void assertUnchangedPassesOnAFalseTryResizeAndFailsOnAChange() {
        ByteAllocator allocator = new ReferenceByteAllocator();
        allocator.init(0, 64);
        long first = allocator.alloc(24, 8);
        allocator.alloc(40, 8);
        assertUnchanged(allocator, () -> assertFalse(allocator.tryResize(first, 24, 48, 8)));
        AssertionError changed = assertThrows(AssertionError.class,
                () -> assertUnchanged(allocator, () -> allocator.tryResize(first, 24, 8, 8)));
        assertTrue(changed.getMessage().contains("changed the allocator"), changed.getMessage());
        AssertionError threw = assertThrows(AssertionError.class,
                () -> assertUnchanged(allocator, () -> allocator.dealloc(4000, 8, 8)));
        assertTrue(threw.getCause() instanceof AllocException, String.valueOf(threw.getCause()));
    }

    @Test
    void aConsistentWalkPassesAndReturnsTheWalk() {
        ByteAllocator allocator = allocatorWithABlock(new ReferenceByteAllocator());
        assertEquals(2, assertWalkConsistent(allocator).count());
        ReferencePageAllocator pages = new ReferencePageAllocator();
        pages.init(0, 4096 * 16);
        pages.addMemory(4096 * 16, 4096 * 16);
        pages.allocPages(3, 4096);
        assertEquals(3, assertWalkConsistent(pages).count());
    }

    @Test
    void countersThatDisagreeWithTheWalkFail() {
        ByteAllocator allocator = new BrokenAllocators.WrongAccounting();
        allocator.init(0, 4096);
        allocator.alloc(21, 8);
        AssertionError error = assertThrows(AssertionError.class, () -> assertWalkConsistent(allocator));
        assertTrue(error.getMessage().contains("the walk covers"), error.getMessage());
    }

    @Test
    void aWalkOutOfAddressOrderFails() {
        ByteAllocator allocator = new ReferenceByteAllocator() {
            @Override
            public void forEachBlock(BlockVisitor visitor) {
                visitor.visit(32, 32, false);
                visitor.visit(0, 32, false);
            }

            @Override
            public AllocatorStats stats() {
                return new AllocatorStats(64, 0, 64, 0, 2, 32);
            }
        };
        allocator.init(0, 64);
        AssertionError error = assertThrows(AssertionError.class, () -> assertWalkConsistent(allocator));
        assertTrue(error.getMessage().contains("out of address order"), error.getMessage());
    }
}
