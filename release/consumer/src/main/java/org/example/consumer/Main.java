package org.example.consumer;

import dev.allocator.api.AllocException;
import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.PageAllocator;
import dev.allocator.api.spi.AllocatorOptions;
import dev.allocator.api.spi.AllocatorProvider;

/** Uses every provider by name, as the README shows, and prints one checkable line per step. */
public final class Main {
    private Main() {
    }

    /**
     * Prints the providers found, then allocates and frees on each byte allocator and on the bitmap page allocator.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        Module module = Main.class.getModule();
        System.out.println("path " + (module.isNamed() ? "module" : "class"));
        StringBuilder names = new StringBuilder();
        for (AllocatorProvider provider : Allocators.providers()) {
            names.append(' ').append(provider.kind()).append(':').append(provider.name());
        }
        System.out.println("providers" + names);
        for (String name : new String[] {"tlsf", "buddy", "slab"}) {
            ByteAllocator heap = Allocators.byteAllocator(name);
            heap.init(0, 128L << 20);
            long block = heap.alloc(4096, 64);
            long used = heap.stats().used();
            heap.dealloc(block, 4096, 64);
            String doubleFree;
            try {
                heap.dealloc(block, 4096, 64);
                doubleFree = "accepted";
            } catch (AllocException e) {
                doubleFree = e.error().name();
            }
            System.out.println(name + " aligned " + (block % 64 == 0) + " used " + used + " after " + heap.usedBytes()
                    + " double-free " + doubleFree);
        }
        PageAllocator pages = Allocators.pageAllocator("bitmap", AllocatorOptions.of("page-size", "4KiB"));
        pages.init(0, 1L << 30);
        long run = pages.allocPages(16, 4096);
        System.out.println("bitmap pages " + pages.usedPages() + " at " + run);
        pages.deallocPages(run, 16);
    }
}
