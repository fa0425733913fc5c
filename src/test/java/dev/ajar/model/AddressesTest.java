package dev.ajar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {
  @ParameterizedTest
  @CsvSource({
    "::, ::",
    "::1, ::1",
    "fe80:0:0:0:a00:27ff:fe4c:3b2a, fe80::a00:27ff:fe4c:3b2a",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "1:0:2:0:3:0:4:0, 1:0:2:0:3:0:4:0",
    "127.0.0.1, 127.0.0.1"
  })
  void formatsAsRfc5952(String in, String expected) throws Exception {
    assertThat(Addresses.format(InetAddress.getByName(in))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1, true", "127.9.9.9, true", "::1, true", "10.0.0.1, false", "::, false"})
  void loopback(String in, boolean expected) throws Exception {
    assertThat(new Endpoint(InetAddress.getByName(in), 1).isLoopback()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void mappedLoopbackIsLoopback() throws Exception {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    b[12] = 127;
    b[15] = 1;
    // InetAddress turns a mapped address into an Inet4Address; build the IPv6 form explicitly.
    var a = java.net.Inet6Address.getByAddress(null, b, -1);
    assertThat(new Endpoint(a, 1).isLoopback()).isTrue();
    assertThat(Addresses.format(a)).isEqualTo("::ffff:127.0.0.1");
  }
}
