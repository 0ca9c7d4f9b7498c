# A scripted tour of IMAP4rev1 (RFC 3501) and the extensions Tern announces, driven by Python's imaplib against a
# running `tern serve`. Every step checks what the server answered; the first mismatch ends the script with exit
# code 1 and a "FAILED:" line naming the step, what was expected and what came. The test asserts exit code 0.
#
# usage: imap_tour.py MODE HOST IMAP_PORT SMTP_PORT USER PASSWORD AUTH
#   MODE  plain (no TLS; loopback), starttls, or ssl (implicit TLS)
#   AUTH  login (LOGIN) or plain (AUTHENTICATE PLAIN)
# The user must have a quota of 10 MiB and an empty mailbox; the script delivers its own mail through SMTP.
import imaplib
import re
import smtplib
import ssl
import sys
import time

mode, host, port, smtp_port, user, password, auth = sys.argv[1:8]
port, smtp_port = int(port), int(smtp_port)
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE  # the server's certificate is self-signed


def expect(condition, what):
    if not condition:
        print('FAILED:', what, flush=True)
        sys.exit(1)


def ok(result, what):
    typ, data = result
    expect(typ == 'OK', '%s: expected OK, got %s %r' % (what, typ, data))
    return data


def no(result, what):
    typ, data = result
    expect(typ == 'NO', '%s: expected NO, got %s %r' % (what, typ, data))
    return data


def step(name):
    print('step', name, flush=True)


TOUR = (b'From: Sender <sender@client.example>\r\n'
        b'To: ' + user.encode() + b'\r\n'
        b'Subject: tour message\r\n'
        b'Message-ID: <tour-1@client.example>\r\n'
        b'MIME-Version: 1.0\r\n'
        b'Content-Type: multipart/mixed; boundary="b1"\r\n'
        b'\r\n'
        b'preamble\r\n'
        b'--b1\r\n'
        b'Content-Type: text/plain; charset=us-ascii\r\n'
        b'\r\n'
        b'Hello IMAP,\r\n'
        b'this is the tour.\r\n'
        b'\r\n'
        b'--b1\r\n'
        b'Content-Type: application/octet-stream; name="data.bin"\r\n'
        b'Content-Transfer-Encoding: base64\r\n'
        b'Content-Disposition: attachment; filename="data.bin"\r\n'
        b'\r\n'
        b'AAECAwQFBgcICQ==\r\n'
        b'\r\n'
        b'--b1--\r\n')
PART1 = b'Hello IMAP,\r\nthis is the tour.\r\n'
PART2 = b'AAECAwQFBgcICQ==\r\n'
PART2_MIME = (b'Content-Type: application/octet-stream; name="data.bin"\r\n'
              b'Content-Transfer-Encoding: base64\r\n'
              b'Content-Disposition: attachment; filename="data.bin"\r\n\r\n')
SECOND = (b'From: Other <other@client.example>\r\n'
          b'To: ' + user.encode() + b'\r\n'
          b'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from the second\r\n'
          b'Message-ID: <tour-2@client.example>\r\n'
          b'\r\n'
          b'pineapple on pizza\r\n')


def simple(subject, body):
    return ('From: sender@client.example\r\nTo: %s\r\nSubject: %s\r\n\r\n%s\r\n' % (user, subject, body)).encode()


def connect():
    if mode == 'ssl':
        return imaplib.IMAP4_SSL(host, port, ssl_context=ctx, timeout=30)
    m = imaplib.IMAP4(host, port, timeout=30)
    if mode == 'starttls':
        expect('STARTTLS' in m.capabilities, 'STARTTLS announced: %r' % (m.capabilities,))
        ok(m.starttls(ssl_context=ctx), 'STARTTLS')
        expect('STARTTLS' not in m.capabilities, 'no STARTTLS after TLS: %r' % (m.capabilities,))
    return m


def login(m):
    if auth == 'plain':
        ok(m.authenticate('PLAIN', lambda _: ('\0%s\0%s' % (user, password)).encode()), 'AUTHENTICATE PLAIN')
    else:
        ok(m.login(user, password), 'LOGIN')


def status(m, mailbox, items='(MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)'):
    data = ok(m.status(mailbox, items), 'STATUS ' + mailbox)
    return {k.decode(): int(v) for k, v in re.findall(rb'([A-Z]+) (\d+)', data[0].split(b'(', 1)[1])}


