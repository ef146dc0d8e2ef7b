package dev.allocator.it.probe;

import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.spi.AllocatorProvider;
import java.util.StringJoiner;

/**
 * Prints what a runtime image offers: its modules, the allocators found by name, one allocation with the first
 * name given, and what asking for the second name says. Arguments: {@code [present-name [absent-name]]},
 * by default {@code tlsf buddy}. Exits with status 1 if the present name cannot allocate, 2 if the absent name
 * is found.
 */
public final class Probe {
    private Probe() {
    }

    /**
     * Runs the probe.
     *
     * @param args optional names: the allocator to use, the allocator that must be missing
     */
    public static void main(String[] args) {
        String present = args.length > 0 ? args[0] : "tlsf";
        String absent = args.length > 1 ? args[1] : "buddy";

        StringJoiner modules = new StringJoiner(" ");
        ModuleLayer.boot().modules().stream().map(Module::getName).sorted().forEach(modules::add);
        System.out.println("modules: " + modules);

        StringJoiner names = new StringJoiner(" ");
        for (AllocatorProvider provider : Allocators.providers()) {
            names.add(provider.kind() + ":" + provider.name());
        }
        System.out.println("providers: " + names);

        ByteAllocator heap = Allocators.byteAllocator(present);
        heap.init(0, 1L << 20);
        long block = heap.alloc(4096, 64);
        System.out.println("allocated: " + present + " gave 4096 bytes aligned to 64 at " + block + ", used "
                + heap.usedBytes() + " of " + heap.totalBytes());
        heap.dealloc(block, 4096, 64);
        if (heap.usedBytes() != 0) {
            System.out.println("freed: used is " + heap.usedBytes() + ", not 0");
            System.exit(1);
        }
        System.out.println("freed: used 0");

        try {
            Allocators.byteAllocator(absent);
            System.out.println("unexpected: " + absent + " was found");
            System.exit(2);
        } catch (IllegalArgumentException expected) {
            System.out.println("missing: " + expected.getMessage());
        }
    }
}
