package dev.allocator.tck;

import dev.allocator.api.AllocException;
import dev.allocator.api.Allocators;
import dev.allocator.api.BaseAllocator;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.IdAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The forked side of {@link MetadataFailureCheck}: runs in a JVM with a small heap, fills the heap with ballast, makes
 * calls that need metadata until one fails for want of heap, and checks that the failed call changed nothing.
 *
 * <p>Each scenario starts an allocator, then (heap filled) repeats one kind of call, the i-th with arguments that
 * depend on i only, until one throws ({@link OutOfMemoryError}, or an {@link AllocException} an allocator may turn
 * it into). The ballast is dropped, and the allocator must equal a twin that got the calls before the failed one,
 * replayed on a fresh allocator: same counters, stats and walk, same answers to a probe sequence. The loop allocates
 * nothing itself, and runs once on a throwaway allocator before the heap is filled, so that the only allocations
 * left to fail are the allocator's.
 *
 * <p>Prints one line per scenario, {@code SCENARIO <name> <verdict> <detail>}, verdict {@code OK} (a call failed and
 * changed nothing), {@code CHANGED} (it changed something), {@code BROKEN} (the allocator threw something else, or
 * broke afterwards) or {@code UNTESTED} (no call failed: the metadata never needed to grow).
 *
 * <pre>
 *   java -Xmx32m -XX:+UseSerialGC --module-path ... -m dev.allocator.tck/dev.allocator.tck.MetadataFailureRun \
 *        provider BYTE tlsf [key=value ...]          or   class com.example.MyAllocator
 * </pre>
 */
final class MetadataFailureRun {
    /**
     * Calls a scenario makes at most before it gives up on a failure: few enough that the heap walk of the result
     * fits the small heap.
     */
    private static final int MAX_CALLS = 100_000;
    /** Ballast chunk sizes, in longs, from large to small, so the heap fills to the last few bytes. */
    private static final int[] CHUNKS = {1 << 18, 1 << 12, 1 << 6, 1};
    /**
     * Heap left free before the calls, in bytes: with none, the first allocation of any kind fails (often a small
     * one the allocator makes before it changes anything); with some, small allocations go through and the first to
     * fail is a larger one, such as a table that doubles. Each amount is one attempt; the worst verdict counts.
     */
    private static final long[] SLACK = {0, 512, 4 << 10, 32 << 10, 256 << 10};
    /** Verdicts from best to worst. */
    private static final List<String> VERDICTS = List.of("UNTESTED", "OK", "CHANGED", "BROKEN");

    /** The ballast: chunks of long[] filling the heap. Static, so that dropping it is one store. */
    private static Object[] ballast;

    private final Supplier<Subject> factory;

    private MetadataFailureRun(Supplier<Subject> factory) {
        this.factory = factory;
    }

    public static void main(String[] args) {
        Supplier<Subject> factory = factory(args);
        MetadataFailureRun run = new MetadataFailureRun(factory);
        AllocatorKind kind = factory.get().kind();
        run.scenario("allocations", kind == AllocatorKind.BYTE ? "alloc(16..208 bytes, align 8) from init(0, 2^40)"
                : "single units from a region of 2^18 units", MetadataFailureRun::setUpLargeRegion,
                MetadataFailureRun::allocate);
        run.scenario("regions", "addMemory of one small region after another", MetadataFailureRun::setUpSmallRegion,
                MetadataFailureRun::addRegion);
        run.hugeRegion();
        System.out.flush();
    }

