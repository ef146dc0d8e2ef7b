package dev.allocator.cli;

import dev.allocator.api.spi.AllocatorProvider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code allocator list}: every provider found, with its kind, module and options. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists every allocator provider found: kind, name, module, options with their defaults.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<AllocatorProvider> providers = plugins.lookup().providers();
        if (providers.isEmpty()) {
            out.println("no allocator found: put provider modules (allocator-tlsf, ...) on the module path");
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"kind", "name", "module", "options (defaults)"});
        for (AllocatorProvider provider : providers) {
            rows.add(new String[] {provider.kind().name().toLowerCase(Locale.ROOT), provider.name(),
                moduleOf(provider), options(provider.defaults())});
        }
        ResultFormat.printColumns(rows, out, 2);
        out.flush();
        return 0;
    }

    static String moduleOf(AllocatorProvider provider) {
        Module module = provider.getClass().getModule();
        return module.isNamed() ? module.getName() : "(class path)";
    }

    static String options(Map<String, String> defaults) {
        if (defaults.isEmpty()) {
            return "-";
        }
        StringJoiner joiner = new StringJoiner(" ");
        new TreeMap<>(defaults).forEach((key, value) -> joiner.add(key + "=" + value));
        return joiner.toString();
    }
}
