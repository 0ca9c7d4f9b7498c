#!/usr/bin/env python3
"""IMAP client of benchmarks/imap-bench.sh. Prints one line of key=value on stdout; on any failure exits 1 with
the reason on stderr.

    imap-client.py MODE --port P --user U --password W --manifest FILE [options]

Modes:
  prime     one session: LOGIN, SELECT INBOX (the first open after the mail was put in place), LOGOUT
  logins    --sessions N sequential sessions of connect, greeting, LOGIN, SELECT INBOX, LOGOUT; medians and p99
  fetch     one session: LOGIN, SELECT, then the --ops in order (comma-separated), each --repeat times (the
            figures are the medians; <op>_s_min/_max give the spread; the last answer is checked):
              meta    UID FETCH 1:* (FLAGS RFC822.SIZE ENVELOPE)
              body    FETCH 1:* BODY.PEEK[]
              search  UID SEARCH HEADER Subject <the manifest's word>
  idle      --conns N connections (at most --parallel opening at once), each LOGIN, SELECT INBOX, IDLE; prints
            "held=..." once all are idling, or once it stopped opening (stopped=error: a connection failed;
            memory: MemAvailable fell below --min-free-mib; time: --max-open-s passed), then holds them until a
            line or EOF on stdin, ends each IDLE with DONE and LOGOUT, and prints the final line

Why not imaplib: it parses responses line by line in Python and copies every literal several times; for 10,000
FETCH responses that is the client's time, not the server's. Here a response is read with one scan for CRLF
per line and literals ({n}) are sliced out of one buffer; the timed span ends at the tagged OK, and every check
against the manifest (counts, sizes, Message-IDs, subjects, flags, the search hits) is made after it.
client_cpu_s (the client's CPU seconds during a timed command) says how much of the span was the client's.
"""
import argparse
import asyncio
import json
import math
import os
import re
import socket
import statistics
import sys
import time

LITERAL = re.compile(rb"\{(\d+)\+?\}$")


def fail(why):
    sys.stderr.write(f"imap client: {why}\n")
    sys.exit(1)


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Connection:
    """A blocking connection with one receive buffer. A response is a list of text pieces and the literals
    between them: [text0, literal0, text1, ...], the text without its CRLF."""

    def __init__(self, port, timeout, stall):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.settimeout(stall)
        self.stall, self.tag_no = stall, 0
        # The received bytes not yet consumed are buf[pos:end]. recv_into writes behind end, so appending copies
        # nothing; the buffer is compacted or grown only inside _fill, where no other offset is held.
        self.buf, self.pos, self.end = bytearray(1 << 23), 0, 0
        self.current, self.received = "greeting", 0

    def _fill(self):
        if len(self.buf) - self.end < (1 << 20):
            if self.pos >= len(self.buf) // 2:
                self.buf[:self.end - self.pos] = self.buf[self.pos:self.end]
                self.end -= self.pos
                self.pos = 0
            else:
                self.buf.extend(bytes(len(self.buf)))
        try:
            with memoryview(self.buf) as view:
                n = self.sock.recv_into(view[self.end:])
        except TimeoutError:
            fail(f"{self.current}: the server sent nothing for {self.stall:.0f} s, {self.received} octets into"
                 " its answer")
        if not n:
            fail(f"{self.current}: server closed the connection")
        self.received += n
        self.end += n

    def _slice(self, start, end):
        # One copy out of the buffer (slicing the bytearray itself would copy twice); the view is released
        # before the buffer is moved or grown.
        with memoryview(self.buf) as view:
            return bytes(view[start:end])

    def _line(self):
        while True:
            end = self.buf.find(b"\r\n", self.pos, self.end)
            if end >= 0:
                text = self._slice(self.pos, end)
                self.pos = end + 2
                return text
            self._fill()

    def _bytes(self, n):
        while self.end - self.pos < n:
            self._fill()
        data = self._slice(self.pos, self.pos + n)
        self.pos += n
        return data

    def response(self):
        parts = [self._line()]
        while True:
            m = LITERAL.search(parts[-1])
            if not m:
                return parts
            parts.append(self._bytes(int(m.group(1))))
            parts.append(self._line())

    def send(self, command):
        self.tag_no += 1
        tag = b"c%d" % self.tag_no
        self.current, self.received = command.split(" ")[0] if command.startswith("LOGIN") else command, 0
        self.sock.sendall(tag + b" " + command.encode() + b"\r\n")
        return tag

    def command(self, command, what):
        """Sends one command, returns its untagged responses; fails unless it ends in a tagged OK."""
        tag = self.send(command)
        untagged = []
        while True:
            parts = self.response()
            if parts[0].startswith(tag + b" "):
                if parts[0][len(tag) + 1:len(tag) + 3].upper() != b"OK":
                    fail(f"{what}: {parts[0][:300]!r}")
                return untagged
            untagged.append(parts)

    def greeting(self):
        parts = self.response()
        if not parts[0].startswith(b"* OK"):
            fail(f"greeting: {parts[0][:200]!r}")

    def login(self, user, password):
        self.command(f"LOGIN {quoted(user)} {quoted(password)}", "LOGIN")

    def select(self, expected):
        untagged = self.command("SELECT INBOX", "SELECT")
        exists = [int(p[0].split()[1]) for p in untagged if p[0].upper().endswith(b" EXISTS")]
        if exists != [expected]:
            fail(f"SELECT INBOX: EXISTS {exists}, expected [{expected}]")

    def logout(self):
        self.command("LOGOUT", "LOGOUT")
        self.sock.close()


