package dev.modelc.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.model.Model;
import dev.modelc.testing.Catalog;
import dev.modelc.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DDL of the model that uses every key of the second version of the language, loaded into a
 * real PostgreSQL: each explicit name, constraint option, index method, operator class, type,
 * identity, generation, collation, comment and extension is in the catalog as the model says.
 */
class LanguageV2DdlTest {
  static final Path MODEL = Path.of("src/test/resources/cases/language-v2/model.yaml");

  @Test
  void everyV2ElementIsInTheCatalogAsDeclared() throws Exception {
    Compilation c = Compiler.compile(List.of(MODEL));
    assertTrue(c.diagnostics().stream().noneMatch(d -> d.isError()), c.diagnostics().toString());
    Model model = c.model().orElseThrow();
    String ddl = PostgresDdl.createSchema(model);
    assertEquals(ddl, PostgresDdl.createSchema(Compiler.compile(List.of(MODEL)).model().orElseThrow()), "deterministic");
    try (Connection db = Postgres.connect(Postgres.freshDatabase("ddl_v2")); Statement s = db.createStatement()) {
      s.execute(ddl);
      String catalog = Catalog.snapshot(db);
      for (String line : List.of(
          "extension |  | citext", "extension |  | pg_trgm",
          "constraint | \"Users\" | users_pk | PRIMARY KEY (id) | t",
          "constraint | \"Users\" | users_email_key | UNIQUE (email) | t",
          "constraint | shops | shops_tenant_id_name_key | UNIQUE NULLS NOT DISTINCT (tenant_id, name) | t",
          "constraint | shops | shops_owner_id_fkey | FOREIGN KEY (owner_id) REFERENCES \"Users\"(id) ON UPDATE CASCADE ON DELETE RESTRICT | t",
          "constraint | line_items | fk_rails_0a1b2c3d | FOREIGN KEY (tenant_id, shop_id) REFERENCES shops(tenant_id, id) MATCH FULL"
              + " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED | t",
          "index | Users | index_users_on_lower_first_name | CREATE INDEX index_users_on_lower_first_name ON \"Users\""
              + " USING btree (lower(\"first name\"))",
          "index | Users | index_users_on_nickname_trgm | CREATE INDEX index_users_on_nickname_trgm ON \"Users\""
              + " USING gin (nickname gin_trgm_ops) WITH (fastupdate=off)",
          "index | Users | index_users_on_signed_up_at | CREATE INDEX index_users_on_signed_up_at ON \"Users\""
              + " USING brin (signed_up_at) WITH (pages_per_range='32')",
          "index | Users | index_users_on_last_ip | CREATE INDEX index_users_on_last_ip ON \"Users\" USING hash (last_ip)",
          "index | Users | index_users_on_order | CREATE INDEX index_users_on_order ON \"Users\" USING btree (\"order\" DESC NULLS LAST)",
          "index | line_items | line_items_by_shop | CREATE INDEX line_items_by_shop ON line_items USING btree"
              + " (tenant_id, shop_id) INCLUDE (quantity)",
          "column | Users | id | bigint | int8 | NO |  | -1 | 64 | 0 | -1 | YES | ALWAYS | NEVER |  | ",
          "column | Users | first name | text | text | NO |  | -1 | -1 | -1 | -1 | NO |  | NEVER |  | C",
          "column | Users | tags | ARRAY | _text | NO | '{}'::text[] | -1 | -1 | -1 | -1 | NO |  | NEVER |  | ",
          "column | Users | signed_up_at | timestamp with time zone | timestamptz | NO | now() | -1 | -1 | -1 | 3 | NO |  | NEVER |  | ",
          "column | Users | flags | bit | bit | YES |  | 4 | -1 | -1 | -1 | NO |  | NEVER |  | ",
          "column | line_items | total_cents | bigint | int8 | NO |  | -1 | 64 | 0 | -1 | NO |  | ALWAYS | (quantity * unit_cents) | ",
          "column | shops | id | integer | int4 | NO | nextval('shops_legacy_id_seq'::regclass) | -1 | 32 | 0 | -1 | NO |  | NEVER |  | ",
          "column | line_items | id | bigint | int8 | NO | nextval('line_items_id_seq'::regclass) | -1 | 64 | 0 | -1 | NO |  | NEVER |  | ",
          "comment | Users |  | People who sign in.",
          "comment | Users | email | Unique however it is capitalised.",
          "sequence | shops_legacy_id_seq | integer | shops.id",
          "sequence | line_items_id_seq | bigint | line_items.id",
          "sequence | Users_id_seq | bigint | Users.id")) {
        assertTrue(catalog.contains(line + "\n"), "missing: " + line + "\nin:\n" + catalog);
      }
      s.execute("insert into \"Users\" (email, \"first name\") values ('a@b.c', 'A')");
      s.execute("insert into shops (tenant_id, name, owner_id) values (1, 'x', 1)");
      SQLException twice = assertThrows(SQLException.class, () -> s.execute("insert into shops (tenant_id, name, owner_id) values (1, 'x', 1)"));
      assertTrue(twice.getMessage().contains("shops_tenant_id_name_key"), twice.getMessage());
      db.setAutoCommit(false);
      s.execute("insert into line_items (tenant_id, shop_id, quantity, unit_cents, code) values (1, 99, 1, 1, 'x')");
      SQLException deferred = assertThrows(SQLException.class, db::commit, "the deferred key is checked at commit");
      assertTrue(deferred.getMessage().contains("fk_rails_0a1b2c3d"), deferred.getMessage());
    }
  }
}
