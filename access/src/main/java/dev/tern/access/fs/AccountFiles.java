package dev.tern.access.fs;

import dev.tern.access.AccountException;
import dev.tern.access.address.DomainNames;
import dev.tern.access.address.MailAddress;
import dev.tern.access.internal.AccountSnapshot;
import dev.tern.access.internal.UserSettings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The three text files of an accounts directory and their formats (UTF-8, one entry per line, blank
 * lines and lines starting with '#' ignored):
 * <ul>
 *   <li>{@code domains}: one local domain per line; the first is the default domain;</li>
 *   <li>{@code users}: {@code address SP argon2id-PHC-hash *(SP key=value)}, keys (each at most once)
 *       {@code quota=<positive bytes>} and {@code apop=<base64 of the APOP secret's UTF-8 bytes>}; a line
 *       without attributes is the original two-field form;</li>
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
  static final String QUOTA = "quota";
  static final String APOP = "apop";
  private static final List<String> ATTRIBUTE_KEYS = List.of(QUOTA, APOP);

  private AccountFiles() {
  }

  /** Reads the whole directory; only {@code domains} is mandatory, a missing users or aliases file is empty. */
  static AccountSnapshot read(Path directory) throws IOException {
    List<String> domainLines = lines(directory.resolve(DOMAINS), true);
    if (domainLines == null) {
      throw new AccountException("accounts directory " + directory + " is not initialised (no " + DOMAINS + " file)");
    }
    Users users = parseUsers(lines(directory.resolve(USERS), false));
    return new AccountSnapshot(parseDomains(domainLines), users.hashes(), users.settings(),
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

  /** The users file: accounts to their hashes, and to their settings where a line has attributes. */
  record Users(Map<String, String> hashes, Map<String, UserSettings> settings) {
  }

  static Users parseUsers(List<String> lines) throws AccountException {
    Map<String, String> hashes = new LinkedHashMap<>();
    Map<String, UserSettings> settings = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = content(lines.get(i));
      if (line == null) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length < 2) {
        throw lineError(USERS, i, "expected 'address hash [key=value ...]'");
      }
      String address;
      try {
        address = MailAddress.parse(fields[0]).toString();
      } catch (IllegalArgumentException e) {
        throw lineError(USERS, i, e.getMessage());
      }
      if (isAttribute(fields[1])) {
        throw lineError(USERS, i, "password hash missing before " + attributeKey(fields[1]) + "=");
      }
      if (hashes.putIfAbsent(address, fields[1]) != null) {
        throw lineError(USERS, i, "duplicate user " + address);
      }
      UserSettings attributes = parseAttributes(fields, i);
      if (!attributes.isEmpty()) {
        settings.put(address, attributes);
      }
    }
    return new Users(hashes, settings);
  }

  private static boolean isAttribute(String field) {
    int equals = field.indexOf('=');
    return equals > 0 && ATTRIBUTE_KEYS.contains(field.substring(0, equals));
  }

  private static String attributeKey(String field) {
    return field.substring(0, field.indexOf('='));
  }

  /** Fields 2.. of a users line. Messages name the key but never echo a value: it may be a secret. */
  private static UserSettings parseAttributes(String[] fields, int index) throws AccountException {
    OptionalLong quota = OptionalLong.empty();
    byte[] apop = null;
    Set<String> seen = new LinkedHashSet<>();
    for (int f = 2; f < fields.length; f++) {
      int equals = fields[f].indexOf('=');
      if (equals <= 0) {
        throw lineError(USERS, index, "expected key=value after the hash, got a field without '=' (field " + (f + 1) + ")");
      }
      String key = fields[f].substring(0, equals);
      String value = fields[f].substring(equals + 1);
      if (!ATTRIBUTE_KEYS.contains(key)) {
        throw lineError(USERS, index, "unknown attribute '" + key + "' (known: " + String.join(", ", ATTRIBUTE_KEYS) + ")");
      }
      if (!seen.add(key)) {
        throw lineError(USERS, index, "duplicate attribute " + key);
      }
      if (key.equals(QUOTA)) {
        quota = OptionalLong.of(parseQuota(value, index));
      } else {
        apop = parseApopSecret(value, index);
      }
    }
    return UserSettings.of(quota, apop);
  }

  private static long parseQuota(String value, int index) throws AccountException {
    if (!value.matches("[0-9]{1,19}")) {
      throw lineError(USERS, index, "quota must be a positive whole number of bytes, not '" + value + "'");
    }
    long bytes;
    try {
      bytes = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw lineError(USERS, index, "quota " + value + " is too large");
    }
    if (bytes <= 0) {
      throw lineError(USERS, index, "quota must be a positive whole number of bytes, not '" + value + "'");
    }
    return bytes;
  }

  private static byte[] parseApopSecret(String value, int index) throws AccountException {
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw lineError(USERS, index, "apop is not valid base64");
    }
    if (secret.length == 0) {
      throw lineError(USERS, index, "apop secret is empty");
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(secret));
    } catch (CharacterCodingException e) {
      throw lineError(USERS, index, "apop secret is not UTF-8 text");
    }
    return secret;
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

  static String formatUsers(Map<String, String> users, Map<String, UserSettings> settings) {
    StringBuilder out = new StringBuilder("# address argon2id-hash [quota=bytes] [apop=base64-secret]. Edit with 'tern user'.\n"
        + "# Owner-only (0600): besides the hashes it holds the APOP secrets, which are stored in clear.\n");
    users.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      out.append(e.getKey()).append(' ').append(e.getValue());
      UserSettings attributes = settings.getOrDefault(e.getKey(), UserSettings.NONE);
      attributes.quotaBytes().ifPresent(bytes -> out.append(' ').append(QUOTA).append('=').append(bytes));
      attributes.apopSecret().ifPresent(secret -> {
        out.append(' ').append(APOP).append('=').append(Base64.getEncoder().encodeToString(secret));
        Arrays.fill(secret, (byte) 0);
      });
      out.append('\n');
    });
    return out.toString();
  }

  static String formatAliases(Map<String, List<String>> aliases) {
    StringBuilder out = new StringBuilder("# source: target, target ...   (source @domain catches all unknown addresses)\n");
    aliases.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.append(e.getKey()).append(": ").append(String.join(", ", e.getValue())).append('\n'));
    return out.toString();
  }
}
