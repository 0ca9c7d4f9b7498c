package dev.tern.access.imap.internal.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * Writes ENVELOPE, BODY and BODYSTRUCTURE of a {@link MessageStructure} in RFC 3501 7.4.2 syntax, as the
 * octets that follow the item name in a FETCH response. Strings that hold CR, LF or 8-bit octets are
 * written as literals, so the result is bytes, not text.
 */
public final class FetchStructureWriter {

    private static final char ESCAPE = 0x1b;
    private static final String EMPTY_PART = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0";

    private FetchStructureWriter() {
    }

    /** ENVELOPE of the message. */
    public static byte[] envelope(MessageStructure structure) {
        WireText out = new WireText();
        writeEnvelope(out, structure.root());
        return out.toByteArray();
    }

    /** BODYSTRUCTURE: BODY plus extension data (MD5, disposition, language, location; multipart params). */
    public static byte[] bodyStructure(MessageStructure structure) {
        WireText out = new WireText();
        writeBody(out, structure.root(), true);
        return out.toByteArray();
    }

    /** BODY: the structure without extension data. */
    public static byte[] body(MessageStructure structure) {
        WireText out = new WireText();
        writeBody(out, structure.root(), false);
        return out.toByteArray();
    }

    static void writeEnvelope(WireText out, MessagePart message) {
        out.raw("(");
        out.nstring(message.value("date").orElse(null)).raw(" ");
        out.nstring(message.value("subject").orElse(null)).raw(" ");
        List<AddressListParser.Address> from = addresses(message, "from");
        writeAddresses(out, from);
        out.raw(" ");
        List<AddressListParser.Address> sender = addresses(message, "sender");
        writeAddresses(out, sender.isEmpty() ? from : sender);
        out.raw(" ");
        List<AddressListParser.Address> replyTo = addresses(message, "reply-to");
        writeAddresses(out, replyTo.isEmpty() ? from : replyTo);
        for (String name : List.of("to", "cc", "bcc")) {
            out.raw(" ");
            writeAddresses(out, addresses(message, name));
        }
        out.raw(" ");
        out.nstring(message.value("in-reply-to").orElse(null)).raw(" ");
        out.nstring(message.value("message-id").orElse(null)).raw(")");
    }

    private static List<AddressListParser.Address> addresses(MessagePart message, String field) {
        return message.value(field).map(AddressListParser::parse).orElse(List.of());
    }

    private static void writeAddresses(WireText out, List<AddressListParser.Address> addresses) {
        if (addresses.isEmpty()) {
            out.nil();
            return;
        }
        out.raw("(");
        for (AddressListParser.Address address : addresses) {
            out.raw("(").nstring(address.name()).raw(" ").nstring(address.route()).raw(" ")
                    .nstring(address.mailbox()).raw(" ").nstring(address.host()).raw(")");
        }
        out.raw(")");
    }

    private static void writeBody(WireText out, MessagePart part, boolean extensions) {
        if (part.isMultipart()) {
            writeMultipart(out, part, extensions);
        } else {
            writeSinglePart(out, part, extensions);
        }
    }

    private static void writeMultipart(WireText out, MessagePart part, boolean extensions) {
        out.raw("(");
        if (part.children().isEmpty()) {
            // RFC 3501 needs at least one part; like Dovecot, show an empty text/plain one.
            out.raw(EMPTY_PART).raw(extensions ? " NIL NIL NIL NIL)" : ")");
        }
        for (MessagePart child : part.children()) {
            writeBody(out, child, extensions);
        }
        out.raw(" ").nstring(part.subtype());
        if (extensions) {
            out.raw(" ");
            writeParams(out, contentType(part).params);
            writeExtensionTail(out, part);
        }
        out.raw(")");
    }

    private static void writeSinglePart(WireText out, MessagePart part, boolean extensions) {
        ContentType type = contentType(part);
        out.raw("(").nstring(type.type).raw(" ").nstring(type.subtype).raw(" ");
        writeParams(out, type.params);
        out.raw(" ").nstring(part.value("content-id").orElse(null));
        out.raw(" ").nstring(part.value("content-description").orElse(null));
        out.raw(" ").nstring(transferEncoding(part));
        out.raw(" ").raw(Long.toString(part.bodySize()));
        if (part.message().isPresent()) {
            out.raw(" ");
            writeEnvelope(out, part.message().get());
            out.raw(" ");
            writeBody(out, part.message().get(), extensions);
            out.raw(" ").raw(Long.toString(part.bodyLines()));
        } else if (part.type().equals("text")) {
            out.raw(" ").raw(Long.toString(part.bodyLines()));
        }
        if (extensions) {
            out.raw(" ").nstring(part.value("content-md5").orElse(null));
            writeExtensionTail(out, part);
        }
        out.raw(")");
    }

