package dev.allocator.tck;

import dev.allocator.api.AllocError;
import dev.allocator.api.AllocException;
import dev.allocator.api.Alignment;
import dev.allocator.api.spi.AllocatorKind;

/**
 * The error table of ARCHITECTURE.md and the api javadoc, applied to the {@link ReferenceModel}: for each call, the
 * {@link Expectation} of what it may do. Where the api leaves room (absurd sizes, pages outside every region) it
 * allows either answer; where it does not (a fresh allocator can satisfy a request, an ID allocator is lowest fit) it
 * demands one.
 */
final class Expectations {
    /** Sizes above this many addresses are absurd: they may be INVALID_PARAM or NO_MEMORY. */
    static final long HUGE = 1L << 62;
    /**
     * A page or ID region of more units than this (the most a Java array indexes) may be INVALID_PARAM: the limit of
     * an allocator whose bookkeeping is by nature per unit, a bitmap; byte allocators must take any region.
     */
    static final long PER_UNIT_LIMIT = Integer.MAX_VALUE;

    private final SequenceRun run;
    private final Subject subject;
    private final ReferenceModel model;

    Expectations(SequenceRun run) {
        this.run = run;
        this.subject = run.subject();
        this.model = run.model();
    }

    Expectation of(Op op, Binding binding) {
        switch (op.type()) {
            case INIT:
                if (model.initialized()) {
                    return Expectation.reject(AllocError.MEMORY_OVERLAP);
                }
                return region(op.a(), op.b());
            case ADD_MEMORY:
                Expectation region = region(op.a(), op.b());
                boolean valid = op.a() >= 0 && op.b() >= 0 && op.a() <= Long.MAX_VALUE - op.b();
                if (valid && model.overlapsRegion(op.a(), op.b())) {
                    // an unaligned page region that overlaps may be called either
                    return region.success ? Expectation.reject(AllocError.MEMORY_OVERLAP)
                            : region.mayRun(AllocError.MEMORY_OVERLAP);
                }
                return region;
            case ALLOC:
            case TRY_ALLOC:
                return alloc(op.a(), op.b());
            case ALLOC_AT:
                return allocAt(op.a(), op.b(), op.c());
            case FREE:
                return free(binding.pos, binding.size, binding.align);
            case FREE_SIZE:
                return free(binding.pos, op.a(), binding.align);
            case FREE_OFFSET:
                return free(binding.pos + op.a(), binding.size, binding.align);
            case FREE_AT:
                return free(op.a(), op.b(), op.c());
            case RESIZE:
                return resize(binding, op.a());
            case RESET:
                return new Expectation();
            default:
                throw new IllegalStateException(op.toString());
        }
    }

    /**
     * A region for {@code init} or {@code addMemory}. The first of either initialises the allocator (so a later
     * {@code init} is MEMORY_OVERLAP, as {@link dev.allocator.api.BaseAllocator#init} documents).
     */
    private Expectation region(long start, long size) {
        if (start < 0 || size < 0 || start > Long.MAX_VALUE - size) {
            return Expectation.reject(AllocError.INVALID_PARAM);
        }
        if (subject.kind() == AllocatorKind.PAGE && start % subject.unit() != 0) {
            return Expectation.reject(AllocError.INVALID_PARAM);
        }
        if (subject.kind() == AllocatorKind.PAGE && size % subject.unit() != 0) {
            return Expectation.skip();
        }
        Expectation expect = new Expectation();
        if (subject.kind() != AllocatorKind.BYTE && size / subject.unit() > PER_UNIT_LIMIT) {
            expect.mayRun(AllocError.INVALID_PARAM);
        }
        return expect;
    }

    private Expectation alloc(long size, long align) {
        if (!Alignment.isPowerOfTwo(align) || size < subject.minSize()) {
            return Expectation.reject(AllocError.INVALID_PARAM);
        }
        if (subject.kind() == AllocatorKind.BYTE && size > Long.MAX_VALUE - align) {
            return Expectation.reject(AllocError.INVALID_PARAM);
        }
        if (size > HUGE / subject.unit()) {
            return Expectation.reject(AllocError.INVALID_PARAM, AllocError.NO_MEMORY);
        }
        if (size > model.regionUnits() && rejectsAsInvalid(size, align)) {
            // a size no region could hold: usableSize may call it a bad size
            return Expectation.reject(AllocError.INVALID_PARAM, AllocError.NO_MEMORY);
        }
        long units = run.usable(size, align);
        Expectation expect = new Expectation();
        expect.units = units;
        if (!model.initialized() || units > subject.available()) {
            expect.success = false;
            return expect.mayRun(AllocError.NO_MEMORY);
        }
        if (run.lowestFit()) {
            expect.exact = model.lowestFit(units, align);
            if (expect.exact < 0) {
                expect.success = false;
            }
            return expect.exact < 0 ? expect.mayRun(AllocError.NO_MEMORY) : expect;
        }
        if (run.settings().coalescesFully() && model.liveCount() == 0 && !model.regions().isEmpty()
                && run.fitsWhenFresh(size, align)) {
            return expect;
        }
        return expect.mayRun(AllocError.NO_MEMORY);
    }

