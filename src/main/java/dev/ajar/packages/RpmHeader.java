package dev.ajar.packages;

import dev.ajar.model.Text;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One package's header as rpm stores it in its database (the "header blob": rpm's lib/header.c,
 * headerImport). All numbers are big-endian:
 *
 * <pre>
 *   int32 il                 number of index entries
 *   int32 dl                 length of the data store
 *   il × { int32 tag, int32 type, int32 offset, int32 count }
 *   dl bytes of data          (offsets are relative to its start)
 * </pre>
 *
 * A header read from a .rpm file has 8 more bytes in front (magic 8e ad e8 01 and 4 reserved); the
 * database keeps the blob without them, but both are accepted. Region tags (61-63) and everything
 * else ajar does not ask for are left alone. Every offset and count is checked against the blob: a
 * hostile header gives {@link MalformedHeaderException}, never an out-of-bounds read.
 */
final class RpmHeader {
  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int OLDFILENAMES = 1027;
  static final int FILESTATES = 1029;
  static final int DIRINDEXES = 1116;
  static final int BASENAMES = 1117;
  static final int DIRNAMES = 1118;

  static final int TYPE_CHAR = 1;
  static final int TYPE_INT8 = 2;
  static final int TYPE_INT32 = 4;
  static final int TYPE_STRING = 6;
  static final int TYPE_STRING_ARRAY = 8;
  static final int TYPE_I18NSTRING = 9;

  /** rpm's own limits (lib/header_internal.h): HEADER_TAGS_MAX, HEADER_DATA_MAX. */
  static final int MAX_ENTRIES = 0xffff;

  static final int MAX_DATA = 0x0fffffff;

  private static final byte[] MAGIC = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01};

  /** A header that does not hold together. */
  static final class MalformedHeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedHeaderException(String message) {
      super(message);
    }
  }

  private record Entry(int type, int offset, int count) {}

  private final ByteBuffer data;
  private final Map<Integer, Entry> entries;

  private RpmHeader(ByteBuffer data, Map<Integer, Entry> entries) {
    this.data = data;
    this.entries = entries;
  }

  static RpmHeader parse(byte[] blob) throws MalformedHeaderException {
    int start = 0;
    if (blob.length >= 16
        && blob[0] == MAGIC[0]
        && blob[1] == MAGIC[1]
        && blob[2] == MAGIC[2]
        && blob[3] == MAGIC[3]) {
      start = 8;
    }
    if (blob.length - start < 8) {
      throw new MalformedHeaderException("shorter than its 8-byte preamble");
    }
    ByteBuffer all = ByteBuffer.wrap(blob);
    long il = Integer.toUnsignedLong(all.getInt(start));
    long dl = Integer.toUnsignedLong(all.getInt(start + 4));
    if (il < 1 || il > MAX_ENTRIES) {
      throw new MalformedHeaderException("index count " + il + " out of range");
    }
    if (dl > MAX_DATA) {
      throw new MalformedHeaderException("data length " + dl + " out of range");
    }
    long dataStart = start + 8 + il * 16;
    if (dataStart + dl > blob.length) {
      throw new MalformedHeaderException(
          "index and data (" + (dataStart + dl) + " bytes) larger than the blob");
    }
    Map<Integer, Entry> entries = new HashMap<>();
    for (int i = 0; i < il; i++) {
      int at = start + 8 + i * 16;
      int tag = all.getInt(at);
      int type = all.getInt(at + 4);
      int offset = all.getInt(at + 8);
      int count = all.getInt(at + 12);
      // As rpm's headerImport: an entry after the immutable region ("dribble") replaces one of
      // the same tag inside it.
      entries.put(tag, new Entry(type, offset, count));
    }
    ByteBuffer data = ByteBuffer.wrap(blob, (int) dataStart, (int) dl).slice();
    return new RpmHeader(data, entries);
  }

  boolean has(int tag) {
    return entries.containsKey(tag);
  }

  /** A STRING (or the first of an I18NSTRING / STRING_ARRAY) tag, or null if absent. */
  String string(int tag) throws MalformedHeaderException {
    Entry e = entries.get(tag);
    if (e == null) {
      return null;
    }
    if (e.type() != TYPE_STRING && e.type() != TYPE_I18NSTRING && e.type() != TYPE_STRING_ARRAY) {
      throw new MalformedHeaderException("tag " + tag + " is not a string (type " + e.type() + ")");
    }
    checkOffset(tag, e, 1, 1);
    int[] end = new int[1];
    return stringAt(tag, e.offset(), end);
  }

  /** A STRING_ARRAY tag (or a single STRING), or null if absent. */
  List<String> strings(int tag) throws MalformedHeaderException {
    Entry e = entries.get(tag);
    if (e == null) {
      return null;
    }
    if (e.type() != TYPE_STRING_ARRAY && e.type() != TYPE_STRING && e.type() != TYPE_I18NSTRING) {
      throw new MalformedHeaderException("tag " + tag + " is not a string array");
    }
    // Each string takes at least its NUL: a count larger than the data store cannot be true.
    checkOffset(tag, e, 1, e.type() == TYPE_STRING ? 1 : e.count());
    int n = e.type() == TYPE_STRING ? 1 : e.count();
    List<String> result = new ArrayList<>(n);
    int[] next = {e.offset()};
    for (int i = 0; i < n; i++) {
      result.add(stringAt(tag, next[0], next));
    }
    return result;
  }

  /** An INT32 tag's values, or null if absent. */
  int[] int32s(int tag) throws MalformedHeaderException {
    Entry e = entries.get(tag);
    if (e == null) {
      return null;
    }
    if (e.type() != TYPE_INT32) {
      throw new MalformedHeaderException("tag " + tag + " is not INT32");
    }
    checkOffset(tag, e, 4, e.count());
    int[] values = new int[e.count()];
    for (int i = 0; i < values.length; i++) {
      values[i] = data.getInt(e.offset() + 4 * i);
    }
    return values;
  }

  /** A CHAR or INT8 tag's values, or null if absent. */
  byte[] bytes(int tag) throws MalformedHeaderException {
    Entry e = entries.get(tag);
    if (e == null) {
      return null;
    }
    if (e.type() != TYPE_CHAR && e.type() != TYPE_INT8) {
      throw new MalformedHeaderException("tag " + tag + " is not CHAR/INT8");
    }
    checkOffset(tag, e, 1, e.count());
    byte[] values = new byte[e.count()];
    data.get(e.offset(), values);
    return values;
  }

  private void checkOffset(int tag, Entry e, int size, int count) throws MalformedHeaderException {
    if (e.offset() < 0 || count < 0 || e.offset() + (long) size * count > data.limit()) {
      throw new MalformedHeaderException("tag " + tag + " points outside the data store");
    }
  }

  /** The NUL-terminated string at {@code offset}; {@code next[0]} is set past its NUL. */
  private String stringAt(int tag, int offset, int[] next) throws MalformedHeaderException {
    int end = offset;
    int limit = data.limit();
    while (end < limit && data.get(end) != 0) {
      end++;
    }
    if (end >= limit) {
      throw new MalformedHeaderException("tag " + tag + " has a string without its NUL");
    }
    byte[] bytes = new byte[end - offset];
    data.get(offset, bytes);
    next[0] = end + 1;
    return Text.decode(bytes);
  }
}
