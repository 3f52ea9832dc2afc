package dev.modelc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.model.Model;
import dev.modelc.parse.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog simulator and the step order on hand-made steps: the faults the planner once had
 * (a key added before its table exists, a referenced table dropped first, a name taken twice)
 * must be caught, named by step, instead of reaching a database.
 */
class CatalogSimulatorTest {
  static final String V1 = """
      model: m
      tables:
        merchants:
          columns:
            id: { type: bigint, primaryKey: true }
        charges:
          columns:
            id: { type: bigint, primaryKey: true }
            merchant_id: { type: bigint, references: merchants.id }
      """;

  static Model model(String yaml) {
    return Compiler.compileFiles(List.of(new SourceFile("m.yaml", yaml.getBytes(StandardCharsets.UTF_8)))).model().orElseThrow();
  }

  @Test
  void droppingATableThatAKeyStillReferencesIsReportedWithTheStep() {
    Model v1 = model(V1);
    StepDraft drop = new StepDraft(StepKind.DROP_TABLE, Phase.CONTRACT, "merchants").removes(DbObject.table("merchants"));
    List<String> problems = CatalogSimulator.check(CatalogState.of(v1), v1, List.of(drop));
    assertEquals("step 'drop-table:merchants' drops [table merchants], but [constraint charges.charges_merchant_id_fkey] "
        + "still depend(s) on it", problems.get(0));
  }

  @Test
  void aKeyToATableThatDoesNotExistYetIsReported() {
    Model v1 = model(V1);
    StepDraft key = new StepDraft(StepKind.ADD_FOREIGN_KEY, Phase.EXPAND, "charges.k")
        .creates(DbObject.constraint("charges", "k"), new CatalogState.Deps(java.util.Set.of(DbObject.table("charges")),
            java.util.Set.of(DbObject.table("accounts"))));
    List<String> problems = CatalogSimulator.check(CatalogState.of(v1), v1, List.of(key));
    assertTrue(problems.get(0).startsWith("step 'add-foreign-key:charges.k' creates constraint charges.k referring to table accounts, "
        + "which does not exist"), problems.toString());
  }

  @Test
  void anObjectTheTargetLacksIsReportedWhenEveryTargetObjectIsThere() {
    Model v1 = model(V1);
    StepDraft index = new StepDraft(StepKind.BUILD_INDEX, Phase.EXPAND, "charges_extra")
        .creates(DbObject.index("charges_extra"), CatalogState.Deps.ownedBy(DbObject.table("charges")));
    List<String> problems = CatalogSimulator.check(CatalogState.of(v1), v1, List.of(index));
    assertEquals(List.of("after the last step the database still has index charges_extra, which the target model does not"), problems);
  }

  @Test
  void anObjectSwappedForOneOfTheSameJavaHashIsReported() {
    // "ix_aaan" and "ix_aac0" share String.hashCode: the final check must read the names, not their hash codes
    Model v1 = model(V1 + "    indexes:\n      ix_aaan: { columns: [merchant_id], reason: Lookups. }\n");
    Model v2 = model(V1 + "    indexes:\n      ix_aac0: { columns: [merchant_id], reason: Lookups. }\n");
    assertEquals(DbObject.index("ix_aaan").hashCode(), DbObject.index("ix_aac0").hashCode());
    List<String> problems = CatalogSimulator.check(CatalogState.of(v1), v2, List.of());
    assertEquals(List.of("after the last step the database lacks index ix_aac0 of the target model",
        "after the last step the database still has index ix_aaan, which the target model does not"), problems);
  }

