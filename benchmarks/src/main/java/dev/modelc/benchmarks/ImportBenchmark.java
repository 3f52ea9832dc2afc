package dev.modelc.benchmarks;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Importing;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.importer.ModelImport;
import dev.modelc.live.CatalogReader;
import dev.modelc.live.Database;
import dev.modelc.live.LiveCatalog;
import dev.modelc.synth.SyntheticModel;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code modelc import} on a schema of N tables: a synthetic model ({@code modelc synth}, each
 * table with columns of mixed types, an enum, a foreign key, a unique column and four indexes)
 * is created in an embedded PostgreSQL by its DDL in the setup; the benchmarks read the catalog
 * alone ({@code read}) and do the whole import ({@code importModel}: read, decide, write the
 * files in memory and check them as {@code modelc check} would). Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar ImportBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ImportBenchmark {
  @Param({"2000"})
  int tables;

  Path model;
  EmbeddedPostgres postgres;
  Database database;

  @Setup(Level.Trial)
  public void load() throws Exception {
    model = Files.createTempDirectory("modelc-import-bench-");
    SyntheticModel.write(model, tables, 42, false);
    Compilation c = Compiler.compile(List.of(model));
    if (c.hasErrors()) {
      throw new IllegalStateException("the synthetic model must check clean: " + c.diagnostics().get(0));
    }
    postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("max_locks_per_transaction", "1024")
        .start();
    try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement s = db.createStatement()) {
      s.execute(PostgresDdl.createSchema(c.model().orElseThrow()));
    }
    database = Database.of(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    postgres.close();
    TempFolders.delete(model);
  }

  @Benchmark
  public LiveCatalog read() throws Exception {
    try (Connection c = database.connect(Database.Access.READ_ONLY, 600_000)) {
      return CatalogReader.read(c, "public");
    }
  }

  @Benchmark
  public ModelImport.Result importModel() {
    Importing.Result r = Importing.fromDatabase(database, "public", new ModelImport.Options("synthetic", null), 600_000);
    if (r.hasErrors()) {
      throw new IllegalStateException("the import must succeed: " + r.diagnostics());
    }
    return r.imported().orElseThrow();
  }
}
