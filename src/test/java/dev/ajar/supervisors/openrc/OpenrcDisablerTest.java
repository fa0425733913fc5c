package dev.ajar.supervisors.openrc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The depend() reading behind OpenRC's notes; the plans themselves are in DisablerTest. */
class OpenrcDisablerTest {
  @Test
  void openrcDependsReadsNeedAndProvideLines() {
    var d =
        OpenrcDisabler.Depends.parse(
            "depend() {\n\tneed net portmap ${myneed} # why\n"
                + "\tuse dns\n\tprovide portmap;\n}\nneeded=1\n");
    assertThat(d.needs()).containsExactly("net", "portmap");
    assertThat(d.provides()).containsExactly("portmap");
  }
}
