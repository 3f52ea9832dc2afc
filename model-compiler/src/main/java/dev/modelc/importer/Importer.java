package dev.modelc.importer;

import dev.modelc.dialect.PostgresNames;
import dev.modelc.live.LiveCatalog;
import dev.modelc.live.LiveColumn;
import dev.modelc.live.LiveConstraint;
import dev.modelc.live.LiveEnumType;
import dev.modelc.live.LiveIndex;
import dev.modelc.live.LiveIndexKey;
import dev.modelc.live.LiveObject;
import dev.modelc.live.LiveSequence;
import dev.modelc.live.LiveTable;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.UnmanagedObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, object by object, what of a {@link LiveCatalog} the model manages and what it lists
 * as unmanaged, and why. A table is managed when the language can say every column of it; its
 * constraints and indexes are managed when the language can say them (and what they point at is
 * managed); everything else becomes an {@link Unmanaged} entry. Nothing is dropped silently:
 * what the model cannot carry is either an unmanaged entry or a diagnostic.
 */
final class Importer {
  /** The placeholder written where only a person can say why an object exists. */
  static final String PLACEHOLDER = dev.modelc.model.Placeholder.TEXT;

  private static final Pattern NEXTVAL = Pattern.compile("nextval\\('((?:[^']|'')+)'::regclass\\)");
  private static final Pattern LITERAL_CAST = Pattern.compile("('(?:[^']|'')*'|NULL)::(.+)");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  /** An object the model lists under {@code unmanaged:}, in {@code section}; {@code kind} is set in {@code other:} only. */
  record Unmanaged(UnmanagedObject.Kind section, String name, String kind, String reason, List<String> dependsOn) {}

  /** A column as the model writes it. */
  record ColumnSpec(LiveColumn live, String type, List<String> enumValues, String defaultValue, String identity,
      String sequence, String collation) {}

  /** A managed table: its columns and the constraints and indexes the model carries. */
  record TableSpec(LiveTable live, List<ColumnSpec> columns, LiveConstraint primaryKey, List<LiveConstraint> uniques,
      List<LiveConstraint> foreignKeys, List<LiveConstraint> checks, List<LiveIndex> indexes) {}

  /** A finding to report: code, the table it concerns (null for the database), message. */
  record Finding(ImportCode code, String table, String message) {}

  private final LiveCatalog catalog;
  private final ImportSummary summary = new ImportSummary(List.of("tables", "columns", "primary keys",
      "unique constraints", "foreign keys", "checks", "indexes", "enum types", "sequences", "extensions", "views",
      "materialized views", "functions", "triggers", "policies", "partitions", "types", "other"));
  private final List<Unmanaged> unmanaged = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, TableSpec> managed = new LinkedHashMap<>();
  private final Set<String> importedEnums = new HashSet<>();
  private final Set<String> importedSequences = new HashSet<>();

  private Importer(LiveCatalog catalog) {
    this.catalog = catalog;
  }

  /** The decisions for {@code catalog}. */
  static Importer decide(LiveCatalog catalog) {
    Importer i = new Importer(catalog);
    i.run();
    return i;
  }

  Map<String, TableSpec> managed() {
    return managed;
  }

  List<Unmanaged> unmanaged() {
    return unmanaged;
  }

  List<Finding> findings() {
    return findings;
  }

  ImportSummary summary() {
    return summary;
  }

  List<String> extensions() {
    return catalog.extensions();
  }

  LiveCatalog catalog() {
    return catalog;
  }

