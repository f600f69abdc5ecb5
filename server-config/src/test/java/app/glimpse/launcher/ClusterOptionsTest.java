package app.glimpse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {

  @Test
  void aSingleNodeRunsWithoutCluster() {
    assertEquals(List.of("--nocluster"), Glimpse.clusterOptions(new Settings(Map.of())));
    assertEquals(
        List.of("--nocluster"),
        Glimpse.clusterOptions(new Settings(Map.of("GLIMPSE_CLUSTER", "false"))));
  }

  @Test
  void aClusterNodeNamesItsClusterMembersPortAndItself() {
    Settings settings =
        new Settings(
            Map.of(
                "GLIMPSE_CLUSTER", "true",
                "GLIMPSE_CLUSTER_NAME", "studio",
                "GLIMPSE_CLUSTER_MEMBERS", "web-1:5900, web-2:5900",
                "GLIMPSE_CLUSTER_PORT", "5900",
                "GLIMPSE_NODE_NAME", "web-1"));
    assertEquals(
        List.of(
            "--clustername",
            "studio",
            "--clustermode",
            "tcpip:web-1:5900,web-2:5900",
            "--startport",
            "5900",
            "--name",
            "web-1"),
        Glimpse.clusterOptions(settings));
    assertEquals("web-1", settings.forServer().get("GLIMPSE_NODE_NAME"));
  }

  @Test
  void anExplicitModeWinsAndTheDefaultsAreNamed() {
    Settings settings =
        new Settings(
            Map.of(
                "GLIMPSE_CLUSTER", "true",
                "GLIMPSE_CLUSTER_MODE", "dns:glimpse.internal:5900",
                "GLIMPSE_CLUSTER_MEMBERS", "ignored:1",
                "GLIMPSE_HTTP_PORT", "8090"));
    List<String> options = Glimpse.clusterOptions(settings);
    assertEquals(
        List.of("--clustername", "glimpse", "--clustermode", "dns:glimpse.internal:5900"),
        options.subList(0, 4));
    assertEquals("--name", options.get(4));
    assertEquals(true, options.get(5).endsWith("-8090"), options.toString());
    assertEquals("web-1_8080", Glimpse.fileName("web-1:8080"));
  }
}