# ---------------------------------------------------------------------------------------------- parsing
class Lexer:
    """Tokens of one response: b"(", b")", atoms (bytes, BODY[...] kept whole), quoted strings and literals
    (both as Str), NIL as None."""

    class Str(bytes):
        pass

    def __init__(self, parts):
        self.tokens = []
        for i, piece in enumerate(parts):
            if i % 2:
                self.tokens.append(Lexer.Str(piece))
            else:
                self._lex(piece[:LITERAL.search(piece).start()] if i + 1 < len(parts) else piece)
        self.at = 0

    def _lex(self, text):
        i, n = 0, len(text)
        while i < n:
            c = text[i:i + 1]
            if c == b" ":
                i += 1
            elif c in (b"(", b")"):
                self.tokens.append(c)
                i += 1
            elif c == b'"':
                out, i = bytearray(), i + 1
                while text[i:i + 1] != b'"':
                    if text[i:i + 1] == b"\\":
                        i += 1
                    out += text[i:i + 1]
                    i += 1
                    if i >= n:
                        fail(f"unterminated quoted string in {text[:200]!r}")
                self.tokens.append(Lexer.Str(bytes(out)))
                i += 1
            else:
                j, depth = i, 0
                while j < n:
                    d = text[j:j + 1]
                    if d == b"[":
                        depth += 1
                    elif d == b"]":
                        depth -= 1
                    elif depth == 0 and d in (b" ", b"(", b")"):
                        break
                    j += 1
                atom = bytes(text[i:j])
                self.tokens.append(None if atom.upper() == b"NIL" else atom)
                i = j

    def value(self):
        tok = self.tokens[self.at]
        self.at += 1
        if tok == b"(" and not isinstance(tok, Lexer.Str):
            items = []
            while not (self.tokens[self.at] == b")" and not isinstance(self.tokens[self.at], Lexer.Str)):
                items.append(self.value())
            self.at += 1
            return items
        return tok


def fetch_items(parts):
    """'* n FETCH (k v ...)' -> (n, {KEY: value})"""
    lex = Lexer(parts)
    head = lex.tokens[:3]
    if len(head) < 3 or head[0] != b"*" or head[2].upper() != b"FETCH":
        return None, None
    lex.at = 3
    items = lex.value()
    return int(head[1]), {bytes(items[k]).upper(): items[k + 1] for k in range(0, len(items), 2)}


# ---------------------------------------------------------------------------------------------- modes
def percentile(values, p):
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def mode_prime(args, manifest):
    t0 = time.perf_counter()
    c = Connection(args.port, args.timeout, args.stall_s)
    c.greeting()
    c.login(args.user, args.password)
    t1 = time.perf_counter()
    c.select(len(manifest["messages"]))
    t2 = time.perf_counter()
    c.logout()
    return {"first_login_ms": f"{(t1 - t0) * 1000:.1f}", "first_select_ms": f"{(t2 - t1) * 1000:.1f}"}


