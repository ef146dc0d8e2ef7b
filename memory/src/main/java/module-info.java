/**
 * A {@link java.lang.foreign.SegmentAllocator} over any {@link dev.allocator.api.ByteAllocator}: memory segments
 * carved out of one pool (native or heap) by the algorithm of your choice, freed one by one.
 *
 * <p>Needs JDK 22 or later. Uses no restricted method, so it needs no {@code --enable-native-access} itself.
 */
module dev.allocator.memory {
    exports dev.allocator.memory;

    requires transitive dev.allocator.api;
    requires dev.allocator.records;
}
