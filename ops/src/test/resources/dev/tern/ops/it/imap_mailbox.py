# Looks at and changes one account's mailboxes through Python's imaplib, for tests that check what another client
# (curl, mbsync) did or prepare what it should find. Messages are named by their (unique) subject.
#
# usage: imap_mailbox.py HOST IMAP_PORT USER PASSWORD ACTION...
#   wait=BOX=N           poll STATUS (at most 60 s) until BOX holds at least N messages
#   dump                 print "box NAME" per mailbox, then "msg NAME|SUBJECT|FLAGS" per message (no \Recent)
#   create=BOX           CREATE
#   append=BOX=SUBJECT   APPEND a small message
#   flag=BOX=SUBJECT=F   STORE +FLAGS (F)
#   unflag=BOX=SUBJECT=F STORE -FLAGS (F)
#   delete=BOX=SUBJECT   STORE +FLAGS (\Deleted), then EXPUNGE
# Exit code 1 with a "FAILED:" line when the server refuses a step.
import email
import email.header
import imaplib
import re
import sys
import time

host, port, user, password = sys.argv[1:5]
actions = sys.argv[5:]


def expect(condition, what):
    if not condition:
        print('FAILED:', what, flush=True)
        sys.exit(1)


def ok(result, what):
    typ, data = result
    expect(typ == 'OK', '%s: expected OK, got %s %r' % (what, typ, data))
    return data


m = imaplib.IMAP4(host, int(port), timeout=30)
ok(m.login(user, password), 'LOGIN')


def count(box):
    data = ok(m.status(box, '(MESSAGES)'), 'STATUS ' + box)
    return int(re.search(rb'MESSAGES (\d+)', data[0]).group(1))


def the_message(box, subject):
    ok(m.select(box), 'SELECT ' + box)
    found = ok(m.search(None, 'SUBJECT', '"%s"' % subject), 'SEARCH')[0].split()
    expect(len(found) == 1, 'one message "%s" in %s: %r' % (subject, box, found))
    return found[0].decode()


def mailbox_names():
    names = []
    for line in ok(m.list('""', '*'), 'LIST'):
        name = re.match(rb'\([^)]*\) (?:"[^"]*"|NIL) (.+)', line).group(1)
        names.append(name.strip(b'"').decode())
    return sorted(names)


for action in actions:
    name, *args = action.split('=')
    if name == 'wait':
        box, n = args
        deadline = time.time() + 60
        while count(box) < int(n) and time.time() < deadline:
            time.sleep(0.2)
        expect(count(box) >= int(n), '%s holds %s messages' % (box, n))
    elif name == 'dump':
        for box in mailbox_names():
            print('box', box)
            n = int(ok(m.select(box, readonly=True), 'EXAMINE ' + box)[0])
            if n == 0:
                continue
            data = ok(m.fetch('1:*', '(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])'), 'FETCH')
            for part in data:
                if not isinstance(part, tuple):
                    continue
                flags = re.search(rb'FLAGS \(([^)]*)\)', part[0])
                raw = email.message_from_bytes(part[1])['Subject'] or ''
                subject = str(email.header.make_header(email.header.decode_header(raw)))
                expect(flags is not None, 'FLAGS in %r' % (part,))
                # \Recent depends on which session saw the message first; the tests look at the other flags.
                kept = [f for f in flags.group(1).decode().split() if f != '\\Recent']
                print('msg %s|%s|%s' % (box, subject, ' '.join(kept)))
    elif name == 'create':
        ok(m.create(args[0]), 'CREATE ' + args[0])
    elif name == 'append':
        box, subject = args
        body = 'From: remote@client.example\r\nTo: %s\r\nSubject: %s\r\n\r\nmade on the server\r\n' % (user, subject)
        ok(m.append(box, None, None, body.encode()), 'APPEND ' + box)
    elif name in ('flag', 'unflag'):
        box, subject, flag = args
        n = the_message(box, subject)
        ok(m.store(n, '+FLAGS' if name == 'flag' else '-FLAGS', '(%s)' % flag), 'STORE')
    elif name == 'delete':
        box, subject = args
        n = the_message(box, subject)
        ok(m.store(n, '+FLAGS', '(\\Deleted)'), 'STORE \\Deleted')
        ok(m.expunge(), 'EXPUNGE')
    else:
        expect(False, 'unknown action ' + action)
m.logout()