LIST_LINE = re.compile(rb'\((?P<attrs>[^)]*)\) (?P<delim>"[^"]*"|NIL) (?P<name>.+)')


def mailboxes(data):
    found = {}
    for line in data:
        if line is None:
            continue
        if isinstance(line, tuple):  # a name sent as a literal
            match = LIST_LINE.match(line[0])
            name = line[1]
        else:
            match = LIST_LINE.match(line)
            expect(match is not None, 'LIST line: %r' % line)
            name = match.group('name')
        expect(match.group('delim') == b'"."', 'hierarchy delimiter: %r' % line)
        if name.startswith(b'"'):
            name = name[1:-1]
        found[name.decode()] = match.group('attrs').decode().split()
    return found


def flat(data):
    out = b''
    for part in data:
        if isinstance(part, tuple):
            out += part[0] + part[1]
        elif part is not None:
            out += part
    return out


def literal(data):
    parts = [p for p in data if isinstance(p, tuple)]
    expect(len(parts) == 1, 'one literal in %r' % (data,))
    return parts[0][1]


def fetch(m, seq, items):
    return ok(m.fetch(seq, items), 'FETCH %s %s' % (seq, items))


def search(m, *criteria):
    return ok(m.search(None, *criteria), 'SEARCH %s' % (criteria,))[0].split()


def response(m, code):
    return m.response(code)[1]


# --- Not authenticated ------------------------------------------------------------------------------------------


def deliver(sender, message):
    smtp = smtplib.SMTP(host, smtp_port, timeout=30)
    smtp.sendmail(sender, [user], message)
    smtp.quit()


def wait_for(m, count):
    deadline = time.time() + 60
    while status(m, 'INBOX')['MESSAGES'] < count and time.time() < deadline:
        time.sleep(0.2)
    expect(status(m, 'INBOX')['MESSAGES'] == count, 'INBOX holds %d messages' % count)


# Local delivery runs after SMTP's 250 and may finish in any order: the second message is sent once the first is
# in INBOX, so that the tour's message is message 1.
step('deliver by SMTP')
deliver('sender@client.example', TOUR)

step('bad login')
m = connect()
try:
    m.login(user, password + 'x')
    expect(False, 'LOGIN with a wrong password succeeded')
except imaplib.IMAP4.error as e:
    expect('AUTHENTICATIONFAILED' in str(e), 'wrong password answer: %s' % e)
m.logout()

step('CAPABILITY, NOOP, login')
m = connect()
for cap in ('IMAP4REV1', 'AUTH=PLAIN'):
    expect(cap in m.capabilities, '%s in %r' % (cap, m.capabilities))
ok(m.noop(), 'NOOP')
login(m)
caps = ok(m.capability(), 'CAPABILITY')[0].upper().split()
for cap in (b'IMAP4REV1', b'IDLE', b'NAMESPACE', b'UIDPLUS', b'MOVE', b'UNSELECT', b'ID', b'ENABLE', b'QUOTA',
            b'CONDSTORE', b'SPECIAL-USE', b'CHILDREN'):
    expect(cap in caps, '%s after login in %r' % (cap, caps))
expect(b'AUTH=PLAIN' not in caps, 'no AUTH= after login: %r' % caps)

step('wait for delivery')
wait_for(m, 1)
deliver('other@client.example', SECOND)
wait_for(m, 2)
st = status(m, 'INBOX')
expect(st['MESSAGES'] == 2 and st['UNSEEN'] == 2 and st['UIDNEXT'] == 3, 'STATUS INBOX: %r' % st)
uidvalidity = st['UIDVALIDITY']

# --- Mailboxes --------------------------------------------------------------------------------------------------
step('LIST, LSUB')
DEFAULT = {'INBOX', 'Drafts', 'Sent', 'Trash', 'Junk', 'Archive'}
listed = mailboxes(ok(m.list('""', '*'), 'LIST'))
expect(set(listed) == DEFAULT, 'LIST "" *: %r' % listed)
for name, use in (('Sent', '\\Sent'), ('Trash', '\\Trash'), ('Drafts', '\\Drafts'), ('Junk', '\\Junk'),
                  ('Archive', '\\Archive')):
    expect(use in listed[name], '%s has %s: %r' % (name, use, listed[name]))
