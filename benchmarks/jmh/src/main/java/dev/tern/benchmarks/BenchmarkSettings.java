package dev.tern.benchmarks;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Run settings of the end-to-end benchmarks (spool, SMTP, IMAP; JMH reads these annotations from superclasses).
 * Chosen so that the whole suite runs in about six minutes on a 2-core machine: one fork (a fresh JVM per method,
 * so one method's files never warm another's page cache), two warm-up iterations of 3 s for the JIT, the spool's
 * first segments and the servers' caches, four measured ones of 3 s (four samples give a usable error bound where
 * three give a very wide one). {@code benchmarks/run.sh --full} adds forks; command-line options (-f, -wi, -i, -w,
 * -r) override these. The micro benchmarks have their own settings ({@code micro.MicroSettings}).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 2, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 4, time = 3, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class BenchmarkSettings {
}