  private void run() {
    Map<String, Integer> enumUses = new HashMap<>();
    for (LiveTable t : catalog.tables()) {
      for (LiveColumn c : t.columns()) {
        String type = c.type().array() ? c.type().elementName() : c.type().name();
        String schema = c.type().array() ? c.type().elementSchema() : c.type().schema();
        if (catalog.schema().equals(schema)) {
          enumUses.merge(type, 1, Integer::sum);
        }
      }
    }
    // tables first: whether a foreign key can be managed depends on whether its target is
    Map<String, List<ColumnSpec>> expressible = new LinkedHashMap<>();
    for (LiveTable t : catalog.tables()) {
      Optional<String> why = tableProblem(t);
      if (why.isPresent()) {
        leaveTable(t, why.get());
        continue;
      }
      List<ColumnSpec> columns = new ArrayList<>();
      String problem = null;
      for (LiveColumn c : t.columns()) {
        Object spec = column(t, c, enumUses);
        if (spec instanceof String p) {
          problem = p;
          break;
        }
        columns.add((ColumnSpec) spec);
      }
      if (problem != null) {
        findings.add(new Finding(ImportCode.MC806, t.name(), "table '" + t.name() + "' is left unmanaged: " + problem));
        leaveTable(t, problem);
        continue;
      }
      expressible.put(t.name(), columns);
    }
    for (Map.Entry<String, List<ColumnSpec>> e : expressible.entrySet()) {
      LiveTable t = catalog.table(e.getKey()).orElseThrow();
      managed.put(t.name(), constraintsAndIndexes(t, e.getValue()));
    }
    for (TableSpec t : managed.values()) {
      summary.countImported("tables");
      t.columns().forEach(c -> summary.countImported("columns"));
      settings(t.live());
      checkNeeds(t);
    }
    List<TableSpec> withKeys = new ArrayList<>(managed.values());
    for (TableSpec t : withKeys) {
      managed.put(t.live().name(), foreignKeys(t));
    }
    enumsAndSequences();
    objects();
    catalog.extensions().forEach(x -> summary.countImported("extensions"));
  }

  /** Why the language cannot manage {@code t} as a table whatever its columns are; empty when it can. */
  private static Optional<String> tableProblem(LiveTable t) {
    if (t.kind() != LiveTable.Kind.ORDINARY) {
      return Optional.of("modelc does not manage " + t.kind().label() + "s");
    }
    if (t.partition()) {
      return Optional.of("a partition of " + t.parent());
    }
    if (t.parent() != null) {
      return Optional.of("inherits from " + t.parent() + "; modelc does not manage table inheritance");
    }
    if (t.typed()) {
      return Optional.of("a typed table (CREATE TABLE OF a composite type)");
    }
    return Optional.empty();
  }

  private void leaveTable(LiveTable t, String why) {
    summary.countUnmanaged("tables", why);
    if (t.partition()) {
      summary.countUnmanaged("partitions", "modelc does not manage partitions");
      unmanaged.add(new Unmanaged(UnmanagedObject.Kind.PARTITIONS, t.name(), null, PLACEHOLDER, List.of()));
      return;
    }
    unmanaged.add(new Unmanaged(UnmanagedObject.Kind.OTHER, t.name(), t.kind().label(), why, List.of()));
  }