expect(set(mailboxes(ok(m.lsub('""', '*'), 'LSUB'))) == DEFAULT, 'LSUB: new accounts subscribe their folders')

step('CREATE, RENAME, SUBSCRIBE, UNSUBSCRIBE, DELETE')
ok(m.create('Tour'), 'CREATE Tour')
ok(m.create('Tour.Sub'), 'CREATE Tour.Sub')
no(m.create('Tour'), 'CREATE of an existing mailbox')
listed = mailboxes(ok(m.list('""', 'Tour*'), 'LIST Tour*'))
expect(set(listed) == {'Tour', 'Tour.Sub'}, 'LIST Tour*: %r' % listed)
expect('\\HasChildren' in listed['Tour'] and '\\HasNoChildren' in listed['Tour.Sub'], 'CHILDREN: %r' % listed)
expect(set(mailboxes(ok(m.list('""', 'Tour.%'), 'LIST Tour.%'))) == {'Tour.Sub'}, '% stops at the delimiter')
ok(m.rename('Tour', 'Journey'), 'RENAME Tour Journey')
listed = mailboxes(ok(m.list('""', '*'), 'LIST after RENAME'))
expect('Journey' in listed and 'Journey.Sub' in listed and 'Tour' not in listed and 'Tour.Sub' not in listed,
       'RENAME takes the children along: %r' % listed)
ok(m.subscribe('Journey.Sub'), 'SUBSCRIBE')
expect('Journey.Sub' in mailboxes(ok(m.lsub('""', '*'), 'LSUB')), 'LSUB shows the subscription')
ok(m.unsubscribe('Journey.Sub'), 'UNSUBSCRIBE')
expect('Journey.Sub' not in mailboxes(ok(m.lsub('""', '*'), 'LSUB')), 'LSUB after UNSUBSCRIBE')
ok(m.delete('Journey.Sub'), 'DELETE Journey.Sub')
ok(m.delete('Journey'), 'DELETE Journey')
expect(set(mailboxes(ok(m.list('""', '*'), 'LIST'))) == DEFAULT, 'only the defaults are left')
no(m.create('INBOX'), 'CREATE INBOX')
no(m.delete('Nowhere'), 'DELETE of a missing mailbox')
no(m.rename('Nowhere', 'Somewhere'), 'RENAME of a missing mailbox')
no(m.select('Nowhere'), 'SELECT of a missing mailbox')
no(m.status('Nowhere', '(MESSAGES)'), 'STATUS of a missing mailbox')

step('APPEND')
appended = ok(m.append('Drafts', '(\\Draft)', imaplib.Time2Internaldate(time.time()), simple('draft', 'not yet')),
              'APPEND Drafts')
expect(re.search(rb'\[APPENDUID \d+ 1\]', appended[0]) is not None, 'APPENDUID: %r' % appended)
expect(status(m, 'Drafts')['MESSAGES'] == 1, 'APPEND stored the draft')
refused = no(m.append('Nowhere', None, None, simple('lost', 'nowhere')), 'APPEND to a missing mailbox')
expect(b'[TRYCREATE]' in refused[0], 'TRYCREATE: %r' % refused)

# --- EXAMINE: read-only --------------------------------------------------------------------------------------------
step('EXAMINE')
expect(ok(m.select('INBOX', readonly=True), 'EXAMINE INBOX') == [b'2'], 'EXAMINE counts 2')
expect('READ-ONLY' in m.untagged_responses, 'EXAMINE is [READ-ONLY]')
body = fetch(m, '1', '(BODY[]<0.10>)')
expect(literal(body) == b'Return-Pat', 'BODY[]<0.10> starts the trace headers: %r' % (body,))
# RFC 3501 6.3.2: nothing about the mailbox may change under EXAMINE; servers answer NO or ignore the STORE.
typ, data = m.store('1', '+FLAGS', '(\\Flagged)')
expect(typ in ('OK', 'NO'), 'STORE while read-only: %s %r' % (typ, data))
ok(m.close(), 'CLOSE after EXAMINE')

