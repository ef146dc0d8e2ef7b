package dev.allocator.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes images as PNG files. The image is encoded in memory first and the file written with {@link Files}, so a
 * bad path is one {@link UserException} and never ImageIO's own stack trace (its file stream prints one).
 */
final class Png {
    private Png() {
    }

    /**
     * Checks, before any long work, that {@code file} could be written: it is not a folder, and its nearest
     * existing ancestor is a folder this process may write to.
     *
     * @throws UserException naming the file and the reason if it could not
     */
    static void checkWritable(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new UserException(file + ": cannot write: it is a folder");
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return;
        }
        if (!Files.isDirectory(ancestor)) {
            throw new UserException(file + ": cannot write: " + ancestor + " is a file, not a folder");
        }
        if (!Files.isWritable(ancestor) || (Files.exists(absolute) && !Files.isWritable(absolute))) {
            throw new UserException(file + ": cannot write: permission denied");
        }
    }

    /**
     * Writes {@code image} to {@code file}, creating missing parent folders.
     *
     * @throws UserException naming the file and the reason if it cannot be written
     */
    static void write(BufferedImage image, Path file) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, "png", encoded)) {
                throw new UserException(file + ": no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UserException(file + ": cannot encode the PNG: " + e.getMessage(), e);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            Files.write(file, encoded.toByteArray());
        } catch (IOException e) {
            throw new UserException(file + ": cannot write: " + FileErrors.reason(e), e);
        }
    }
}
