package dev.modelc.parse;

import dev.modelc.diag.Diagnostics;
import dev.modelc.model.SourceRef;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Turns a file's bytes into a YAML 1.2 node tree with positions, safely: strict UTF-8, a size
 * limit, a nesting limit, an alias limit, and an expanded-size budget so that an alias bomb
 * cannot make later walks exponential. Composing builds nodes only (no objects are
 * constructed), and every explicit YAML tag ({@code !foo}, {@code !!binary},
 * {@code !<tag:...>}) is rejected before a node is built: a model is plain YAML. Scalars are
 * read by the YAML 1.2 core schema ({@link YamlScalars}), as editors read them.
 */
final class YamlReader {
  /** Largest model file read, in bytes. Larger files get MC103 without being read whole. */
  static final long MAX_FILE_BYTES = 32L * 1024 * 1024;
  /** Deepest nesting accepted; real models need fewer than 10 levels. */
  static final int MAX_NESTING = 64;
  /**
   * Every scalar composed as a string, with no pattern matching: {@link YamlScalars} types
   * scalars itself by the core schema, so a resolver's tags would be computed and never read.
   */
  private static final Schema UNTYPED = new Schema() {
    @Override
    public ScalarResolver getScalarResolver() {
      return (value, implicit) -> Tag.STR;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
      return Map.of(); // only nodes are composed: nothing is constructed
    }
  };
  /** Aliases to collections accepted per file: a handful is plenty for real models. */
  static final int MAX_COLLECTION_ALIASES = 50;
  /**
   * One set of settings for every file: a builder makes a schema of its own and a file's label
   * only names it in SnakeYAML's messages, which diagnostics do not repeat (they carry the
   * file's name themselves). Settings are immutable; each read has its own reader and parser.
   */
  private static final LoadSettings SETTINGS = LoadSettings.builder()
      .setLabel("model file")
      .setAllowDuplicateKeys(true) // duplicates are reported with positions by the walker
      .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
      .setAllowRecursiveKeys(false)
      .setCodePointLimit((int) MAX_FILE_BYTES)
      .setParseComments(false)
      .setUseMarks(true)
      .setSchema(UNTYPED)
      .build();

  private YamlReader() {}

  /** The file's root node, or empty when the file is empty or unreadable (then diagnosed). */
  static Optional<Node> read(SourceFile file, SourceTexts texts, Diagnostics diagnostics) {
    String name = file.displayName();
    byte[] bytes = file.content();
    if (bytes.length > MAX_FILE_BYTES) {
      diagnostics.report(ParseCode.MC103, SourceRef.ofFile(name), "file is " + bytes.length
          + " bytes; model files may be at most " + MAX_FILE_BYTES + " bytes: split the model into a folder of smaller files");
      return Optional.empty();
    }
    Optional<String> text = decode(name, bytes, diagnostics);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    texts.put(name, text.get());
    if (text.get().isBlank()) {
      diagnostics.report(ParseCode.MC110, new SourceRef(name, 1, 1), "file is empty; add model content or delete it");
      return Optional.empty();
    }
    Node root;
    Guarded guarded;
    try {
      guarded = new Guarded(new ParserImpl(SETTINGS, new StreamReader(SETTINGS, text.get())));
      root = new Composer(SETTINGS, guarded).getSingleNode().orElse(null);
    } catch (TooDeep e) {
      diagnostics.report(ParseCode.MC106, e.mark == null ? SourceRef.ofFile(name) : at(name, e.mark),
          "YAML is nested too deeply; model files may nest at most " + MAX_NESTING + " levels");
      return Optional.empty();
    } catch (TagFound e) {
      diagnostics.report(ParseCode.MC101, e.mark == null ? SourceRef.ofFile(name) : at(name, e.mark),
          "YAML tags such as '" + printable(e.tag.replace("tag:yaml.org,2002:", "!!")) + "' are not allowed in model files; remove the tag");
      return Optional.empty();
    } catch (ReaderException e) {
      diagnostics.report(ParseCode.MC101, positionOfCodePoint(name, text.get(), e.getPosition()),
          "character U+" + String.format("%04X", e.getCodePoint())
              + " is not allowed in YAML; remove it (write it as an escape inside a double-quoted string if it is data)");
      return Optional.empty();
    } catch (MarkedYamlEngineException e) {
      reportYamlError(name, text.get(), e, diagnostics);
      return Optional.empty();
    } catch (YamlEngineException e) {
      reportLimit(name, e.getMessage(), diagnostics);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      // SnakeYAML's scanner reads a truncated escape (a backslash and u at the end of the input) with
      // Integer.parseInt and lets the NumberFormatException out: report it as the syntax error it is
      diagnostics.report(ParseCode.MC101, malformedEscape(name, text.get()),
          "YAML syntax error: an escape in a double-quoted string is cut short; write \\xXX, \\uXXXX or \\UXXXXXXXX in full");
      return Optional.empty();
    } catch (StackOverflowError e) {
      diagnostics.report(ParseCode.MC106, SourceRef.ofFile(name),
          "YAML is nested too deeply; model files may nest at most " + MAX_NESTING + " levels");
      return Optional.empty();
    }
    if (root == null) {
      diagnostics.report(ParseCode.MC110, new SourceRef(name, 1, 1), "file holds no YAML document; add model content or delete it");
      return Optional.empty();
    }
    long budget = nodeBudget(bytes.length);
    // without aliases every node is written out: only aliases can blow a file up past its
    // budget, so only then is it walked (YamlReaderBudgetTest has SnakeYAML compose the densest
    // alias-free documents it can find and counts their nodes)
    if (guarded.aliased && expandedSize(root, budget) > budget) {
      diagnostics.report(ParseCode.MC105, at(name, root),
          "aliases expand this file to more than " + budget + " nodes (an alias bomb); write the values out or use fewer aliases");
      return Optional.empty();
    }
    return Optional.of(root);
  }

