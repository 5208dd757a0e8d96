package dev.cell.server;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cell's files on disk readable by their owner only: directories 0700, files 0600, where the file system has POSIX permissions. */
public final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {}

    /** Creates the directory 0700 when it is missing; an existing one is left as it is (it may be shared, like /tmp). */
    public static void directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, attributes(DIRECTORY));
        }
    }

    /** Makes an existing directory that is Cell's own 0700, such as a {@code data/} an earlier version left open. */
    public static void tighten(Path dir) throws IOException {
        if (POSIX) {
            set(dir, DIRECTORY);
        }
    }

    /** True when others than the owner may enter or list the directory. */
    public static boolean openToOthers(Path dir) throws IOException {
        return POSIX && !DIRECTORY.containsAll(Files.getPosixFilePermissions(dir));
    }

    /** Writes the file, 0600 from its creation on, in an owner-only directory. */
    public static void write(Path file, String content) throws IOException {
        directory(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Files.createFile(file, attributes(FILE));
        }
        restrict(file);
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Makes an existing file 0600. */
    public static void restrict(Path file) throws IOException {
        if (POSIX) {
            set(file, FILE);
        }
    }

    private static void set(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (!Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
            LOG.debug("made {} owner-only", path);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