def mode_logins(args, manifest):
    expected = len(manifest["messages"])
    login, select, both = [], [], []
    cpu0 = time.process_time()
    for _ in range(args.sessions):
        t0 = time.perf_counter()
        c = Connection(args.port, args.timeout, args.stall_s)
        c.greeting()
        c.login(args.user, args.password)
        t1 = time.perf_counter()
        c.select(expected)
        t2 = time.perf_counter()
        c.logout()
        login.append((t1 - t0) * 1000)
        select.append((t2 - t1) * 1000)
        both.append((t2 - t0) * 1000)
    return {"login_select_ms_median": f"{statistics.median(both):.2f}",
            "login_select_ms_p99": f"{percentile(both, 99):.2f}",
            "login_ms_median": f"{statistics.median(login):.2f}", "select_ms_median": f"{statistics.median(select):.2f}",
            "select_ms_p99": f"{percentile(select, 99):.2f}", "sessions": args.sessions,
            "client_cpu_s": f"{time.process_time() - cpu0:.3f}"}


def timed(c, command, what, repeat):
    """Runs the command repeat times; returns the last answer, the median seconds and the median client CPU,
    and the fastest and slowest seconds (one short run on a shared VM is noisy)."""
    runs = []
    for _ in range(repeat):
        t0, cpu0 = time.perf_counter(), time.process_time()
        untagged = c.command(command, what)
        runs.append((time.perf_counter() - t0, time.process_time() - cpu0))
    secs = statistics.median(r[0] for r in runs)
    return untagged, secs, statistics.median(r[1] for r in runs), min(r[0] for r in runs), max(r[0] for r in runs)


def spread(prefix, low, high, scale=1.0, digits=3):
    return {prefix + "_min": f"{low * scale:.{digits}f}", prefix + "_max": f"{high * scale:.{digits}f}"}


def check_meta(untagged, manifest, result, prefix):
    """Checks the UID FETCH responses against the manifest; returns {seq: message index} and {uid: index}."""
    by_id = {m["id"]: i for i, m in enumerate(manifest["messages"])}
    seq_index, uid_index, mismatches = {}, {}, []
    for parts in untagged:
        seq, items = fetch_items(parts)
        if seq is None:
            continue
        env, size, uid, flags = items.get(b"ENVELOPE"), items.get(b"RFC822.SIZE"), items.get(b"UID"), \
            items.get(b"FLAGS")
        if env is None or size is None or uid is None or flags is None or len(env) != 10:
            fail(f"FETCH {seq} lacks an item or has a malformed ENVELOPE: {parts[0][:300]!r}")
        msgid = env[9].decode() if env[9] is not None else None
        if msgid not in by_id:
            fail(f"FETCH {seq}: unknown Message-ID {msgid!r}")
        i = by_id[msgid]
        m = manifest["messages"][i]
        seq_index[seq], uid_index[int(uid)] = i, i
        subject = env[1].decode("utf-8", "replace") if env[1] is not None else None
        seen = any(bytes(f).upper() == b"\\SEEN" for f in flags)
        if int(size) != m["size"] or subject != m["subject"] or seen != m["seen"]:
            mismatches.append(f"{msgid}: size {int(size)}/{m['size']}, subject {subject!r}/{m['subject']!r},"
                              f" seen {seen}/{m['seen']}")
    if len(seq_index) != len(manifest["messages"]) or len(set(seq_index.values())) != len(seq_index):
        fail(f"UID FETCH 1:* answered for {len(seq_index)} distinct sequence numbers,"
             f" {len(set(seq_index.values()))} distinct messages; expected {len(manifest['messages'])}")
    if mismatches:
        fail(f"{len(mismatches)} FETCH responses differ from the manifest, e.g. {mismatches[:3]}")
    result[prefix + "envelopes_checked"] = len(seq_index)
    return seq_index, uid_index


def uid_map(c, manifest):
    """{uid: message index} from an untimed UID FETCH 1:* (UID), for a search in a session without the meta op.
    Sequence number n is manifest message n - 1 (the names and mtimes fix the order; the body and meta checks
    confirm it by Message-ID)."""
    untagged = c.command("UID FETCH 1:* (UID)", "UID FETCH 1:* (UID)")
    mapping = {}
    for parts in untagged:
        seq, items = fetch_items(parts)
        if seq is not None and b"UID" in items:
            mapping[int(items[b"UID"])] = seq - 1
    if sorted(mapping.values()) != list(range(len(manifest["messages"]))):
        fail(f"UID FETCH 1:* (UID) answered for {len(mapping)} messages, expected {len(manifest['messages'])}")
    return mapping


