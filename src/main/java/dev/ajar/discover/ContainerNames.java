package dev.ajar.discover;

import dev.ajar.host.Host;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Names containers from their engines' state on disk, without asking a daemon: docker's
 * /var/lib/docker/containers/ID/config.v2.json ("Name": "/web") and podman's
 * /var/lib/containers/storage/overlay-containers/containers.json ([{"id", "names": [..]}]). Unknown
 * engines or ids fall back to "engine:shortid".
 */
final class ContainerNames {
  private static final long LIMIT = 16L << 20;

  /** Made on first use: most hosts have no container engine, and Jackson is 70 classes. */
  private static final class Json {
    static final JsonFactory FACTORY = new JsonFactory();
  }

  private final Host host;
  private Map<String, String> podman;

  ContainerNames(Host host) {
    this.host = host;
  }

  String nameOf(String engine, String id) {
    String name =
        switch (engine) {
          case "docker" -> dockerName(id);
          case "podman" -> podmanNames().get(id);
          case "lxc" -> id;
          default -> null;
        };
    if (name != null && !name.isBlank()) {
      return name;
    }
    return engine + ":" + (id.length() > 12 ? id.substring(0, 12) : id);
  }

  private String dockerName(String id) {
    byte[] config;
    try {
      config = host.read("/var/lib/docker/containers/" + id + "/config.v2.json", LIMIT);
    } catch (IOException e) {
      return null;
    }
    try (JsonParser p = Json.FACTORY.createParser(ObjectReadContext.empty(), config)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("Name") && value == JsonToken.VALUE_STRING) {
          String name = p.getString();
          return name.startsWith("/") ? name.substring(1) : name;
        }
        p.skipChildren();
      }
    } catch (JacksonException e) {
      return null;
    }
    return null;
  }

  private Map<String, String> podmanNames() {
    if (podman != null) {
      return podman;
    }
    podman = new HashMap<>();
    byte[] state;
    try {
      state = host.read("/var/lib/containers/storage/overlay-containers/containers.json", LIMIT);
    } catch (IOException e) {
      return podman; // no podman on this host, or a file we cannot read: ids stay unnamed
    }
    try (JsonParser p = Json.FACTORY.createParser(ObjectReadContext.empty(), state)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return podman;
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String id = null;
        String name = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if (field.equals("id") && value == JsonToken.VALUE_STRING) {
            id = p.getString();
          } else if (field.equals("names") && value == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              name = name == null ? p.getString() : name;
            }
          } else {
            p.skipChildren();
          }
        }
        if (id != null && name != null) {
          podman.put(id, name);
        }
      }
    } catch (JacksonException e) {
      // a state file we cannot make sense of: ids stay unnamed
    }
    return podman;
  }
}
