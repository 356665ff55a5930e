package dev.sessionstate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every line of the Java sources fits in {@value #WIDTH} columns. The formatter (Spotless with
 * palantir-java-format, checked by {@code ./mvnw verify}) wraps code to that width but leaves long
 * comments and string literals as they are; this catches those.
 */
class SourceWidthTest {

    static final int WIDTH = 120;

    @Test
    void everyLineFitsTheWidth() {
        List<String> wide = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java", "bench/jmh/src")) {
            if (!Files.isDirectory(Path.of(root))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> wide.addAll(wideLines(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertEquals(List.of(), wide);
    }

    private static List<String> wideLines(Path file) {
        List<String> wide = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).length() > WIDTH) {
                    wide.add(file + ":" + (i + 1) + " has " + lines.get(i).length() + " columns");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wide;
    }
}
