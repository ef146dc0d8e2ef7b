package dev.allocator.cli;

import dev.allocator.api.AllocException;
import dev.allocator.api.spi.AllocatorOptions;
import picocli.CommandLine;

/** Reads sizes such as {@code 4096}, {@code 64KiB}, {@code 128MiB}, {@code 4G} for picocli. */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return AllocatorOptions.parseSize(value);
        } catch (AllocException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a size: digits with an optional suffix B, KiB, MiB, GiB or TiB");
        }
    }
}
