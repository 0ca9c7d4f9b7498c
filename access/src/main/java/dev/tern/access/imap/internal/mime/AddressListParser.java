package dev.tern.access.imap.internal.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Lenient RFC 5322 address-list parser that leaves display names as written (encoded words stay encoded,
 * quotes and escapes removed), which mime4j's address parser cannot: it always decodes names.
 * Produces IMAP envelope address tuples, groups as RFC 3501 7.4.2 marks them.
 */
final class AddressListParser {

    /** One envelope address: name, source route, mailbox, host; a group start has only mailbox set. */
    record Address(String name, String route, String mailbox, String host) {
        static Address groupStart(String name) {
            return new Address(null, null, name, null);
        }

        static final Address GROUP_END = new Address(null, null, null, null);
    }

    private enum Kind { ATOM, QUOTED, COMMENT, LITERAL, SPECIAL }

    private record Token(Kind kind, String text, boolean spaceBefore) {
        boolean is(char special) {
            return kind == Kind.SPECIAL && text.charAt(0) == special;
        }
    }

    private final List<Token> tokens;
    private int next;

    private AddressListParser(String value) {
        this.tokens = tokenize(value);
    }

    static List<Address> parse(String value) {
        AddressListParser parser = new AddressListParser(value);
        List<Address> addresses = new ArrayList<>();
        while (parser.next < parser.tokens.size()) {
            parser.parseAddress(addresses, false);
        }
        return addresses;
    }

    /** Parses one mailbox or group up to and including its terminating ',' (or ';' inside a group). */
    private void parseAddress(List<Address> out, boolean inGroup) {
        List<Token> phrase = new ArrayList<>();
        String lastComment = null;
        while (next < tokens.size()) {
            Token token = tokens.get(next++);
            if (token.kind == Kind.COMMENT) {
                lastComment = token.text;
            } else if (token.is(',')) {
                addAddrSpec(out, phrase, lastComment);
                return;
            } else if (token.is(';') && inGroup) {
                next--;
                addAddrSpec(out, phrase, lastComment);
                return;
            } else if (token.is(':') && !inGroup) {
                out.add(Address.groupStart(words(phrase)));
                while (next < tokens.size() && !tokens.get(next).is(';')) {
                    parseAddress(out, true);
                }
                next++;
                out.add(Address.GROUP_END);
                skipTo(',');
                return;
            } else if (token.is('<')) {
                out.add(angleAddress(words(phrase)));
                skipTo(inGroup ? ';' : ',');
                return;
            } else {
                phrase.add(token);
            }
        }
        addAddrSpec(out, phrase, lastComment);
    }

    private Address angleAddress(String name) {
        List<Token> inside = new ArrayList<>();
        while (next < tokens.size() && !tokens.get(next).is('>')) {
            Token token = tokens.get(next++);
            if (token.kind != Kind.COMMENT) {
                inside.add(token);
            }
        }
        next++;
        String route = null;
        int colon = indexOf(inside, ':');
        if (colon >= 0) {
            route = joined(inside.subList(0, colon));
            inside = inside.subList(colon + 1, inside.size());
        }
        Address spec = addrSpec(inside, name);
        return new Address(spec.name, route, spec.mailbox, spec.host);
    }

    private void addAddrSpec(List<Address> out, List<Token> phrase, String comment) {
        if (!phrase.isEmpty()) {
            out.add(addrSpec(phrase, comment));
        }
    }

    private static Address addrSpec(List<Token> spec, String name) {
        int at = indexOf(spec, '@');
        String mailbox = at < 0 ? joined(spec) : joined(spec.subList(0, at));
        String host = at < 0 ? "" : joined(spec.subList(at + 1, spec.size()));
        // Same markers as Dovecot for the parts a broken address lacks; NIL host would mean a group.
        return new Address(name, null, mailbox.isEmpty() ? "MISSING_MAILBOX" : mailbox,
                host.isEmpty() ? "MISSING_DOMAIN" : host);
    }

    private void skipTo(char terminator) {
        while (next < tokens.size()) {
            Token token = tokens.get(next);
            if (token.is(';') && terminator == ';') {
                return;
            }
            next++;
            if (token.is(terminator)) {
                return;
            }
        }
    }

    private static int indexOf(List<Token> list, char special) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).is(special)) {
                return i;
            }
        }
        return -1;
    }

    /** A display name: words joined as written (one space where there was white space). */
    private static String words(List<Token> phrase) {
        if (phrase.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Token token : phrase) {
            if (token.spaceBefore && !text.isEmpty()) {
                text.append(' ');
            }
            text.append(token.text);
        }
        return text.toString();
    }

    /** Local parts, domains and routes: tokens joined without the white space between them. */
    private static String joined(List<Token> tokens) {
        StringBuilder text = new StringBuilder();
        for (Token token : tokens) {
            text.append(token.kind == Kind.LITERAL ? "[" + token.text + "]" : token.text);
        }
        return text.toString();
    }

    private static List<Token> tokenize(String value) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        boolean space = false;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
                i++;
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                i = delimited(value, i + 1, '"', text);
                tokens.add(new Token(Kind.QUOTED, text.toString(), space));
                space = false;
            } else if (c == '[') {
                StringBuilder text = new StringBuilder();
                i = delimited(value, i + 1, ']', text);
                tokens.add(new Token(Kind.LITERAL, text.toString(), space));
                space = false;
            } else if (c == '(') {
                StringBuilder text = new StringBuilder();
                i = comment(value, i + 1, text);
                tokens.add(new Token(Kind.COMMENT, text.toString(), space));
                space = true;
            } else if ("<>,:;@.".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SPECIAL, String.valueOf(c), space));
                space = false;
                i++;
            } else {
                int start = i;
                while (i < value.length() && " \t\r\n\"[(<>,:;@.)".indexOf(value.charAt(i)) < 0) {
                    i++;
                }
                if (i == start) {
                    i++; // a stray ')' is dropped
                    continue;
                }
                tokens.add(new Token(Kind.ATOM, value.substring(start, i), space));
                space = false;
            }
        }
        return tokens;
    }

    private static int delimited(String value, int i, char close, StringBuilder text) {
        while (i < value.length() && value.charAt(i) != close) {
            if (value.charAt(i) == '\\' && i + 1 < value.length()) {
                i++;
            }
            text.append(value.charAt(i++));
        }
        return i + 1;
    }

    private static int comment(String value, int i, StringBuilder text) {
        int depth = 1;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                text.append(value.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            text.append(c);
            i++;
        }
        return i;
    }
}