    private Expectation allocAt(long base, long size, long align) {
        Expectation expect = new Expectation();
        if (subject.kind() == AllocatorKind.ID) {
            expect.units = 1;
            if (!model.initialized()) {
                return Expectation.reject(AllocError.NO_MEMORY, AllocError.INVALID_PARAM);
            }
            if (model.regionStartOf(base) < 0) {
                return Expectation.reject(AllocError.INVALID_PARAM);
            }
            if (model.overlapping(base, base + 1, null) != null) {
                return Expectation.reject(AllocError.NO_MEMORY);
            }
            expect.exact = base;
            return expect;
        }
        if (!Alignment.isPowerOfTwo(align) || size < 1 || base < 0 || base % subject.unit() != 0
                || base % align != 0) {
            return Expectation.reject(AllocError.INVALID_PARAM);
        }
        if (size > HUGE / subject.unit()) {
            return Expectation.reject(AllocError.INVALID_PARAM, AllocError.NO_MEMORY);
        }
        long units = run.usable(size, align);
        expect.units = units;
        long end = base + units * subject.unit();
        if (end < base) {
            return Expectation.reject(AllocError.INVALID_PARAM);
        }
        if (!model.initialized()) {
            return Expectation.reject(AllocError.NO_MEMORY, AllocError.INVALID_PARAM);
        }
        if (!model.insideOneRegion(base, end)) {
            return model.overlapsRegion(base, end - base)
                    ? Expectation.reject(AllocError.INVALID_PARAM, AllocError.NO_MEMORY)
                    : Expectation.reject(AllocError.INVALID_PARAM);
        }
        if (model.overlapping(base, end, null) != null) {
            return Expectation.reject(AllocError.NO_MEMORY);
        }
        expect.exact = base;
        return expect;
    }

    private Expectation free(long pos, long size, long align) {
        ReferenceModel.Block block = model.liveAt(pos);
        if (subject.kind() == AllocatorKind.BYTE) {
            if (!Alignment.isPowerOfTwo(align) || size < 0 || pos < 0) {
                return Expectation.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
            }
            if (block == null) {
                return Expectation.reject(AllocError.NOT_ALLOCATED);
            }
            long units;
            try {
                units = subject.usableSize(size, align);
            } catch (AllocException e) {
                return Expectation.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
            }
            if (units != block.units) {
                return Expectation.reject(AllocError.NOT_ALLOCATED);
            }
            return Expectation.freeing(block);
        }
        if (size < 1) {
            return Expectation.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
        }
        if (subject.kind() == AllocatorKind.PAGE && (pos < 0 || pos % subject.unit() != 0)) {
            return Expectation.reject(AllocError.INVALID_PARAM);
        }
        if (pos < 0) {
            return Expectation.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
        }
        if (block != null && (size == block.size || size == block.units)) {
            return Expectation.freeing(block);
        }
        long end = size > HUGE / subject.unit() ? -1 : pos + size * subject.unit();
        if (end < pos) {
            return Expectation.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
        }
        if (!model.coveredByRegions(pos, end)) {
            // IDs not managed are NOT_ALLOCATED, as a byte allocator's foreign address is; pages may say either
            return subject.kind() == AllocatorKind.ID ? Expectation.reject(AllocError.NOT_ALLOCATED)
                    : Expectation.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
        }
        if (!model.allAllocated(pos, end)) {
            return Expectation.reject(AllocError.NOT_ALLOCATED);
        }
        return run.settings().rejectsMismatchedFree() ? Expectation.reject(AllocError.NOT_ALLOCATED)
                : Expectation.skip();
    }

    private Expectation resize(Binding binding, long newSize) {
        ReferenceModel.Block block = model.liveAt(binding.pos);
        boolean matches;
        if (block == null) {
            matches = false;
        } else if (subject.kind() == AllocatorKind.BYTE) {
            matches = subject.usableSize(binding.size, binding.align) == block.units;
        } else {
            matches = binding.size == block.size || binding.size == block.units;
        }
        if (newSize < subject.minSize()) {
            return Expectation.reject(AllocError.INVALID_PARAM, AllocError.NOT_ALLOCATED);
        }
        if (!matches) {
            return Expectation.reject(AllocError.NOT_ALLOCATED);
        }
        if (newSize > HUGE / subject.unit() || subject.kind() == AllocatorKind.BYTE
                && newSize > Long.MAX_VALUE - block.align
                || newSize > model.regionUnits() && rejectsAsInvalid(newSize, block.align)) {
            // a size no block could grow to: usableSize may call it a bad size; the call may also answer false
            Expectation absurd = Expectation.reject(AllocError.INVALID_PARAM, AllocError.NO_MEMORY);
            absurd.block = block;
            absurd.mayAnswerFalse = true;
            return absurd;
        }
        Expectation expect = new Expectation();
        expect.block = block;
        expect.units = run.usable(newSize, block.align);
        expect.mayAnswerFalse = true;
        return expect;
    }

    private boolean rejectsAsInvalid(long size, long align) {
        try {
            subject.usableSize(size, align);
            return false;
        } catch (AllocException e) {
            return e.error() == AllocError.INVALID_PARAM;
        }
    }
}