  @Test
  void aCatalogThatLosesAndRegainsObjectsReachesItsOwnModel() {
    // an index named as the key constraint's index is one object given twice by the model
    Model v1 = model(V1.replace("  charges:", "    indexes:\n      merchants_pkey: { columns: [id], reason: Lookups. }\n  charges:"));
    StepDraft rename = new StepDraft(StepKind.SWAP_COLUMNS, Phase.EXPAND, "charges").renames(DbObject.table("charges"), DbObject.table("payments"));
    StepDraft back = new StepDraft(StepKind.SWAP_COLUMNS, Phase.EXPAND, "payments").renames(DbObject.table("payments"), DbObject.table("charges"));
    StepDraft drop = new StepDraft(StepKind.DROP_CONSTRAINT, Phase.EXPAND, "charges.charges_merchant_id_fkey")
        .removes(DbObject.constraint("charges", "charges_merchant_id_fkey"));
    StepDraft add = new StepDraft(StepKind.ADD_FOREIGN_KEY, Phase.EXPAND, "charges.charges_merchant_id_fkey")
        .creates(DbObject.constraint("charges", "charges_merchant_id_fkey"), new CatalogState.Deps(
            java.util.Set.of(DbObject.table("charges"), DbObject.column("charges", "merchant_id")),
            java.util.Set.of(DbObject.table("merchants"), DbObject.column("merchants", "id"))));
    assertEquals(List.of(), CatalogSimulator.check(CatalogState.of(v1), v1, List.of(rename, back, drop, add)));
    StepDraft dropAgain = new StepDraft(StepKind.DROP_CONSTRAINT, Phase.CONTRACT, "charges.charges_merchant_id_fkey")
        .removes(DbObject.constraint("charges", "charges_merchant_id_fkey"));
    assertEquals(List.of("after the last step the database lacks constraint charges.charges_merchant_id_fkey of the target model"),
        CatalogSimulator.check(CatalogState.of(v1), v1, List.of(rename, back, drop, add, dropAgain)));
  }

  @Test
  void whatEachObjectOwnsAndEachTableHoldsStaysTrueThroughRenamesAndDrops() {
    Model v1 = model(V1.replace("      merchant_id: { type: bigint, references: merchants.id }",
        "      merchant_id: { type: bigint, references: merchants.id }\n      state: { type: enum, values: [a, b] }\n"
        + "    checks:\n      positive: { expression: id > 0 }\n    indexes:\n      charges_state: { columns: [merchant_id, state], reason: Lookups. }"));
    CatalogState state = CatalogState.of(v1);
    assertOwnershipMatchesTheObjects(state);
    state.rename(DbObject.table("charges"), DbObject.table("payments"));
    assertOwnershipMatchesTheObjects(state);
    state.removeAll(state.cascade(List.of(DbObject.column("payments", "state"))));
    assertOwnershipMatchesTheObjects(state);
    state.put(DbObject.constraint("payments", "k"), CatalogState.Deps.ownedBy(DbObject.table("payments"), DbObject.column("merchants", "id")));
    assertOwnershipMatchesTheObjects(state);
    // an owner without a table: no planner declares one, and what it owns is still found
    state.put(DbObject.function("sync"), CatalogState.Deps.NONE);
    state.put(DbObject.trigger("payments", "t"), CatalogState.Deps.ownedBy(DbObject.function("sync")));
    assertOwnershipMatchesTheObjects(state);
    assertEquals(List.of(DbObject.trigger("payments", "t")), state.ownedBy(DbObject.function("sync")));
    state.removeAll(state.cascade(List.of(DbObject.function("sync"))));
    assertOwnershipMatchesTheObjects(state);
    assertTrue(state.ownedBy(DbObject.column("merchants", "id")).contains(DbObject.constraint("payments", "k")));
    assertTrue(state.ownedBy(DbObject.column("payments", "state")).isEmpty());
    // an object put again with other references is no longer listed under the old ones
    DbObject key = DbObject.constraint("payments", "k2");
    state.put(key, CatalogState.Deps.of(List.of(DbObject.table("payments")), List.of(DbObject.column("merchants", "id"))));
    assertOwnershipMatchesTheObjects(state);
    assertTrue(state.referencedBy(DbObject.column("merchants", "id")).contains(key));
    state.put(key, CatalogState.Deps.of(List.of(DbObject.table("payments")), List.of()));
    assertOwnershipMatchesTheObjects(state);
    assertFalse(state.referencedBy(DbObject.column("merchants", "id")).contains(key));
  }

