package dev.vtsne.bench;

import dev.vtsne.simd.KernelSet;

/**
 * Not JMH: prints the facts of this JVM that a saved benchmark baseline records, one
 * {@code key: value} line each: the kernels the engine picks here (their name carries the vector
 * width) and the JDK. bench/run-jmh runs it with the flags of jvm.config, as the forks run.
 */
public final class MachineFacts {

    private MachineFacts() {}

    public static void main(String[] args) {
        KernelSet k = KernelSet.preferred();
        String reason = k.fallbackReason();
        System.out.println("vector: " + k.name() + (reason == null ? "" : " (fallback: " + reason + ")"));
        System.out.println("jdk: " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        System.out.println("processors: " + Runtime.getRuntime().availableProcessors());
    }
}
