package vn.motcua.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the files under test live, and throw-away copies of them to break on purpose. */
final class Repo {

    /** deploy/k8s: Maven runs the tests with the module directory as basedir. */
    static final Path K8S = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
    static final Path ROOT = K8S.resolve("../..").normalize();
    static final Path COMPOSE = ROOT.resolve("deploy/compose/docker-compose.yml");
    /** The Keycloak realm export, shared by the manifests (configMapGenerator) and compose (bind mount). */
    static final Path REALM = K8S.resolve("base/keycloak/motcua-realm.json");

    private Repo() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code from} (a directory or file) under {@code to}, keeping the relative layout. */
    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the first occurrence of {@code from}; fails if it is not there (the mutation would be a no-op). */
    static void replaceFirst(Path file, String from, String to) {
        String text = read(file);
        int at = text.indexOf(from);
        if (at < 0) {
            throw new AssertionError(file + " no longer contains the text to break: " + from);
        }
        try {
            Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
