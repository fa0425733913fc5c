package dev.ajar.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ajar.host.Diagnostics;
import dev.ajar.host.Host;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The native fd pass against the NIO one on the live host: the same holders of the sockets this
 * test opens, the same namespace members, the same processes left unreadable.
 */
class NativeProcessScannerTest {
  private static long inodeOf(Path fd) throws Exception {
    return ProcessScanner.bracketed(Files.readSymbolicLink(fd).toString(), "socket:[");
  }

  @Test
  void findsWhatTheNioPassFinds() throws Exception {
    var sys = Syscalls.get();
    assumeTrue(sys.isPresent(), "no syscall(2) through FFM on this architecture");
    List<ServerSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        open.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      Diagnostics diagnostics = new Diagnostics();
      ProcessTable nativeTable = NativeProcessScanner.scan(sys.get(), true, diagnostics);
      assertThat(diagnostics.all()).isEmpty();
      ProcessTable nio = ProcessScanner.scanThroughHost(Host.live(), true, new Diagnostics());
      assertThat(nativeTable).isNotNull();
      int self = (int) ProcessHandle.current().pid();
      List<Long> ours = new ArrayList<>();
      try (var fds = Files.list(Path.of("/proc/self/fd"))) {
        for (Path fd : fds.toList()) {
          try {
            long inode = inodeOf(fd);
            if (inode > 0) {
              ours.add(inode);
            }
          } catch (java.nio.file.NoSuchFileException e) {
            // the directory stream's own fd
          }
        }
      }
      assertThat(ours).hasSizeGreaterThanOrEqualTo(50);
      for (long inode : ours) {
        assertThat(nativeTable.holdersOf(inode)).contains(self);
        assertThat(nativeTable.holdersOf(inode)).isEqualTo(nio.holdersOf(inode));
      }
      long netns = ProcessScanner.namespaceInode(Host.live(), "/proc/self/ns/net");
      assertThat(nativeTable.netnsMembers().get(netns)).contains(self);
      assertThat(nativeTable.netnsMembers().keySet()).isEqualTo(nio.netnsMembers().keySet());
      assertThat(nativeTable.unreadable()).isEqualTo(nio.unreadable());
    } finally {
      for (ServerSocket s : open) {
        s.close();
      }
    }
  }

  @Test
  void withoutSocketsOnlyNamespacesAreRead() {
    var sys = Syscalls.get();
    assumeTrue(sys.isPresent(), "no syscall(2) through FFM on this architecture");
    ProcessTable t = NativeProcessScanner.scan(sys.get(), false, new Diagnostics());
    assertThat(t.holders().pairCount()).isZero();
    assertThat(t.netnsMembers()).isNotEmpty();
  }
}
