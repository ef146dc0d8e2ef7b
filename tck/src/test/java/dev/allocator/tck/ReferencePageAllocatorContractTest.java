package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.PageAllocator;
import org.junit.jupiter.api.Test;

/** The reference page allocator passes the page contract. */
class ReferencePageAllocatorContractTest extends PageAllocatorContract {
    @Override
    protected PageAllocator newAllocator() {
        return new ReferencePageAllocator();
    }

    @Test
    void aPageSizeThatIsNotAPowerOfTwoIsInvalidParam() {
        for (long pageSize : new long[] {0, -4096, 3, 4095}) {
            assertEquals(AllocError.INVALID_PARAM, assertThrows(AllocException.class,
                    () -> new ReferencePageAllocator(pageSize)).error());
        }
        assertEquals(1L << 20, new ReferencePageAllocator(1L << 20).pageSize());
    }
}
