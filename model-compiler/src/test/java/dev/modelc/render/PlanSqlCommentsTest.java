package dev.modelc.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.parse.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Model text in plan.sql stays inside comments, whatever line breaks it holds. */
class PlanSqlCommentsTest {
  private static Planning.Result plan(String v1, String v2) {
    return Planning.plan(
        Compiler.compileFiles(List.of(new SourceFile("v1/model.yaml", v1.getBytes(StandardCharsets.UTF_8)))),
        Compiler.compileFiles(List.of(new SourceFile("v2/model.yaml", v2.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void aMultiLineReasonCannotEndItsCommentAndAddAStatement() {
    String v1 = "model: shop\ntables:\n  charges:\n    columns:\n      id: { type: bigint, primaryKey: true }\n      merchant: bigint\n";
    String v2 = v1 + "    indexes:\n      charges_merchant:\n        columns: [merchant]\n"
        + "        reason: \"Lookups by merchant.\\nDROP TABLE charges;\\rDELETE FROM charges;\"\n"
        + "        keep: Reports.\n";
    Planning.Result r = plan(v1, v2);
    assertTrue(r.plan().isPresent() && !r.plan().get().isEmpty(), r.diagnostics().toString());
    String sql = PlanSqlRenderer.render(r.plan().get(), "v1", "v2");
    assertTrue(sql.contains("\n-- DROP TABLE charges;"), sql);
    assertTrue(sql.contains("\n-- DELETE FROM charges;"), sql);
    for (String line : sql.split("\n")) {
      assertFalse(line.startsWith("DROP TABLE charges") || line.startsWith("DELETE FROM"), "a live statement from model text: " + line);
      assertFalse(line.contains("\r"), "a carriage return ends a comment in PostgreSQL: " + line);
    }
  }
}
