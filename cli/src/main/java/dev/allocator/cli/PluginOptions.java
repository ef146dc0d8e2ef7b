package dev.allocator.cli;

import dev.allocator.api.AllocatorLookup;
import dev.allocator.api.Allocators;
import dev.allocator.api.PluginFolder;
import dev.allocator.api.PluginProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --plugins DIR}, which every command takes: allocator plugins loaded at run time from a folder of jars,
 * beside the allocators on the module path. The folder is loaded once per command run, on first use; each jar
 * that cannot load is named on stderr and the others are used.
 */
final class PluginOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also load allocator plugins from the jars in DIR, in a module layer of their own.")
    Path folder;

    private AllocatorLookup lookup;

    /**
     * Returns where the command finds allocators: {@link Allocators}' own lookup, or with {@code --plugins} the
     * lookup of that folder, which also sees the module path's allocators.
     *
     * @throws UserException if the folder does not exist or cannot be read
     */
    AllocatorLookup lookup() {
        if (lookup == null) {
            lookup = folder == null ? Allocators.lookup() : open(folder);
        }
        return lookup;
    }

    /** The arguments that pass this option on to another command: empty without {@code --plugins}. */
    String[] asArguments() {
        return folder == null ? new String[0] : new String[] {"--plugins", folder.toString()};
    }

    private AllocatorLookup open(Path plugins) {
        PluginFolder opened;
        try {
            opened = PluginFolder.open(plugins);
        } catch (NoSuchFileException e) {
            throw new UserException("--plugins " + plugins + ": no such folder", e);
        } catch (NotDirectoryException e) {
            throw new UserException("--plugins " + plugins + ": not a folder", e);
        } catch (IOException e) {
            throw new UserException("--plugins " + plugins + ": cannot read the folder: " + e, e);
        }
        PrintWriter err = mixee.commandLine().getErr();
        for (PluginProblem problem : opened.problems()) {
            err.println("allocator: skipped plugin " + problem);
        }
        err.flush();
        return opened.lookup();
    }
}
