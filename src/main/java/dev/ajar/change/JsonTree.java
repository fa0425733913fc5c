package dev.ajar.change;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON ajar reads back (the journal's records and `ajar apply`'s plans): written token by
 * token, read back into maps and lists and then taken apart with {@link Obj}, which says which
 * field was missing or of the wrong kind.
 */
public final class JsonTree {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTree() {}

  /** A JSON document is not what ajar wrote (a journal record, a plan). */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedException(String message) {
      super(message);
    }
  }

  public static byte[] write(Consumer<JsonGenerator> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      body.accept(g);
    }
    out.write('\n');
    return out.toByteArray();
  }

  public static Obj read(byte[] json) throws MalformedException {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
      Object value = value(p, p.nextToken());
      if (p.nextToken() != null) {
        throw new MalformedException("text after the JSON document");
      }
      if (!(value instanceof Map<?, ?> map)) {
        throw new MalformedException("not a JSON object");
      }
      return new Obj(cast(map), "");
    } catch (JacksonException e) {
      throw new MalformedException(e.getOriginalMessage());
    }
  }

  private static Object value(JsonParser p, JsonToken t) throws MalformedException {
    if (t == null) {
      throw new MalformedException("unexpected end of JSON");
    }
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken next;
        while ((next = p.nextToken()) == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          map.put(name, value(p, p.nextToken()));
        }
        if (next != JsonToken.END_OBJECT) {
          throw new MalformedException("unterminated object");
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(value(p, next));
        }
        yield list;
      }
      case VALUE_STRING -> p.getString();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new MalformedException("unexpected " + t);
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  /** A JSON object read back, with typed access that names the field on error. */
  public record Obj(Map<String, Object> fields, String where) {
    private Object get(String name, boolean required) throws MalformedException {
      Object v = fields.get(name);
      if (v == null && required) {
        throw new MalformedException("missing field " + where + name);
      }
      return v;
    }

    public String str(String name) throws MalformedException {
      return optStr(name, true);
    }

    public String optStr(String name) throws MalformedException {
      return optStr(name, false);
    }

    /** An absolute, normal path: no ".", "..", empty component, trailing slash or NUL. */
    public String path(String name) throws MalformedException {
      String p = str(name);
      boolean normal =
          p.startsWith("/")
              && p.indexOf('\0') < 0
              && (p.equals("/")
                  || !p.endsWith("/")
                      && !p.contains("//")
                      && Arrays.stream(p.substring(1).split("/"))
                          .noneMatch(c -> c.equals(".") || c.equals("..")));
      if (!normal) {
        throw new MalformedException(
            "field " + where + name + " is not an absolute normal path: " + p);
      }
      return p;
    }

    private String optStr(String name, boolean required) throws MalformedException {
      Object v = get(name, required);
      if (v != null && !(v instanceof String)) {
        throw new MalformedException("field " + where + name + " is not a string");
      }
      return (String) v;
    }

    public long num(String name) throws MalformedException {
      Object v = get(name, true);
      if (!(v instanceof Long l)) {
        throw new MalformedException("field " + where + name + " is not an integer");
      }
      return l;
    }

    public int integer(String name) throws MalformedException {
      long v = num(name);
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new MalformedException("field " + where + name + " is out of range");
      }
      return (int) v;
    }

    public Obj obj(String name) throws MalformedException {
      Object v = get(name, true);
      if (!(v instanceof Map<?, ?> map)) {
        throw new MalformedException("field " + where + name + " is not an object");
      }
      return new Obj(cast(map), where + name + ".");
    }

    public List<Obj> objects(String name) throws MalformedException {
      Object v = get(name, true);
      if (!(v instanceof List<?> list)) {
        throw new MalformedException("field " + where + name + " is not an array");
      }
      List<Obj> result = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> map)) {
          throw new MalformedException("field " + where + name + "[" + i + "] is not an object");
        }
        result.add(new Obj(cast(map), where + name + "[" + i + "]."));
      }
      return result;
    }

    /** Whether the field is present (a null value counts as present). */
    public boolean has(String name) {
      return fields.containsKey(name);
    }

    /** An array of strings (none null). */
    public List<String> strings(String name) throws MalformedException {
      List<String> result = new ArrayList<>();
      int i = 0;
      for (Object v : array(name)) {
        if (!(v instanceof String s)) {
          throw new MalformedException("field " + where + name + "[" + i + "] is not a string");
        }
        result.add(s);
        i++;
      }
      return result;
    }

    /** An array of integers within int range. */
    public List<Integer> integers(String name) throws MalformedException {
      List<Integer> result = new ArrayList<>();
      int i = 0;
      for (Object v : array(name)) {
        if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
          throw new MalformedException("field " + where + name + "[" + i + "] is not an integer");
        }
        result.add((int) (long) l);
        i++;
      }
      return result;
    }

    private List<?> array(String name) throws MalformedException {
      Object v = get(name, true);
      if (!(v instanceof List<?> list)) {
        throw new MalformedException("field " + where + name + " is not an array");
      }
      return list;
    }

    /** Refuses any field not named: a reader that ignored one could act on half a document. */
    public void allowOnly(String... names) throws MalformedException {
      for (String key : fields.keySet()) {
        if (!List.of(names).contains(key)) {
          throw new MalformedException("unknown field " + where + key);
        }
      }
    }
  }
}
