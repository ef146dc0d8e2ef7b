package dev.allocator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Cargo-feature analog: an application image built with {@code jlink} from {@code java.base}, the api, one
 * provider module and a probe program has exactly that provider, and asking for another names the one it has.
 * The probe ({@code src/jlink-probe}) requires only the api. Prints the image size.
 */
class JlinkImageTest {
    static final String PROBE = "dev.allocator.it.probe";
    static final String PROVIDER_MODULE = "dev.allocator.tlsf";
    static final String RECORDS_MODULE = "dev.allocator.records";
    static final String PROVIDER = "tlsf";
    static final String ABSENT = "buddy";

    @Test
    void anImageWithOnlyTlsfOffersTlsfAllocatesAndListsTlsfWhenBuddyIsAskedFor() throws IOException {
        Path probe = Path.of(System.getProperty("allocator.it.probe", "target/jlink-probe/" + PROBE));
        Path work = Path.of(System.getProperty("allocator.it.work", "target/it-work"));
        RuntimeImage image = RuntimeImage.link(work.resolve("image-" + PROVIDER),
                List.of(RuntimeImage.locationOf("dev.allocator.api"), RuntimeImage.locationOf(PROVIDER_MODULE),
                        RuntimeImage.locationOf(RECORDS_MODULE), probe),
                List.of(PROBE, PROVIDER_MODULE));

        Processes.Result modules = image.java("--list-modules");
        assertEquals(0, modules.status, modules.output);
        Set<String> names = new TreeSet<>();
        modules.output.lines().map(line -> line.replaceFirst("@.*", "").trim()).filter(line -> !line.isEmpty())
                .forEach(names::add);
        assertEquals(new TreeSet<>(Set.of("java.base", "dev.allocator.api", PROVIDER_MODULE, RECORDS_MODULE, PROBE)),
                names, "modules of the image: the provider's records module comes in through its requires");

        Processes.Result run = image.java("-m", PROBE + "/" + PROBE + ".Probe", PROVIDER, ABSENT);
        assertEquals(0, run.status, run.output);
        assertEquals("BYTE:" + PROVIDER, run.line("providers"), run.output);
        assertTrue(run.line("allocated").startsWith(PROVIDER + " gave 4096 bytes aligned to 64"), run.output);
        assertEquals("used 0", run.line("freed"), run.output);
        String missing = run.line("missing");
        assertTrue(missing.contains("'" + ABSENT + "'") && missing.contains("available: " + PROVIDER), missing);

        long bytes = image.sizeInBytes();
        System.out.printf(Locale.ROOT, "jlink image (java.base, dev.allocator.api, %s, %s) on Java %s: %.1f MiB"
                        + " (%d bytes) at %s%n", PROVIDER_MODULE, PROBE, Runtime.version().feature(),
                bytes / (1024.0 * 1024.0), bytes, image.home().toAbsolutePath());
    }
}