    /** Creates allocators as the arguments say: {@code provider KIND name [key=value...]} or {@code class name}. */
    private static Supplier<Subject> factory(String[] args) {
        if (args.length >= 3 && args[0].equals("provider")) {
            AllocatorKind kind = AllocatorKind.valueOf(args[1]);
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 3; i < args.length; i++) {
                int equals = args[i].indexOf('=');
                options.put(args[i].substring(0, equals), args[i].substring(equals + 1));
            }
            AllocatorOptions given = AllocatorOptions.of(options);
            String name = args[2];
            return () -> subjectOf(Allocators.create(kind, name, given));
        }
        if (args.length == 2 && args[0].equals("class")) {
            return () -> {
                try {
                    return subjectOf((BaseAllocator) Class.forName(args[1]).getConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("cannot create " + args[1] + ": " + e, e);
                }
            };
        }
        throw new IllegalArgumentException("usage: provider KIND name [key=value...] | class name");
    }

    static Subject subjectOf(BaseAllocator allocator) {
        if (allocator instanceof ByteAllocator) {
            return new ByteSubject((ByteAllocator) allocator);
        }
        if (allocator instanceof PageAllocator) {
            return new PageSubject((PageAllocator) allocator);
        }
        return new IdSubject((IdAllocator) allocator);
    }

    /** Sets an allocator up for a scenario (before the heap is filled). */
    @FunctionalInterface
    private interface SetUp {
        void on(Subject subject);
    }

    /** The i-th call of a scenario; allocates nothing on the Java heap itself. */
    @FunctionalInterface
    private interface Call {
        void make(Subject subject, int index);
    }

    private static void setUpLargeRegion(Subject subject) {
        subject.init(0, subject.kind() == AllocatorKind.BYTE ? 1L << 40 : (1L << 18) * subject.unit());
    }

    private static void allocate(Subject subject, int index) {
        if (subject.kind() == AllocatorKind.BYTE) {
            subject.alloc(16 + 64 * (index % 4), 8);
        } else {
            subject.alloc(1, subject.unit());
        }
    }

    private static void setUpSmallRegion(Subject subject) {
        subject.init(0, 64 * subject.unit());
    }

    private static void addRegion(Subject subject, int index) {
        subject.addMemory((index + 1L) * 128 * subject.unit(), 64 * subject.unit());
    }

    /** Runs one scenario with each amount of {@link #SLACK}, and reports the worst verdict. */
    private void scenario(String name, String what, SetUp setUp, Call call) {
        String[] worst = {"UNTESTED", "no attempt"};
        for (long slack : SLACK) {
            String[] verdict = attempt(what + " (" + slack + " bytes of heap left)", setUp, call, slack);
            if (VERDICTS.indexOf(verdict[0]) > VERDICTS.indexOf(worst[0])) {
                worst = verdict;
            }
        }
        report(name, worst[0], worst[1]);
    }

    /**
     * One attempt: set up, fill the heap but {@code slack} bytes, call until a call fails, drop the ballast, compare
     * with the twin.
     *
     * @return the verdict and its detail
     */
    private String[] attempt(String what, SetUp setUp, Call call, long slack) {
        Subject warmUp = factory.get();
        setUp.on(warmUp);
        for (int i = 0; i < 2000; i++) {
            try {
                call.make(warmUp, i);
            } catch (AllocException e) {
                break;
            }
        }
        Subject subject = factory.get();
        setUp.on(subject);
        int calls = 0;
        Throwable failure = null;
        fillHeap(slack);
        try {
            while (calls < MAX_CALLS) {
                call.make(subject, calls);
                calls++;
            }
        } catch (OutOfMemoryError | AllocException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            ballast = null;
        }
        System.gc();
        if (failure == null) {
            return new String[] {"UNTESTED", "no call failed in " + calls + " calls of " + what};
        }
        String failed = what + ": call " + calls + " threw " + failure;
        if (!(failure instanceof OutOfMemoryError || failure instanceof AllocException)) {
            return new String[] {"BROKEN", failed + " (expected OutOfMemoryError or an AllocException)"};
        }
        return compareWithTwin(failed, subject, setUp, call, calls);
    }

