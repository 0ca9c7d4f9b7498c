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
 * microseconds and touches no disk, so one-second iterations hold thousands to millions of operations: five
 * warm-up iterations (on a busy 2-core machine the JIT needs three to five seconds to settle mime4j's parser) and
 * five measured ones in one fork, about twelve seconds per benchmark. Scores are average time per operation.
 * Command-line options (-f, -wi, -i, -w, -r) still override these.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class MicroSettings {
}