  @Test
  void aLargeDropTakesEachObjectOnceAndALoneRenameKeepsItsDependencies() {
    StringBuilder wide = new StringBuilder("      merchant_id: { type: bigint, references: merchants.id }\n");
    for (int i = 0; i < 24; i++) {
      wide.append("      c").append(i).append(": { type: int, unique: true }\n");
    }
    wide.append("    indexes:\n      charges_wide: { columns: [c0, c1, c2], include: [c3], reason: Lookups. }");
    Model v1 = model(V1.replace("      merchant_id: { type: bigint, references: merchants.id }", wide.toString().stripTrailing()));
    CatalogState state = CatalogState.of(v1);
    // what a scan of all objects says the table takes along, transitively
    java.util.Set<DbObject> expected = new java.util.HashSet<>(List.of(DbObject.table("charges")));
    for (boolean grew = true; grew; ) {
      grew = false;
      for (DbObject x : state.objects()) {
        if (!expected.contains(x) && state.deps(x).owners().stream().anyMatch(expected::contains)) {
          grew = expected.add(x);
        }
      }
    }
    java.util.Collection<DbObject> dropped = state.cascade(List.of(DbObject.table("charges"), DbObject.column("charges", "c0")));
    assertTrue(expected.size() > 50, "the drop must outgrow the short-list search: " + expected.size());
    assertEquals(expected, java.util.Set.copyOf(dropped));
    assertEquals(expected.size(), dropped.size(), "each object once");
    assertEquals(java.util.Set.of(), state.blockers(dropped));

    // a key nothing refers to, renamed: it keeps its owners and references, and its target lists it
    DbObject key = DbObject.constraint("charges", "charges_merchant_id_fkey");
    CatalogState.Deps before = state.deps(key);
    state.rename(key, key.renamedTo("charges_merchant_fk"));
    assertFalse(state.contains(key));
    assertEquals(before, state.deps(key.renamedTo("charges_merchant_fk")));
    assertTrue(state.referencedBy(DbObject.table("merchants")).contains(key.renamedTo("charges_merchant_fk")));
    assertFalse(state.referencedBy(DbObject.table("merchants")).contains(key));
    assertOwnershipMatchesTheObjects(state);
    // the table now blocks nothing but is blocked by the renamed key
    assertEquals(java.util.Set.of(key.renamedTo("charges_merchant_fk")),
        state.blockers(state.cascade(List.of(DbObject.table("merchants")))));
    state.removeAll(state.cascade(List.of(DbObject.table("charges"))));
    assertOwnershipMatchesTheObjects(state);
    assertEquals(java.util.Set.of(), state.blockers(state.cascade(List.of(DbObject.table("merchants")))));
  }

  /** Every object's owned objects and every table's inner objects, as a scan of all objects finds them. */
  private static void assertOwnershipMatchesTheObjects(CatalogState state) {
    java.util.Map<DbObject, java.util.Set<DbObject>> owned = new java.util.HashMap<>();
    java.util.Map<String, java.util.Set<DbObject>> inner = new java.util.HashMap<>();
    for (DbObject x : state.objects()) {
      state.deps(x).owners().forEach(w -> owned.computeIfAbsent(w, k -> new java.util.HashSet<>()).add(x));
      if (x.table() != null) {
        inner.computeIfAbsent(x.table(), k -> new java.util.HashSet<>()).add(x);
      }
    }
    java.util.Map<DbObject, java.util.Set<DbObject>> referrers = new java.util.HashMap<>();
    for (DbObject x : state.objects()) {
      state.deps(x).refs().forEach(r -> referrers.computeIfAbsent(r, k -> new java.util.HashSet<>()).add(x));
    }
    for (DbObject o : state.objects()) {
      assertEquals(referrers.getOrDefault(o, java.util.Set.of()), java.util.Set.copyOf(state.referencedBy(o)), "referenced by " + o);
      assertEquals(owned.getOrDefault(o, java.util.Set.of()), java.util.Set.copyOf(state.ownedBy(o)), "owned by " + o);
      assertEquals(state.ownedBy(o).size(), java.util.Set.copyOf(state.ownedBy(o)).size(), "listed once: " + o);
      if (o.kind() == DbObject.Kind.TABLE) {
        assertEquals(inner.getOrDefault(o.name(), java.util.Set.of()), java.util.Set.copyOf(state.inTable(o.name())), "in " + o);
      }
    }
  }

