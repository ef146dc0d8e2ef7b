package dev.allocator.tck;

import dev.allocator.api.AllocatorStats;
import dev.allocator.api.spi.AllocatorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The properties that hold after every step, whatever the call was: counters, {@code stats()} and the heap walk
 * agree with each other and with the {@link ReferenceModel} (and, for ID allocators, {@code isAllocated} does).
 */
final class Invariants {
    private final Subject subject;
    private final ReferenceModel model;
    private final String where;

    private Invariants(Subject subject, ReferenceModel model, String where) {
        this.subject = subject;
        this.model = model;
        this.where = where;
    }

    /**
     * Checks the allocator against the model after a call.
     *
     * @param where prefix of failure messages, such as {@code "step 12: "}
     * @param call  the call just made, as Java
     * @return the snapshot taken (the state before the next call)
     * @throws ContractViolation naming the property broken
     */
    static Snapshot check(Subject subject, ReferenceModel model, String where, String call) {
        return new Invariants(subject, model, where).checkAll(call);
    }

    private Snapshot checkAll(String call) {
        Snapshot now;
        try {
            now = Snapshot.of(subject);
        } catch (RuntimeException e) {
            throw violation("unexpected-exception", "introspection threw after " + call + ": " + e, e);
        }
        String after = " after " + call;
        AllocatorStats stats = now.stats;
        if (now.used + now.available != now.total) {
            throw violation("accounting", "used " + now.used + " + available " + now.available + " != total "
                    + now.total + after);
        }
        if (stats.total() != now.total || stats.used() != now.used || stats.available() != now.available) {
            throw violation("stats", "stats() " + stats + " disagrees with the counters (" + now.total + ", "
                    + now.used + ", " + now.available + ")" + after);
        }
        if (now.used != model.usedUnits()) {
            throw violation("accounting", "used is " + now.used + " but the live blocks take " + model.usedUnits()
                    + " units (sum of usableSize)" + after);
        }
        if (subject.kind() == AllocatorKind.BYTE ? now.total > model.regionUnits()
                : now.total != model.regionUnits()) {
            throw violation("accounting", "total is " + now.total + " but the regions hold " + model.regionUnits()
                    + " units" + after);
        }
        if (stats.liveBlocks() != model.liveCount()) {
            throw violation("stats", "stats().liveBlocks() is " + stats.liveBlocks() + " but " + model.liveCount()
                    + " blocks are live" + after);
        }
        if (stats.largestFree() < 0 || stats.largestFree() > now.available || stats.freeRanges() < 0
                || (now.available > 0) != (stats.largestFree() > 0)
                || (now.available > 0) != (stats.freeRanges() > 0)) {
            throw violation("stats", stats + " is inconsistent: largestFree must be in (0, available] and "
                    + "freeRanges > 0 exactly when something is free" + after);
        }
        double fragmentation = stats.fragmentation();
        if (!(fragmentation >= 0.0 && fragmentation <= 1.0)) {
            throw violation("stats", "fragmentation " + fragmentation + " is outside [0, 1]" + after);
        }
        checkWalk(now, after);
        return now;
    }

    private void checkWalk(Snapshot now, String after) {
        long unit = subject.unit();
        long usedSum = 0;
        long sum = 0;
        long previousEnd = Long.MIN_VALUE;
        List<long[]> mergedUsed = new ArrayList<>();
        int mergedFree = 0;
        long largestMergedFree = 0;
        long[] current = null;
        boolean currentUsed = false;
        long currentRegion = -1;
        for (int i = 0; i < now.runCount(); i++) {
            long start = now.runStart(i);
            long size = now.runSize(i);
            boolean used = now.runUsed(i);
            if (size <= 0 || start < previousEnd) {
                throw violation("walk", "forEachBlock is not in address order or has an empty run: "
                        + now.describeWalk() + after);
            }
            long end = start + size * unit;
            if (size > Long.MAX_VALUE / unit || end < start || !model.insideOneRegion(start, end)) {
                throw violation("walk", "forEachBlock reports [" + start + ", +" + size + ") outside the regions "
                        + model.regions() + after);
            }
            long region = model.regionStartOf(start);
            sum += size;
            if (used) {
                usedSum += size;
            }
            if (current != null && start == current[1] && used == currentUsed && region == currentRegion) {
                current[1] = end;
            } else {
                if (current != null && !currentUsed) {
                    mergedFree++;
                    largestMergedFree = Math.max(largestMergedFree, (current[1] - current[0]) / unit);
                }
                current = new long[] {start, end};
                currentUsed = used;
                currentRegion = region;
                if (used) {
                    mergedUsed.add(current);
                }
            }
            previousEnd = end;
        }
        if (current != null && !currentUsed) {
            mergedFree++;
            largestMergedFree = Math.max(largestMergedFree, (current[1] - current[0]) / unit);
        }
        if (sum != now.total || usedSum != now.used) {
            throw violation("walk", "forEachBlock covers " + sum + " units (" + usedSum + " used) but total is "
                    + now.total + " and used " + now.used + ": " + now.describeWalk() + after);
        }
        int next = 0;
        boolean[] touched = new boolean[mergedUsed.size()];
        for (ReferenceModel.Block block : model.blocks()) {
            long end = model.end(block);
            while (next < mergedUsed.size() && mergedUsed.get(next)[1] <= block.pos) {
                next++;
            }
            if (next == mergedUsed.size() || mergedUsed.get(next)[0] > block.pos || mergedUsed.get(next)[1] < end) {
                throw violation("walk", "the live block " + block + " is not inside a used run of forEachBlock: "
                        + now.describeWalk() + after);
            }
            touched[next] = true;
        }
        for (int i = 0; i < touched.length; i++) {
            if (!touched[i]) {
                throw violation("walk", "forEachBlock reports used [" + mergedUsed.get(i)[0] + ", "
                        + mergedUsed.get(i)[1] + ") where no block is live" + after);
            }
        }
        if (now.stats.freeRanges() < mergedFree || now.stats.largestFree() > largestMergedFree) {
            throw violation("stats", now.stats + " disagrees with the walk: " + mergedFree
                    + " maximal free runs, the largest " + largestMergedFree + " units" + after);
        }
        if (subject.kind() == AllocatorKind.ID) {
            checkIsAllocated(now, after);
        }
    }

    private void checkIsAllocated(Snapshot now, String after) {
        for (ReferenceModel.Block block : model.blocks()) {
            if (!subject.isAllocated(block.pos) || !subject.isAllocated(block.pos + block.units - 1)) {
                throw violation("is-allocated", "isAllocated is false inside the live range " + block + after);
            }
        }
        for (int i = 0; i < now.runCount(); i++) {
            if (!now.runUsed(i) && subject.isAllocated(now.runStart(i))) {
                throw violation("is-allocated", "isAllocated(" + now.runStart(i) + ") is true for a free ID" + after);
            }
        }
        for (Map.Entry<Long, Long> region : model.regions().entrySet()) {
            long outside = region.getValue();
            if (model.regionStartOf(outside) < 0 && subject.isAllocated(outside)) {
                throw violation("is-allocated", "isAllocated(" + outside + ") is true outside the regions" + after);
            }
        }
    }

    private ContractViolation violation(String property, String message) {
        return new ContractViolation(property, where + message);
    }

    private ContractViolation violation(String property, String message, Throwable cause) {
        return new ContractViolation(property, where + message, cause);
    }
}