  /** The column as the model writes it, or a String saying why the language cannot. */
  private Object column(LiveTable t, LiveColumn c, Map<String, Integer> enumUses) {
    String what = "column '" + c.name() + "' ";
    List<String> values = List.of();
    String type;
    String identity = null;
    String sequence = null;
    String defaultValue = c.defaultExpression();
    if (c.generatedKind() != ' ' && c.generatedKind() != 's') {
      return what + "is a virtual generated column, which the model language cannot express";
    }
    if (c.type().typeType() == 'e' && !c.type().array() && catalog.schema().equals(c.type().schema())) {
      String expected = PostgresNames.enumType(t.name(), c.name());
      if (!c.type().name().equals(expected) || enumUses.getOrDefault(c.type().name(), 0) != 1) {
        return what + "has enum type '" + c.type().name() + "'; the model language has enum columns whose type is "
            + "named '" + expected + "' and used by that column alone";
      }
      type = "enum";
      values = catalog.enumType(c.type().name()).map(LiveEnumType::labels).orElse(List.of());
      importedEnums.add(c.type().name());
    } else {
      Optional<String> spelling = ModelTypes.spelling(c.type());
      if (spelling.isEmpty()) {
        return what + "has type " + c.type().formatted() + ", which the model language cannot express";
      }
      type = spelling.get();
    }
    Optional<LiveSequence> owned = Optional.ofNullable(c.ownedSequence()).flatMap(catalog::sequence);
    String defaultSequenceName = ConstraintNames.of(t.name(), List.of(c.name()), "seq");
    if (c.identity() != LiveColumn.Identity.NONE) {
      identity = c.identity() == LiveColumn.Identity.ALWAYS ? "always" : "byDefault";
      if (owned.isPresent()) {
        importedSequences.add(owned.get().name());
        sequence = owned.get().name().equals(defaultSequenceName) ? null : owned.get().name();
        if (!owned.get().hasDefaultParameters()) {
          findings.add(new Finding(ImportCode.MC807, t.name(), "the identity sequence of '" + t.name() + "." + c.name()
              + "' has parameters the model cannot express (start, increment, limits, cache or cycle); the database keeps them"));
        }
      }
    } else if (defaultValue != null && owned.isPresent() && serialShaped(c, owned.get(), type)) {
      type = switch (type) {
        case "smallint" -> "smallserial";
        case "int" -> "serial";
        default -> "bigserial";
      };
      importedSequences.add(owned.get().name());
      sequence = owned.get().name().equals(defaultSequenceName) ? null : owned.get().name();
      defaultValue = null;
    } else if (defaultValue != null) {
      defaultValue = modelDefault(defaultValue, c, type);
    }
    String collation = c.collation();
    if (collation != null && !ModelTypes.textLike(type)) {
      return what + "has collation " + collation + ", which the model language has for text types only";
    }
    if (collation != null && c.collationSchema() != null && !c.collationSchema().equals(catalog.schema())) {
      return what + "has collation " + collation + " of schema " + c.collationSchema()
          + "; the model language names collations without a schema";
    }
    if (collation != null && c.collationSchema() != null) {
      findings.add(new Finding(ImportCode.MC808, t.name(), "column '" + t.name() + "." + c.name() + "' has collation '"
          + collation + "', which the model does not manage; create it before running the model's DDL on an empty database"));
    }
    return new ColumnSpec(c, type, values, defaultValue, identity, sequence, collation);
  }

  /** A serial column: an integer column whose default takes the next value of the sequence it owns. */
  private boolean serialShaped(LiveColumn c, LiveSequence s, String type) {
    Matcher m = NEXTVAL.matcher(c.defaultExpression());
    if (!m.matches() || !c.notNull() || !s.hasDefaultParameters()) {
      return false;
    }
    String expectedType = switch (type) {
      case "smallint" -> "smallint";
      case "int" -> "integer";
      case "bigint" -> "bigint";
      default -> null;
    };
    return s.dataType().equals(expectedType) && identifier(m.group(1).replace("''", "'")).equals(s.name());
  }

  /** The name in a {@code regclass} literal: unquoted (lower case as written) or double-quoted. */
  private static String identifier(String text) {
    if (text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2) {
      return text.substring(1, text.length() - 1).replace("\"\"", "\"");
    }
    return text;
  }

  /**
   * The default as the model writes it: PostgreSQL's text, without the cast PostgreSQL adds to a
   * literal of the column's own type ({@code 'pending'::orders_status} -> {@code 'pending'}),
   * numbers as numbers ({@code '-1'::integer} -> {@code -1}), and a literal of a text or enum
   * column as the bare word the model reads as that literal ({@code 'pending'} -> {@code pending},
   * see the model reference on defaults). {@code ddl} gives PostgreSQL the same default back.
   */
  static String modelDefault(String expression, LiveColumn c, String type) {
    Matcher m = LITERAL_CAST.matcher(expression);
    if (!m.matches()) {
      return expression;
    }
    String cast = m.group(2);
    String formatted = c.type().formatted();
    boolean ownType = cast.equals(formatted) || cast.equals(formatted.replaceAll("\\([0-9,]+\\)", ""))
        || cast.equals(c.type().name()) || cast.equals(PostgresNames.quote(c.type().name()));
    if (!ownType) {
      return expression;
    }
    String literal = m.group(1);
    if (!literal.startsWith("'")) {
      return literal;
    }
    String inside = literal.substring(1, literal.length() - 1);
    if (ModelTypes.numeric(type) && NUMBER.matcher(inside).matches()) {
      return inside;
    }
    String value = inside.replace("''", "'");
    boolean valueColumn = !type.endsWith("[]") && (type.equals("enum") || ModelTypes.textLike(type));
    if (valueColumn && !value.isEmpty() && value.equals(value.strip()) && !value.startsWith("'") && !value.contains("(")) {
      return value; // the model quotes a bare word of a text or enum column back into this literal
    }
    return literal;
  }

