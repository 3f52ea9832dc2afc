package dev.modelc.check;

import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Check;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.Placeholder;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.UnmanagedObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts every reason that is still the placeholder {@code unknown} (what {@code modelc import}
 * writes where only a person knows why an object exists: index reasons and {@code keep}, the
 * reasons of unmanaged objects, check reasons) and reports them as ONE note (MC325) with the
 * total, what kinds they are, and the first place, not one line each: a team fills them in
 * over time.
 */
public final class PlaceholderCheck {
  private static final Comparator<SourceRef> FIRST = Comparator.comparing(SourceRef::file)
      .thenComparingInt(SourceRef::line).thenComparingInt(SourceRef::column);

  private PlaceholderCheck() {}

  public static void check(Model model, Diagnostics out) {
    int indexReasons = 0;
    int keeps = 0;
    int checkReasons = 0;
    int unmanagedReasons = 0;
    List<SourceRef> places = new ArrayList<>();
    for (Table t : model.tables()) {
      for (Index i : t.indexes()) {
        if (Placeholder.is(i.reason())) {
          indexReasons++;
          places.add(i.source());
        }
        if (Placeholder.is(i.keep())) {
          keeps++;
          places.add(i.source());
        }
      }
      for (Check c : t.checks()) {
        if (Placeholder.is(c.reason())) {
          checkReasons++;
          places.add(c.source());
        }
      }
    }
    for (UnmanagedObject u : model.unmanaged()) {
      if (u.reasonUnknown()) {
        unmanagedReasons++;
        places.add(u.source());
      }
    }
    if (places.isEmpty()) {
      return;
    }
    List<String> kinds = new ArrayList<>();
    count(kinds, indexReasons, "index reason");
    count(kinds, keeps, "index keep");
    count(kinds, checkReasons, "check reason");
    count(kinds, unmanagedReasons, "unmanaged object reason");
    int total = places.size();
    out.report(ReferenceCode.MC325, places.stream().min(FIRST).orElseThrow(), total
        + (total == 1 ? " reason is" : " reasons are") + " still the placeholder '" + Placeholder.TEXT + "' ("
        + String.join(", ", kinds) + "; the first is here); say why each object exists when you can");
  }

  private static void count(List<String> kinds, int count, String what) {
    if (count > 0) {
      kinds.add(count + " " + what + (count == 1 ? "" : "s"));
    }
  }
}
