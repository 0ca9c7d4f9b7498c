#!/usr/bin/env python3
"""Writes a Maildir of benchmark messages with realistic headers, the same bytes on every run with one seed.

    bench-messages.py MAILDIR MANIFEST COUNT SIZE SEARCH_WORD [SEED]

Why not Postfix's smtp-source (which mailbox-bench.sh sends): its messages carry only From, To, Date and
Message-Id and a body of X lines, so there is no Subject to search and nothing for ENVELOPE to parse.

Each message: Return-Path, Delivered-To, two Received, DKIM-Signature, Authentication-Results, From (display
name, some RFC 2047), To, sometimes Cc and Reply-To, Subject (some replies, some RFC 2047, some with quotes or
parentheses), Date, Message-ID, In-Reply-To/References on replies, MIME-Version, Content-Type (text/plain, or
multipart/alternative with an HTML part), sometimes List-Id/List-Unsubscribe, X-Mailer; then a body of prose
lines filled up to SIZE bytes +-15 %. CRLF line ends (as Tern stores messages), so a file's size is its
RFC822.SIZE on both servers.

Files go to MAILDIR/cur/ (flags in the name: most seen, some answered or flagged) and the newest 1 % to
MAILDIR/new/, named "<mtime>.M<usec>P<seed>Q<n>.bench,S=<size>[:2,<flags>]" with the mtime (the internal date)
rising with n, so Tern (orders unknown files by mtime, then name) and Dovecot (by name) give them the same UIDs.
SEARCH_WORD is in the Subject of every 50th message (only there, never inside an encoded word).

Also writes MANIFEST (JSON): per message in UID order the Message-ID, the raw Subject value, the size,
the flags, and whether SEARCH_WORD is in its Subject; imap-client.py checks the servers' answers against it.
Prints one line: messages=N bytes=B search_hits=H.
"""
import base64
import json
import os
import random
import sys
import time

FIRST_NAMES = ["Anna", "Ben", "Chloé", "David", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kavya",
               "Luis", "Maja", "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
               "Wen", "Xavier", "Yara", "Zoë"]
LAST_NAMES = ["Andersen", "Brown", "Castillo", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ivanova",
              "Jensen", "Kowalski", "López", "Müller", "Nakamura", "O'Brien", "Petrov", "Rossi", "Schmidt",
              "Tanaka", "Urban", "Varga", "Weber", "Yilmaz", "Zimmermann"]
DOMAINS = ["example.com", "example.org", "example.net", "mail.example.co.uk", "lists.example.io",
           "corp.example.de", "shop.example.fr"]
TOPICS = ["Budget", "Release", "Meeting notes", "Invoice", "Travel plans", "Build failure", "Roadmap",
          "Offsite", "Customer feedback", "Security advisory", "Weekly report", "Hiring", "Newsletter",
          "Deployment", "Contract renewal", "Design review", "Incident", "Lunch", "Onboarding", "Migration"]
NOUNS = ["draft", "update", "question", "summary", "proposal", "reminder", "follow-up", "agenda", "results",
         "checklist", "minutes", "estimate", "request", "announcement"]
