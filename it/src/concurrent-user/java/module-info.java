/**
 * A stranger's program: it shares one {@code ConcurrentByteAllocator} between 8 threads. It requires the concurrent
 * module only (which brings the api); the algorithm is found by name at run time.
 */
module org.example.concurrentuser {
    requires dev.allocator.concurrent;
}