  @Test
  void fingerprintsReadEveryCharacterAndWhereTheTableEnds() {
    assertTrue(DbObject.column("ab", "c").fingerprint() != DbObject.column("a", "bc").fingerprint());
    assertTrue(DbObject.index("Aa").fingerprint() != DbObject.index("BB").fingerprint());
    assertTrue(DbObject.index("x").fingerprint() != DbObject.table("x").fingerprint());
    assertEquals(DbObject.column("a", "b").fingerprint(), DbObject.column("a", "b").fingerprint());
  }

  @Test
  void aNameTakenTwiceAndAnUnreachedTargetAreReported() {
    Model v1 = model(V1);
    StepDraft index = new StepDraft(StepKind.BUILD_INDEX, Phase.EXPAND, "merchants")
        .creates(DbObject.index("merchants"), CatalogState.Deps.ownedBy(DbObject.table("charges")));
    List<String> problems = CatalogSimulator.check(CatalogState.of(v1), model(V1.replace("charges:", "payments:")
        .replace("charges_", "payments_")), List.of(index));
    assertTrue(problems.get(0).contains("creates index merchants, but table merchants already has that name"), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("after the last step the database lacks table payments")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("after the last step the database still has")), problems.toString());
  }

  @Test
  void theOrderFollowsDeclaredObjectsNotEmissionOrder() {
    Model v1 = model(V1);
    StepDraft key = new StepDraft(StepKind.ADD_FOREIGN_KEY, Phase.EXPAND, "charges.charges_account_id_fkey")
        .creates(DbObject.constraint("charges", "charges_account_id_fkey"), new CatalogState.Deps(
            java.util.Set.of(DbObject.table("charges")), java.util.Set.of(DbObject.table("accounts"))));
    StepDraft table = new StepDraft(StepKind.CREATE_TABLE, Phase.EXPAND, "accounts")
        .creates(DbObject.table("accounts"), CatalogState.Deps.NONE);
    StepDraft deploy = new StepDraft(StepKind.DEPLOY, Phase.DEPLOY, "application");
    StepDraft dropCharges = new StepDraft(StepKind.DROP_TABLE, Phase.CONTRACT, "charges").removes(DbObject.table("charges"));
    StepDraft dropMerchants = new StepDraft(StepKind.DROP_TABLE, Phase.CONTRACT, "merchants").removes(DbObject.table("merchants"));
    StepOrder.Result r = StepOrder.sort(List.of(key, table, deploy, dropMerchants, dropCharges), CatalogState.of(v1));
    assertNull(r.problem());
    assertEquals(List.of(table, key, deploy, dropCharges, dropMerchants), r.steps());
  }

  @Test
  void stepsThatWaitForEachOtherAreACycleNotAPlan() {
    Model v1 = model(V1);
    StepDraft a = new StepDraft(StepKind.DROP_CONSTRAINT, Phase.CONTRACT, "a");
    StepDraft b = new StepDraft(StepKind.DROP_CONSTRAINT, Phase.CONTRACT, "b").after(a);
    a.after(b);
    StepOrder.Result r = StepOrder.sort(List.of(a, b), CatalogState.of(v1));
    assertEquals("these steps wait for each other in a cycle: drop-constraint:a after drop-constraint:b after drop-constraint:a", r.problem());
  }

  @Test
  void aContractStepThatAnExpandStepWaitsForBreaksThePhaseOrder() {
    Model v1 = model(V1);
    StepDraft drop = new StepDraft(StepKind.DROP_INDEX, Phase.CONTRACT, "old");
    StepDraft build = new StepDraft(StepKind.BUILD_INDEX, Phase.EXPAND, "new").after(drop);
    StepOrder.Result r = StepOrder.sort(List.of(build, drop), CatalogState.of(v1));
    assertTrue(r.problem().contains("against the phase order"), r.problem());
  }
}
