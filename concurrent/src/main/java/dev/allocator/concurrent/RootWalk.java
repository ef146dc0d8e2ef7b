package dev.allocator.concurrent;

import dev.allocator.api.BlockVisitor;

/**
 * The heap walk: the root's runs in address order, each chunk (a used run of the root) replaced by the walk of its
 * own algorithm, and each other used run split into the blocks held directly from the root. Runs under the root's
 * lock and every arena's, after the caches were sent home, so every used run it reports is one live block.
 */
final class RootWalk implements BlockVisitor {
    private final Root root;
    private final BlockVisitor visitor;

    RootWalk(Root root, BlockVisitor visitor) {
        this.root = root;
        this.visitor = visitor;
    }

    @Override
    public void visit(long start, long size, boolean used) {
        if (!used) {
            visitor.visit(start, size, false);
            return;
        }
        long end = start + size;
        long pos = start;
        while (pos < end) {
            Chunk chunk = root.directory.find(pos);
            if (chunk != null && chunk.start == pos && chunk.size <= end - pos) {
                chunk.algorithm.forEachBlock(visitor);
                pos += chunk.size;
                continue;
            }
            long usable = root.blocks.get(pos);
            if (usable <= 0 || usable > end - pos) {
                visitor.visit(pos, end - pos, true); // not one of ours: report the rest of the run as it is
                return;
            }
            visitor.visit(pos, usable, true);
            pos += usable;
        }
    }
}
