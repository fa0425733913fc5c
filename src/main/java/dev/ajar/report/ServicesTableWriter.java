package dev.ajar.report;

import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.Owner;
import dev.ajar.model.Text;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** `ajar services` as a table: supervisor, entry, enabled at boot, ports, package, file. */
public final class ServicesTableWriter {
  private ServicesTableWriter() {}

  public static void write(List<ServiceCatalogue.Listing> listings, boolean wide, PrintStream out) {
    if (listings.isEmpty()) {
      out.println("No service entries found.");
      return;
    }
    Table t = new Table("SUPERVISOR", "ENTRY", "BOOT", "PORTS", "PACKAGE", "FILE");
    for (ServiceCatalogue.Listing l : listings) {
      Owner o = l.entry().owner();
      String file = o.file() == null ? "" : o.file() + (o.line() > 0 ? ":" + o.line() : "");
      t.add(
          new String[] {
            o.supervisor().label(),
            Text.forTerminal(o.entry() == null ? "" : o.entry()),
            l.entry().enabled() ? "on" : "off",
            ports(l.entry().listens()),
            l.pkg() == null ? "-" : Text.forTerminal(l.pkg().name()),
            Text.forTerminal(file)
          });
    }
    t.print(out, wide ? Integer.MAX_VALUE : 80, 1, 3, 5);
  }

  private static String ports(List<ListenSpec> listens) {
    List<String> texts = new ArrayList<>();
    for (ListenSpec l : listens) {
      String text = l.protocol().label() + "/" + l.port();
      if (l.address() != null) {
        text = l.protocol().label() + "/" + l.address() + ":" + l.port();
      }
      if (!texts.contains(text)) {
        texts.add(text);
      }
    }
    return String.join(",", texts);
  }
}