  private TableSpec constraintsAndIndexes(LiveTable t, List<ColumnSpec> columns) {
    LiveConstraint primaryKey = null;
    List<LiveConstraint> uniques = new ArrayList<>();
    List<LiveConstraint> checks = new ArrayList<>();
    List<LiveConstraint> foreignKeys = new ArrayList<>();
    Map<String, LiveIndex> indexes = new HashMap<>();
    t.indexes().forEach(i -> indexes.put(i.name(), i));
    for (LiveConstraint c : t.constraints()) {
      if (c.kind() == LiveConstraint.Kind.TRIGGER) {
        continue; // a constraint trigger is listed with the triggers
      }
      String kind = switch (c.kind()) {
        case PRIMARY_KEY -> "primary keys";
        case UNIQUE -> "unique constraints";
        case FOREIGN_KEY -> "foreign keys";
        case CHECK -> "checks";
        default -> "other";
      };
      Optional<String> problem = constraintProblem(c, indexes.get(c.indexName()));
      if (problem.isPresent()) {
        leaveConstraint(t, c, kind, problem.get());
        continue;
      }
      if (c.comment() != null) {
        findings.add(new Finding(ImportCode.MC807, t.name(), "the comment on constraint '" + c.name() + "' of '"
            + t.name() + "' cannot be written in the model; the database keeps it"));
      }
      switch (c.kind()) {
        case PRIMARY_KEY -> primaryKey = c;
        case UNIQUE -> uniques.add(c);
        case CHECK -> checks.add(c);
        default -> foreignKeys.add(c); // decided once every table is known
      }
    }
    List<LiveIndex> plain = new ArrayList<>();
    for (LiveIndex i : t.indexes()) {
      if (i.constraint() != null) {
        continue; // the constraint stands for its index
      }
      Optional<String> problem = indexProblem(i);
      if (problem.isPresent()) {
        summary.countUnmanaged("indexes", problem.get().startsWith("INVALID") ? "INVALID" : problem.get());
        unmanaged.add(new Unmanaged(UnmanagedObject.Kind.OTHER, i.name(), "index", problem.get(), List.of()));
        if (problem.get().startsWith("INVALID")) {
          findings.add(new Finding(ImportCode.MC805, t.name(), "index '" + i.name() + "' of '" + t.name()
              + "' is INVALID (a failed CREATE INDEX CONCURRENTLY); it is listed as unmanaged, not imported: drop it "
              + "(DROP INDEX CONCURRENTLY) or rebuild it (REINDEX INDEX CONCURRENTLY), then import again"));
        } else {
          findings.add(new Finding(ImportCode.MC806, t.name(), "index '" + i.name() + "' of '" + t.name()
              + "' is left unmanaged: " + problem.get()));
        }
        continue;
      }
      if (i.tablespace() != null || i.comment() != null) {
        findings.add(new Finding(ImportCode.MC807, t.name(), "index '" + i.name() + "' of '" + t.name() + "' has "
            + (i.tablespace() != null ? "its own tablespace" : "a comment") + ", which the model cannot express; "
            + "the database keeps it"));
      }
      summary.countImported("indexes");
      plain.add(i);
    }
    if (primaryKey != null) {
      summary.countImported("primary keys");
    }
    uniques.forEach(u -> summary.countImported("unique constraints"));
    checks.forEach(c -> summary.countImported("checks"));
    return new TableSpec(t, columns, primaryKey, uniques, foreignKeys, checks, plain);
  }

