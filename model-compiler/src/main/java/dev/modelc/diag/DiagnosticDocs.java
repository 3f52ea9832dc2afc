package dev.modelc.diag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The documentation of every diagnostic code: docs/diagnostics.md, copied into the jar at build
 * time, read section by section ({@code ### MC101: ...}). Rule metadata in SARIF (full
 * description, help) comes from here, so what code scanning shows is what the docs say.
 *
 * <p>modelc's documentation has no address of its own: a team that publishes it (or keeps a
 * copy of docs/ in its repository) gives that address as the docs URL, and SARIF rules then
 * link to their section of diagnostics.md there ({@link #page}, {@link Section#uri}).
 */
public final class DiagnosticDocs {
  private static final String RESOURCE = "/dev/modelc/diag/diagnostics.md";
  private static final String FILE = "diagnostics.md";

  /** One code's section: its heading, the first paragraph (severity and fix) and the whole text. */
  public record Section(String heading, String firstParagraph, String markdown) {
    /** GitHub's anchor for the heading: lower case, punctuation dropped, spaces as hyphens. */
    public String anchor() {
      return slug(heading);
    }

    /** The section on {@code page} (see {@link #page}): section anchors are GitHub's heading slugs. */
    public String uri(String page) {
      return page + "#" + anchor();
    }

    /** The section without Markdown markup, for plain-text help. */
    public String text() {
      return markdown.replace("```", "").replace("`", "").replace("**", "").strip();
    }
  }

  private static final Map<String, Section> SECTIONS = read();

  private DiagnosticDocs() {}

  public static Optional<Section> of(String code) {
    return Optional.ofNullable(SECTIONS.get(code));
  }

  /**
   * What is wrong with {@code docsUrl} as the address of modelc's documentation, if anything: it
   * must be an absolute http or https URL (SARIF's help URIs are absolute) of the folder that
   * holds diagnostics.md, or of that page itself, without a query or fragment.
   */
  public static Optional<String> problem(String docsUrl) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(docsUrl.strip());
    } catch (java.net.URISyntaxException e) {
      return Optional.of("'" + docsUrl + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      return Optional.of("'" + docsUrl + "' is not an absolute http or https URL");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of("'" + docsUrl + "' has a query or fragment; give the folder that holds " + FILE);
    }
    return Optional.empty();
  }

  /** The diagnostics page under {@code docsUrl}: its diagnostics.md, or the URL itself when it names that page. */
  public static String page(String docsUrl) {
    String base = docsUrl.strip();
    if (base.endsWith("/" + FILE)) {
      return base;
    }
    return base.endsWith("/") ? base + FILE : base + "/" + FILE;
  }

  static String slug(String heading) {
    StringBuilder b = new StringBuilder();
    for (char c : heading.toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        b.append(c);
      } else if (c == ' ') {
        b.append('-');
      }
    }
    return b.toString();
  }

  private static Map<String, Section> read() {
    String text;
    try (InputStream in = DiagnosticDocs.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return Map.of();
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Section> sections = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].matches("### MC\\d{3}: .*")) {
        continue;
      }
      String heading = lines[i].substring(4).strip();
      StringBuilder body = new StringBuilder();
      int j = i + 1;
      for (; j < lines.length && !lines[j].startsWith("## ") && !lines[j].startsWith("### "); j++) {
        body.append(lines[j]).append('\n');
      }
      String markdown = body.toString().strip();
      String first = markdown.split("\n\\s*\n", 2)[0].replace('\n', ' ').strip();
      sections.put(heading.substring(0, 5), new Section(heading, first, markdown));
      i = j - 1;
    }
    return Map.copyOf(sections);
  }
}
