/**
 * The {@code allocator} command: lists the allocator providers found at run time, replays allocation traces on
 * them, compares them on built-in workloads, and dumps or draws an allocator's heap.
 *
 * <p>Allocators are found only through {@link dev.allocator.api.Allocators}, so any provider module on the module
 * path shows up, third-party ones included, and with {@code --plugins DIR} through a
 * {@link dev.allocator.api.PluginFolder}, which adds the plugin jars of a folder. Nothing is exported: the module is a program, run with
 * {@code java -m dev.allocator.cli/dev.allocator.cli.Main}.
 */
module dev.allocator.cli {
    requires dev.allocator.api;
    requires info.picocli;
    requires java.desktop;

    opens dev.allocator.cli to info.picocli;
}
