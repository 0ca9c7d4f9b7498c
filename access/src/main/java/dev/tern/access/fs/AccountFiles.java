package dev.tern.access.fs;

import dev.tern.access.AccountException;
import dev.tern.access.address.DomainNames;
import dev.tern.access.address.MailAddress;
import dev.tern.access.internal.AccountSnapshot;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three text files of an accounts directory and their formats (UTF-8, one entry per line, blank
 * lines and lines starting with '#' ignored):
 * <ul>
 *   <li>{@code domains}: one local domain per line; the first is the default domain;</li>
 *   <li>{@code users}: {@code address SP argon2id-PHC-hash};</li>
 *   <li>{@code aliases}: {@code source: target, target, ...} where source is {@code local@domain} or
 *       {@code @domain} (catch-all).</li>
 * </ul>
 * Everything read is brought into canonical form (see {@link MailAddress}); a malformed line fails the
 * whole read with the file name and line number, so a half-understood file is never acted upon.
 */
final class AccountFiles {

  static final String DOMAINS = "domains";
  static final String USERS = "users";
  static final String ALIASES = "aliases";
  static final List<String> ALL = List.of(DOMAINS, USERS, ALIASES);

  private AccountFiles() {
  }

  /** Reads the whole directory; only {@code domains} is mandatory, a missing users or aliases file is empty. */
  static AccountSnapshot read(Path directory) throws IOException {
    List<String> domainLines = lines(directory.resolve(DOMAINS), true);
    if (domainLines == null) {
      throw new AccountException("accounts directory " + directory + " is not initialised (no " + DOMAINS + " file)");
    }
    return new AccountSnapshot(parseDomains(domainLines), parseUsers(lines(directory.resolve(USERS), false)),
        parseAliases(lines(directory.resolve(ALIASES), false)));
  }

  private static List<String> lines(Path file, boolean nullIfMissing) throws IOException {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return nullIfMissing ? null : List.of();
    } catch (CharacterCodingException e) {
      throw new AccountException(file + " is not valid UTF-8");
    }
  }

  static List<String> parseDomains(List<String> lines) throws AccountException {
    Set<String> domains = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = content(lines.get(i));
      if (line != null) {
        try {
          domains.add(DomainNames.normalize(line));
        } catch (IllegalArgumentException e) {
          throw lineError(DOMAINS, i, e.getMessage());
        }
      }
    }
    return new ArrayList<>(domains);
  }

  static Map<String, String> parseUsers(List<String> lines) throws AccountException {
    Map<String, String> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = content(lines.get(i));
      if (line == null) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length != 2) {
        throw lineError(USERS, i, "expected 'address hash'");
      }
      String address;
      try {
        address = MailAddress.parse(fields[0]).toString();
      } catch (IllegalArgumentException e) {
        throw lineError(USERS, i, e.getMessage());
      }
      if (users.putIfAbsent(address, fields[1]) != null) {
        throw lineError(USERS, i, "duplicate user " + address);
      }
    }
    return users;
  }

  static Map<String, List<String>> parseAliases(List<String> lines) throws AccountException {
    Map<String, List<String>> aliases = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = content(lines.get(i));
      if (line == null) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw lineError(ALIASES, i, "expected 'source: target, target'");
      }
      try {
        String source = aliasSource(line.substring(0, colon).trim());
        List<String> targets = aliases.computeIfAbsent(source, s -> new ArrayList<>());
        for (String target : line.substring(colon + 1).split(",")) {
          String canonical = MailAddress.parse(target.trim()).toString();
          if (!targets.contains(canonical)) {
            targets.add(canonical);
          }
        }
      } catch (IllegalArgumentException e) {
        throw lineError(ALIASES, i, e.getMessage());
      }
    }
    return aliases;
  }

  /** Canonical alias source: {@code local@domain}, or {@code @domain} for a catch-all. */
  static String aliasSource(String source) {
    if (source.startsWith("@")) {
      return "@" + DomainNames.normalize(source.substring(1));
    }
    return MailAddress.parse(source).toString();
  }

  private static String content(String raw) {
    String line = raw.strip();
    return line.isEmpty() || line.startsWith("#") ? null : line;
  }

  private static AccountException lineError(String file, int index, String message) {
    return new AccountException(file + " line " + (index + 1) + ": " + message);
  }

  static String formatDomains(List<String> domains) {
    StringBuilder out = new StringBuilder("# Local domains, one per line; the first is the default domain.\n");
    domains.forEach(d -> out.append(d).append('\n'));
    return out.toString();
  }

  static String formatUsers(Map<String, String> users) {
    StringBuilder out = new StringBuilder("# address argon2id-hash (PHC string). Edit with 'tern user'.\n");
    users.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.append(e.getKey()).append(' ').append(e.getValue()).append('\n'));
    return out.toString();
  }

  static String formatAliases(Map<String, List<String>> aliases) {
    StringBuilder out = new StringBuilder("# source: target, target ...   (source @domain catches all unknown addresses)\n");
    aliases.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.append(e.getKey()).append(": ").append(String.join(", ", e.getValue())).append('\n'));
    return out.toString();
  }
}
