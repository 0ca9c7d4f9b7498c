# Two clients on one mailbox, driven by Python's imaplib against a running `tern serve`: A selects INBOX and IDLEs;
# mail delivered through SMTP reaches A as EXISTS, B's STORE reaches A as FETCH FLAGS, and B's MOVE reaches A as
# EXPUNGE, all while A idles. Waits are bounded (60 s) and say nothing about speed. Exit code 0 when every step
# saw what it expected; otherwise a "FAILED:" line and exit code 1.
#
# usage: imap_idle.py HOST IMAP_PORT SMTP_PORT USER PASSWORD
import imaplib
import re
import smtplib
import sys

host, port, smtp_port, user, password = sys.argv[1:6]
port, smtp_port = int(port), int(smtp_port)


def expect(condition, what):
    if not condition:
        print('FAILED:', what, flush=True)
        sys.exit(1)


def ok(result, what):
    typ, data = result
    expect(typ == 'OK', '%s: expected OK, got %s %r' % (what, typ, data))
    return data


def client():
    m = imaplib.IMAP4(host, port, timeout=60)
    ok(m.login(user, password), 'LOGIN')
    return m


def until(m, pattern, what):
    """Reads A's lines while it idles until one matches; the socket timeout (60 s) bounds the wait."""
    seen = []
    while True:
        line = m.readline()
        expect(line, '%s: connection closed after %r' % (what, seen))
        seen.append(line)
        match = re.fullmatch(pattern, line)
        if match:
            print('idle saw', line.decode().strip(), flush=True)
            return match


a = client()
exists = int(ok(a.select('INBOX'), 'SELECT INBOX (A)')[0])
a.send(b'I1 IDLE\r\n')
continuation = a.readline()
expect(continuation.startswith(b'+'), 'IDLE continuation: %r' % continuation)

smtp = smtplib.SMTP(host, smtp_port, timeout=30)
smtp.sendmail('sender@client.example', [user],
              b'From: sender@client.example\r\nTo: ' + user.encode() + b'\r\nSubject: for the idler\r\n\r\nhello\r\n')
smtp.quit()
until(a, rb'\* %d EXISTS\r\n' % (exists + 1), 'EXISTS for the delivery')

b = client()
ok(b.select('INBOX'), 'SELECT INBOX (B)')
ok(b.store(str(exists + 1), '+FLAGS', '(\\Flagged)'), 'STORE by B')
until(a, rb'\* %d FETCH \(.*\\Flagged.*\)\r\n' % (exists + 1), 'FETCH FLAGS for B\'s STORE')

ok(b.xatom('MOVE', str(exists + 1), 'Archive'), 'MOVE by B')
until(a, rb'\* %d EXPUNGE\r\n' % (exists + 1), 'EXPUNGE for B\'s MOVE')
b.logout()

a.send(b'DONE\r\n')
end = until(a, rb'I1 (OK|NO|BAD).*\r\n', 'IDLE completion')
expect(end.group(1) == b'OK', 'IDLE ends with OK')
expect(int(ok(a.select('Archive'), 'SELECT Archive')[0]) >= 1, 'the moved message is in Archive')
a.logout()
print('idle complete', flush=True)