def mode_fetch(args, manifest):
    """The ops in one session; each is checked on its own (a session may run any of them alone)."""
    c = Connection(args.port, args.timeout, args.stall_s)
    c.greeting()
    c.login(args.user, args.password)
    c.select(len(manifest["messages"]))
    result, uid_index = {}, None
    messages = manifest["messages"]
    n = len(messages)
    for op in args.ops.split(","):
        if op == "meta":
            untagged, secs, cpu, low, high = timed(c, "UID FETCH 1:* (FLAGS RFC822.SIZE ENVELOPE)",
                                                   "UID FETCH meta", args.repeat)
            _, uid_index = check_meta(untagged, manifest, result, "meta_")
            result.update({"meta_s": f"{secs:.3f}", "meta_msgs_per_s": f"{n / secs:.1f}",
                           "meta_client_cpu_s": f"{cpu:.3f}", **spread("meta_s", low, high)})
        elif op == "body":
            untagged, secs, cpu, low, high = timed(c, "FETCH 1:* BODY.PEEK[]", "FETCH body", args.repeat)
            got, total, seen = 0, 0, set()
            for parts in untagged:
                if len(parts) < 3 or not parts[0].upper().endswith(b"}") or b" FETCH " not in parts[0].upper():
                    continue
                seq = int(parts[0].split()[1])
                body = parts[1]
                m = messages[seq - 1] if 0 < seq <= n else None
                if m is None or seq in seen or len(body) != m["size"] \
                        or (b"Message-ID: " + m["id"].encode()) not in body[:8192]:
                    fail(f"FETCH {seq} BODY[]: {len(body)} octets; expected message {seq} of the manifest"
                         f" ({m['size'] if m else '?'} octets, {m['id'] if m else '?'}), once")
                seen.add(seq)
                got += 1
                total += len(body)
            if got != n:
                fail(f"FETCH 1:* BODY.PEEK[] returned {got} bodies, expected {n}")
            result.update({"body_s": f"{secs:.3f}", "body_msgs_per_s": f"{n / secs:.1f}",
                           "body_MiB_per_s": f"{total / secs / 1048576:.1f}", "body_bytes": total,
                           "body_client_cpu_s": f"{cpu:.3f}", **spread("body_s", low, high)})
        elif op == "search":
            if uid_index is None:
                uid_index = uid_map(c, manifest)
            word = manifest["word"]
            untagged, secs, cpu, low, high = timed(c, f"UID SEARCH HEADER Subject {word}", "UID SEARCH",
                                                   args.repeat)
            uids = [int(x) for parts in untagged if parts[0].upper().startswith(b"* SEARCH")
                    for x in parts[0].split()[2:]]
            found = sorted(uid_index[u] for u in uids if u in uid_index)
            expected = [i for i, m in enumerate(messages) if m["hit"]]
            if found != expected or len(uids) != len(expected):
                fail(f"UID SEARCH HEADER Subject {word}: {len(uids)} UIDs, expected {len(expected)}")
            result.update({"search_ms": f"{secs * 1000:.1f}", "search_hits": len(uids),
                           "search_client_cpu_s": f"{cpu:.3f}", **spread("search_ms", low, high, 1000, 1)})
        else:
            fail(f"unknown op {op}")
    c.logout()
    return result


def mem_available_mib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    return 1 << 30


