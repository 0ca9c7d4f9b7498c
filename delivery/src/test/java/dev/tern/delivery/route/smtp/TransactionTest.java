package dev.tern.delivery.route.smtp;

import dev.tern.delivery.route.DeliveryReport;
import dev.tern.delivery.testing.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tern.delivery.route.DeliveryReport.Outcome.DEFERRED;
import static dev.tern.delivery.route.DeliveryReport.Outcome.DELIVERED;
import static dev.tern.delivery.route.DeliveryReport.Outcome.FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One transaction against the scripted server: envelope, body, per-recipient results. */
class TransactionTest extends OutboundTestSupport {

  private static final String BODY = "Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\nplain\r\n.\r\nend\r\n";

  @Test
  void deliversPipelinedWithDotStuffingAndExactBody() throws Exception {
    ScriptedSmtpServer server = server().size(1_000_000);
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"),
        message("alice@sender.test", BODY, true, false, -1, "bob@example.org", "carol@example.org"));
    assertEquals(DELIVERED, outcome(report, 0));
    assertEquals(DELIVERED, outcome(report, 1));
    assertTrue(reply(report, 0).startsWith("250 2.0.0"), reply(report, 0));
    assertEquals("127.0.0.1", report.remoteIp());
    assertEquals("mx.example.org", report.remoteHost());
    ScriptedSmtpServer.Received received = server.awaitReceived(1, java.time.Duration.ofSeconds(5)).get(0);
    assertEquals(BODY, received.bodyText(), "the server must unstuff exactly what we stored");
    assertEquals("alice@sender.test", received.mailFrom());
    assertEquals(List.of("bob@example.org", "carol@example.org"), received.recipients());
    assertTrue(received.mailCommand().contains("SIZE=" + BODY.length()), received.mailCommand());
    assertTrue(received.mailCommand().contains("BODY=8BITMIME"), received.mailCommand());
    assertFalse(received.bdat());
    assertEquals(1.0, counter("tern.outbound.messages", "result", "delivered"));
  }

  @Test
  void bodyWithoutFinalLineEndGetsOneBeforeTheDot() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", "Subject: x\r\n\r\nno end", "b@example.org"));
    assertEquals(DELIVERED, outcome(report, 0));
    assertEquals("Subject: x\r\n\r\nno end\r\n", server.awaitReceived(1, java.time.Duration.ofSeconds(5)).get(0).bodyText());
  }

  @Test
  void partialAcceptanceGivesEachRecipientItsOwnResult() throws Exception {
    ScriptedSmtpServer server = server()
        .rcptReply("gone@example.org", "550 5.1.1 no such user")
        .rcptReply("busy@example.org", "451 4.2.1 mailbox busy");
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"),
        message("a@s.test", BODY, "ok@example.org", "gone@example.org", "busy@example.org"));
    assertEquals(DELIVERED, outcome(report, 0));
    assertEquals(FAILED, outcome(report, 1));
    assertEquals("550 5.1.1 no such user", reply(report, 1));
    assertEquals(DEFERRED, outcome(report, 2));
    assertEquals("451 4.2.1 mailbox busy", reply(report, 2));
    assertEquals(List.of("ok@example.org"), server.awaitReceived(1, java.time.Duration.ofSeconds(5)).get(0).recipients());
  }

  @Test
  void sequentialWithoutPipeliningAndHeloFallback() throws Exception {
    ScriptedSmtpServer server = server().ehlo(false).rcptReply("gone@example.org", "550 5.1.1 no");
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"),
        message("a@s.test", BODY, "ok@example.org", "gone@example.org"));
    assertEquals(DELIVERED, outcome(report, 0));
    assertEquals(FAILED, outcome(report, 1));
    List<String> commands = server.sessions().get(0).commands();
    assertTrue(commands.get(0).startsWith("EHLO client.test"), commands.toString());
    assertTrue(commands.get(1).startsWith("HELO client.test"), commands.toString());
    assertFalse(server.received().get(0).mailCommand().contains("SIZE="), "no ESMTP parameters to a HELO server");
  }

  @Test
  void allRecipientsRefusedSendsNoBodyAndResets() throws Exception {
    ScriptedSmtpServer server = server().rcptReply("x@example.org", "550 5.1.1 no");
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "x@example.org"));
    assertEquals(FAILED, outcome(report, 0));
    assertTrue(server.received().isEmpty());
    assertTrue(server.awaitCommand("RSET", 1, java.time.Duration.ofSeconds(5)), "RSET after a half-finished transaction");
  }

  @Test
  void chunkingSendsTheBodyUnstuffedInBdat() throws Exception {
    ScriptedSmtpServer server = server().chunking(true);
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DELIVERED, outcome(report, 0));
    ScriptedSmtpServer.Received received = server.received().get(0);
    assertTrue(received.bdat());
    assertEquals(BODY, received.bodyText());
    assertTrue(server.sessions().get(0).commands().stream().noneMatch(c -> c.equals("DATA")));
  }

  @Test
  void repliesAfterDataApplyToAllAcceptedRecipients() throws Exception {
    ScriptedSmtpServer server = server().endOfDataReplies("452 4.3.1 insufficient storage", "554 5.7.1 spam");
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport first = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org", "c@example.org"));
    assertEquals(DEFERRED, outcome(first, 0));
    assertEquals(DEFERRED, outcome(first, 1));
    DeliveryReport second = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(FAILED, outcome(second, 0));
    assertEquals("554 5.7.1 spam", reply(second, 0));
  }

  @Test
  void refusedDataCommandFailsAcceptedRecipients() throws Exception {
    ScriptedSmtpServer server = server().dataReply("554 5.5.1 no data today");
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(FAILED, outcome(report, 0));
    assertEquals("554 5.5.1 no data today", reply(report, 0));
  }

  @Test
  void refusedMailFromAppliesToEveryRecipient() throws Exception {
    ScriptedSmtpServer server = server().mailReply("451 4.7.1 greylisted");
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org", "c@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertEquals(DEFERRED, outcome(report, 1));
    assertEquals("451 4.7.1 greylisted", reply(report, 1));
  }

  @Test
  void nullSenderIsSentAsEmptyPath() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()));
    assertEquals(DELIVERED, outcome(deliver(transport, local("example.org"), message("", BODY, "b@example.org")), 0));
    assertTrue(server.received().get(0).mailCommand().startsWith("MAIL FROM:<>"));
  }

  @Test
  void sizeOver8BitAndUtf8LimitsFailWithoutSendingTheMessage() throws Exception {
    ScriptedSmtpServer server = server().size(10).eightBitMime(false).smtpUtf8(false);
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport big = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(FAILED, outcome(big, 0));
    assertTrue(reply(big, 0).startsWith("552 5.3.4"), reply(big, 0));
    server.size(-1);
    DeliveryReport eightBit = deliver(transport, local("example.org"), message("a@s.test", BODY, true, false, -1, "c@example.org"));
    assertEquals(FAILED, outcome(eightBit, 0));
    assertTrue(reply(eightBit, 0).contains("5.6.3"), reply(eightBit, 0));
    DeliveryReport utf8 = deliver(transport, local("example.org"), message("a@s.test", BODY, false, true, -1, "d@example.org"));
    assertEquals(FAILED, outcome(utf8, 0));
    assertTrue(reply(utf8, 0).contains("5.6.7"), reply(utf8, 0));
    DeliveryReport utf8Address = deliver(transport, local("example.org"), message("a@s.test", BODY, "jürgen@example.org"));
    assertEquals(FAILED, outcome(utf8Address, 0));
    assertTrue(server.sessions().stream().flatMap(s -> s.commands().stream()).noneMatch(c -> c.startsWith("MAIL")),
        "nothing may be sent for a message the server cannot take");
  }

  @Test
  void smtpUtf8MessageGetsTheParameter() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("andré@s.test", BODY, false, true, -1, "jürgen@example.org"));
    assertEquals(DELIVERED, outcome(report, 0));
    assertTrue(server.received().get(0).mailCommand().endsWith(" SMTPUTF8"), server.received().get(0).mailCommand());
    assertEquals(List.of("jürgen@example.org"), server.received().get(0).recipients());
  }

  @Test
  void envelopeAddressesThatCouldInjectCommandsAreNeverWritten() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"),
        message("a@s.test", BODY, "evil@example.org>\r\nRSET", "x y@example.org", "noat", "ok@example.org", "a\0b@example.org"));
    assertEquals(FAILED, outcome(report, 0));
    assertTrue(reply(report, 0).startsWith("553 5.1.3"), reply(report, 0));
    assertEquals(FAILED, outcome(report, 1));
    assertEquals(FAILED, outcome(report, 2));
    assertEquals(DELIVERED, outcome(report, 3));
    assertEquals(FAILED, outcome(report, 4));
    List<String> commands = server.sessions().get(0).commands();
    assertTrue(commands.stream().filter(c -> c.startsWith("RCPT")).count() == 1, commands.toString());
    assertTrue(commands.stream().noneMatch(c -> c.equals("RSET")), commands.toString());

    DeliveryReport badSender = deliver(transport, local("example.org"), message("bad\nsender@s.test", BODY, "ok@example.org"));
    assertEquals(FAILED, outcome(badSender, 0));
    assertTrue(reply(badSender, 0).startsWith("553 5.1.7"), reply(badSender, 0));
  }

  @Test
  void largeBodyStreamsWithBackPressureAndArrivesIntact() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()));
    StringBuilder body = new StringBuilder("Subject: big\r\n\r\n");
    for (int i = 0; body.length() < 600_000; i++) {
      body.append(i % 7 == 0 ? "." : "").append("line ").append(i).append(" of a large message body\r\n");
    }
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", body.toString(), "b@example.org"));
    assertEquals(DELIVERED, outcome(report, 0), reply(report, 0));
    assertEquals(body.toString(), server.received().get(0).bodyText());
  }

  @Test
  void dropDuringDataDefers() throws Exception {
    ScriptedSmtpServer server = server().dropDuringData(true);
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, "b@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertTrue(reply(report, 0).startsWith("451 4.4.2"), reply(report, 0));
    assertTrue(server.received().isEmpty());
  }

  @Test
  void readErrorOfTheStoredBodyDefersAndNeverEndsTheData() throws Exception {
    ScriptedSmtpServer server = server();
    SmtpOutboundTransport transport = transport(options(server.port()));
    DeliveryReport report = deliver(transport, local("example.org"), message("a@s.test", BODY, false, false, 10, "b@example.org"));
    assertEquals(DEFERRED, outcome(report, 0));
    assertTrue(reply(report, 0).contains("4.3.0"), reply(report, 0));
    Thread.sleep(200);
    assertTrue(server.received().isEmpty(), "a truncated message must never be completed with the final dot");
  }

  @Test
  void envelopeIdIsSentAsXtextWhenDsnIsOffered() throws Exception {
    ScriptedSmtpServer server = server().dsn(true);
    SmtpOutboundTransport transport = transport(options(server.port()));
    var base = message("a@s.test", BODY, "b@example.org");
    var withEnvid = new dev.tern.delivery.route.OutboundMessage(base.id(), base.sender(), base.recipients(), base.size(),
        base.body(), false, false, "id+1=x");
    assertEquals(DELIVERED, outcome(deliver(transport, local("example.org"), withEnvid), 0));
    assertTrue(server.received().get(0).mailCommand().contains(" ENVID=id+2B1+3Dx"), server.received().get(0).mailCommand());
    assertNull(null);
  }
}
