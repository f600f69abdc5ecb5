package app.glimpse.access.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  private static final List<ClientAddresses.Range> CADDY =
      ClientAddresses.parse("172.18.0.0/16, ::1");

  @Test
  void thePeerIsTheClientWhenItIsNoTrustedProxy() {
    assertEquals("203.0.113.7", address("203.0.113.7", "198.51.100.1"));
    assertEquals("203.0.113.7", address("203.0.113.7", null));
  }

  @Test
  void behindATrustedProxyTheLastUntrustedForwardedAddressCounts() {
    assertEquals("198.51.100.1", address("172.18.0.5", "198.51.100.1"));
    // a client's own X-Forwarded-For comes first: only what the proxy appended is believed
    assertEquals("198.51.100.1", address("172.18.0.5", "10.9.9.9, 198.51.100.1"));
    assertEquals("198.51.100.1", address("::1", "198.51.100.1, 172.18.0.9"));
    assertEquals("172.18.0.5", address("172.18.0.5", null));
  }

  @Test
  void ipv6CountsByItsSlash64() {
    assertEquals(
        "2001:db8:1:2::/64",
        address("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null),
        "a household's /64 is one client");
    assertEquals(
        address("2001:db8:1:2::1", null), address("2001:db8:1:2:ffff:ffff:ffff:ffff", null));
  }

  @Test
  void namesAreNeverLookedUpNorTrusted() {
    assertEquals("localhost", ClientAddresses.normalised("localhost"));
    assertThrows(IllegalArgumentException.class, () -> ClientAddresses.parse("proxy.example"));
  }

  private static String address(String peer, String forwardedFor) {
    return ClientAddresses.address(
        peer, forwardedFor == null ? null : Collections.enumeration(List.of(forwardedFor)), CADDY);
  }
}
