package dev.allocator.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code allocator map TRACE -a NAME --out map.png}: a picture of the pool's used and free runs. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Replays a trace on one allocator up to a point and draws the pool as a PNG: used and free "
                + "runs along the address range, wrapped into rows, with a legend and the fragmentation figure.")
final class MapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SnapshotOptions snapshot = new SnapshotOptions();

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "The PNG file to write.")
    Path out;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "1024",
            description = "Cells per row (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "128",
            description = "Rows the address range wraps into (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--row-height", paramLabel = "PX", defaultValue = "4",
            description = "Pixels per row (default: ${DEFAULT-VALUE}).")
    int rowHeight;

    @Override
    public Integer call() {
        HeapMap map = new HeapMap(width, rows, rowHeight);
        Png.checkWritable(out);
        BufferedImage image = map.draw(snapshot.take());
        Png.write(image, out);
        PrintWriter printed = spec.commandLine().getOut();
        printed.println("wrote " + out + " (" + image.getWidth() + " x " + image.getHeight() + ")");
        printed.flush();
        return 0;
    }
}
