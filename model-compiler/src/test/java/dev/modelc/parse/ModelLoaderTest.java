package dev.modelc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.Operator;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModelLoaderTest {
  static final String PAYMENTS = """
      model: payments
      database: postgresql
      tables:
        merchants:
          description: A business that accepts payments.
          owner: team-accounts
          rows: 4_000_000
          columns:
            id:         { type: uuid, primaryKey: true }
            name:       { type: text }
            created_at: { type: timestamptz, default: now() }
        charges:
          owner: team-payments
          rows: 2_000_000_000
          columns:
            id:          { type: uuid, primaryKey: true }
            merchant_id: { type: uuid, references: merchants.id, onDelete: cascade }
            amount:      { type: bigint, description: In the currency's smallest unit. }
            currency:    char(3)
            price:       numeric(12,2)
            status:      { type: enum, values: [pending, succeeded, failed], default: pending }
            created_at:  { type: timestamptz, default: now() }
            refunded_at: { type: timestamptz, nullable: true }
          indexes:
            charges_merchant_created:
              columns: [merchant_id, created_at desc]
              reason: Merchant dashboards page through recent charges.
            charges_pending:
              columns: [created_at]
              where: status = 'pending'
              include: [amount]
              reason: The settlement sweeper scans pending charges oldest first.
      queries:
        recentChargesForMerchant:
          table: charges
          where: { merchant_id: "=", created_at: "<" }
          orderBy: [created_at desc]
          limit: 100
          traffic: critical
          endpoints: [GET /v1/charges]
          owner: team-dashboard
        pendingCharges:
          table: charges
          where: { status: "= 'pending'", created_at: [">=", "<"] }
          orderBy: [created_at]
          traffic: batch
        countRefunded:
          table: charges
          kind: count
          where: { refunded_at: is not null, merchant_id: in }
      retired:
        indexes:
          charges.charges_merchant: { reason: Superseded., replacedBy: charges_merchant_created }
      """;

  static LoadResult load(String... namesAndTexts) {
    List<SourceFile> files = new java.util.ArrayList<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      files.add(new SourceFile(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    return ModelLoader.loadFiles(files);
  }

  static String codes(LoadResult r) {
    return r.diagnostics().stream().map(d -> d.code() + "@" + d.position())
        .collect(Collectors.joining(", "));
  }

  @Test
  void readsTheDesignExampleIntoRecordsWithPositions() {
    LoadResult r = load("model.yaml", PAYMENTS);
    assertEquals(List.of(), r.diagnostics());
    Model m = r.model().orElseThrow();
    assertEquals("payments", m.name());
    Table charges = m.table("charges").orElseThrow();
    assertEquals(2_000_000_000L, charges.rows());
    assertEquals(List.of("id"), charges.primaryKey());
    Column merchant = charges.column("merchant_id").orElseThrow();
    assertEquals("merchants", charges.foreignKeysOf("merchant_id").get(0).targetTable());
    assertEquals("cascade", charges.foreignKeysOf("merchant_id").get(0).onDelete());
    assertEquals("model.yaml:17:7", merchant.source().toString());
    assertEquals(TypeKind.CHAR, charges.column("currency").orElseThrow().type().kind());
    assertEquals(3, charges.column("currency").orElseThrow().type().length());
    assertEquals(12, charges.column("price").orElseThrow().type().precision());
    assertEquals(2, charges.column("price").orElseThrow().type().scale());
    Column status = charges.column("status").orElseThrow();
    assertEquals(List.of("pending", "succeeded", "failed"), status.type().enumValues());
    assertEquals("'pending'", status.defaultValue(), "a bare word default of an enum is a value");
    assertEquals("now()", charges.column("created_at").orElseThrow().defaultValue());
    assertTrue(charges.column("refunded_at").orElseThrow().nullable());
    assertFalse(charges.column("amount").orElseThrow().nullable(), "NOT NULL is the default");

    Index pending = charges.index("charges_pending").orElseThrow();
    assertEquals("status = 'pending'", pending.where());
    assertEquals(List.of("amount"), pending.include());
    Index recent = charges.index("charges_merchant_created").orElseThrow();
    assertTrue(recent.columns().get(1).descending());

    QueryPattern q = m.query("recentChargesForMerchant").orElseThrow();
    assertEquals(Traffic.CRITICAL, q.traffic());
    assertEquals(QueryKind.SELECT, q.kind());
    assertEquals(Operator.LT, q.where().get(1).operator());
    assertNull(q.where().get(1).literal());
    assertEquals(100, q.limit());
    QueryPattern p = m.query("pendingCharges").orElseThrow();
    assertEquals("'pending'", p.where().get(0).literal());
    assertEquals(List.of(Operator.EQ, Operator.GE, Operator.LT),
        p.where().stream().map(w -> w.operator()).toList());
    QueryPattern c = m.query("countRefunded").orElseThrow();
    assertEquals(QueryKind.COUNT, c.kind());
    assertEquals(List.of(Operator.IS_NOT_NULL, Operator.IN), c.where().stream().map(w -> w.operator()).toList());

    Tombstone t = m.retired().get(0);
    assertEquals(Tombstone.Kind.INDEX, t.kind());
    assertEquals("charges", t.table());
    assertEquals("charges_merchant", t.name());
    assertEquals("charges_merchant_created", t.replacedBy());
  }

  @Test
  void mergesAFolderOfFilesAndRejectsDuplicates() {
    LoadResult r = load(
        "m/model.yaml", "model: shop\n",
        "m/tables/a.yaml", "tables:\n  a:\n    columns: { id: { type: int, primaryKey: true } }\n",
        "m/tables/b.yaml", "tables:\n  b:\n    columns: { id: int }\n  a:\n    columns: { id: int }\n");
    assertEquals("MC206@m/tables/b.yaml:4:3", codes(r));
    assertTrue(r.diagnostics().get(0).message().contains("first at m/tables/a.yaml:2:3"));
    assertTrue(r.model().isEmpty(), "no model is handed on when there are errors");

    LoadResult ok = load("m/model.yaml", "model: shop\n",
        "m/tables/a.yaml", "tables:\n  a:\n    columns: { id: int }\n",
        "m/tables/b.yaml", "tables:\n  b:\n    columns: { id: int }\n");
    assertEquals(List.of("a", "b"), ok.model().orElseThrow().tables().stream().map(Table::name).toList());
  }

  @Test
  void reportsEveryStructuralProblemOfAFileInOneRun() {
    LoadResult r = load("bad.yaml", """
        model: shop
        tabels: {}
        tables:
          t:
            colums: {}
            columns:
              a: { type: strng }
              b: { type: int, nullable: maybe }
              c: { type: varchar(0) }
            indexes:
              t_a: { columns: [a] }
        queries:
          q: { table: t, traffic: urgent, kind: select, where: { a: "~ 3" }, limit: -1 }
        """);
    List<String> got = r.diagnostics().stream().map(d -> d.code() + "@" + d.position().line()).toList();
    assertEquals(List.of("MC201@2", "MC201@5", "MC205@7", "MC202@8", "MC205@9", "MC203@11",
        "MC205@13", "MC205@13", "MC205@13"), got);
    String all = r.diagnostics().stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
    assertTrue(all.contains("unknown key 'tabels' in the model file; did you mean 'tables'?"), all);
    assertTrue(all.contains("unknown key 'colums' in table 't'; did you mean 'columns'?"), all);
    assertTrue(all.contains("unknown type 'strng' of column 't.a'; did you mean 'text'?")
        || all.contains("unknown type 'strng'"), all);
    assertTrue(all.contains("'nullable' of column 't.b' must be true or false, not 'maybe'"), all);
    assertTrue(all.contains("needs 'reason:'"), all);
    assertTrue(all.contains("'traffic' of query 'q' must be one of critical, standard, batch, not 'urgent'"), all);
  }

  @Test
  void duplicateKeysAreReportedAtTheSecondKey() {
    LoadResult r = load("d.yaml", "model: x\ntables:\n  t:\n    columns: { id: int }\n  t:\n    columns: { id: int }\n");
    assertEquals("MC204@d.yaml:5:3", codes(r));
    assertTrue(r.diagnostics().get(0).message().contains("first at line 3"));
  }

  @Test
  void syntaxErrorsCarryTheirPosition() {
    LoadResult r = load("s.yaml", "model: x\ntables:\n  t: [a, b\n");
    assertEquals("MC101", r.diagnostics().get(0).code());
    assertTrue(r.diagnostics().get(0).position().line() >= 3);
  }

  @Test
  void tabsInIndentationAreNamed() {
    LoadResult r = load("t.yaml", "model: x\ntables:\n\tt: {}\n");
    assertEquals("MC107@t.yaml:3:1", codes(r));
  }

  @Test
  void invalidUtf8IsReportedWithItsPosition() {
    byte[] bytes = "model: x\ndescription: caf\u00e9 \n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 2);
    bad[bytes.length - 1] = (byte) 0xC3;
    bad[bytes.length] = (byte) 0x28;
    bad[bytes.length + 1] = '\n';
    LoadResult r = ModelLoader.loadFiles(List.of(new SourceFile("u.yaml", bad)));
    assertEquals("MC104@u.yaml:2:19", codes(r));
  }

  @Test
  void anAliasBombIsStoppedWithoutExpandingIt() {
    StringBuilder y = new StringBuilder("model: x\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    LoadResult r = load("bomb.yaml", y.toString());
    assertEquals("MC105", r.diagnostics().get(0).code());
  }

  @Test
  void aSmallAliasChainThatStillExplodesIsStoppedByTheExpansionBudget() {
    StringBuilder y = new StringBuilder("model: x\na0: &a0 [x, x]\n");
    for (int i = 1; i < 24; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1)
          .append(", *a").append(i - 1).append("]\n");
    }
    LoadResult r = load("chain.yaml", y.toString());
    assertEquals("MC105", r.diagnostics().get(0).code(), codes(r));
  }

  @Test
  void deepNestingIsRejected() {
    String deep = "model: x\nd: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    LoadResult r = load("deep.yaml", deep);
    assertEquals("MC106", r.diagnostics().get(0).code(), codes(r));
    String deepBlock = "model: x\nd: " + "{k: ".repeat(10_000) + "v" + "}".repeat(10_000) + "\n";
    LoadResult r2 = load("deep2.yaml", deepBlock);
    assertEquals("MC106", r2.diagnostics().get(0).code(), codes(r2));
  }

  @Test
  void aNonMappingWhereAMappingBelongsIsAWrongType() {
    LoadResult r = load("n.yaml", "model: x\ntables:\n  t: [a, b]\n");
    assertEquals("MC202@n.yaml:3:6", codes(r));
    assertTrue(r.diagnostics().get(0).message().contains("table 't' must be a mapping"));
    LoadResult top = load("top.yaml", "- just\n- a list\n");
    assertEquals("MC202@top.yaml:1:1", codes(top));
  }

  @Test
  void aMissingModelNameAndAnEmptyFileAreReported() {
    LoadResult r = load("a.yaml", "tables: {}\n", "b.yaml", "  \n");
    assertEquals("MC203@a.yaml:1:1, MC110@b.yaml:1:1", codes(r));
  }

  @Test
  void multipleDocumentsAreRejected() {
    LoadResult r = load("m.yaml", "model: x\n---\nmodel: y\n");
    assertEquals("MC108", r.diagnostics().get(0).code(), codes(r));
  }

  @Test
  void yamlTagsCannotInstantiateAnything() {
    LoadResult r = load("tag.yaml", "model: !!javax.script.ScriptEngineManager [x]\n");
    assertEquals("MC101", r.diagnostics().get(0).code(), codes(r));
    assertTrue(r.diagnostics().get(0).message().contains("tags"), codes(r));
  }
}
