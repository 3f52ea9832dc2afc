package dev.modelc.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL schemas of public open-source applications that the import round trips are
 * proven on. Each is read from the application's own artifact on Maven Central (test-scoped
 * dependencies of this module, without their code), in the order the application runs its
 * scripts; no schema file is copied into this repository.
 */
enum PublicSchemas {
  /** Flowable 7.1.0 (BPMN, CMMN and IDM engines and their shared services; Apache 2.0). */
  FLOWABLE("Flowable 7.1.0", "org/flowable/common/db/create/flowable.postgres.create.common.sql",
      "org/flowable/db/create/flowable.postgres.create.engine.sql",
      "org/flowable/db/create/flowable.postgres.create.history.sql",
      "org/flowable/idm/db/create/flowable.postgres.create.identity.sql",
      "org/flowable/cmmn/db/create/flowable.postgres.create.cmmn.sql"),
  /** jBPM 7.74.1 (process engine and task service, with the Quartz tables it ships; Apache 2.0). */
  JBPM("jBPM 7.74.1.Final", "db/ddl-scripts/postgresql/postgresql-jbpm-schema.sql",
      "db/ddl-scripts/postgresql/quartz_tables_postgres.sql"),
  /** Bonita 7.15.0 (process platform, with its Quartz tables and constraints; LGPL). */
  BONITA("Bonita 7.15.0", "sql/postgres/createTables.sql", "sql/postgres/createQuartzTables.sql",
      "sql/postgres/postCreateStructure.sql");

  private final String application;
  private final List<String> scripts;

  PublicSchemas(String application, String... scripts) {
    this.application = application;
    this.scripts = List.of(scripts);
  }

  String application() {
    return application;
  }

  /** Runs the application's scripts, in order, on {@code connection}. */
  void load(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String script : scripts) {
        s.execute(read(script));
      }
    }
  }

  private static String read(String resource) {
    try (InputStream in = PublicSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test classpath (a test dependency of model-compiler)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
