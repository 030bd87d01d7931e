package dev.vtsne.cli;

import dev.vtsne.IterationListener;
import dev.vtsne.Phase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress of one run on stderr. On a terminal ({@code live}) one line, rewritten in place
 * with {@code \r}: phase, iteration/total, the last KL, elapsed time and an estimate of the time
 * left, refreshed at most every {@link #REFRESH_NANOS} by the iterations and, during the phases
 * that report nothing (kNN, affinities), by a daemon ticker. Otherwise (a file, a pipe, a CI log)
 * plain lines: one when each phase starts and one per KL evaluation (every 50 iterations).
 * {@link #finish} clears the live line so that the summary starts on a clean line.
 *
 * <p>One clock for every line: "elapsed" is the time since this progress started, with the fit;
 * iteration lines add the optimizer's own time ("optimizing", the clock of the ETA). A KL measured
 * while early exaggeration was on is labelled so: it is the KL of the unexaggerated P, which the
 * map is not yet shaped for, so it runs high and is not comparable with the later ones.
 */
final class Progress implements IterationListener, AutoCloseable {

    /** Minimum time between two redraws of the live line. */
    static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Minimum time between two plain lines about steps of the same stage. */
    static final long STEP_LINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PrintWriter err;
    private final boolean live;
    private final int total;
    /** Iterations 1..this run with early exaggeration (0: none). */
    private final int exaggerated;
    private final LongSupplier clock;
    private final long start;
    private final Thread ticker;
    /** The phase running, or null before the first. */
    private Phase phase;
    /** The current step inside the phase ("nn-descent 3/10"), or null. */
    private String step;
    private String lastStepStage;
    private long lastStepLine = Long.MIN_VALUE;
    private int iteration;
    private double kl = Double.NaN;
    /** The iteration {@link #kl} was measured at. */
    private int klIteration;
    private long optimizeNanos;
    private long lastDraw = Long.MIN_VALUE;
    private int lastWidth;

    /**
     * @param live        rewrite one line (stderr is a terminal) rather than print plain lines
     * @param total       iterations the run will do
     * @param exaggerated iterations that run with early exaggeration (the first ones; 0 when none)
     * @param clock       nanosecond clock ({@code System::nanoTime}; tests pass their own)
     * @param tick        whether to start the ticker thread that refreshes the live line between iterations
     */
    Progress(PrintWriter err, boolean live, int total, int exaggerated, LongSupplier clock, boolean tick) {
        this.err = err;
        this.live = live;
        this.total = total;
        this.exaggerated = exaggerated;
        this.clock = clock;
        this.start = clock.getAsLong();
        if (live && tick) {
            ticker = Thread.ofPlatform().daemon().name("vtsne-progress").unstarted(this::tickLoop);
            ticker.start();
        } else {
            ticker = null;
        }
    }

    /** A progress printer on the real clock, live when {@code terminal}. */
    static Progress of(PrintWriter err, boolean terminal, int total, int exaggerated) {
        return new Progress(err, terminal, total, exaggerated, System::nanoTime, true);
    }

    @Override
    public synchronized void onPhase(Phase started) {
        phase = started;
        step = null;
        if (live) {
            draw(true);
        } else {
            err.println(String.format(Locale.ROOT, "phase %s  elapsed %.2f s", started.label(), seconds(clock.getAsLong() - start)));
            err.flush();
        }
    }

    /**
     * Live: the step shows in the line. Plain: a line when a stage starts or ends and at most every
     * {@link #STEP_LINE_NANOS} in between, so a 1M-point kNN search (minutes) is not silent.
     */
    @Override
    public synchronized void onPhaseStep(Phase inside, String stage, int done, int steps) {
        step = stage + " " + done + "/" + steps;
        long now = clock.getAsLong();
        if (live) {
            draw(false);
        } else if (!stage.equals(lastStepStage) || done == steps || now - lastStepLine >= STEP_LINE_NANOS) {
            err.println(String.format(Locale.ROOT, "phase %s: %s  elapsed %.2f s", inside.label(), step, seconds(now - start)));
            err.flush();
            lastStepStage = stage;
            lastStepLine = now;
        }
    }

    @Override
    public synchronized boolean onIteration(int it, double value, long elapsedNanos) {
        iteration = it;
        step = null; // the initialization's steps are over once the iterations run
        optimizeNanos = elapsedNanos;
        if (!Double.isNaN(value)) {
            kl = value;
            klIteration = it;
        }
        if (live) {
            draw(it == total);
        } else if (!Double.isNaN(value)) {
            err.println(String.format(Locale.ROOT, "iteration %d/%d  %s %.6f  elapsed %.2f s (optimizing %.2f s)", it, total,
                    klLabel(it), value, seconds(clock.getAsLong() - start), seconds(elapsedNanos)));
            err.flush();
        }
        return true;
    }

    /** "KL", or "KL (exaggerated)" for a KL measured at an iteration that ran with early exaggeration. */
    private String klLabel(int measuredAt) {
        return measuredAt <= exaggerated ? "KL (exaggerated)" : "KL";
    }

    /** The live line as it stands (without the leading carriage return and padding). */
    synchronized String line() {
        long now = clock.getAsLong();
        StringBuilder b = new StringBuilder();
        b.append('[').append(phase == null ? "prepare" : phase.label()).append(step != null ? " " + step : "").append(']');
        if (phase == Phase.OPTIMIZE) {
            b.append(String.format(Locale.ROOT, " iteration %d/%d", iteration, total));
            b.append(Double.isNaN(kl) ? "  KL -" : String.format(Locale.ROOT, "  %s %.4f", klLabel(klIteration), kl));
        }
        b.append(String.format(Locale.ROOT, "  elapsed %s", duration(now - start)));
        if (phase == Phase.OPTIMIZE && iteration > 0 && iteration < total) {
            double perIteration = optimizeNanos / (double) iteration;
            b.append("  ETA ").append(duration((long) (perIteration * (total - iteration))));
        }
        return b.toString();
    }

    private void draw(boolean force) {
        long now = clock.getAsLong();
        if (!force && lastDraw != Long.MIN_VALUE && now - lastDraw < REFRESH_NANOS) {
            return;
        }
        lastDraw = now;
        String s = line();
        int pad = Math.max(0, lastWidth - s.length());
        err.print("\r" + s + " ".repeat(pad));
        err.flush();
        lastWidth = s.length();
    }

    private void tickLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(REFRESH_NANOS) * 2);
                synchronized (this) {
                    draw(false);
                }
            }
        } catch (InterruptedException e) {
            // finished
        }
    }

    /** Stops the ticker and clears the live line; plain output needs nothing. */
    synchronized void finish() {
        if (ticker != null) {
            ticker.interrupt();
        }
        if (live && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    @Override
    public void close() {
        finish();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** "4.2 s", "3 min 07 s", "1 h 02 min". */
    static String duration(long nanos) {
        double s = Math.max(0, nanos) / 1e9;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = (long) s;
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }

    /**
     * Whether this process's stderr is a terminal: on Linux, where file descriptor 2 points
     * (/dev/pts/N or /dev/ttyN); elsewhere, whether the JVM has an interactive console. A
     * {@code TERM=dumb} terminal (editor shells) gets plain lines.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.exists(fd, LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux: ask the console
        }
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }
}
