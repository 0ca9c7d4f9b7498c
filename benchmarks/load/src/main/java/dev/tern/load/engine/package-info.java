/**
 * The run loop every protocol of {@code tern load} shares, and the contract a protocol implements.
 *
 * <p>The contract: {@link dev.tern.load.engine.Workload} opens {@link dev.tern.load.engine.LoadSession}s, which run
 * {@link dev.tern.load.engine.Operation}s and answer an {@link dev.tern.load.engine.Outcome}. The engine:
 * {@link dev.tern.load.engine.RunSettings} (what to run), {@link dev.tern.load.engine.LoadRun} (closed loop, or an
 * open loop whose latencies are measured from each operation's scheduled start so that a slow server cannot hide
 * its queueing), {@link dev.tern.load.engine.OutcomeCounters} and {@link dev.tern.load.engine.LatencyBook} (what
 * happened), {@link dev.tern.load.engine.ProgressPrinter} (while it runs), {@link dev.tern.load.engine.LoadReport}
 * (the summary and the JSON report), and the command-line pieces every subcommand shares
 * ({@link dev.tern.load.engine.LoadOptions}, {@link dev.tern.load.engine.SecurityOptions},
 * {@link dev.tern.load.engine.Target}, {@link dev.tern.load.engine.Credentials}, {@link dev.tern.load.engine.Units},
 * and {@link dev.tern.load.engine.LoadLauncher}, which runs a workload and turns its outcome into the exit code).
 */
package dev.tern.load.engine;
