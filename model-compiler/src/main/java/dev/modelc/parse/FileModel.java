package dev.modelc.parse;

import dev.modelc.model.Policy;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import java.util.ArrayList;
import java.util.List;

/** What one file contributes to a model, before files are merged. */
final class FileModel {
  /** A header value ({@code model:}, {@code database:} ...) and where it was written. */
  record Header(String value, SourceRef source) {}

  final String file;
  Header name;
  Header database;
  Header description;
  Policy policy;
  final List<Table> tables = new ArrayList<>();
  final List<QueryPattern> queries = new ArrayList<>();
  final List<Tombstone> retired = new ArrayList<>();

  FileModel(String file) {
    this.file = file;
  }
}
