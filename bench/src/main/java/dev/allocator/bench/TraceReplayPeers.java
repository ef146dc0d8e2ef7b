package dev.allocator.bench;

import org.openjdk.jmh.annotations.Param;

/** {@link TraceReplayBenchmark} on the peers: Netty's pooled and adaptive allocators, with and without cache, and malloc. */
public class TraceReplayPeers extends TraceReplayBenchmark {
    /** A peer; see {@link Subjects#peer}. */
    @Param({"netty-pooled", "netty-pooled-nocache", "netty-adaptive", "netty-adaptive-nocache", "malloc"})
    public String peer;

    @Override
    protected Subject newSubject(int slots) {
        return Subjects.peer(peer, slots);
    }
}
