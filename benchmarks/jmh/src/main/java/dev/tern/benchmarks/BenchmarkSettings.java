package dev.tern.benchmarks;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Run settings shared by every Tern benchmark (JMH reads these annotations from superclasses). Chosen so that one
 * benchmark method takes about half a minute on a 2-core machine and repeated runs agree: one fork (a fresh JVM per
 * method, so one method's spool never warms another's page cache), two warm-up iterations for the JIT and the
 * spool's first segments, three measured ones. Command-line options (-f, -wi, -i, -w, -r) still override these.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 2, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class BenchmarkSettings {
}
