package dev.allocator.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code allocator compare}: every allocator on the built-in workloads; also what a bare {@code allocator} runs. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Runs the built-in workloads (generated in-process from the Rust original's benchmarks) on "
                + "each allocator and prints per workload and allocator: median ns per operation, peak used space, "
                + "failed allocations and fragmentation at the peak (1 - largest free block / free bytes); for ID "
                + "allocators peak used counts IDs.",
            "Workloads: vec_push_3M, vec_rand_free_25K_64, vec_rand_free_7500_520, btree_map_50K, mixed_align_50K "
                + "(byte allocators), page_mixed_20K (page allocators), id_churn_100K (ID allocators)."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workloads"}, split = ",", paramLabel = "NAME",
            description = "Workloads to run, comma-separated (default: all).")
    List<String> workloads = new ArrayList<>();

    @Mixin
    MeasureOptions measure = new MeasureOptions();

    @Option(names = "--chart", paramLabel = "PNG",
            description = "Also draw a grouped bar chart of ns/op into this PNG file.")
    Path chart;

    @Override
    public Integer call() {
        List<Contender> contenders = measure.contenders();
        if (chart != null) {
            Png.checkWritable(chart);
        }
        if (contenders.isEmpty()) {
            throw new UserException("no allocator found: put provider modules (allocator-tlsf, ...) on the "
                    + "module path");
        }
        List<Trace> traces = new ArrayList<>();
        for (String name : workloads.isEmpty() ? Workloads.names() : workloads) {
            Trace trace = Workloads.generate(name);
            boolean runnable = false;
            for (Contender contender : contenders) {
                runnable |= contender.runs(trace);
            }
            if (runnable || !workloads.isEmpty()) {
                traces.add(trace);
            }
        }
        List<Measurement> results = measure.measure(traces, contenders, spec);
        measure.print(results, spec, "workload");
        if (chart != null) {
            writeChart(results);
        }
        return 0;
    }

    /**
     * Draws the chart and says where: on stdout after a table, on stderr after CSV or JSON so that stdout stays
     * one parseable document.
     */
    private void writeChart(List<Measurement> results) {
        BufferedImage image = BarChart.draw(results, BarChart.caption(measure.repeat, Warmup.parse(measure.warmup)));
        Png.write(image, chart);
        PrintWriter printed = measure.format() == ResultFormat.TABLE ? spec.commandLine().getOut()
                : spec.commandLine().getErr();
        printed.println("wrote " + chart + " (" + image.getWidth() + " x " + image.getHeight() + ")");
        printed.flush();
    }
}
