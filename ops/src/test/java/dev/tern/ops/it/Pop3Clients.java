package dev.tern.ops.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's poplib as the POP3 client of the integration tests. One script, driven by arguments: how to connect
 * (plain, stls, ssl), whom to log in as, and a list of actions. Output is one line per action, so that tests
 * assert on what a real client saw.
 */
final class Pop3Clients {

  static final String POPLIB = """
      import poplib, ssl, sys, time, os
      mode, host, port, user, password = sys.argv[1:6]
      actions = sys.argv[6:]
      ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
      def connect():
          if mode == 'ssl':
              return poplib.POP3_SSL(host, int(port), context=ctx, timeout=30)
          p = poplib.POP3(host, int(port), timeout=30)
          if mode == 'stls':
              p.stls(context=ctx)
          return p
      p = connect()
      p.user(user); p.pass_(password)
      for action in actions:
          name, _, arg = action.partition('=')
          if name == 'wait':
              # Local delivery runs after the 250: poll (new logins) until the expected count is there.
              deadline = time.time() + 60
              while p.stat()[0] < int(arg) and time.time() < deadline:
                  p.quit(); time.sleep(0.2); p = connect(); p.user(user); p.pass_(password)
              print('stat', *p.stat())
          elif name == 'stat':
              print('stat', *p.stat())
          elif name == 'uidl':
              print('uidl', *[u.decode().split(' ')[1] for u in p.uidl()[1]])
          elif name == 'save':
              # save=DIR: every message, as the bytes RETR gave, one file per message number.
              count = p.stat()[0]
              os.makedirs(arg, exist_ok=True)
              for n in range(1, count + 1):
                  lines = p.retr(n)[1]
                  with open(os.path.join(arg, '%d.eml' % n), 'wb') as f:
                      f.write(b'\\r\\n'.join(lines) + b'\\r\\n')
              print('saved', count)
          elif name == 'dele':
              print('dele', p.dele(int(arg)).decode())
          elif name == 'rset':
              print('rset', p.rset().decode())
          elif name == 'drop':
              p.sock.close(); p = None; print('dropped'); break
      if p is not None:
          print('quit', p.quit().decode())
      """;

  private Pop3Clients() {}

  static Tools.Run poplib(Path tmp, String mode, String host, int port, String user, String password,
                          String... actions) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(mode, host, String.valueOf(port), user, password));
    args.addAll(List.of(actions));
    return Tools.python(tmp, POPLIB, args.toArray(String[]::new));
  }

  /** The value list of the last output line starting with {@code key}. */
  static List<String> line(Tools.Run run, String key) {
    String found = null;
    for (String line : run.output().split("\n")) {
      if (line.startsWith(key + " ") || line.equals(key)) {
        found = line;
      }
    }
    if (found == null) {
      throw new AssertionError("no '" + key + "' line in:\n" + run.output());
    }
    String rest = found.substring(key.length()).trim();
    return rest.isEmpty() ? List.of() : List.of(rest.split(" "));
  }
}
