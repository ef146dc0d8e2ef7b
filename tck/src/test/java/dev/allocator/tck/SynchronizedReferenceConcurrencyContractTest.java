package dev.allocator.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The concurrency contract on the synchronized view of the kit's reference allocator (which must pass it),
 * and on a view that accepts double frees in silence (which must be caught, by the hammer and by the race).
 */
class SynchronizedReferenceConcurrencyContractTest {
    @Nested
    class Synchronized extends ConcurrentByteAllocatorContract {
        @Override
        protected ByteAllocator newAllocator() {
            return Allocators.synchronizedByteAllocator(new ReferenceByteAllocator());
        }

        @Override
        protected int operationsPerThread() {
            return 4_000;
        }
    }

    @Test
    void aSilentDoubleFreeIsCaughtByTheHammer() {
        AssertionError error = assertThrows(AssertionError.class,
                new SilentDoubleFreeContract()::threadsWithCrossThreadFreesNeverOverlapAndAccountExactly);
        assertTrue(error.getMessage().contains("[not-allocated]"), error.getMessage()); // a double or foreign free
    }

    @Test
    void aSilentDoubleFreeIsCaughtByTheRace() {
        AssertionError error = assertThrows(AssertionError.class,
                new SilentDoubleFreeContract()::racingFreesOfOneBlockHaveExactlyOneWinner);
        assertTrue(error.getMessage().contains("was freed") && error.getMessage().contains("racing threads"),
                error.getMessage());
    }
}