PROJECTS = ["Apollo", "Borealis", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Iris", "Juniper"]
NON_ASCII_SUBJECTS = ["Café au lait à 15h", "Größenänderung der Datenbank", "Réunion d'équipe demain",
                      "Привет из офиса", "会議の議事録", "Ελέγχος ασφαλείας", "Año nuevo, presupuesto nuevo"]
LISTS = ["dev.lists.example.io", "announce.lists.example.io", "ops.lists.example.io"]
MAILERS = ["Mozilla Thunderbird 115.4", "Apple Mail (2.3774)", "Microsoft Outlook 16.0", "Evolution 3.46",
           "mutt 2.2.9", None, None]
WORDS = ("the of and to in is for on that with as by this be are from it at or an was we will can our not have "
         "all has but they more one which their if about new also its been were there when would so what up "
         "out into than them these some time only other could any then may after most over such between first "
         "through where those because system release budget review customer server mailbox message queue "
         "delivery latency storage index cache session planning team schedule agreement draft estimate "
         "contract proposal benchmark quarter target metrics dashboard incident rollback migration").split()


def encoded_word(text):
    return "=?UTF-8?B?" + base64.b64encode(text.encode()).decode() + "?="


def display_name(rng, first, last):
    name = f"{first} {last}"
    if any(ord(c) > 127 for c in name):
        return encoded_word(name)
    if "'" in name or rng.random() < 0.1:
        return '"' + name + (" (Ops)" if rng.random() < 0.5 else "") + '"'
    return name


def person(rng):
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    domain = rng.choice(DOMAINS)
    local = (first + "." + last).lower().encode("ascii", "ignore").decode().replace("'", "")
    return f"{display_name(rng, first, last)} <{local}@{domain}>", f"{local}@{domain}", domain


def subject(rng, n, word):
    if n % 50 == 0:
        return f"{rng.choice(PROJECTS)}: {word} {rng.choice(NOUNS)} ({rng.randint(1, 4)}/4)", True
    r = rng.random()
    if r < 0.05:
        return encoded_word(rng.choice(NON_ASCII_SUBJECTS)), False
    text = f"{rng.choice(TOPICS)} {rng.choice(NOUNS)} for {rng.choice(PROJECTS)}"
    if r < 0.10:
        text = f'"{rng.choice(PROJECTS)}" {rng.choice(NOUNS)} [#{rng.randint(100, 9999)}]'
    if rng.random() < 0.3:
        text = rng.choice(["Re: ", "RE: ", "Fwd: ", "Re: Re: "]) + text
    return text, False


def rfc2822_date(t, offset_min):
    tm = time.gmtime(t + offset_min * 60)
    sign = "+" if offset_min >= 0 else "-"
    return time.strftime("%a, %d %b %Y %H:%M:%S ", tm) + f"{sign}{abs(offset_min) // 60:02d}{abs(offset_min) % 60:02d}"


def prose(rng, target):
    lines, size = [], 0
    while size < target:
        words, line = [], 0
        while line < rng.randint(50, 74):
            w = rng.choice(WORDS)
            words.append(w)
            line += len(w) + 1
        text = " ".join(words)
        text = text[0].upper() + text[1:] + "."
        lines.append(text)
        size += len(text) + 2
        if rng.random() < 0.15:
            lines.append("")
            size += 2
    return lines


def folded_b64(rng, length, first_prefix):
    data = base64.b64encode(rng.randbytes(length * 3 // 4)).decode()
    out, line = [], first_prefix
    for i in range(0, len(data), 64):
        out.append(line + data[i:i + 64])
        line = "\t "
    return out


def message(rng, n, word, base_time, rcpt, size):
    from_hdr, from_addr, domain = person(rng)
    subj, hit = subject(rng, n, word)
    offset = rng.choice([0, 60, 120, -300, -240, 330, 540])
    date = rfc2822_date(base_time, offset)
    recv_date = rfc2822_date(base_time + rng.randint(1, 30), 0)
    msgid = f"<{rng.getrandbits(64):016x}.{n}@{domain}>"
    ip = f"203.0.113.{rng.randint(1, 254)}"
    h = [f"Return-Path: <{from_addr}>",
         f"Delivered-To: {rcpt}",
         f"Received: from mx{rng.randint(1, 9)}.{domain} (mx.{domain} [{ip}])",
         f"\tby mail.bench.localhost (Tern) with ESMTPS id {rng.getrandbits(48):012X}",
         f"\tfor <{rcpt}>; {recv_date}",
         f"Received: from [10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}]"
         f" (unknown [198.51.100.{rng.randint(1, 254)}])",
         f"\tby mx.{domain} (Postfix) with ESMTPSA id {rng.getrandbits(40):010X};",
         f"\t{date}",
         f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s=sel{rng.randint(1, 3)};",
         f"\tt={base_time}; bh={base64.b64encode(rng.randbytes(32)).decode()};",
         "\th=From:To:Cc:Subject:Date:Message-ID:MIME-Version:Content-Type;"]
    h += folded_b64(rng, 344, "\tb=")
    h.append(f"Authentication-Results: mail.bench.localhost; dkim=pass header.d={domain};"
             f" spf=pass smtp.mailfrom={domain}")
    h.append(f"From: {from_hdr}")
    h.append(f"To: Bench User <{rcpt}>")
    if rng.random() < 0.3:
        h.append("Cc: " + ", ".join(person(rng)[0] for _ in range(rng.randint(1, 3))))
    if rng.random() < 0.1:
        h.append(f"Reply-To: {person(rng)[0]}")
    h.append(f"Subject: {subj}")
    h.append(f"Date: {date}")
    h.append(f"Message-ID: {msgid}")
    if subj.startswith(("Re:", "RE:")):
        parent = f"<{rng.getrandbits(64):016x}@{domain}>"
        h += [f"In-Reply-To: {parent}", f"References: <{rng.getrandbits(64):016x}@{domain}> {parent}"]
    h.append("MIME-Version: 1.0")
    if rng.random() < 0.2:
        listname = rng.choice(LISTS)
        h += [f"List-Id: <{listname}>", f"List-Unsubscribe: <mailto:leave@{listname}>"]
    mailer = rng.choice(MAILERS)
    if mailer:
        h.append(f"X-Mailer: {mailer}")
    head_size = sum(len(x) + 2 for x in h)
    target = max(200, int(size * rng.uniform(0.85, 1.15)) - head_size - 200)
    if rng.random() < 0.2:
        boundary = f"=_bench_{rng.getrandbits(64):016x}"
        h.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        text = prose(rng, target * 3 // 5)
        html = ["<html><body>"] + [f"<p>{line}</p>" for line in prose(rng, target * 2 // 5) if line] + \
               ["</body></html>"]
        body = ["This is a multi-part message in MIME format.", "", f"--{boundary}",
                'Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: 8bit", ""] + text + \
               ["", f"--{boundary}", 'Content-Type: text/html; charset="utf-8"',
                "Content-Transfer-Encoding: 8bit", ""] + html + ["", f"--{boundary}--"]
    else:
        h.append('Content-Type: text/plain; charset="utf-8"; format=flowed')
        h.append("Content-Transfer-Encoding: 8bit")
        body = prose(rng, target) + ["", "-- ", from_hdr.split(" <")[0].strip('"')]
    data = ("\r\n".join(h) + "\r\n\r\n" + "\r\n".join(body) + "\r\n").encode()
    return data, msgid, subj, hit


def main():
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__)
    maildir, manifest_path, count, size, word = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    seed = int(sys.argv[6]) if len(sys.argv) == 7 else 1
    if count <= 0 or size < 512 or not word.isalpha() or word.lower() != word:
        sys.exit("COUNT must be > 0, SIZE >= 512, SEARCH_WORD lower-case letters")
    for w in TOPICS + NOUNS + PROJECTS + NON_ASCII_SUBJECTS + ["Re", "Fwd", "for"]:
        if word in w.lower():
            sys.exit(f"SEARCH_WORD '{word}' also occurs in ordinary subjects ('{w}'); choose another")
    rng = random.Random(seed)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    # A year of mail ending a day ago, in rising order.
    end = 1795000000
    start = end - 365 * 86400
    step = (end - start) // count
    manifest, total, hits = [], 0, 0
    new_from = count - max(1, count // 100)
    for n in range(count):
        t = start + n * step + rng.randint(0, max(0, step - 60))
        data, msgid, subj, hit = message(rng, n, word, t, "bench@localhost", size)
        r = rng.random()
        flags = "" if n >= new_from else ("RS" if r < 0.1 else "FS" if r < 0.15 else "S" if r < 0.85 else "")
        base = f"{t + 30}.M{n % 1000000:06d}P{seed}Q{n}.bench,S={len(data)}"
        path = os.path.join(maildir, "new", base) if n >= new_from else \
            os.path.join(maildir, "cur", base + ":2," + flags)
        with open(path, "wb") as f:
            f.write(data)
        os.utime(path, (t + 30, t + 30))
        manifest.append({"id": msgid, "subject": subj, "size": len(data), "seen": "S" in flags, "hit": hit})
        total += len(data)
        hits += hit
    with open(manifest_path, "w") as f:
        json.dump({"word": word, "messages": manifest}, f)
    print(f"messages={count} bytes={total} search_hits={hits}")


if __name__ == "__main__":
    main()
