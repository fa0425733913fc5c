package dev.ajar.report;

import dev.ajar.attribute.ServiceCatalogue;
import dev.ajar.host.Diagnostics;
import dev.ajar.model.ListenSpec;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** `ajar services --json`: the ajar.services/1 document (docs/JSON.md). */
public final class ServicesJsonWriter {
  public static final String SCHEMA = "ajar.services/1";

  private ServicesJsonWriter() {}

  public static void write(
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
