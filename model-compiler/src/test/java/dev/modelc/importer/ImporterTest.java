package dev.modelc.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.diag.Diagnostic;
import dev.modelc.live.CatalogReader;
import dev.modelc.testing.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the importer does with objects the model language cannot say, and with kinds it does not know. */
class ImporterTest {
  private static ModelImport.Result imported;
  private static String modelYaml;

  @BeforeAll
  static void importUnexpressible() throws Exception {
    String url = Postgres.freshDatabase("unexpressible");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute(ImportRoundTripTest.resource("/live/unexpressible.sql"));
      try {
        s.execute("create unique index concurrently dup_code on dup (code)");
      } catch (SQLException expected) {
        // duplicate codes: the concurrent build fails and leaves an INVALID index behind
      }
      imported = ModelImport.of(CatalogReader.read(c, "public"), new ModelImport.Options("odd", null));
    }
    modelYaml = imported.files().get("model.yaml");
  }

  @Test
  void tablesTheLanguageCannotSayAreUnmanagedWithTheReason() {
    assertTrue(modelYaml.contains("people: { kind: table, reason: column 'mood' has enum type 'mood'; the model language "
        + "has enum columns whose type is named 'people_mood' and used by that column alone }"), modelYaml);
    assertTrue(modelYaml.contains("events: { kind: partitioned table, reason: modelc does not manage partitioned tables }"),
        modelYaml);
    assertTrue(modelYaml.contains("  partitions:\n    events_2024: { reason: unknown }"), modelYaml);
    assertTrue(modelYaml.contains("child_rows: { kind: table, reason: inherits from base_rows; modelc does not manage table "
        + "inheritance }"), modelYaml);
    assertTrue(modelYaml.contains("visits.visits_person_id_fkey: { kind: foreign key, reason: \"references people, which is "
        + "not managed\", dependsOn: [visits.person_id] }"), modelYaml);
    assertFalse(imported.files().containsKey("tables/pets.yaml"), "pets shares the enum type mood: unmanaged as a whole");
    assertTrue(imported.files().containsKey("tables/visits.yaml"), "visits is managed without its foreign key");
    assertFalse(imported.files().get("tables/visits.yaml").contains("references"), imported.files().get("tables/visits.yaml"));
    assertTrue(modelYaml.contains("mood: { reason: unknown }"), "the enum type is listed with the types: " + modelYaml);
  }

  @Test
  void constraintsAndIndexesTheLanguageCannotSayAreUnmanaged() {
    assertTrue(modelYaml.contains("owners.owners_person_fk: { kind: foreign key, reason: NOT VALID; the model language "
        + "cannot express a constraint that is not validated,"), modelYaml);
    assertTrue(modelYaml.contains("owners.owners_id_positive: { kind: check constraint"), modelYaml);
    assertTrue(modelYaml.contains("seats.seats_code_key: { kind: unique constraint, reason: DEFERRABLE; the model language "
        + "has deferrable foreign keys only,"), modelYaml);
    assertTrue(modelYaml.contains("bookings.bookings_room_excl: { kind: exclusion constraint, reason: modelc does not manage "
        + "exclusion constraints"), modelYaml);
    assertTrue(modelYaml.contains("dup_code: { kind: index, reason: \"INVALID: a failed concurrent build, not a healthy index\" }"),
        modelYaml);
    assertTrue(message("MC805").contains("index 'dup_code' of 'dup' is INVALID"), imported.findings().toString());
    assertFalse(imported.files().get("tables/dup.yaml").contains("dup_code"), "an INVALID index is not imported as healthy");
  }

  @Test
  void kindsModelcDoesNotKnowAreListedUnderTheirPostgresName() {
    for (String entry : List.of("total_of: { kind: aggregate", "plain_english: { kind: text search configuration",
        "case_blind: { kind: collation", "\"===(integer,integer)\": { kind: operator", "audit_ddl: { kind: event trigger",
        "dup.dup_check: { reason: unknown")) {
      assertTrue(modelYaml.contains(entry), entry + " in\n" + modelYaml);
    }
    assertEquals(List.of("check_dup", "on_ddl"), List.of("check_dup", "on_ddl").stream()
        .filter(f -> modelYaml.contains("    " + f + ": { reason: unknown }")).toList());
  }

  @Test
  void whatTheDatabaseKeepsAloneIsAWarning() {
    assertTrue(message("MC807").contains("table 'scratch' has UNLOGGED, row level security enabled, storage parameters "
        + "(fillfactor=70)"), imported.findings().toString());
    assertTrue(message("MC808").contains("reads sequence 'shared_seq', which the model does not manage"),
        imported.findings().toString());
    assertTrue(imported.files().containsKey("tables/scratch.yaml"));
    assertTrue(imported.files().containsKey("tables/shared_counter.yaml"));
  }

  @Test
  void collationsAreKeptByNameOrTheTableIsLeftUnmanaged() {
    assertTrue(imported.files().get("tables/labels.yaml").contains("name: { type: text, nullable: true, collation: case_blind }"),
        imported.files().get("tables/labels.yaml"));
    assertTrue(message("MC808").contains("column 'labels.name' has collation 'case_blind', which the model does not "
        + "manage; create it before running the model's DDL on an empty database"), imported.findings().toString());
    assertTrue(modelYaml.contains("tags: { kind: table, reason: column 'name' has collation german of schema other; "
        + "the model language names collations without a schema }"), modelYaml);
    assertFalse(imported.files().containsKey("tables/tags.yaml"));
  }

  @Test
  void theSameCatalogGivesTheSameBytes() throws Exception {
    assertEquals(imported.files(), imported.files());
    assertTrue(imported.files().keySet().stream().allMatch(f -> f.equals("model.yaml") || f.startsWith("tables/")));
  }

  private static String message(String code) {
    return imported.findings().stream().filter(d -> d.code().equals(code)).map(Diagnostic::message)
        .reduce("", (a, b) -> a + "\n" + b);
  }
}
