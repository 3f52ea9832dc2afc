package dev.modelc.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Column;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.parse.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Rails schema.rb converter on a small hand-written schema in both dump styles. */
class RailsSchemaConverterTest {
  static final String V1 = """
      # A made-up shop, dumped the way Rails 7 writes schema.rb.
      ActiveRecord::Schema[7.1].define(version: 2024_05_01_120000) do
        enable_extension "citext"
        enable_extension "plpgsql"

        create_enum "order_state", ["cart", "placed", "shipped"]

        create_table "shops", id: :uuid, default: -> { "gen_random_uuid()" }, force: :cascade do |t|
          t.string "title", limit: 80, null: false
          t.citext "contact_email"
          t.string "tags", default: [], null: false, array: true
          t.jsonb "settings", default: {}, null: false
          t.datetime "created_at", null: false
          t.index ["title"], name: "index_shops_on_title", unique: true
          t.index "lower((title)::text)", name: "index_shops_on_lower_title"
          t.index ["tags"], name: "index_shops_on_tags", using: :gin
        end

        create_table "baskets", force: :cascade do |t|
          t.uuid "shop_id", null: false
          t.integer "owner_id"
          t.decimal "total", precision: 10, scale: 2, default: "0.0", null: false
          t.enum "state", default: "cart", null: false, enum_type: "order_state"
          t.string "order"
          t.boolean "gift", default: false
          t.datetime "placed_at"
          t.index ["shop_id", "placed_at"], name: "index_baskets_on_shop_id_and_placed_at", order: { placed_at: :desc }
          t.index ["owner_id"], name: "index_baskets_on_owner_id", where: "(placed_at IS NULL)"
          t.check_constraint "total >= 0", name: "baskets_total_positive"
        end

        create_table "owners", force: :cascade do |t|
          t.string "name"
        end

        create_table "basket_items", id: false, force: :cascade do |t|
          t.bigint "basket_id", null: false
          t.integer "position", null: false
          t.string "sku", limit: 32
        end

        add_foreign_key "baskets", "shops", on_delete: :cascade
        add_foreign_key "baskets", "owners"
        add_foreign_key "basket_items", "baskets", name: "fk_rails_0123abcd"
      end
      """;

  /** v2 with hash-rocket arguments: a table, a column and an index went away, others came. */
  static final String V2 = """
      ActiveRecord::Schema[7.1].define(:version => 20240601000000) do
        create_enum "order_state", ["cart", "placed", "shipped", "returned"]

        create_table "shops", :id => :uuid, :default => -> { "gen_random_uuid()" }, :force => true do |t|
          t.string "title", :limit => 80, :null => false
          t.string "tags", :default => [], :null => false, :array => true
          t.jsonb "settings", :default => {}, :null => false
          t.datetime "created_at", :null => false
          t.string "slug", :limit => 80
        end

        add_index "shops", ["title"], :name => "index_shops_on_title", :unique => true

        create_table "baskets", :force => true do |t|
          t.uuid "shop_id", :null => false
          t.integer "owner_id"
          t.decimal "total", :precision => 10, :scale => 2, :default => "0.0", :null => false
          t.enum "state", :default => "cart", :null => false, :enum_type => "order_state"
          t.boolean "gift", :default => false
          t.datetime "placed_at"
        end

        add_index "baskets", ["shop_id", "placed_at"], :name => "index_baskets_on_shop_id_and_placed_at", :order => { :placed_at => :desc }
      end
      """;

  @Test
  void convertsWhatTheLanguageSaysAndCountsTheRest() {
    RailsSchemaConverter.Converted v1 = RailsSchemaConverter.convert(V1);
    String yaml = RailsSchemaConverter.yaml("shop", v1, null, null);
    Model model = compileClean(yaml);

    Table shops = model.table("shops").orElseThrow();
    assertEquals("uuid", column(shops, "id").type().modelSpelling());
    assertEquals("gen_random_uuid()", column(shops, "id").defaultValue());
    assertEquals("varchar(80)", column(shops, "title").type().modelSpelling());
    assertEquals("text", column(shops, "contact_email").type().modelSpelling());
    assertEquals("jsonb", column(shops, "tags").type().modelSpelling());
    assertEquals("'[]'", column(shops, "tags").defaultValue());
    assertEquals(List.of("index_shops_on_title"), shops.indexes().stream().map(i -> i.name()).toList());

    Table baskets = model.table("baskets").orElseThrow();
    assertEquals("bigint", column(baskets, "id").type().modelSpelling());
    assertEquals("numeric(10,2)", column(baskets, "total").type().modelSpelling());
    assertEquals(List.of("cart", "placed", "shipped"), column(baskets, "state").type().enumValues());
    assertEquals("shop_id -> shops.id", baskets.foreignKeysOf("shop_id").get(0).describe());
    assertEquals("cascade", baskets.foreignKeysOf("shop_id").get(0).onDelete());
    assertTrue(baskets.column("order").isEmpty(), "a reserved word is not a column name modelc accepts");
    assertEquals(1, baskets.checks().size());
    assertEquals("(placed_at IS NULL)", baskets.indexes().stream()
        .filter(i -> i.name().equals("index_baskets_on_owner_id")).findFirst().orElseThrow().where());

    Table items = model.table("basket_items").orElseThrow();
    assertTrue(items.primaryKey().isEmpty());
    assertEquals("basket_id -> baskets.id", items.foreignKeysOf("basket_id").get(0).describe());

    Map<String, Integer> tally = v1.tally().counts();
    assertEquals(1, tally.get("drop: expression index"));
    assertEquals(1, tally.get("drop: gin index"));
    assertEquals(1, tally.get("bend: citext -> text"));
    assertEquals(1, tally.get("bend: array column -> jsonb"));
    assertEquals(1, tally.get("drop: extension citext"));
    assertEquals(1, tally.get("drop: foreign key between columns of different types (int -> bigint)"));
    assertEquals(1, tally.get("bend: explicit constraint name (fk_rails_...) -> <table>_<column>_fkey"));
    assertEquals(1, tally.get("bend: shared named enum type -> per-column enum type"));
    assertEquals(2, tally.get("bend: auto-increment key (serial) without its sequence default"));
    assertEquals(1, tally.get("drop: column whose name is not a modelc identifier (reserved word, case, length)"));
  }

