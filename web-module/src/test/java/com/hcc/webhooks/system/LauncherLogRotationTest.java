package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's server log: {@code rotating_tee} of scripts/lib.sh, run by bash as {@code ./hcc run} runs it.
 * Every line reaches the terminal and, in order, the files; a file is rotated at the size; only the configured
 * number of old files is kept.
 */
class LauncherLogRotationTest {

    static final String LINE = " [INFO] [fish.payara] [tid: 42] a server log line of about the usual length, 100 bytes";

    @TempDir
    Path dir;

    @Test
    void everyLineGoesToTheTerminalAndToTheFilesInOrderRotatedAtTheSizeWithTheOldestDropped() throws Exception {
        int lines = 40_000; // about 4 MB: four rotations at 1 MiB
        List<String> terminal = run(lines, 1, 2);
        assertEquals(lines, terminal.size(), "the terminal shows every line");
        assertEquals(line(lines), terminal.get(lines - 1));

        assertFalse(Files.exists(dir.resolve("server.log.3")), "only HCC_LOG_FILES=2 old files are kept");
        long mib = 1024 * 1024;
        for (String old : new String[] {"server.log.1", "server.log.2"}) {
            long size = Files.size(dir.resolve(old));
            assertTrue(size >= mib && size < mib + 200, old + " was rotated at 1 MiB: " + size);
        }
        List<String> kept = new ArrayList<>(Files.readAllLines(dir.resolve("server.log.2")));
        kept.addAll(Files.readAllLines(dir.resolve("server.log.1")));
        kept.addAll(Files.readAllLines(dir.resolve("server.log")));
        int first = Integer.parseInt(kept.get(0).substring(0, kept.get(0).indexOf(' ')));
        assertTrue(first > 1, "the oldest lines went with the dropped files");
        assertEquals(IntStream.rangeClosed(first, lines).mapToObj(LauncherLogRotationTest::line).toList(), kept,
                "the kept files hold the newest lines, none lost or reordered");
    }

    @Test
    void aRestartAppendsAndCountsWhatTheFileAlreadyHolds() throws Exception {
        Files.writeString(dir.resolve("server.log"), (line(0) + "\n").repeat(11_800)); // 1,038,400 bytes: just under 1 MiB
        run(200, 1, 5);
        assertTrue(Files.exists(dir.resolve("server.log.1")), "the existing size counted toward the rotation");
        assertTrue(Files.readString(dir.resolve("server.log.1")).startsWith(line(0)), "the old lines were kept");
    }

    private List<String> run(int lines, int maxMb, int files) throws IOException, InterruptedException {
        Path lib = Path.of(System.getProperty("hcc.root", "..")).toRealPath().resolve("scripts/lib.sh");
        Path input = dir.resolve("input.txt");
        Files.write(input, IntStream.rangeClosed(1, lines).mapToObj(LauncherLogRotationTest::line).toList());
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "source '" + lib + "' && rotating_tee server.log < input.txt")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HCC_LOG_MAX_MB", Integer.toString(maxMb));
        pb.environment().put("HCC_LOG_FILES", Integer.toString(files));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    private static String line(int n) {
        return n + LINE;
    }
}
