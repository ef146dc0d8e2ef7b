package dev.allocator.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes images as PNG files. */
final class Png {
    private Png() {
    }

    /**
     * Writes {@code image} to {@code file}, creating missing parent folders.
     *
     * @throws UserException if the file cannot be written
     */
    static void write(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new UserException(file + ": no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UserException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
