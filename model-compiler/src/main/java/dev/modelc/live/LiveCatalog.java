package dev.modelc.live;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one schema of a live PostgreSQL holds, read from the system catalogs in one consistent
 * snapshot by {@link CatalogReader}: neutral facts, no decisions. {@code import} turns it into a
 * model; {@code drift} compares it with one. Lists are in name order (columns in their table's
 * order), so the same database always gives an equal snapshot.
 *
 * @param database the database's name
 * @param schema the schema that was read
 * @param serverVersion {@code server_version_num}, e.g. 170002
 * @param tables ordinary, partitioned and foreign tables with their columns, constraints and indexes
 * @param enums enum types of the schema
 * @param sequences every sequence of the schema, owned by a column or not
 * @param extensions installed extensions (plpgsql, which every database has, left out)
 * @param objects everything else of the schema (and the database's event triggers), by kind
 */
public record LiveCatalog(
    String database,
    String schema,
    int serverVersion,
    List<LiveTable> tables,
    List<LiveEnumType> enums,
    List<LiveSequence> sequences,
    List<String> extensions,
    List<LiveObject> objects) {

  public LiveCatalog {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(schema, "schema");
    tables = List.copyOf(tables);
    enums = List.copyOf(enums);
    sequences = List.copyOf(sequences);
    extensions = List.copyOf(extensions);
    objects = List.copyOf(objects);
  }

  public Optional<LiveTable> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<LiveEnumType> enumType(String name) {
    return enums.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public Optional<LiveSequence> sequence(String name) {
    return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