# --- SELECT and FETCH ---------------------------------------------------------------------------------------------
step('SELECT')
expect(ok(m.select('INBOX'), 'SELECT INBOX') == [b'2'], 'SELECT counts 2')
expect('READ-WRITE' in m.untagged_responses, 'SELECT is [READ-WRITE]')
expect(response(m, 'UIDVALIDITY') == [str(uidvalidity).encode()], 'UIDVALIDITY as STATUS said')
expect(response(m, 'UIDNEXT') == [b'3'], 'UIDNEXT 3')
flags = flat(fetch(m, '1', '(FLAGS)'))
expect(b'\\Seen' not in flags and b'\\Flagged' not in flags, 'EXAMINE changed no flag: %r' % flags)

step('FETCH ENVELOPE, BODYSTRUCTURE, BODY sections')
envelope = flat(fetch(m, '1', '(ENVELOPE)'))
expect(b'"tour message" (("Sender" NIL "sender" "client.example"))' in envelope, 'ENVELOPE: %r' % envelope)
expect(b'"<tour-1@client.example>")' in envelope, 'ENVELOPE message-id: %r' % envelope)
structure = flat(fetch(m, '1', '(BODYSTRUCTURE)')).upper()
expect(b'("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 32 2' in structure, 'text part: %r' % structure)
expect(b'("APPLICATION" "OCTET-STREAM" ("NAME" "DATA.BIN") NIL NIL "BASE64" 18' in structure,
       'attachment part: %r' % structure)
expect(b'"MIXED"' in structure and b'("BOUNDARY" "B1")' in structure, 'multipart/mixed: %r' % structure)
header = literal(fetch(m, '1', '(BODY.PEEK[HEADER.FIELDS (SUBJECT)])'))
expect(header == b'Subject: tour message\r\n\r\n', 'HEADER.FIELDS (SUBJECT): %r' % header)
whole = literal(fetch(m, '1', '(BODY.PEEK[])'))
expect(whole.endswith(TOUR), 'BODY[] ends with what was sent: %r' % whole)
expect(whole.startswith(b'Return-Path: <sender@client.example>\r\n'), 'trace headers first: %r' % whole[:200])
size = flat(fetch(m, '1', '(RFC822.SIZE)'))
expect(re.search(rb'RFC822\.SIZE %d\b' % len(whole), size) is not None, 'RFC822.SIZE %d: %r' % (len(whole), size))
expect(literal(fetch(m, '1', '(BODY.PEEK[1])')) == PART1, 'BODY[1]')
expect(literal(fetch(m, '1', '(BODY.PEEK[2])')) == PART2, 'BODY[2]')
expect(literal(fetch(m, '1', '(BODY.PEEK[2.MIME])')) == PART2_MIME, 'BODY[2.MIME]')
expect(literal(fetch(m, '1', '(BODY.PEEK[HEADER])')) == whole[:whole.index(b'\r\n\r\n') + 4], 'BODY[HEADER]')
expect(b'\\Seen' not in flat(fetch(m, '1', '(FLAGS)')), 'PEEK leaves \\Seen alone')
partial = fetch(m, '1', '(BODY[]<0.10>)')
expect(literal(partial) == whole[:10], 'BODY[]<0.10>: %r' % (partial,))
expect(re.search(rb'BODY\[\]<0> \{10\}', flat(partial)) is not None, 'origin octet <0> echoed: %r' % (partial,))
expect(b'\\Seen' in flat(fetch(m, '1', '(FLAGS)')), 'BODY[] without PEEK set \\Seen')

