package org.ground4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the figures were measured on: CPU model, logical CPUs, the vector-instruction flags that matter to the
 * kernels (from /proc/cpuinfo), memory, JDK, and the ND4J native build on the classpath.
 *
 * @param cpu      model name
 * @param logical  logical CPUs this JVM may use
 * @param flags    the relevant instruction-set flags present
 * @param memGib   total memory
 * @param jdk      Java version and VM
 * @param nd4j     ND4J native build (classifier), from the classpath
 */
record Machine(String cpu, int logical, List<String> flags, double memGib, String jdk, String nd4j) {

    /** Flags worth naming for GEMM and convolution kernels. */
    private static final List<String> RELEVANT = List.of(
            "sse4_2",
            "avx",
            "avx2",
            "fma",
            "f16c",
            "avx512f",
            "avx512dq",
            "avx512cd",
            "avx512bw",
            "avx512vl",
            "avx512_vnni",
            "avx512_bf16",
            "avx512_fp16",
            "amx_tile",
            "amx_bf16",
            "amx_int8");

    static Machine describe() {
        String cpu = "?";
        Set<String> flags = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && cpu.equals("?")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags") && flags.isEmpty()) {
                    flags.addAll(
                            List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException e) {
            // not Linux: leave it unknown
        }
        List<String> relevant = new ArrayList<>();
        for (String f : RELEVANT) {
            if (flags.contains(f)) {
                relevant.add(f);
            }
        }
        long memKib = Timing.statusField(Path.of("/proc/meminfo"), "MemTotal:");
        String nd4j = "?";
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("nd4j-native-") && name.contains("linux")) {
                nd4j = name.replace(".jar", "");
            }
        }
        return new Machine(
                cpu,
                Runtime.getRuntime().availableProcessors(),
                relevant,
                memKib / 1048576.0,
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                nd4j);
    }

    /** The 1, 5 and 15 minute load averages, or "?". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
