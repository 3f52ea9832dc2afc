package dev.modelc.parse;

import dev.modelc.diag.Broken;
import dev.modelc.model.Policy;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.UnmanagedObject;
import java.util.ArrayList;
import java.util.List;

/** What one file contributes to a model, before files are merged. */
final class FileModel {
  /** A header value ({@code model:}, {@code database:} ...) and where it was written. */
  record Header(String value, SourceRef source) {}

  /** The {@code extensions:} of the file and where they were written. */
  record Extensions(List<String> names, SourceRef source) {}

  final String file;
  Extensions extensions;
  final List<UnmanagedObject> unmanaged = new ArrayList<>();
  /** Elements of this file that had errors: later checks skip what depends on them. */
  final Broken broken = new Broken();
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
