package dev.allocator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.allocator.api.AllocException;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.cli.testprovider.FirstFitByteProvider;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class ReplayerTest {
    private static final Contender FIRST_FIT = new Contender("firstfit", AllocatorKind.BYTE, AllocatorOptions.empty());

    private static Trace smallTrace() {
        return new Trace.Builder("small")
                .alloc(AllocatorKind.BYTE, 40, 8)
                .alloc(AllocatorKind.BYTE, 40, 8)
                .alloc(AllocatorKind.BYTE, 40, 8)
                .free(AllocatorKind.BYTE, 0)
                .free(AllocatorKind.BYTE, 2)
                .free(AllocatorKind.BYTE, 1)
                .build();
    }

    @Test
    void isolatedReplayerHasItsOwnLoopAndTheSameResult() {
        Replayer isolated = Replayer.isolated();
        assertNotSame(Replayer.shared(), isolated);
        Trace trace = smallTrace();
        ByteAllocator first = (ByteAllocator) FIRST_FIT.create(100);
        ByteAllocator second = (ByteAllocator) FIRST_FIT.create(100);
        assertEquals(1, isolated.run(first, trace, trace.opCount(), new long[3]), "the third block does not fit");
        assertEquals(1, Replayer.shared().run(second, trace, trace.opCount(), new long[3]));
        assertEquals(0, first.usedBytes());
        assertEquals(first.stats(), second.stats());
    }

    @Test
    void peakIsRightAfterTheAllocationThatReachedIt() {
        Trace trace = smallTrace();
        Replayer.Peak peak = Replayer.findPeak(FIRST_FIT.create(100), trace, new long[3]);
        assertEquals(2, peak.ops);
        assertEquals(80, peak.used);
        assertEquals(1, peak.failures);
    }

    @Test
    void anErrorOtherThanNoMemoryNamesTheOperation() {
        Trace trace = new Trace.Builder("bad").alloc(AllocatorKind.BYTE, 8, 8).build();
        ByteAllocator rejecting = (ByteAllocator) Proxy.newProxyInstance(ByteAllocator.class.getClassLoader(),
                new Class<?>[] {ByteAllocator.class}, (proxy, method, args) -> {
                    throw AllocException.invalidParam("rejected");
                });
        ReplayException failure = assertThrows(ReplayException.class,
                () -> Replayer.isolated().run(rejecting, trace, 1, new long[1]));
        assertEquals("bad (operation 0: a 0 8 8): rejected", failure.getMessage());
    }

    @Test
    void anErrorOnAnIdWorkloadNamesTheIdCall() {
        Trace trace = new Trace.Builder("ids").alloc(AllocatorKind.ID, 4, 4).build();
        IdAllocator rejecting = (IdAllocator) Proxy.newProxyInstance(IdAllocator.class.getClassLoader(),
                new Class<?>[] {IdAllocator.class}, (proxy, method, args) -> {
                    throw AllocException.invalidParam("rejected");
                });
        ReplayException failure = assertThrows(ReplayException.class,
                () -> Replayer.isolated().run(rejecting, trace, 1, new long[1]));
        assertEquals("ids (operation 0: allocId 0 4 4): rejected", failure.getMessage());
    }

    @Test
    void providerOfTheTestAllocatorIsFoundByName() {
        assertEquals(new FirstFitByteProvider().name(), FIRST_FIT.name());
    }
}
