package dev.modelc.check;

import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;

/**
 * Counts the reasons that are still the placeholder {@code unknown} (what {@code modelc import}
 * writes where only a person knows why an object exists) and reports them as one note with the
 * count and the first place, not one line each: a team fills them in over time.
 */
public final class PlaceholderCheck {
  /** The placeholder reason. */
  public static final String PLACEHOLDER = "unknown";

  private PlaceholderCheck() {}

  public static void check(Model model, Diagnostics out) {
    int count = 0;
    SourceRef first = null;
    for (Table t : model.tables()) {
      for (Index i : t.indexes()) {
        int here = (PLACEHOLDER.equals(i.reason()) ? 1 : 0) + (PLACEHOLDER.equals(i.keep()) ? 1 : 0);
        if (here > 0 && first == null) {
          first = i.source();
        }
        count += here;
      }
    }
    if (count > 0) {
      out.report(PlaceholderCode.MC801, first, count + (count == 1 ? " reason is" : " reasons are")
          + " still the placeholder 'unknown' written by 'modelc import' (the first is here); replace each with why "
          + "the object exists, over time");
    }
  }
}