  private static Optional<String> constraintProblem(LiveConstraint c, LiveIndex index) {
    if (!c.validated()) {
      return Optional.of("NOT VALID; the model language cannot express a constraint that is not validated");
    }
    if (c.noInherit() && c.kind() == LiveConstraint.Kind.CHECK) {
      return Optional.of("NO INHERIT; the model language cannot express it");
    }
    switch (c.kind()) {
      case PRIMARY_KEY, UNIQUE -> {
        if (c.deferrable()) {
          return Optional.of("DEFERRABLE; the model language has deferrable foreign keys only");
        }
        if (index != null && !index.include().isEmpty()) {
          return Optional.of("its index has INCLUDE columns, which the model language has for indexes only");
        }
        return Optional.empty();
      }
      case FOREIGN_KEY -> {
        if (c.match().equals("partial")) {
          return Optional.of("MATCH PARTIAL, which the model language cannot express");
        }
        if (!c.onDeleteColumns().isEmpty()) {
          return Optional.of("ON DELETE SET NULL/DEFAULT for some columns, which the model language cannot express");
        }
        return Optional.empty();
      }
      case CHECK -> {
        return Optional.empty();
      }
      default -> {
        return Optional.of("modelc does not manage " + c.kind().label() + "s");
      }
    }
  }

  private void leaveConstraint(LiveTable t, LiveConstraint c, String kind, String why) {
    summary.countUnmanaged(kind, why);
    unmanaged.add(new Unmanaged(UnmanagedObject.Kind.OTHER, t.name() + "." + c.name(), c.kind().label(), why,
        c.columns().stream().map(col -> t.name() + "." + col).toList()));
    if (c.kind() != LiveConstraint.Kind.EXCLUSION && c.kind() != LiveConstraint.Kind.TRIGGER
        && c.kind() != LiveConstraint.Kind.OTHER) {
      findings.add(new Finding(ImportCode.MC806, t.name(), c.kind().label() + " '" + c.name() + "' of '" + t.name()
          + "' is left unmanaged: " + why));
    }
  }

  private static Optional<String> indexProblem(LiveIndex i) {
    if (!i.valid() || !i.ready()) {
      return Optional.of("INVALID: a failed concurrent build, not a healthy index");
    }
    for (LiveIndexKey k : i.keys()) {
      if (k.collation() != null) {
        return Optional.of("a key with its own collation (" + k.collation() + "), which the model language cannot express");
      }
    }
    return Optional.empty();
  }

  /** Foreign keys are managed when their target table is, in this schema, by a managed key of it. */
  private TableSpec foreignKeys(TableSpec t) {
    List<LiveConstraint> kept = new ArrayList<>();
    for (LiveConstraint fk : t.foreignKeys()) {
      TableSpec target = catalog.schema().equals(fk.referencedSchema()) ? managed.get(fk.referencedTable()) : null;
      String why = null;
      if (target == null) {
        why = catalog.schema().equals(fk.referencedSchema()) ? "references " + fk.referencedTable()
            + ", which is not managed" : "references a table of schema " + fk.referencedSchema();
      } else if (!referencesAKey(target, fk.referencedColumns())) {
        why = "references columns that are a unique index of " + fk.referencedTable()
            + ", not its primary key or a unique constraint";
      }
      if (why != null) {
        leaveConstraint(t.live(), fk, "foreign keys", why);
        continue;
      }
      summary.countImported("foreign keys");
      kept.add(fk);
    }
    return new TableSpec(t.live(), t.columns(), t.primaryKey(), t.uniques(), kept, t.checks(), t.indexes());
  }

  private static boolean referencesAKey(TableSpec target, List<String> columns) {
    if (target.primaryKey() != null && target.primaryKey().columns().equals(columns)) {
      return true;
    }
    return target.uniques().stream().anyMatch(u -> u.columns().equals(columns));
  }

