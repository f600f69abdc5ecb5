package app.glimpse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's share of Payara Micro's log, on records as Payara Micro 6 writes them. */
class ConsoleLinesTest {

  private static final String ESC = "\u001B";

  private static String header(String level, int value, String logger, String message) {
    return "[2026-12-03T07:22:36.441+0000] [] ["
        + ESC
        + "[1;93m"
        + level
        + ESC
        + "[0m] [NCLS-SECURITY-05054] ["
        + ESC
        + "[1;94m"
        + logger
        + ESC
        + "[0m] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1796282556441] [levelValue: "
        + value
        + "] "
        + message;
  }

  private static List<String> console(List<String> lines) {
    ConsoleLines filter = new ConsoleLines();
    return lines.stream().map(filter::console).flatMap(Optional::stream).toList();
  }

  @Test
  void infoRecordsStayOffTheConsole() {
    List<String> log =
        List.of(
            header(
                "INFO",
                800,
                "PayaraMicro",
                "Payara Micro 6.2025.10 (build 42) ready in 45,722 (ms)"),
            "",
            header("INFO", 800, "fish.payara.boot.runtime.BootCommand", "[["),
            "  Boot Command set returned with result SUCCESS : PlainTextActionReporterSUCCESS",
            "    configs.config.server-config.network-config.network-listeners.port=18431",
            "]]",
            "",
            header("INFO", 800, "fish.payara.micro.cdi.extension", "[["),
            "",
            "'glimpse' REST Endpoints:",
            "GET\t/api/v1/events",
            "]]",
            "",
            header("FINE", 500, "app.glimpse", "detail"),
            "");
    assertEquals(List.of(), console(log));
  }

  @Test
  void aWarningOrAnErrorIsOneLineInTheLaunchersFormat() {
    List<String> log =
        List.of(
            header("WARNING", 900, "PayaraMicro", "Payara Micro Runtime directory is temporary."),
            "",
            header("WARNING", 900, "javax.enterprise.system.security.ssl", "[["),
            "  The SSL certificate with alias trustcenterclass4caii has expired: [",
            "[",
            "  Version: V3",
            "",
            "  Key:  Sun RSA public key, 2048 bits",
            "CRLDistributionPoints [",
            "  [DistributionPoint:",
            "     [URIName: http://www.trustcenter.de/crl/v2/tc_class_2_ca_II.crl]",
            "]]",
            "[3]: ObjectId: 2.5.29.15 Criticality=true",
            "]]]",
            "",
            header("WARNING", 900, "javax.enterprise.system.tools.deployment.dol", "AS-00015"),
            "",
            header("WARNING", 900, "javax.enterprise.system.tools.deployment.dol", "AS-00015"),
            "",
            header("SEVERE", 1000, "app.glimpse.imports", "Import 7 failed"),
            "java.lang.IllegalStateException: broken",
            "\tat app.glimpse.imports.Job.run(Job.java:12)",
            "",
            header("INFO", 800, "PayaraMicro", "after the errors"),
            "");
    assertEquals(
        List.of(
            "07:22:36 WARNING [PayaraMicro] Payara Micro Runtime directory is temporary.",
            "07:22:36 WARNING [javax.enterprise.system.security.ssl] The SSL certificate with alias"
                + " trustcenterclass4caii has expired: [",
            "07:22:36 WARNING [javax.enterprise.system.tools.deployment.dol] AS-00015",
            "07:22:36 SEVERE [app.glimpse.imports] Import 7 failed"),
        console(log));
  }

  @Test
  void linesOutsideAnyRecordAreShownAsTheyAre() {
    List<String> log =
        List.of(
            "Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8",
            header("INFO", 800, "PayaraMicro", "booting"),
            "",
            "2026-12-03 07:22:40.1 [W:onnxruntime:, graph.cc:1] Initializer appears in graph inputs",
            "");
    assertEquals(
        List.of(
            "Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8",
            "2026-12-03 07:22:40.1 [W:onnxruntime:, graph.cc:1] Initializer appears in graph inputs"),
        console(log));
  }
}
