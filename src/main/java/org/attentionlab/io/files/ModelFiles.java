package org.attentionlab.io.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.attentionlab.domain.ModelFormatException;

/**
 * Reading the small files of a model folder (config.json, vocabularies, indexes) safely.
 *
 * <p>Only regular files are read: a FIFO would block forever and a device such as
 * {@code /dev/zero} never ends, so both are refused before they are opened. A folder where a
 * file is expected and a symbolic link that loops are named as such. Every JSON or text file has
 * a size limit that is checked before anything is allocated, and the message names the file.
 */
public final class ModelFiles {
    /** The largest JSON or text file read (the biggest real tokenizer.json files are about 20 MB). */
    public static final long MAX_TEXT_BYTES = 64L * 1024 * 1024;

    private ModelFiles() {
    }

    /**
     * Checks that {@code file} is a regular file that may be opened without blocking.
     *
     * @throws NoSuchFileException when nothing is there (callers say what was expected)
     * @throws ModelFormatException when it is a folder, a pipe, a device or a looping link
     */
    public static BasicFileAttributes requireRegularFile(Path file) throws NoSuchFileException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) {
                throw new ModelFormatException("The file " + file + " is a symbolic link to something that does not exist.",
                        "Replace the link with the file itself.");
            }
            throw e;
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(file)) {
                throw new ModelFormatException("The file " + file + " is a symbolic link that cannot be followed ("
                        + reason(e) + "), for example one that points to itself.", "Replace the link with the file itself.");
            }
            throw new ModelFormatException("The file " + file + " cannot be read: " + reason(e) + ".",
                    "Check that the file exists and that you may read it.", e);
        } catch (IOException e) {
            throw new ModelFormatException("The file " + file + " cannot be read: " + e.getMessage() + ".",
                    "Check that the file exists and that you may read it.", e);
        }
        if (a.isDirectory()) {
            throw new ModelFormatException("The path " + file + " is a folder, but a file was expected there.",
                    "Put the model's " + file.getFileName() + " file there instead of a folder.");
        }
        if (!a.isRegularFile()) {
            String kind = Files.isSymbolicLink(file) ? "a link to a device or a pipe" : "a device or a pipe";
            throw new ModelFormatException("The file " + file + " is " + kind + ", not a regular file; model files are read only"
                    + " from regular files.", "Copy the real file into the model folder.");
        }
        return a;
    }

    private static String reason(FileSystemException e) {
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }

    /**
     * The bytes of a regular file of at most {@code limit} bytes.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws ModelFormatException when it is not a regular file or is larger than {@code limit}
     */
    public static byte[] readBytes(Path file, long limit) throws IOException {
        long size = requireRegularFile(file).size();
        if (size > limit) {
            throw tooBig(file, size, limit);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            // one byte more than the size found, to notice a file that grew after the check
            ByteBuffer buf = ByteBuffer.allocate((int) size + 1);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading until the end of the file or one byte past the size found
            }
            if (!buf.hasRemaining()) {
                throw new ModelFormatException("The file " + file + " changed while it was being read.",
                        "Wait until it is completely written, then load the model again.");
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        }
    }

    /** {@link #readBytes} with the default limit for JSON and text files. */
    public static byte[] readBytes(Path file) throws IOException {
        return readBytes(file, MAX_TEXT_BYTES);
    }

    /**
     * A UTF-8 text file, with the default size limit.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws ModelFormatException when it is not a regular file, too big, or not UTF-8
     */
    public static String readString(Path file) throws IOException {
        byte[] bytes = readBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException("The file " + file + " is not UTF-8 text.",
                    "Save it again as UTF-8, or use the file saved with the model.", e);
        }
    }

    private static ModelFormatException tooBig(Path file, long size, long limit) {
        return new ModelFormatException("The file " + file + " is " + megabytes(size) + ", more than the " + megabytes(limit)
                + " Attention Lab reads from a JSON or text file of a model.",
                "Check that it is the right file; a real " + file.getFileName() + " is much smaller.");
    }

    private static String megabytes(long bytes) {
        return bytes < 1024 * 1024 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
