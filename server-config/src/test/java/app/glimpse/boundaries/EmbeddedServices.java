package app.glimpse.boundaries;

import app.glimpse.launcher.EmbeddedBroker;
import app.glimpse.launcher.EmbeddedDatabase;
import app.glimpse.launcher.Glimpse;
import app.glimpse.launcher.ServerResources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a real PostgreSQL and a real Artemis for the integration tests of this JVM, renders
 * Glimpse's server resources for them, and hands Payara Micro's options to Arquillian through
 * system properties. A JUnit launcher session listener (registered in {@code META-INF/services}),
 * so that everything is in place before Arquillian reads {@code arquillian.xml} and boots the
 * server; it is not part of any deployment, so it never runs inside the server. Only the
 * integration-test run (failsafe sets {@code glimpse.arquillian.client}) starts anything.
 */
public class EmbeddedServices implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("glimpse.arquillian.client") == null
        || System.getProperty("glimpse.arquillian.microOptions") != null) {
      return;
    }
    try {
      start();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the test database and broker", e);
    }
  }

  private static void start() throws Exception {
    Path dist = Path.of(System.getProperty("glimpse.dist")).toAbsolutePath();
    Path shared = Path.of(System.getProperty("glimpse.shared")).toAbsolutePath().normalize();
    Path data = Files.createTempDirectory("glimpse-arquillian");
    EmbeddedDatabase database =
        EmbeddedDatabase.start(data.resolve("postgres"), Glimpse.freePort());
    EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("broker"), Glimpse.freePort());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    broker.close();
                    database.close();
                  } catch (Exception e) {
                    e.printStackTrace();
                  }
                }));
    Path postBoot =
        ServerResources.write(
            data.resolve("post-boot.asadmin"),
            ServerResources.Target.embedded(
                database.jdbcUrl(), broker.port(), dist.resolve("artemis-ra.rar")));
    System.setProperty(
        "glimpse.arquillian.microOptions",
        "--addlibs "
            + dist.resolve("addlibs")
            + " --postbootcommandfile "
            + postBoot
            + " --disablephonehome");
    // The Drive import tests start a fake Drive on this port inside the server (BoundariesIT).
    String fakeDrive = "http://127.0.0.1:" + Glimpse.freePort() + "/";
    System.setProperty(
        "glimpse.arquillian.jvmOptions",
        "-Xmx512m -Dglimpse.data.dir="
            + data
            + " -Dglimpse.admin.password=arquillian-secret"
            + " -Dglimpse.shared="
            + shared
            + " -Dglimpse.import.roots="
            + data
            + ":"
            + shared.resolve("photos")
            // each test makes a studio of its own: all of them may import from the shared roots
            + " -Dglimpse.import.roots-shared=true"
            + " -Dglimpse.drive.client-id=glimpse-it -Dglimpse.drive.client-secret=it-secret"
            + " -Dglimpse.drive.api-url="
            + fakeDrive
            + " -Dglimpse.drive.token-url="
            + fakeDrive
            + "token -Dglimpse.drive.attempts=3 -Dglimpse.drive.retry-delay=PT0.02S");
  }
}
