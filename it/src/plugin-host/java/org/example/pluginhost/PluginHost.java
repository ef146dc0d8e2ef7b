package org.example.pluginhost;

import dev.allocator.api.AllocatorLookup;
import dev.allocator.api.Allocators;
import dev.allocator.api.ByteAllocator;
import dev.allocator.api.PluginFolder;
import dev.allocator.api.spi.AllocatorKind;
import dev.allocator.api.spi.AllocatorProvider;
import dev.allocator.tck.Conformance;
import dev.allocator.tck.ContractSettings;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Loads allocator plugins at run time, as a host application would. Prints one {@code label: value} line per step.
 *
 * <pre>
 *   PluginHost folder DIR NAME   load the plugins of DIR, find the byte allocator NAME, run the tck on it,
 *                                drop everything and wait (10 s at most) for the plugin's class loader to go
 *   PluginHost static NAME       find NAME through Allocators' static methods (a plugin dropped on the class
 *                                path) and run the tck on it
 * </pre>
 *
 * Exit status: 0 when every step worked, 1 when the tck failed, 2 for bad arguments, 3 when the class loader was
 * not collected.
 */
public final class PluginHost {
    private static final long UNLOAD_WAIT_NANOS = 10_000_000_000L;

    private PluginHost() {
    }

    /**
     * Runs the host.
     *
     * @param args {@code folder DIR NAME} or {@code static NAME}
     * @throws Exception if the folder cannot be read or the wait is interrupted
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("folder")) {
            System.exit(fromFolder(Path.of(args[1]), args[2]));
        } else if (args.length == 2 && args[0].equals("static")) {
            System.exit(fromTheClassPath(args[1]));
        } else {
            System.err.println("usage: PluginHost folder DIR NAME | PluginHost static NAME");
            System.exit(2);
        }
    }

    private static int fromFolder(Path folder, String name) throws Exception {
        System.out.println("api: " + describe(Allocators.class.getModule()));
        Checked checked = loadCheckAndDrop(folder, name);
        long start = System.nanoTime();
        List<byte[]> garbage = new ArrayList<>();
        while (checked.pluginLoader.get() != null && System.nanoTime() - start < UNLOAD_WAIT_NANOS) {
            System.gc();
            garbage.add(new byte[1 << 16]);
            Thread.sleep(10);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean collected = checked.pluginLoader.get() == null;
        System.out.println("unloaded: " + (collected ? "class loader collected after " + millis + " ms"
                : "class loader still reachable after " + millis + " ms"));
        return checked.tckFailures > 0 ? 1 : collected ? 0 : 3;
    }

    /** What is left of a plugin once it is dropped: the tck's verdict and a weak reference to its loader. */
    private static final class Checked {
        final int tckFailures;
        final WeakReference<ClassLoader> pluginLoader;

        Checked(int tckFailures, ClassLoader pluginLoader) {
            this.tckFailures = tckFailures;
            this.pluginLoader = new WeakReference<>(pluginLoader);
        }
    }

    /** Everything that touches the plugin lives in this frame, so that once it returns only a weak reference is left. */
    private static Checked loadCheckAndDrop(Path folder, String name) throws Exception {
        try (PluginFolder plugins = PluginFolder.open(folder)) {
            plugins.problems().forEach(problem -> System.out.println("skipped: " + problem));
            AllocatorLookup lookup = plugins.lookup();
            StringJoiner names = new StringJoiner(" ");
            lookup.providers().forEach(provider -> names.add(provider.kind() + ":" + provider.name()));
            System.out.println("providers: " + names);

            AllocatorProvider provider = lookup.provider(AllocatorKind.BYTE, name);
            ClassLoader pluginLoader = provider.getClass().getClassLoader();
            System.out.println("found: " + provider.name() + " in " + describe(provider.getClass().getModule())
                    + (plugins.layer().isPresent() ? ", a layer of its own" : ", a class loader of its own"));
            roundTrip(lookup.byteAllocator(name));

            // The tck finds allocators through Allocators' static methods: the context class loader shows it the
            // plugin, as an application server would.
            Thread thread = Thread.currentThread();
            ClassLoader saved = thread.getContextClassLoader();
            thread.setContextClassLoader(pluginLoader);
            try {
                return new Checked(conformance(name), pluginLoader);
            } finally {
                thread.setContextClassLoader(saved);
            }
        }
    }

    private static int fromTheClassPath(String name) {
        System.out.println("api: " + describe(Allocators.class.getModule()));
        AllocatorProvider provider = Allocators.provider(AllocatorKind.BYTE, name);
        System.out.println("found: " + provider.name() + " in " + describe(provider.getClass().getModule()));
        roundTrip(Allocators.byteAllocator(name));
        return conformance(name) > 0 ? 1 : 0;
    }

    private static void roundTrip(ByteAllocator heap) {
        heap.init(0, 1 << 20);
        long block = heap.alloc(4096, 64);
        heap.dealloc(block, 4096, 64);
        System.out.println("allocated: 4096 bytes at " + block + ", used " + heap.usedBytes() + " after the free");
    }

    /** Runs the tck's contract on the byte allocator {@code name}; prints the tally and each failure. */
    private static int conformance(String name) {
        TckTally tally = new TckTally();
        tally.run(Conformance.forProvider(AllocatorKind.BYTE, name, ContractSettings.defaults()));
        System.out.println("tck: " + tally.passed + " passed, " + tally.failed + " failed, " + tally.skipped
                + " skipped");
        return tally.failed;
    }

    private static String describe(Module module) {
        return module.isNamed() ? "module " + module.getName() : "the unnamed module (class path)";
    }
}
