package dev.modelc.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every rule family's codes, in one list: docs and golden tests are checked against it. */
public final class DiagnosticCodes {
  private DiagnosticCodes() {}

  public static List<DiagnosticCode> all() {
    List<DiagnosticCode> all = new ArrayList<>();
    all.addAll(List.of(dev.modelc.parse.ParseCode.values()));
    all.addAll(List.of(dev.modelc.parse.StructureCode.values()));
    all.addAll(List.of(dev.modelc.check.ReferenceCode.values()));
    all.addAll(List.of(dev.modelc.check.IdentifierCode.values()));
    all.addAll(List.of(dev.modelc.analyze.CoverageCode.values()));
    all.addAll(List.of(dev.modelc.diff.DiffCode.values()));
    all.addAll(List.of(dev.modelc.render.OutputCode.values()));
    all.addAll(List.of(dev.modelc.evidence.EvidenceCode.values()));
    all.addAll(List.of(dev.modelc.evidence.PlanUsageCode.values()));
    all.addAll(List.of(dev.modelc.importer.ImportCode.values()));
    all.addAll(List.of(dev.modelc.apply.ApplyCode.values()));
    all.sort(Comparator.comparing(DiagnosticCode::code));
    return List.copyOf(all);
  }
}
