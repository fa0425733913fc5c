package dev.ajar.report;

import dev.ajar.model.Finding;
import dev.ajar.model.OpenSocket;
import dev.ajar.model.Severity;
import dev.ajar.model.Text;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * `ajar audit --format junit`: JUnit XML for CI, one test case per finding; those at or above the
 * threshold fail.
 */
public final class AuditJunitWriter {
  private AuditJunitWriter() {}

  public static void write(List<Finding> findings, Severity failOn, OutputStream out) {
    try {
      XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
      long failures = findings.stream().filter(f -> f.severity().compareTo(failOn) >= 0).count();
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "ajar audit");
      x.writeAttribute("tests", Integer.toString(Math.max(1, findings.size())));
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", "0");
      if (findings.isEmpty()) {
        x.writeEmptyElement("testcase");
        x.writeAttribute("classname", "ajar.audit");
        x.writeAttribute("name", "no findings");
      }
      for (Finding f : findings) {
        OpenSocket s = f.first();
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "ajar.audit." + xml(s.netns().name()));
        x.writeAttribute(
            "name", xml(AuditText.port(s) + " " + (f.service() == null ? "" : f.service())));
        String detail =
            "severity: "
                + f.severity().label()
                + "\nwhy: "
                + xml(f.why())
                + "\nfix: "
                + xml(f.fix())
                + "\nrule: "
                + xml(f.rule())
                + "\nowner: "
                + AuditText.owner(s.owner());
        if (f.severity().compareTo(failOn) >= 0) {
          x.writeStartElement("failure");
          x.writeAttribute("type", f.severity().label());
          x.writeAttribute("message", xml(f.why()));
          x.writeCharacters(detail);
          x.writeEndElement();
        } else {
          x.writeStartElement("system-out");
          x.writeCharacters(detail);
          x.writeEndElement();
        }
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndDocument();
      x.flush();
      out.write('\n');
      out.flush();
    } catch (XMLStreamException | IOException e) {
      throw new IllegalStateException("writing JUnit XML: " + e.getMessage(), e);
    }
  }

  /** XML 1.0 cannot carry most control characters at all, even escaped: show them as \xNN. */
  private static String xml(String s) {
    return Text.forTerminal(s);
  }
}
