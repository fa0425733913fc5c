package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class InterfaceAddressParserTest {
  @Test
  void ipv6AddressesByInterface() throws Exception {
    var map =
        InterfaceAddressParser.parseIfInet6(
            "00000000000000000000000000000001 01 80 10 80       lo\n"
                + "fe800000000000000a0027fffe4c3b2a 02 40 20 80     eth0\n"
                + "garbage\n");
    assertThat(map.get(InetAddress.getByName("fe80::a00:27ff:fe4c:3b2a"))).isEqualTo("eth0");
    assertThat(map.get(InetAddress.getByName("::1"))).isEqualTo("lo");
  }

  @Test
  void mostSpecificRouteWins() throws Exception {
    // Captured from a host with eth0 10.0.2.15/24 and a default route (little-endian hex).
    var routes =
        InterfaceAddressParser.parseRoutes(
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                + "eth0\t00000000\t0202000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
                + "eth0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
                + "veth1\t0000A8C0\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n");
    assertThat(InterfaceAddressParser.interfaceFor(InetAddress.getByName("10.0.2.15"), routes))
        .isEqualTo("eth0");
    assertThat(InterfaceAddressParser.interfaceFor(InetAddress.getByName("192.168.4.1"), routes))
        .isEqualTo("veth1");
    assertThat(InterfaceAddressParser.interfaceFor(InetAddress.getByName("8.8.8.8"), routes))
        .isNull();
  }
}
