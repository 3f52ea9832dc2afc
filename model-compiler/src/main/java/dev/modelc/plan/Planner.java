package dev.modelc.plan;

import dev.modelc.analyze.Coverage;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.dialect.MigrationSql;
import dev.modelc.dialect.PostgresMigrationSql;
import dev.modelc.diff.Change;
import dev.modelc.diff.ChangeSet;
import dev.modelc.diff.DiffCode;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.Futures;
import dev.modelc.model.Model;
import dev.modelc.model.Policy;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.ShardedMap;
import dev.modelc.model.Traffic;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a change set into an ordered plan of expand, deploy and contract steps. Everything a
 * running application of either version can live with happens before the deploy (new tables,
 * nullable or fast-default columns, NOT VALID constraints then VALIDATE, concurrent index
 * builds); everything that removes or tightens happens after it, each removal gated on the
 * database showing the old object unused. A changed index is one intention: the replacement is
 * built and verified before the deploy and the old one dropped after it, never the reverse.
 *
 * <p>This class hands each change to the planner of its concern ({@link TablePlanner},
 * {@link ColumnPlanner}, {@link EnumTypePlanner}, {@link ConstraintPlanner},
 * {@link IndexPlanner}, which share one {@link PlanningContext}), completes the deploy step
 * ({@link DeployPlanner}), orders the steps ({@link StepOrder}), names them, and checks the
 * result with the {@link CatalogSimulator} and the {@link InvariantSimulator}. The SQL text of
 * every step comes from the context's {@link dev.modelc.dialect.MigrationSql}.
 */
public final class Planner {
  private final Model from;
  private final Model to;
  private final Coverage before;
  private final Coverage after;
  private final Policy policy;
  private final PlanningContext context;
  private final TablePlanner tables;
  private final ColumnPlanner columns;
  private final EnumTypePlanner enums;
  private final ConstraintPlanner constraints;
  private final IndexPlanner indexes;
  private final DeployPlanner deploy;
  /**
   * The baseline's catalog, built on another core while the model is diffed and the steps are
   * drafted: neither depends on the other, and on large models each takes about as long.
   */
  private final CompletableFuture<CatalogState> start;

  /**
   * The catalog of a plan's baseline model, being built on another core. A caller that has the
   * baseline before it has the diff starts it first, so the two overlap.
   */
  public static final class Baseline {
    private final Model model;
    private final CompletableFuture<CatalogState> catalog;

    private Baseline(Model model) {
      this.model = model;
      this.catalog = CompletableFuture.supplyAsync(() -> CatalogState.of(model));
    }
  }

  /** Starts building the catalog of {@code from}, the model a later {@link #plan} plans from. */
  public static Baseline baseline(Model from) {
    return new Baseline(from);
  }

  private Planner(ChangeSet changes, Coverage before, Coverage after, MigrationSql sql, Baseline baseline) {
    this.context = new PlanningContext(changes, before, after, sql);
    this.from = context.from;
    this.to = context.to;
    this.before = before;
    this.after = after;
    this.policy = context.policy;
    if (baseline != null && baseline.model != from) {
      throw new IllegalArgumentException("the baseline catalog was started from another model than the change set's");
    }
    this.start = (baseline != null ? baseline : new Baseline(from)).catalog;
    this.enums = new EnumTypePlanner(context);
    this.indexes = new IndexPlanner(context);
    this.constraints = new ConstraintPlanner(context, indexes);
    this.columns = new ColumnPlanner(context, enums, indexes, constraints);
    this.tables = new TablePlanner(context, enums, constraints);
    this.deploy = new DeployPlanner(context);
  }

  /** Plans {@code changes} for PostgreSQL; {@code before}/{@code after} are the coverage of the two models. */
  public static Plan plan(ChangeSet changes, Coverage before, Coverage after) {
    return plan(changes, before, after, new PostgresMigrationSql());
  }

  /**
   * Plans {@code changes} for PostgreSQL from a baseline catalog already being built
   * ({@link #baseline}) from {@code changes.from()}, the same model object.
   */
  public static Plan plan(ChangeSet changes, Coverage before, Coverage after, Baseline baseline) {
    return plan(changes, before, after, new PostgresMigrationSql(), baseline);
  }

  /** Plans {@code changes} with the statements and gates of {@code sql}'s dialect. */
  public static Plan plan(ChangeSet changes, Coverage before, Coverage after, MigrationSql sql) {
    return plan(changes, before, after, sql, null);
  }

