package dev.tern.ops.cli;

import dev.tern.ops.config.ConfigException;
import dev.tern.ops.config.ConfigLoader;
import dev.tern.ops.config.TernConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --data and --config, taken by every subcommand. */
public final class CommonOptions {

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (default: dataDir from the config file, else ./tern-data).")
  Path data;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (default: none, built-in defaults).")
  Path config;

  /** The config file (or the defaults) with --data applied. */
  TernConfig load() {
    TernConfig loaded;
    try {
      loaded = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
    } catch (ConfigException e) {
      throw new UserError(e.getMessage(), e);
    }
    return data == null ? loaded : loaded.withDataDir(data);
  }
}
