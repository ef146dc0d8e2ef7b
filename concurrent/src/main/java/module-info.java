/**
 * A thread-safe {@link dev.allocator.api.ByteAllocator} that scales across threads, over any byte algorithm found
 * by name: {@link dev.allocator.concurrent.ConcurrentByteAllocator}. It needs the api only; the algorithm's module
 * must be on the module path (or its jar on the class path) at run time.
 */
module dev.allocator.concurrent {
    exports dev.allocator.concurrent;

    requires transitive dev.allocator.api;
}