step('SEARCH')
expect(search(m, 'ALL') == [b'1', b'2'], 'SEARCH ALL')
expect(search(m, 'SEEN') == [b'1'], 'SEARCH SEEN')
expect(search(m, 'UNSEEN') == [b'2'], 'SEARCH UNSEEN')
expect(search(m, 'SUBJECT', '"tour"') == [b'1'], 'SEARCH SUBJECT')
expect(search(m, 'BODY', 'pineapple') == [b'2'], 'SEARCH BODY')
expect(search(m, 'TEXT', '"Hello IMAP"') == [b'1'], 'SEARCH TEXT (body)')
expect(search(m, 'TEXT', 'Other') == [b'2'], 'SEARCH TEXT (header)')
expect(search(m, 'FROM', 'client.example') == [b'1', b'2'], 'SEARCH FROM')
expect(search(m, 'HEADER', 'Message-ID', '<tour-2@client.example>') == [b'2'], 'SEARCH HEADER')
expect(search(m, 'NOT', 'SEEN', 'FROM', 'other') == [b'2'], 'SEARCH NOT SEEN FROM')
expect(search(m, 'OR', 'SUBJECT', 'tour', 'BODY', 'pineapple') == [b'1', b'2'], 'SEARCH OR')
expect(search(m, 'LARGER', str(len(whole) - 1)) == [b'1'], 'SEARCH LARGER')
expect(search(m, 'BODY', 'mango') == [], 'SEARCH without a match')
m.literal = 'grüße'.encode('utf-8')
found = ok(m.search('UTF-8', 'SUBJECT'), 'SEARCH CHARSET UTF-8 SUBJECT {literal}')[0].split()
expect(found == [b'2'], 'SEARCH CHARSET UTF-8 matches the decoded subject: %r' % found)
uids = ok(m.uid('SEARCH', 'UID', '2:*'), 'UID SEARCH')[0].split()
expect(uids == [b'2'], 'UID SEARCH UID 2:*: %r' % uids)

step('STORE')
stored = flat(ok(m.store('2', '+FLAGS', '(\\Flagged $Tour)'), 'STORE +FLAGS'))
expect(b'\\Flagged' in stored and b'$Tour' in stored, 'STORE +FLAGS answers FLAGS: %r' % stored)
stored = flat(ok(m.store('2', '-FLAGS', '($Tour)'), 'STORE -FLAGS'))
expect(b'\\Flagged' in stored and b'$Tour' not in stored, 'STORE -FLAGS: %r' % stored)
expect(ok(m.store('2', '+FLAGS.SILENT', '(\\Answered)'), 'STORE .SILENT') == [None], '.SILENT answers no FETCH')
flags = flat(fetch(m, '2', '(FLAGS)'))
expect(b'\\Answered' in flags and b'\\Flagged' in flags, 'FLAGS after STORE: %r' % flags)
stored = flat(ok(m.store('2', 'FLAGS', '(\\Seen)'), 'STORE FLAGS (replace)'))
expect(b'\\Seen' in stored and b'\\Flagged' not in stored and b'\\Answered' not in stored, 'FLAGS replaced: %r' % stored)

step('COPY, UID COPY, UID FETCH, UID STORE')
ok(m.copy('1', 'Archive'), 'COPY 1 Archive')
expect(re.fullmatch(rb'%d 1 1' % status(m, 'Archive')['UIDVALIDITY'], response(m, 'COPYUID')[0]) is not None,
       'COPYUID')
ok(m.uid('COPY', '2', 'Trash'), 'UID COPY 2 Trash')
expect(re.fullmatch(rb'\d+ 2 1', response(m, 'COPYUID')[0]) is not None, 'UID COPY answers COPYUID')
expect(status(m, 'Archive')['MESSAGES'] == 1 and status(m, 'Trash')['MESSAGES'] == 1, 'copies arrived')
no(m.copy('1', 'Nowhere'), 'COPY to a missing mailbox')
fetched = flat(ok(m.uid('FETCH', '1:*', '(FLAGS)'), 'UID FETCH'))
expect(re.search(rb'1 \(.*UID 1\b', fetched) and re.search(rb'2 \(.*UID 2\b', fetched), 'UID FETCH: %r' % fetched)
stored = flat(ok(m.uid('STORE', '1', '+FLAGS', '(\\Flagged)'), 'UID STORE'))
expect(b'UID 1' in stored and b'\\Flagged' in stored, 'UID STORE answers with the UID: %r' % stored)

step('MOVE, UID MOVE')
for n in (3, 4, 5):
    ok(m.append('INBOX', None, None, simple('extra %d' % n, 'extra')), 'APPEND extra')
# The appends reach this session as mailbox events: NOOP until it has heard of all three (bounded).
deadline = time.time() + 60
exists = []
while b'5' not in exists and time.time() < deadline:
    ok(m.noop(), 'NOOP')
    exists += response(m, 'EXISTS') or []
