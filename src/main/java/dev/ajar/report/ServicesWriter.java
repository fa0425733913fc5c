package dev.ajar.report;

import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.host.Diagnostics;
import dev.ajar.model.ListenSpec;
import dev.ajar.model.Owner;
import dev.ajar.model.Text;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** `ajar services`: a table, or the ajar.services/1 JSON document (docs/JSON.md). */
public final class ServicesWriter {
  public static final String SCHEMA = "ajar.services/1";

  private ServicesWriter() {}

  public static void table(List<ServiceCatalogue.Listing> listings, boolean wide, PrintStream out) {
    if (listings.isEmpty()) {
      out.println("No service entries found.");
      return;
    }
    Table t = new Table("SUPERVISOR", "ENTRY", "BOOT", "PORTS", "PACKAGE", "FILE");
    for (ServiceCatalogue.Listing l : listings) {
      Owner o = l.entry().owner();
      String file = o.file() == null ? "" : o.file() + (o.line() > 0 ? ":" + o.line() : "");
      t.add(new String[] {
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

  static String ports(List<ListenSpec> listens) {
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

  public static void json(
      List<ServiceCatalogue.Listing> listings, Diagnostics diagnostics, OutputStream out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeArrayPropertyStart("services");
      for (ServiceCatalogue.Listing l : listings) {
        g.writeStartObject();
        PortsJsonWriter.writeOwner(g, l.entry().owner());
        g.writeBooleanProperty("enabled", l.entry().enabled());
        g.writeArrayPropertyStart("listens");
        for (ListenSpec s : l.entry().listens()) {
          g.writeStartObject();
          g.writeStringProperty("protocol", s.protocol().label());
          g.writeNumberProperty("port", s.port());
          g.writeStringProperty("address", s.address());
          g.writeEndObject();
        }
        g.writeEndArray();
        PortsJsonWriter.writePackage(g, l.pkg());
        g.writeEndObject();
      }
      g.writeEndArray();
      PortsJsonWriter.writeDiagnostics(g, diagnostics);
      g.writeEndObject();
    }
  }
}