  /** Table settings the language cannot say: reported, left to the database. */
  private void settings(LiveTable t) {
    List<String> settings = new ArrayList<>();
    if (t.unlogged()) {
      settings.add("UNLOGGED");
    }
    if (t.rowSecurity()) {
      settings.add("row level security enabled" + (t.forceRowSecurity() ? " and forced" : ""));
    }
    if (!t.options().isEmpty()) {
      settings.add("storage parameters (" + String.join(", ", t.options()) + ")");
    }
    if (t.tablespace() != null) {
      settings.add("tablespace " + t.tablespace());
    }
    if (t.accessMethod() != null) {
      settings.add("access method " + t.accessMethod());
    }
    if (t.replicaIdentity() != 'd') {
      settings.add("a replica identity other than the default");
    }
    if (!settings.isEmpty()) {
      findings.add(new Finding(ImportCode.MC807, t.name(), "table '" + t.name() + "' has " + String.join(", ", settings)
          + ", which the model cannot express; the database keeps it, and 'ddl' of the model will not create it"));
    }
  }

  /** Defaults that read a sequence the model does not own: ddl of the model needs the sequence first. */
  private void checkNeeds(TableSpec t) {
    for (ColumnSpec c : t.columns()) {
      if (c.defaultValue() == null) {
        continue;
      }
      Matcher m = NEXTVAL.matcher(c.defaultValue());
      while (m.find()) {
        String sequence = identifier(m.group(1).replace("''", "'"));
        if (!importedSequences.contains(sequence)) {
          findings.add(new Finding(ImportCode.MC808, t.live().name(), "the default of '" + t.live().name() + "."
              + c.live().name() + "' reads sequence '" + sequence + "', which the model does not manage; "
              + "create it before running the model's DDL on an empty database"));
        }
      }
    }
  }

  private void enumsAndSequences() {
    for (LiveEnumType e : catalog.enums()) {
      if (importedEnums.contains(e.name())) {
        summary.countImported("enum types");
      } else {
        summary.countUnmanaged("enum types", "not the type of one enum column of a managed table");
        unmanaged.add(new Unmanaged(UnmanagedObject.Kind.TYPES, e.name(), null, PLACEHOLDER, List.of()));
      }
    }
    for (LiveSequence s : catalog.sequences()) {
      if (importedSequences.contains(s.name())) {
        summary.countImported("sequences");
      } else if (s.owned() && managed.containsKey(s.ownerTable())) {
        summary.countUnmanaged("sequences", "owned by a column that is neither serial nor identity");
        unmanaged.add(new Unmanaged(UnmanagedObject.Kind.SEQUENCES, s.name(), null, PLACEHOLDER, List.of()));
      } else if (s.owned()) {
        summary.countUnmanaged("sequences", "owned by a column of an unmanaged table");
        unmanaged.add(new Unmanaged(UnmanagedObject.Kind.SEQUENCES, s.name(), null, PLACEHOLDER, List.of()));
      } else {
        summary.countUnmanaged("sequences", "not owned by a column");
        unmanaged.add(new Unmanaged(UnmanagedObject.Kind.SEQUENCES, s.name(), null, PLACEHOLDER, List.of()));
      }
    }
  }

  private void objects() {
    Set<String> taken = new HashSet<>();
    for (TableSpec t : managed.values()) {
      taken.add(t.live().name());
      t.live().indexes().forEach(i -> taken.add(i.name()));
      t.live().constraints().forEach(c -> taken.add(c.name()));
    }
    for (LiveObject o : catalog.objects()) {
      UnmanagedObject.Kind section = UnmanagedKinds.of(o.kind());
      // the summary's kind: the section in words (materializedViews -> materialized views)
      String kind = section.section().replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
      String name = o.qualifiedName();
      if (taken.contains(name)) {
        name = name + " (" + o.kindName() + ")";
      }
      List<String> dependsOn = o.dependsOn().stream().filter(this::managedReference).toList();
      boolean other = section == UnmanagedObject.Kind.OTHER;
      summary.countUnmanaged(kind, "modelc does not manage " + (other ? o.kindName() + "s" : kind));
      unmanaged.add(new Unmanaged(section, name, other ? o.kindName() : null, PLACEHOLDER, dependsOn));
    }
  }

  /** True when {@code reference} ({@code table} or {@code table.column}) names a managed table or one of its columns. */
  private boolean managedReference(String reference) {
    if (managed.containsKey(reference)) {
      return true;
    }
    for (TableSpec t : managed.values()) {
      String prefix = t.live().name() + ".";
      if (reference.startsWith(prefix) && t.live().column(reference.substring(prefix.length())).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