  private static Optional<String> decode(String name, byte[] bytes, Diagnostics diagnostics) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    var result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      diagnostics.report(ParseCode.MC104, positionOfByte(name, bytes, offset),
          "byte 0x" + String.format("%02X", bytes[offset] & 0xFF) + " at offset " + offset
              + " is not valid UTF-8; save the file as UTF-8");
      return Optional.empty();
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return Optional.of(text);
  }

  /** Where the first x, u or U escape (after a backslash) without all its hex digits is, or the file when none is found. */
  private static SourceRef malformedEscape(String name, String text) {
    for (int i = 0; i + 1 < text.length(); i++) {
      if (text.charAt(i) != '\\') {
        continue;
      }
      char kind = text.charAt(i + 1);
      int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
      if (digits > 0) {
        int hex = 0;
        while (hex < digits && i + 2 + hex < text.length() && Character.digit(text.charAt(i + 2 + hex), 16) >= 0) {
          hex++;
        }
        if (hex < digits) {
          return positionOfCodePoint(name, text, text.codePointCount(0, i));
        }
      }
      i++; // an escaped character, possibly a backslash
    }
    return SourceRef.ofFile(name);
  }

  /** Line and column of the code point at {@code index} (SnakeYAML counts code points). */
  private static SourceRef positionOfCodePoint(String name, String text, int index) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < index; i += Character.charCount(text.codePointAt(i)), seen++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourceRef(name, line, column);
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().limit(60).forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  /** Thrown by {@link Guarded} at the first explicit tag. */
  private static final class TagFound extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Mark mark;
    final String tag;

    TagFound(String tag, Mark mark) {
      super(null, null, false, false);
      this.tag = tag;
      this.mark = mark;
    }
  }

  /** Thrown by {@link Guarded} when collections nest deeper than {@link #MAX_NESTING}. */
  private static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Mark mark;

    TooDeep(Mark mark) {
      super(null, null, false, false);
      this.mark = mark;
    }
  }

  /**
   * Passes parser events through; stops at the first node that carries an explicit tag, and at
   * the first collection nested deeper than the limit, before the composer (which recurses per
   * level) sees it.
   */
  private static final class Guarded implements Parser {
    private final Parser delegate;
    private int depth;
    /** Whether the document uses an alias: the composer takes every event through {@link #next}. */
    boolean aliased;

    Guarded(Parser delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
      return delegate.peekEvent();
    }

    @Override
    public boolean hasNext() {
      return delegate.hasNext();
    }

    @Override
    public Event next() {
      Event e = delegate.next();
      Optional<String> tag = e instanceof ScalarEvent s ? s.getTag()
          : e instanceof CollectionStartEvent c ? c.getTag() : Optional.empty();
      if (tag.isPresent()) {
        throw new TagFound(tag.get(), e.getStartMark().orElse(null));
      }
      if (e instanceof CollectionStartEvent && ++depth > MAX_NESTING) {
        throw new TooDeep(e.getStartMark().orElse(null));
      }
      if (e instanceof CollectionEndEvent) {
        depth--;
      }
      if (e instanceof AliasEvent) {
        aliased = true;
      }
      return e;
    }
  }

  private static SourceRef positionOfByte(String name, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    // Columns count characters; bytes before the bad one on this line are valid UTF-8.
    String prefix = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    return new SourceRef(name, line, prefix.codePointCount(0, prefix.length()) + 1);
  }

  private static void reportYamlError(String name, String text, MarkedYamlEngineException e,
      Diagnostics diagnostics) {
    Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
    SourceRef where = mark != null ? at(name, mark) : SourceRef.ofFile(name);
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    if (problem.contains("\\t") || problem.contains("\t") || isTabAt(text, mark)) {
      diagnostics.report(ParseCode.MC107, where,
          "tab character where YAML expects spaces; indent with spaces only");
      return;
    }
    String full = e.getMessage() == null ? "" : e.getMessage();
    if (full.contains("expected a single document")) {
      diagnostics.report(ParseCode.MC108, where,
          "a model file holds one YAML document; remove the '---' separator or split the file");
      return;
    }
    java.util.regex.Matcher character = java.util.regex.Pattern.compile("\\(0x([0-9A-Fa-f]{1,6})\\)").matcher(problem);
    if (mark != null && character.find()) {
      // the scanner marks the start of the scalar; point at the character itself
      int codePoint = Integer.parseInt(character.group(1), 16);
      diagnostics.report(ParseCode.MC101, positionOfCodePoint(name, text, firstCodePointFrom(text, mark.getIndex(), codePoint)),
          "character U+" + String.format("%04X", codePoint)
              + " is not allowed in YAML; remove it (write it as an escape inside a double-quoted string if it is data)");
      return;
    }
    String context = e.getContext() == null ? "" : " (" + clean(e.getContext()) + ")";
    diagnostics.report(ParseCode.MC101, where, "YAML syntax error: " + clean(problem) + context);
  }

  /** The code point index of the first {@code codePoint} at or after code point {@code from}; {@code from} when there is none. */
  private static int firstCodePointFrom(String text, int from, int codePoint) {
    int index = 0;
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i)), index++) {
      if (index >= from && text.codePointAt(i) == codePoint) {
        return index;
      }
    }
    return from;
  }

  private static boolean isTabAt(String text, Mark mark) {
    if (mark == null) {
      return false;
    }
    int index = mark.getIndex();
    return index >= 0 && index < text.length() && text.charAt(index) == '\t';
  }

  private static void reportLimit(String name, String message, Diagnostics diagnostics) {
    String m = message == null ? "" : message;
    if (m.contains("aliases")) {
      diagnostics.report(ParseCode.MC105, SourceRef.ofFile(name), "more than "
          + MAX_COLLECTION_ALIASES + " aliases to collections (an alias bomb?); write the values out");
    } else if (m.contains("code points")) {
      diagnostics.report(ParseCode.MC103, SourceRef.ofFile(name),
          "file is larger than " + MAX_FILE_BYTES + " characters; split the model into smaller files");
    } else {
      diagnostics.report(ParseCode.MC101, SourceRef.ofFile(name), "YAML error: " + clean(m));
    }
  }

  private static String clean(String s) {
    return s.replace('\n', ' ').replaceAll("\\s+", " ").trim();
  }

  static SourceRef at(String name, Mark mark) {
    return new SourceRef(name, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** How many nodes a file of {@code bytes} bytes may expand to: four a byte, and some room for tiny files. */
  static long nodeBudget(int bytes) {
    return 4L * bytes + 1024;
  }

  /** Where a node starts; every node has a mark because marks are switched on. */
  static SourceRef at(String name, Node node) {
    return node.getStartMark().map(m -> at(name, m)).orElse(SourceRef.ofFile(name));
  }

  /**
   * The number of nodes a full walk would visit, counting a shared (aliased) node once per
   * reference; saturates just past {@code limit}, and a recursive alias counts as unbounded.
   * Memoised per node, so it is linear; recursion depth is bounded by the nesting limit
   * because aliases only point at nodes already composed.
   */
  private static long expandedSize(Node root, long limit) {
    return expandedSize(root, limit, new IdentityHashMap<>());
  }

  private static long expandedSize(Node node, long limit, Map<Node, Long> sizes) {
    Long known = sizes.get(node);
    if (known != null) {
      return known < 0 ? limit + 1 : known; // -1 marks a node still being walked: a cycle
    }
    sizes.put(node, -1L);
    long size = 1;
    for (Node child : children(node)) {
      size = Math.min(limit + 1, size + expandedSize(child, limit, sizes));
    }
    sizes.put(node, size);
    return size;
  }

  private static Iterable<Node> children(Node node) {
    if (node instanceof SequenceNode seq) {
      return seq.getValue();
    }
    if (node instanceof MappingNode map) {
      java.util.List<Node> list = new java.util.ArrayList<>(map.getValue().size() * 2);
      for (NodeTuple t : map.getValue()) {
        list.add(t.getKeyNode());
        list.add(t.getValueNode());
      }
      return list;
    }
    return java.util.List.of();
  }
}