async def idle_main(args, manifest):
    expected = len(manifest["messages"])
    login = f"a LOGIN {quoted(args.user)} {quoted(args.password)}\r\n".encode()
    gate = asyncio.Semaphore(args.parallel)
    state = {"held": 0, "failed": 0, "dropped": 0, "settled": 0, "stop_opening": None, "first_error": "",
             "stopping": False}
    writers = []

    async def until_tagged(reader, tag, what):
        exists = None
        while True:
            line = await reader.readline()
            if not line:
                raise ConnectionError(f"{what}: connection closed")
            if line.startswith(tag + b" "):
                if line[len(tag) + 1:len(tag) + 3].upper() != b"OK":
                    raise ConnectionError(f"{what}: {line[:200]!r}")
                return exists
            if line.upper().rstrip().endswith(b" EXISTS"):
                exists = int(line.split()[1])

    async def one():
        try:
            reader = await handshake()
        finally:
            state["settled"] += 1
        if reader is None:
            return
        # Idling: read untagged updates ("* OK Still here", EXISTS) until the connection ends.
        while True:
            line = await reader.readline()
            if not line:
                if not state["stopping"]:
                    state["dropped"] += 1
                return

    async def open_one(opened):
        reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
        opened.append(writer)
        greeting = await reader.readline()
        if not greeting.startswith(b"* OK"):
            raise ConnectionError(f"greeting: {greeting[:200]!r}")
        writer.write(login)
        await until_tagged(reader, b"a", "LOGIN")
        writer.write(b"b SELECT INBOX\r\n")
        if await until_tagged(reader, b"b", "SELECT") != expected:
            raise ConnectionError("SELECT INBOX: wrong EXISTS")
        writer.write(b"c IDLE\r\n")
        line = await reader.readline()
        if not line.startswith(b"+"):
            raise ConnectionError(f"IDLE: {line[:200]!r}")
        return reader

    async def handshake():
        """Connect, LOGIN, SELECT, IDLE; the reader once idling, None when it failed or was not tried."""
        async with gate:
            if state["stop_opening"]:
                return None
            opened = []
            try:
                # A server stuck (in garbage collection, say) must not hold the run: a handshake gets stall_s.
                reader = await asyncio.wait_for(open_one(opened), args.stall_s)
            except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError, asyncio.TimeoutError) as e:
                state["failed"] += 1
                if not state["first_error"]:
                    why = str(e) or f"no answer within {args.stall_s:.0f} s"
                    state["first_error"] = why[:200].replace(" ", "_")
                state["stop_opening"] = state["stop_opening"] or "error"
                for writer in opened:
                    writer.close()
                return None
            writers.append(opened[0])
            state["held"] += 1
            if state["held"] % 1000 == 0:
                sys.stderr.write(f"# idle: {state['held']} connections idling\n")
            if state["held"] % 200 == 0 and mem_available_mib() < args.min_free_mib:
                state["stop_opening"] = "memory"
            return reader

    t0 = time.perf_counter()
    tasks = [asyncio.ensure_future(one()) for _ in range(args.conns)]
    while state["settled"] < args.conns:
        if time.perf_counter() - t0 > args.max_open_s:
            state["stop_opening"] = state["stop_opening"] or "time"
        if time.perf_counter() - t0 > args.max_open_s + args.timeout:
            fail(f"idle: {state['settled']} of {args.conns} connections settled after {args.timeout:.0f}s")
        await asyncio.sleep(0.05)
    open_s = time.perf_counter() - t0
    print(f"held={state['held']} failed={state['failed']} open_s={open_s:.1f}"
          f" conns_per_s={state['held'] / open_s:.1f} stopped={state['stop_opening'] or 'no'}"
          f" first_error={state['first_error'] or 'none'}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    dropped = state["dropped"]
    state["stopping"] = True
    for writer in writers:
        try:
            writer.write(b"DONE\r\nd LOGOUT\r\n")
        except (OSError, RuntimeError):
            pass
    await asyncio.sleep(1)
    for writer in writers:
        writer.close()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {"held": state["held"], "dropped_while_held": dropped}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["prime", "logins", "fetch", "idle"])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--stall-s", type=float, default=60, help="fail when the server sends nothing for this long")
    p.add_argument("--sessions", type=int, default=200)
    p.add_argument("--ops", default="meta,body,search")
    p.add_argument("--repeat", type=int, default=1, help="times each op runs; its figures are the median")
    p.add_argument("--conns", type=int, default=10000)
    p.add_argument("--parallel", type=int, default=50)
    p.add_argument("--min-free-mib", type=int, default=2048)
    p.add_argument("--max-open-s", type=float, default=300)
    args = p.parse_args()
    with open(args.manifest) as f:
        manifest = json.load(f)
    if args.mode == "idle":
        result = asyncio.run(idle_main(args, manifest))
    else:
        result = {"prime": mode_prime, "logins": mode_logins, "fetch": mode_fetch}[args.mode](args, manifest)
    print(" ".join(f"{k}={v}" for k, v in result.items()), flush=True)


if __name__ == "__main__":
    main()