  private static Plan plan(ChangeSet changes, Coverage before, Coverage after, MigrationSql sql, Baseline baseline) {
    Planner p = new Planner(changes, before, after, sql, baseline);
    p.build();
    List<StepDraft> emitted = new ArrayList<>(p.context.expand);
    emitted.add(p.context.deploy);
    emitted.addAll(p.context.contract);
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(changes.diagnostics());
    CatalogState start = Futures.join(p.start);
    StepOrder.Result order = StepOrder.sort(emitted, start);
    if (order.problem() != null) {
      diagnostics.report(DiffCode.MC612, p.to.source(), "the plan's steps cannot be ordered: " + order.problem()
          + "; no plan is written (this is a fault of modelc's planner: please report it with the two models)");
    }
    List<StepDraft> all = order.problem() == null ? order.steps() : emitted;
    // the simulation reads only the order and the effects of the drafts, which nothing below
    // changes (ids, applied checks and approvals are other fields): it runs on another core meanwhile
    CompletableFuture<List<String>> simulation = CompletableFuture.supplyAsync(() -> CatalogSimulator.check(start, p.to, all));
    p.assignIds(all);
    // the invariant check reads the order, the ids and what each step builds and drops, which
    // nothing below changes either: a third thread, so neither check waits for the other
    CompletableFuture<List<Diagnostic>> invariant = CompletableFuture.supplyAsync(
        () -> InvariantSimulator.check(p.from, p.to, p.before, p.after, all));
    p.describeSteps(all);
    AppliedCheck.fill(all, sql);
    List<Step> steps = all.stream().map(StepDraft::build).toList();
    List<QueryChange> queries = p.queryChanges();
    diagnostics.addAll(Futures.join(invariant));
    for (String problem : Futures.join(simulation)) {
      diagnostics.report(DiffCode.MC611, p.to.source(), "the plan fails its catalog simulation: " + problem
          + "; no plan is written (this is a fault of modelc's planner: please report it with the two models)");
    }
    return new Plan(p.to.name(), p.policy, steps, queries, diagnostics.sorted());
  }

  private void build() {
    // every column replaced by a type change is known before any step is planned, so an index or
    // check that mentions two of them is rebuilt once, on both new columns
    for (Change c : context.changes.changes()) {
      if (c instanceof Change.ColumnTypeChanged t && !dev.modelc.dialect.PostgresTypes.changesWithoutRewrite(t.from().type(), t.to().type())) {
        columns.registerShadow(t.table(), t.to());
      }
    }
    List<StepDraft> extensions = tables.createExtensions();
    tables.createNewTables();
    tables.dropRetiredForeignKeyCycles();
    for (Change c : context.changes.changes()) {
      apply(c);
    }
    deploy.complete();
    // an extension provides types, operator classes and functions: it comes before every other step
    for (StepDraft s : context.expand) {
      if (!extensions.contains(s)) {
        s.after(extensions.toArray(StepDraft[]::new));
      }
    }
    compatibilityViewsGoFirst();
  }

  /**
   * A renamed table's compatibility view reads the columns the old application knew, by identity:
   * it would block dropping or swapping them out. Nothing needs the view after the deploy, so it
   * goes before every other contract step on its table.
   */
  private void compatibilityViewsGoFirst() {
    context.compatibilityViewDropped.forEach((table, dropView) -> {
      for (StepDraft s : context.contract) {
        if (s != dropView && touchesTable(s, table)) {
          s.dependOn(dropView);
        }
      }
    });
  }

  private static boolean touchesTable(StepDraft s, String table) {
    java.util.function.Predicate<DbObject> on = o -> table.equals(o.table())
        || o.kind() == DbObject.Kind.TABLE && table.equals(o.name());
    return s.requires.stream().anyMatch(on) || s.removes.stream().anyMatch(on) || s.creates.keySet().stream().anyMatch(on)
        || s.renames.stream().anyMatch(r -> on.test(r[0]) || on.test(r[1]));
  }

