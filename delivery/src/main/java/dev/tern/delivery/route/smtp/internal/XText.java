package dev.tern.delivery.route.smtp.internal;

import java.nio.charset.StandardCharsets;

/** RFC 3461 xtext, for ENVID: '+', '=' and anything outside printable ASCII become "+HH". */
public final class XText {

  private XText() {}

  public static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x21 || c > 0x7e || c == '+' || c == '=') {
        out.append('+').append(String.format("%02X", c));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }
}