expect(b'5' in exists, 'NOOP reports the appended messages as EXISTS: %r' % exists)
ok(m.xatom('MOVE', '1', 'Junk'), 'MOVE 1 Junk')
expect(response(m, 'EXPUNGE') == [b'1'], 'MOVE expunged message 1')
expect(re.fullmatch(rb'\d+ 1 1', response(m, 'COPYUID')[0]) is not None, 'MOVE answers COPYUID')
ok(m.uid('MOVE', '3', 'Junk'), 'UID MOVE 3 Junk')
expect(response(m, 'EXPUNGE') == [b'2'], 'UID MOVE expunged UID 3, now message 2')
expect(status(m, 'Junk')['MESSAGES'] == 2, 'Junk holds both moved messages')
remaining = ok(m.uid('SEARCH', 'ALL'), 'UID SEARCH ALL')[0].split()
expect(remaining == [b'2', b'4', b'5'], 'INBOX UIDs after the moves: %r' % remaining)

step('EXPUNGE, UID EXPUNGE, CHECK, CLOSE')
ok(m.store('2', '+FLAGS.SILENT', '(\\Deleted)'), 'STORE \\Deleted')
expunged = ok(m.expunge(), 'EXPUNGE')
expect(expunged == [b'2'], 'EXPUNGE answers message 2: %r' % expunged)
ok(m.store('1:2', '+FLAGS.SILENT', '(\\Deleted)'), 'STORE 1:2 \\Deleted')
ok(m.uid('EXPUNGE', '5'), 'UID EXPUNGE 5')
expect(response(m, 'EXPUNGE') == [b'2'], 'UID EXPUNGE removed only UID 5')
expect(ok(m.uid('SEARCH', 'ALL'), 'UID SEARCH')[0].split() == [b'2'], 'UID 2 is left, still \\Deleted')
ok(m.check(), 'CHECK')
ok(m.close(), 'CLOSE')
expect(status(m, 'INBOX')['MESSAGES'] == 0, 'CLOSE expunged the \\Deleted message')

step('UNSELECT')
ok(m.select('Archive'), 'SELECT Archive')
ok(m.store('1', '+FLAGS.SILENT', '(\\Deleted)'), 'STORE \\Deleted in Archive')
ok(m.unselect(), 'UNSELECT')
expect(status(m, 'Archive')['MESSAGES'] == 1, 'UNSELECT expunges nothing')

step('NAMESPACE, ENABLE, ID, GETQUOTAROOT')
expect(ok(m.namespace(), 'NAMESPACE') == [b'(("" ".")) NIL NIL'], 'NAMESPACE')
ok(m.enable('CONDSTORE'), 'ENABLE CONDSTORE')
expect(response(m, 'ENABLED') == [b'CONDSTORE'], 'ENABLED CONDSTORE')
ok(m.xatom('ID', '("name" "imaplib-tour")'), 'ID')
server_id = response(m, 'ID')[0]
expect(b'"name" "Tern"' in server_id, 'ID: %r' % server_id)
roots, quotas = ok(m.getquotaroot('INBOX'), 'GETQUOTAROOT INBOX')
expect(roots[0].startswith(b'INBOX ') or roots[0].startswith(b'"INBOX" '), 'QUOTAROOT: %r' % roots)
quota = re.search(rb'\(STORAGE (\d+) (\d+)\)', quotas[0])
expect(quota is not None and int(quota.group(2)) == 10240, 'QUOTA STORAGE limit 10240 KiB: %r' % quotas)
expect(int(quota.group(1)) >= 1, 'QUOTA STORAGE usage counts the stored messages: %r' % quotas)

step('IDLE')
ok(m.select('INBOX'), 'SELECT INBOX')
m.send(b'TIDLE IDLE\r\n')
line = m.readline()
expect(line.startswith(b'+'), 'IDLE continuation: %r' % line)
other = connect()
login(other)
ok(other.append('INBOX', None, None, simple('while idling', 'pushed')), 'APPEND by a second client')
other.logout()
m.sock.settimeout(60)
line = m.readline()
while line and not line.endswith(b' EXISTS\r\n'):
    line = m.readline()
expect(line == b'* 1 EXISTS\r\n', 'IDLE reported the new message: %r' % line)
m.send(b'DONE\r\n')
line = m.readline()
while line and not line.startswith(b'TIDLE '):
    line = m.readline()
expect(line.startswith(b'TIDLE OK'), 'IDLE ended with OK: %r' % line)

step('LOGOUT')
typ, data = m.logout()
expect(typ == 'BYE', 'LOGOUT answers BYE: %s %r' % (typ, data))
print('tour complete', flush=True)
