package dev.allocator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The top command: subcommands, {@code --verbose} for all of them, and {@code compare} when run bare. */
@Command(name = "allocator", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {ListCommand.class, CompareCommand.class, ReplayCommand.class, DumpCommand.class,
            MapCommand.class, TracesCommand.class, CommandLine.HelpCommand.class},
        description = {"Lists, compares and inspects the allocators found on the module path.",
            "Without a command it runs 'compare' on the built-in workloads."})
final class AllocatorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace too.")
    boolean verbose;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Override
    public Integer call() throws Exception {
        CommandLine compare = spec.commandLine().getSubcommands().get("compare");
        compare.parseArgs(plugins.asArguments());
        return ((CompareCommand) compare.getCommand()).call();
    }
}