    private String[] compareWithTwin(String failed, Subject subject, SetUp setUp, Call call, int calls) {
        try {
            Subject twin = factory.get();
            setUp.on(twin);
            for (int i = 0; i < calls; i++) {
                call.make(twin, i);
            }
            String difference = Snapshot.of(twin).difference(Snapshot.of(subject), "twin", "this");
            if (difference != null) {
                return new String[] {"CHANGED", failed + "; the allocator differs from a twin that got only the "
                        + calls + " calls before it: " + difference};
            }
            String expected = Probe.run(twin, true);
            String actual = Probe.run(subject, true);
            if (!expected.equals(actual)) {
                return new String[] {"CHANGED", failed + "; the allocator answers a probe sequence differently from "
                        + "a twin that got only the " + calls + " calls before it:\n  twin: " + expected
                        + "\n  this: " + actual};
            }
            return new String[] {"OK", failed + "; unchanged"};
        } catch (RuntimeException | Error e) {
            return new String[] {"BROKEN", failed + "; afterwards the allocator threw " + e};
        }
    }

    /**
     * Regions far larger than the heap, on a heap not filled: an allocator whose metadata grows with a range fails
     * here, and must then be as before the call (uninitialised, or with its first region).
     */
    private void hugeRegion() {
        String[] names = {"huge-init", "huge-addMemory"};
        for (int variant = 0; variant < 2; variant++) {
            Subject subject = factory.get();
            boolean add = variant == 1;
            long unit = subject.unit();
            String what = add ? "addMemory(2^40, 2^56) after init(0, 64 units)" : "init(0, 2^62)";
            Throwable failure = null;
            try {
                if (add) {
                    subject.init(0, 64 * unit);
                    subject.addMemory(1L << 40, 1L << 56);
                } else {
                    subject.init(0, 1L << 62);
                }
            } catch (OutOfMemoryError | AllocException e) {
                failure = e;
            } catch (RuntimeException | Error e) {
                report(names[variant], "BROKEN", what + " threw " + e);
                continue;
            }
            System.gc();
            if (failure == null) {
                report(names[variant], "UNTESTED", what + " succeeded: nothing failed");
                continue;
            }
            Subject twin = factory.get();
            try {
                if (add) {
                    twin.init(0, 64 * unit);
                }
                String difference = Snapshot.of(twin).difference(Snapshot.of(subject), "twin", "this");
                if (difference != null) {
                    report(names[variant], "CHANGED", what + " threw " + failure + "; the allocator differs from a "
                            + "twin that never got the call: " + difference);
                    continue;
                }
                if (!add) {
                    subject.init(0, 64 * unit);
                    twin.init(0, 64 * unit);
                }
                String expected = Probe.run(twin, true);
                String actual = Probe.run(subject, true);
                report(names[variant], expected.equals(actual) ? "OK" : "CHANGED", what + " threw " + failure
                        + (expected.equals(actual) ? "; unchanged" : "; afterwards a probe answers differently from "
                        + "a twin that never got the call:\n  twin: " + expected + "\n  this: " + actual));
            } catch (RuntimeException | Error e) {
                report(names[variant], "BROKEN", what + " threw " + failure + "; afterwards the allocator threw " + e);
            }
        }
    }

    /**
     * Fills the heap with long[] chunks, large to small, until not even one long fits; then drops the smallest
     * chunks until {@code slack} bytes are free again.
     */
    private static void fillHeap(long slack) {
        Object[] chunks = new Object[1 << 16];
        int count = 0;
        for (int size : CHUNKS) {
            while (count < chunks.length) {
                try {
                    chunks[count] = new long[size];
                    count++;
                } catch (OutOfMemoryError full) {
                    break;
                }
            }
        }
        long freed = 0;
        while (freed < slack && count > 0) {
            freed += 8L * ((long[]) chunks[--count]).length;
            chunks[count] = null;
        }
        ballast = chunks;
    }

    private static void report(String scenario, String verdict, String detail) {
        System.out.println("SCENARIO " + scenario + " " + verdict + " " + detail.replace('\n', '\u2028'));
    }
}
