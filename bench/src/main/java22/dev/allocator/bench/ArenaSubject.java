package dev.allocator.bench;

import java.lang.foreign.Arena;

/**
 * JDK 22+: one {@code Arena.ofConfined()} per block, {@code allocate(size, align)} and {@code close()}: slot to
 * arena. What a user gets from the JDK alone; note that {@code allocate} zeroes the block, so its cost grows with
 * the size.
 */
final class ArenaSubject extends Subject {
    private final Arena[] arenas;

    ArenaSubject(int slots) {
        super("arena-confined");
        this.arenas = new Arena[slots];
    }

    @Override
    public boolean alloc(int slot, int size, int align) {
        Arena arena = Arena.ofConfined();
        try {
            arena.allocate(size, align);
        } catch (OutOfMemoryError e) {
            arena.close();
            return false;
        }
        arenas[slot] = arena;
        return true;
    }

    @Override
    public void free(int slot, int size, int align) {
        arenas[slot].close();
        arenas[slot] = null;
    }

    @Override
    public void freeAll() {
        for (int slot = 0; slot < arenas.length; slot++) {
            if (arenas[slot] != null) {
                arenas[slot].close();
                arenas[slot] = null;
            }
        }
    }
}
