package dev.allocator.tck;

import dev.allocator.api.AllocError;
import java.util.Collections;
import java.util.EnumSet;

/**
 * What the model allows one call to do: succeed (and then, where the model knows, at which address, taking how many
 * units, freeing which block), be rejected with one of some error kinds, or either; or be skipped as a call the kit
 * cannot judge.
 */
final class Expectation {
    final EnumSet<AllocError> rejections = EnumSet.noneOf(AllocError.class);
    boolean success = true;
    boolean skip;
    /** The address a successful allocation must return, or -1 if the allocator chooses. */
    long exact = -1;
    /** Units a successful allocation or resize takes. */
    long units;
    /** The live block a free or resize refers to. */
    ReferenceModel.Block block;
    /** A {@code tryResize} may answer false (change nothing) instead of succeeding or being rejected. */
    boolean mayAnswerFalse;

    static Expectation skip() {
        Expectation expect = new Expectation();
        expect.skip = true;
        return expect;
    }

    static Expectation reject(AllocError... kinds) {
        Expectation expect = new Expectation();
        expect.success = false;
        Collections.addAll(expect.rejections, kinds);
        return expect;
    }

    static Expectation freeing(ReferenceModel.Block block) {
        Expectation expect = new Expectation();
        expect.block = block;
        return expect;
    }

    Expectation mayRun(AllocError kind) {
        rejections.add(kind);
        return this;
    }
}