    /** Disposition, language and location, shared by single parts and multiparts. */
    private static void writeExtensionTail(WireText out, MessagePart part) {
        out.raw(" ");
        Structured disposition = part.value("content-disposition").map(FetchStructureWriter::parseStructured).orElse(null);
        if (disposition == null || disposition.value().isEmpty()) {
            out.nil();
        } else {
            out.raw("(").nstring(disposition.value()).raw(" ");
            writeParams(out, disposition.params());
            out.raw(")");
        }
        out.raw(" ");
        List<String> languages = new ArrayList<>();
        for (String tag : part.value("content-language").orElse("").split(",")) {
            if (!tag.isBlank()) {
                languages.add(tag.strip());
            }
        }
        if (languages.isEmpty()) {
            out.nil();
        } else if (languages.size() == 1) {
            out.nstring(languages.get(0));
        } else {
            out.raw("(");
            for (int i = 0; i < languages.size(); i++) {
                out.raw(i == 0 ? "" : " ").nstring(languages.get(i));
            }
            out.raw(")");
        }
        out.raw(" ").nstring(part.value("content-location").orElse(null));
    }

    private static void writeParams(WireText out, List<NameValuePair> params) {
        if (params.isEmpty()) {
            out.nil();
            return;
        }
        out.raw("(");
        for (int i = 0; i < params.size(); i++) {
            NameValuePair param = params.get(i);
            out.raw(i == 0 ? "" : " ").nstring(param.getName()).raw(" ")
                    .nstring(param.getValue() == null ? "" : param.getValue());
        }
        out.raw(")");
    }

    private static String transferEncoding(MessagePart part) {
        return part.value("content-transfer-encoding")
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElse("7bit");
    }

    private record ContentType(String type, String subtype, List<NameValuePair> params) {
    }

    /**
     * The type as written in the header when mime4j accepted it, otherwise mime4j's decision (its default,
     * e.g. text/plain, or message/rfc822 inside multipart/digest) without parameters; text parts without a
     * charset get charset us-ascii, the RFC 2045 default.
     */
    private static ContentType contentType(MessagePart part) {
        Structured header = part.value("content-type").map(FetchStructureWriter::parseStructured).orElse(null);
        String type = part.type();
        String subtype = part.subtype();
        List<NameValuePair> params = new ArrayList<>();
        if (header != null) {
            String value = header.value();
            int slash = value.indexOf('/');
            if (slash > 0 && value.toLowerCase(Locale.ROOT).equals(type + "/" + subtype)) {
                type = value.substring(0, slash).strip();
                subtype = value.substring(slash + 1).strip();
                params.addAll(header.params());
            }
        }
        boolean hasCharset = params.stream().anyMatch(p -> p.getName().equalsIgnoreCase("charset"));
        if (part.type().equals("text") && !hasCharset) {
            params.add(new NameValuePair("charset", "us-ascii"));
        }
        return new ContentType(type, subtype, params);
    }

    /**
     * "value; name=param ..." parsed by mime4j. Its parser reads bytes as US-ASCII, so 8-bit octets (and
     * the escape char itself) travel through it as ESC + two hex digits and are restored afterwards.
     */
    /** A structured header value: the part before the first ';' and its parameters. */
    private record Structured(String value, List<NameValuePair> params) {
    }

    private static Structured parseStructured(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7f || c == ESCAPE) {
                escaped.append(ESCAPE).append(String.format("%02X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        byte[] bytes = escaped.toString().getBytes(StandardCharsets.US_ASCII);
        RawBody parsed = RawFieldParser.DEFAULT.parseRawBody(new ByteArrayBuffer(bytes, bytes.length, false),
                new ParserCursor(0, bytes.length));
        List<NameValuePair> params = new ArrayList<>();
        for (NameValuePair param : parsed.getParams()) {
            params.add(new NameValuePair(unescape(param.getName()), unescape(param.getValue())));
        }
        return new Structured(unescape(parsed.getValue()), params);
    }

    private static String unescape(String text) {
        if (text == null || text.indexOf(ESCAPE) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE && i + 2 < text.length()) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
