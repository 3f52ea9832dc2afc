package dev.modelc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.modelc.model.Column;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A load keeps one copy of each repeated text and column type, across files read in parallel. */
class SharedTextsTest {
  private static Model load(int tables) {
    List<SourceFile> files = new ArrayList<>();
    files.add(new SourceFile("model.yaml", "model: shared\ndatabase: postgresql\n".getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < tables; i++) {
      String text = "tables:\n"
          + "  t" + i + ":\n"
          + "    owner: team-ledger\n"
          + "    rows: 1000\n"
          + "    columns:\n"
          + "      id: { type: bigint, primaryKey: true }\n"
          + "      amount: { type: \"numeric(12,2)\" }\n"
          + (i > 0 ? "      parent_id: { type: bigint, nullable: true, references: t" + (i - 1) + ".id }\n" : "");
      files.add(new SourceFile("t" + i + ".yaml", text.getBytes(StandardCharsets.UTF_8)));
    }
    return ModelLoader.loadFiles(files).model().orElseThrow();
  }

  @Test
  void repeatedNamesAndTypesAreOneInstanceAcrossFiles() {
    // more files than the loader reads one by one, so they are read on several threads
    Model m = load(64);
    Table first = m.table("t1").orElseThrow();
    for (Table t : m.tables()) {
      Column amount = t.column("amount").orElseThrow();
      assertSame(first.column("amount").orElseThrow().name(), amount.name());
      assertSame(first.column("amount").orElseThrow().type(), amount.type());
      assertSame(first.owner(), t.owner());
    }
    // a text cut from a longer one (the column of 'references: t0.id') is shared too
    assertSame(m.table("t1").orElseThrow().foreignKeys().get(0).targetColumns().get(0),
        m.table("t2").orElseThrow().foreignKeys().get(0).targetColumns().get(0));
  }

  @Test
  void sharingChangesNoValue() {
    Model m = load(20);
    assertEquals(20, m.tables().size());
    Table t = m.table("t5").orElseThrow();
    assertEquals("team-ledger", t.owner());
    assertEquals("numeric(12,2)", t.column("amount").orElseThrow().type().modelSpelling());
    assertEquals("t4", t.foreignKeys().get(0).targetTable());
  }
}
