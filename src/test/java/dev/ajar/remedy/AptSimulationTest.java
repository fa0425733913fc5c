package dev.ajar.remedy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ajar.remedy.AptSimulation.Removed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** On real apt-get -s remove output (src/test/resources/remedy/apt-simulate/README.md). */
class AptSimulationTest {
  static String fixture(String name) throws IOException {
    try (InputStream in =
        AptSimulationTest.class.getResourceAsStream("/remedy/apt-simulate/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aLeafPackageIsTheOnlyOneRemoved() throws IOException {
    assertThat(AptSimulation.removed(fixture("remove-fingerd.out")))
        .containsExactly(new Removed("fingerd", "0.17-17"));
  }

  @Test
  void dependentsComeFirstAndTheBrokenListIsNotAPackage() throws IOException {
    assertThat(AptSimulation.removed(fixture("remove-libwrap0.out")))
        .containsExactly(
            new Removed("openssh-server", "1:9.2p1-2+deb12u10"),
            new Removed("openbsd-inetd", "0.20221205-2~deb12u1"),
            new Removed("tcpd", "7.6.q-32"),
            new Removed("libwrap0", "7.6.q-32"),
            new Removed("rpcbind", "1.2.6-6+b1"));
  }

  @Test
  void theEssentialWarningAndTheAutoremoveHintAreNotRemovals() throws IOException {
    assertThat(AptSimulation.removed(fixture("remove-login.out")))
        .containsExactly(new Removed("login", "1:4.13+dfsg1-1+deb12u1"));
  }

  @Test
  void anImpossibleRemovalRemovesNothing() throws IOException {
    assertThat(AptSimulation.removed(fixture("remove-libc6.out"))).isEmpty();
    assertThat(AptSimulation.removed("Remv\nRemv \nInst x [1]\n")).isEmpty();
  }
}
