package app.glimpse.access.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from, as the throttle counts clients ({@code Throttle}): the
 * connection's peer, or, when that peer is one of the proxies in {@code glimpse.trusted-proxies}
 * (comma-separated addresses or CIDR ranges, say Caddy's), the last address of {@code
 * X-Forwarded-For} that is not one of them. Nobody else's {@code X-Forwarded-For} is believed, or a
 * guesser would name a new address for every try. IPv6 addresses count by their /64, which one
 * household or phone holds whole.
 */
@ApplicationScoped
public class ClientAddresses {

  @Inject
  @ConfigProperty(name = "glimpse.trusted-proxies")
  Optional<String> trustedProxies;

  private volatile List<Range> trusted;

  /** The client address of {@code request}. */
  public String of(HttpServletRequest request) {
    List<Range> proxies = trusted;
    if (proxies == null) {
      proxies = parse(trustedProxies.orElse(""));
      trusted = proxies;
    }
    return address(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"), proxies);
  }

  static String address(
      String peer, java.util.Enumeration<String> forwardedFor, List<Range> proxies) {
    String client = peer;
    if (forwardedFor != null && isTrusted(peer, proxies)) {
      List<String> hops =
          java.util.Collections.list(forwardedFor).stream()
              .flatMap(header -> Arrays.stream(header.split(",")))
              .map(String::strip)
              .filter(hop -> !hop.isEmpty())
              .toList();
      for (int i = hops.size() - 1; i >= 0; i--) {
        client = hops.get(i);
        if (!isTrusted(client, proxies)) {
          break;
        }
      }
    }
    return normalised(client);
  }

  /** An address as counted: IPv4 as is, IPv6 as its /64; anything unparsable as given. */
  static String normalised(String address) {
    byte[] bytes = literal(address);
    if (bytes == null) {
      return address == null ? "unknown" : address;
    }
    if (bytes.length == 4) {
      return address.strip();
    }
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)));
      prefix.append(':');
    }
    return prefix.append(":/64").toString();
  }

  static List<Range> parse(String setting) {
    return Arrays.stream(setting.split(","))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .map(Range::parse)
        .toList();
  }

  private static boolean isTrusted(String address, List<Range> proxies) {
    byte[] bytes = literal(address);
    return bytes != null && proxies.stream().anyMatch(range -> range.contains(bytes));
  }

  /** The bytes of an IP literal (never a DNS lookup); null for anything else. */
  static byte[] literal(String address) {
    if (address == null) {
      return null;
    }
    String value = address.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    boolean v4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(value).getAddress();
    } catch (UnknownHostException | SecurityException notAnAddress) {
      return null;
    }
  }

  /** An address range: an address with the number of leading bits that must match. */
  record Range(byte[] address, int bits) {

    static Range parse(String entry) {
      int slash = entry.indexOf('/');
      byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException(
            "glimpse.trusted-proxies: not an IP address or range: " + entry);
      }
      int bits = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
      return new Range(address, bits);
    }

    boolean contains(byte[] candidate) {
      if (candidate.length != address.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((candidate[bit / 8] & mask) != (address[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
