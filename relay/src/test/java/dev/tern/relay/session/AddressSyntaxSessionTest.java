package dev.tern.relay.session;

import dev.tern.relay.SmtpListenerOptions.Role;
import dev.tern.relay.SmtpServerOptions;
import dev.tern.relay.support.RelayFixture;
import dev.tern.relay.support.RelayTestBase;
import dev.tern.relay.support.SmtpClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad addresses and parameters at MAIL and RCPT, over the wire. */
class AddressSyntaxSessionTest extends RelayTestBase {

  @Override
  protected SmtpServerOptions relayOptions() {
    return RelayFixture.options(Role.MX).maxErrors(100);
  }

  @Test
  void badSenders() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:bob@remote.test").expect(501, "5.5.4");
      c.send("MAIL TO:<bob@remote.test>").expect(501, "5.5.4");
      c.send("MAIL FROM:<bob@@remote.test>").expect(501, "5.1.7");
      c.send("MAIL FROM:<bob>").expect(501, "5.1.7");
      c.send("MAIL FROM:<bob@remote..test>").expect(501, "5.1.7");
      c.send("MAIL FROM:<b\u200Bob@remote.test> SMTPUTF8").expect(553, "5.1.7");
      c.send("MAIL FROM:<bob@remote.test\u2028>").expect(553);
      c.send("MAIL FROM:<bob\u00AD@remote.test> SMTPUTF8").expect(553);
      c.send("MAIL FROM:<bob\uFEFF@remote.test> SMTPUTF8").expect(553);
      c.raw("MAIL FROM:<bob\u0000@remote.test>\r\n").expect(500, "5.5.2");
      c.send("MAIL FROM:<j\u00F6rg@remote.test>").expect(553, "5.6.7");
      c.send("MAIL FROM:<bob@remote.test> FOO=bar").expect(555, "5.5.4");
      c.send("MAIL FROM:<bob@remote.test> BODY=9BIT").expect(501, "5.5.4");
      c.send("MAIL FROM:<bob@remote.test> BODY=7BIT BODY=7BIT").expect(501, "5.5.4");
      c.send("MAIL FROM:<bob@remote.test> SIZE=abc").expect(501, "5.5.4");
      c.send("MAIL FROM:<bob@remote.test> RET=MAYBE").expect(501, "5.5.4");
      c.send("MAIL FROM:<j\u00F6rg@r\u00E9mote.test> SMTPUTF8 BODY=8BITMIME ENVID=abc+2Bd RET=HDRS AUTH=<>")
          .expect(250, "2.1.0");
      c.send("RCPT TO:<alice@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;alice@example.org").expect(250);
      c.send("DATA").expect(354);
      c.raw("x\r\n.\r\n").expect(250);
    }
    var stored = relay.spool.stored().get(0);
    assertEquals("j\u00F6rg@r\u00E9mote.test", stored.envelope().sender());
    assertEquals(true, stored.envelope().smtpUtf8());
    assertEquals("abc+2Bd", stored.envelope().envelopeId());
  }

  @Test
  void badRecipients() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<bob@remote.test>").expect(250);
      c.send("RCPT TO:<>").expect(501, "5.1.3");
      c.send("RCPT TO:alice@example.org").expect(501, "5.5.4");
      c.send("RCPT TO:<alice@example.org").expect(501, "5.5.4");
      c.send("RCPT TO:<alice@exa mple.org>").expect(501);
      c.send("RCPT TO:<\u00E4lice@example.org>").expect(553, "5.6.7");
      c.send("RCPT TO:<alice@example.org> FOO=1").expect(555, "5.5.4");
      c.send("RCPT TO:<al\u200Dice@example.org>").expect(553, "5.1.3");
      c.send("RCPT TO:<Postmaster>").expect(250, "2.1.5");
      c.send("RCPT TO:<ALICE@Example.Org>").expect(250);
      c.send("EHLO bad name").expect(501);
      c.send("EHLO").expect(501);
    }
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.send("MAIL FROM:<bob@remote.test>").expect(250);
      c.send("RCPT TO:<Postmaster>").expect(250);
      c.send("DATA").expect(354);
      c.raw("x\r\n.\r\n").expect(250);
    }
    assertEquals(List.of("Postmaster@mx.test"), relay.spool.stored().get(0).envelope().recipients());
  }

  @Test
  void invalidUtf8InACommandIsRefused() throws Exception {
    try (SmtpClient c = relay.connect(Role.MX)) {
      c.ehlo("client.test");
      c.raw(new byte[] {'N', 'O', 'O', 'P', ' ', (byte) 0xC3, (byte) 0x28, '\r', '\n'}).expect(500, "5.5.2");
      c.send("NOOP").expect(250);
    }
  }
}
