package dev.modelc.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.testing.Postgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogReaderTest {
  private static LiveCatalog catalog;

  static String resource(String name) throws IOException {
    try (InputStream in = CatalogReaderTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @BeforeAll
  static void read() throws Exception {
    String url = Postgres.freshDatabase("reader");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute(resource("/live/expressible.sql"));
    }
    try (Connection c = Database.of(url, "postgres", "postgres").connect(Database.Access.READ_ONLY, 10_000)) {
      catalog = CatalogReader.read(c, "public");
      assertTrue(c.getAutoCommit(), "the connection's state is restored");
    }
  }

  @Test
  void readsTablesColumnsAndTypes() {
    assertEquals(List.of("Line Items", "accounts", "devices", "orders", "shipments", "shops",
        "this_table_name_is_exactly_sixty_three_bytes_long_abcdefghijklm", "tickets",
        "Ünïcödé-Tabelle mit einem sehr langen Namen, der länger a"),
        catalog.tables().stream().map(LiveTable::name).toList());
    LiveTable orders = catalog.table("orders").orElseThrow();
    assertEquals("text[]", orders.column("tags").orElseThrow().type().formatted());
    assertTrue(orders.column("tags").orElseThrow().type().array());
    assertEquals("timestamp(3) with time zone", orders.column("placed_at").orElseThrow().type().formatted());
    assertEquals("C", orders.column("note").orElseThrow().collation());
    assertEquals(null, orders.column("note").orElseThrow().collationSchema(), "a collation of pg_catalog");
    assertEquals("price_cents * quantity", orders.column("line_total").orElseThrow().generatedExpression());
    assertEquals("'pending'::orders_status", orders.column("status").orElseThrow().defaultExpression());
    LiveColumn id = catalog.table("shops").orElseThrow().column("id").orElseThrow();
    assertEquals(LiveColumn.Identity.ALWAYS, id.identity());
    assertEquals("shops_id_seq", id.ownedSequence());
    assertEquals("A shop.", catalog.table("shops").orElseThrow().comment());
    assertEquals("citext", catalog.table("shops").orElseThrow().column("domain").orElseThrow().type().name());
    assertEquals("Line Items_Id_seq", catalog.table("Line Items").orElseThrow().column("Id").orElseThrow().ownedSequence());
  }

  @Test
  void readsConstraintsWithTheirRealNamesAndOptions() {
    LiveConstraint fk = catalog.table("Line Items").orElseThrow().constraints().stream()
        .filter(c -> c.name().equals("fk_rails_0a1b2c3d")).findFirst().orElseThrow();
    assertEquals(List.of("shop_id", "order"), fk.columns());
    assertEquals("orders", fk.referencedTable());
    assertEquals(List.of("shop_id", "id"), fk.referencedColumns());
    assertEquals("cascade", fk.onDelete());
    assertEquals("cascade", fk.onUpdate());
    assertTrue(fk.deferrable() && fk.initiallyDeferred());
    assertEquals("shops_pk", catalog.table("shops").orElseThrow().primaryKey().orElseThrow().name());
    LiveConstraint check = catalog.table("orders").orElseThrow().constraints().stream()
        .filter(c -> c.kind() == LiveConstraint.Kind.CHECK).findFirst().orElseThrow();
    assertEquals("total_cents >= 0", check.expression());
  }

  @Test
  void readsIndexMethodsKeysAndOptions() {
    LiveTable orders = catalog.table("orders").orElseThrow();
    LiveIndex expression = index(orders, "index_orders_on_shop_number");
    assertTrue(expression.unique());
    assertEquals("shop_id", expression.keys().get(0).column());
    assertEquals("lower(number)", expression.keys().get(1).expression());
    LiveIndex trgm = index(orders, "index_orders_on_number_trgm");
    assertEquals("gin", trgm.method());
    assertEquals("gin_trgm_ops", trgm.keys().get(0).opclass());
    assertNull(index(orders, "index_orders_on_tags").keys().get(0).opclass(), "the default operator class is not named");
    LiveIndexKey placed = index(orders, "index_orders_on_placed").keys().get(0);
    assertTrue(placed.descending());
    assertFalse(placed.nullsFirst());
    assertEquals("status <> 'shipped'::orders_status", index(orders, "index_orders_on_placed").predicate());
    assertEquals(List.of("pages_per_range=32"), index(orders, "orders_brin").options());
    assertEquals(List.of("total_cents", "status"), index(orders, "orders_covering").include());
    assertTrue(index(catalog.table("accounts").orElseThrow(), "accounts_lower_email").nullsNotDistinct());
    assertEquals("orders_pkey", index(orders, "orders_pkey").constraint());
  }

  @Test
  void readsEverythingElseAsObjectsWithWhatTheyDependOn() {
    assertEquals(List.of("citext", "pg_trgm"), catalog.extensions());
    assertEquals(List.of("pending", "paid", "shipped"), catalog.enumType("orders_status").orElseThrow().labels());
    assertFalse(catalog.sequence("invoice_numbers").orElseThrow().owned());
    assertTrue(catalog.sequence("shops_id_seq").orElseThrow().identity());
    assertEquals(List.of("orders.id", "orders.shop_id", "orders.status", "orders.total_cents"),
        object("view", "paid_orders").dependsOn());
    object("materialized view", "daily_revenue");
    object("function", "set_placed_at");
    assertEquals("orders", object("trigger", "orders_set_placed").table());
    assertEquals(List.of("accounts", "accounts.kind"), object("policy", "accounts_by_kind").dependsOn());
    object("domain", "positive_int");
    object("composite type", "address");
    object("statistics object", "orders_stats");
    object("rule", "paid_orders_no_delete");
    assertTrue(catalog.objects().stream().noneMatch(o -> o.name().contains("similarity")),
        "extension members are the extension's: " + catalog.objects());
  }

  @Test
  void aMissingSchemaIsNamedWithTheOnesThatExist() throws Exception {
    String url = Postgres.freshDatabase("reader_schema");
    try (Connection c = Database.of(url, "postgres", "postgres").connect(Database.Access.READ_ONLY, 10_000)) {
      SQLException e = assertThrows(SQLException.class, () -> CatalogReader.read(c, "shop"));
      assertEquals(CatalogReader.NO_SUCH_SCHEMA, e.getSQLState());
      assertEquals("schema 'shop' does not exist; the database has public", e.getMessage());
    }
  }

  /** The server quotes a key word such as {@code between} (not reserved) in an identity; the name drops that prefix. */
  @Test
  void anObjectOfASchemaNamedByAKeyWordIsNamedWithoutItsSchema() throws Exception {
    String url = Postgres.freshDatabase("reader_keyword");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA \"between\"");
      s.execute("CREATE FUNCTION \"between\".same(int, int) RETURNS boolean LANGUAGE sql AS 'select $1 = $2'");
      s.execute("CREATE OPERATOR \"between\".=== (leftarg = int, rightarg = int, function = \"between\".same)");
    }
    try (Connection c = Database.of(url, "postgres", "postgres").connect(Database.Access.READ_ONLY, 10_000)) {
      LiveCatalog read = CatalogReader.read(c, "between");
      assertEquals(List.of("===(integer,integer)"), read.objects().stream().filter(o -> o.kindName().equals("operator"))
          .map(LiveObject::name).toList(), read.objects().toString());
    }
  }

  private static LiveIndex index(LiveTable table, String name) {
    return table.indexes().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  private static LiveObject object(String kind, String name) {
    return catalog.objects().stream().filter(o -> o.kindName().equals(kind) && o.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + catalog.objects()));
  }
}