  @Test
  void theNextVersionRetiresWhatWentAwayAndPlans() {
    RailsSchemaConverter.Converted v1 = RailsSchemaConverter.convert(V1);
    RailsSchemaConverter.Converted v2 = RailsSchemaConverter.convert(V2);
    String yaml2 = RailsSchemaConverter.yaml("shop", v2, v1, "abc1234");
    Model model = compileClean(yaml2);
    assertTrue(yaml2.contains("owners: { reason: \"Removed upstream in abc1234.\" }"), yaml2);
    assertTrue(yaml2.contains("basket_items: { reason:"), yaml2);
    assertTrue(yaml2.contains("\"shops.contact_email\": { reason:"), yaml2);
    assertTrue(yaml2.contains("\"baskets.index_baskets_on_owner_id\": { reason:"), yaml2);
    assertTrue(yaml2.contains("\"baskets.baskets_total_positive\"") == false, "checks need no tombstone");
    assertEquals(List.of("cart", "placed", "shipped", "returned"),
        column(model.table("baskets").orElseThrow(), "state").type().enumValues());
    assertEquals("varchar(80)", column(model.table("shops").orElseThrow(), "slug").type().modelSpelling());

    Planning.Result plan = Planning.plan(compile(RailsSchemaConverter.yaml("shop", v1, null, null)), compile(yaml2));
    assertFalse(plan.hasErrors(), () -> plan.diagnostics().toString());
    assertTrue(plan.plan().orElseThrow().steps().stream().anyMatch(s -> s.id().equals("drop-table:owners")),
        () -> plan.plan().orElseThrow().steps().stream().map(s -> s.id()).toList().toString());
  }

  /** Rails 4.1 and older: hash rockets, `force: true`, a string is varchar(255) unless it says otherwise. */
  static final String OLD_DUMP = """
      ActiveRecord::Schema.define(:version => 20131209000000) do
        create_table "notes", :force => true do |t|
          t.string   "title",  :null => false
          t.string   "code",   :limit => 12
          t.integer  "author_id", :limit => 8
          t.datetime "created_at"
        end

        add_index "notes", ["title"], :name => "index_notes_on_title", :unique => true
      end
      """;

  @Test
  void oldDumpsMeanVarchar255AndSerialKeys() {
    RailsSchemaConverter.Converted old = RailsSchemaConverter.convert(OLD_DUMP);
    Table notes = compileClean(RailsSchemaConverter.yaml("notes", old, null, null)).table("notes").orElseThrow();
    assertEquals("int", column(notes, "id").type().modelSpelling());
    assertEquals("varchar(255)", column(notes, "title").type().modelSpelling());
    assertEquals("varchar(12)", column(notes, "code").type().modelSpelling());
    assertEquals("bigint", column(notes, "author_id").type().modelSpelling());
    assertEquals(1, notes.indexes().size());
  }

  @Test
  void castsToASharedEnumTypeFollowTheColumn() {
    String schema = """
        ActiveRecord::Schema[7.2].define(version: 2025_01_01_000000) do
          create_enum "pay_state", ["open", "paid"]
          create_table "bills", force: :cascade do |t|
            t.enum "state", enum_type: "pay_state", null: false
            t.index ["state"], name: "index_bills_open", where: "(state = ANY (ARRAY['open'::pay_state]))"
          end
        end
        """;
    RailsSchemaConverter.Converted c = RailsSchemaConverter.convert(schema);
    Table bills = compileClean(RailsSchemaConverter.yaml("bills", c, null, null)).table("bills").orElseThrow();
    assertEquals("(state = ANY (ARRAY['open'::bills_state]))", bills.indexes().get(0).where());
  }

  @Test
  void singularFollowsRailsForCommonTableNames() {
    assertEquals("user", RailsSchemaConverter.singular("users"));
    assertEquals("category", RailsSchemaConverter.singular("categories"));
    assertEquals("address", RailsSchemaConverter.singular("addresses"));
    assertEquals("status", RailsSchemaConverter.singular("statuses"));
    assertEquals("batch", RailsSchemaConverter.singular("batches"));
    assertEquals("person", RailsSchemaConverter.singular("people"));
    assertEquals("api_key", RailsSchemaConverter.singular("api_keys"));
    assertEquals("response", RailsSchemaConverter.singular("responses"));
  }

  static Compilation compile(String yaml) {
    return Compiler.compileFiles(List.of(new SourceFile("model.yaml", yaml.getBytes(StandardCharsets.UTF_8))));
  }

  private static Model compileClean(String yaml) {
    Compilation c = compile(yaml);
    List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertTrue(errors.isEmpty(), () -> errors + "\n" + yaml);
    return c.model().orElseThrow();
  }

  private static Column column(Table t, String name) {
    return t.column(name).orElseThrow(() -> new AssertionError(t.name() + "." + name + " missing"));
  }
}
