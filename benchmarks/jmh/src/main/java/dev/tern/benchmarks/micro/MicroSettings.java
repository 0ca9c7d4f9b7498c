package dev.tern.benchmarks.micro;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Run settings of the micro benchmarks (JMH reads them from this superclass). An operation here takes
 * microseconds and touches no disk, so one-second iterations hold millions of samples and the JIT settles within
 * a few of them: three warm-up and five measured iterations in one fork, about ten seconds per benchmark. Scores
 * are average time per operation. Command-line options (-f, -wi, -i, -w, -r) still override these.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class MicroSettings {
}
