package app.glimpse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerResourcesTest {

  private static Map<String, String> values() {
    Map<String, String> values = new HashMap<>();
    values.put("DB_URL", "jdbc:postgresql://db.example:5432/glimpse?ssl=true");
    values.put("DB_USER", "glimpse");
    values.put("DB_PASSWORD", "p:a=ss");
    values.put("BROKER_PARAMS", "host=mq;port=61617");
    values.put("BROKER_CREDENTIALS", ServerResources.brokerCredentials("", ""));
    values.put("RAR", "/opt/glimpse/artemis-ra.rar");
    values.put("READINESS", "/opt/glimpse/glimpse-readiness.war");
    return values;
  }

  @Test
  void escapesPropertyValuesForAsadmin() {
    String commands = ServerResources.render(values());
    assertTrue(
        commands.contains(
            "url=jdbc\\:postgresql\\://db.example\\:5432/glimpse?ssl\\=true:user=glimpse:password=p\\:a\\=ss "),
        commands);
    assertTrue(
        commands.contains("ConnectionParameters=host\\=mq;port\\=61617 artemis-ra"), commands);
    assertTrue(
        commands.contains("deploy --type rar --name artemis-ra /opt/glimpse/artemis-ra.rar"));
    assertTrue(
        commands.indexOf("/opt/glimpse/glimpse-readiness.war")
            < commands.indexOf("/opt/glimpse/artemis-ra.rar"),
        "the readiness gate is deployed before any other application");
    assertFalse(commands.contains("@"), "every placeholder is filled");
  }

  @Test
  void theAsadminClientNeedsOneMoreLevelOfEscapes() {
    assertEquals(
        "url=jdbc\\\\:postgresql", ServerResources.forAsadminClient("url=jdbc\\:postgresql"));
  }

  @Test
  void brokerCredentialsOnlyWhenGiven() {
    assertEquals("", ServerResources.brokerCredentials("", "x"));
    assertEquals(
        ":UserName=app:Password=s\\:cret", ServerResources.brokerCredentials("app", "s:cret"));
  }

  @Test
  void aMissingValueIsAnError() {
    Map<String, String> values = values();
    values.remove("DB_URL");
    assertThrows(IllegalArgumentException.class, () -> ServerResources.render(values));
  }

  @Test
  void brokerUrls() {
    assertEquals(
        new Settings.BrokerAddress("mq", 61617), Settings.BrokerAddress.parse("tcp://mq:61617"));
    assertEquals(new Settings.BrokerAddress("mq", 61616), Settings.BrokerAddress.parse("tcp://mq"));
    assertEquals(
        new Settings.BrokerAddress("10.0.0.5", 5445),
        Settings.BrokerAddress.parse("tcp://10.0.0.5:5445?ha=true"));
    assertEquals("host=mq;port=1", new Settings.BrokerAddress("mq", 1).connectionParameters());
    assertThrows(
        IllegalArgumentException.class, () -> Settings.BrokerAddress.parse("tcp://mq:port"));
  }
}