  private void apply(Change c) {
    if (c instanceof Change.TableAdded) {
      return; // created first, in dependency order
    } else if (c instanceof Change.TableRenamed r) {
      tables.renameTable(r);
    } else if (c instanceof Change.TableRemoved r) {
      tables.dropTable(r);
    } else if (c instanceof Change.ColumnAdded a) {
      columns.addColumn(a.table(), a.column());
    } else if (c instanceof Change.ColumnRemoved r) {
      columns.dropColumn(r);
    } else if (c instanceof Change.ColumnRenamed r) {
      columns.replaceColumn(r.table(), r.from(), r.to(), false);
    } else if (c instanceof Change.ColumnTypeChanged t) {
      columns.changeType(t);
    } else if (c instanceof Change.ColumnNullabilityChanged n) {
      columns.nullability(n);
    } else if (c instanceof Change.ColumnDefaultChanged d) {
      columns.setDefault(d.table(), d.to());
    } else if (c instanceof Change.EnumValuesAdded e) {
      enums.addEnumValues(e);
    } else if (c instanceof Change.ForeignKeyAdded f) {
      constraints.addForeignKey(f.table(), f.key());
    } else if (c instanceof Change.ForeignKeyRemoved f) {
      constraints.dropForeignKey(f);
    } else if (c instanceof Change.UniqueAdded u) {
      constraints.addUnique(u.table(), u.unique());
    } else if (c instanceof Change.UniqueRemoved u) {
      String columnList = String.join(", ", u.unique().columns());
      constraints.dropConstraint(u.table(), ConstraintNames.unique(u.table(), u.unique()),
              "unique constraint on (" + columnList + ")", "The model no longer declares (" + columnList + ") unique.");
    } else if (c instanceof Change.ConstraintRenamed r) {
      constraints.renameConstraint(r);
    } else if (c instanceof Change.ColumnGenerationChanged g) {
      columns.generation(g);
    } else if (c instanceof Change.ColumnCommentChanged cc) {
      columns.comment(cc);
    } else if (c instanceof Change.TableCommentChanged tc) {
      tables.comment(tc);
    } else if (c instanceof Change.ExtensionAdded e) {
      return; // created first, before anything that needs it
    } else if (c instanceof Change.CheckAdded a) {
      constraints.addCheck(a.table(), a.check(), null);
    } else if (c instanceof Change.CheckRemoved r) {
      // a check on a retired column goes before the deploy: the new application no longer sets the column
      boolean onRetiredColumn = context.changes.changes().stream().anyMatch(x -> x instanceof Change.ColumnRemoved cr && cr.table().equals(r.table())
          && !dev.modelc.dialect.PostgresExpressions.columnsIn(r.check().expression(), List.of(cr.column().name())).isEmpty());
      constraints.dropConstraint(r.table(), r.check().name(), "check " + r.check().name(),
              "The model no longer declares this check.", onRetiredColumn ? Phase.EXPAND : Phase.CONTRACT);
    } else if (c instanceof Change.CheckChanged ch) {
      constraints.changeCheck(ch);
    } else if (c instanceof Change.IndexAdded a) {
      indexes.buildIndex(a.table(), a.index(), a.index().name(), a.index().reason());
    } else if (c instanceof Change.IndexRemoved r) {
      indexes.dropIndex(r);
    } else if (c instanceof Change.IndexModified m) {
      indexes.modifyIndex(m);
    } else if (c instanceof Change.IndexRenamed r) {
      indexes.renameIndex(r);
    }
  }

  /**
   * Ids are kind and target, numbered only when the same pair occurs twice; stable across runs.
   * Each step's dependencies are then written as those ids.
   */
  private void assignIds(List<StepDraft> all) {
    ShardedMap<String, int[]> seen = new ShardedMap<>(all.size());
    for (StepDraft s : all) {
      String base = s.kind.label() + ":" + s.target;
      int[] count = seen.get(base);
      if (count == null) {
        seen.put(base, new int[] {1});
        s.id = base;
      } else {
        s.id = base + "#" + ++count[0];
      }
    }
    // dependsOn was filled with ids that were null at the time: recompute from the drafts
    for (StepDraft s : all) {
      s.dependsOn.clear();
    }
    for (StepDraft s : all) {
      // ids are distinct by construction, unless a target itself ends in "#n": a set guards long lists
      Set<String> said = s.deps.size() > 16 ? new HashSet<>() : null;
      for (StepDraft d : s.deps) {
        if (said == null ? !s.dependsOn.contains(d.id) : said.add(d.id)) {
          s.dependsOn.add(d.id);
        }
      }
    }
  }

  /** The queries each index step serves, and the approvals that critical traffic asks for. */
  private void describeSteps(List<StepDraft> all) {
    for (StepDraft s : all) {
      describeStep(s); // a call per step: compiled on its own, early, not as one long loop
    }
  }

  private void describeStep(StepDraft s) {
    if (s.builds != null || s.drops != null) {
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      if (s.drops != null) {
        before.queriesServedBy(s.drops.name()).forEach(q -> names.add(describe(q)));
      }
      if (s.builds != null) {
        after.queriesServedBy(s.builds.name()).forEach(q -> names.add(describe(q)));
      }
      s.serves(names);
    }
    Traffic t = s.criticality();
    if (t == Traffic.CRITICAL && policy.approveCriticalTraffic()) {
      s.approvalFirst("touches an object that serves critical traffic");
    }
  }

  private static String describe(QueryPattern q) {
    return q.name() + " (" + q.traffic().modelName() + (q.endpoints().isEmpty() ? "" : "; " + String.join(", ", q.endpoints())) + ")";
  }

  private List<QueryChange> queryChanges() {
    Map<String, QueryChange> out = new LinkedHashMap<>();
    for (QueryPattern q : to.queries()) {
      QueryPattern old = from.query(q.name()).orElse(null);
      out.put(q.name(), new QueryChange(q.name(), old, q, served(before, old), served(after, q)));
    }
    for (QueryPattern q : from.queries()) {
      out.putIfAbsent(q.name(), new QueryChange(q.name(), q, null, served(before, q), null));
    }
    return List.copyOf(out.values());
  }

  private static String served(Coverage c, QueryPattern q) {
    if (c == null || q == null || c.resolution(q.name()) == null || c.resolution(q.name()).index() == null) {
      return null;
    }
    return c.resolution(q.name()).index().name();
  }

  static List<Diagnostic> none() {
    return List.of();
  }
}
