package dev.modelc.render;

import dev.modelc.evidence.DropEvidence;
import dev.modelc.plan.Plan;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/** {@code plan.md}: the plan as a pull-request comment, from the {@code plan.md.vm} template. */
public final class PlanMarkdownRenderer {
  private static final VelocityEngine ENGINE = engine();

  private PlanMarkdownRenderer() {}

  public static String render(Plan plan, String fromLabel, String toLabel) {
    return render(plan, fromLabel, toLabel, Map.of());
  }

  /** The plan with the usage evidence of each drop step ({@code plan --usage}), by step id. */
  public static String render(Plan plan, String fromLabel, String toLabel, Map<String, DropEvidence.Drop> evidence) {
    VelocityContext context = new VelocityContext();
    context.put("plan", new PlanView(plan, fromLabel, toLabel, evidence));
    Template template = ENGINE.getTemplate("dev/modelc/render/plan.md.vm", "UTF-8");
    StringWriter out = new StringWriter();
    template.merge(context, out);
    // The template's first line is its variables comment; Velocity's ## comments leave nothing.
    return out.toString().replace("\r\n", "\n").stripLeading();
  }

  private static VelocityEngine engine() {
    Properties p = new Properties();
    p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
    p.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
    p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
    p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
    VelocityEngine engine = new VelocityEngine(p);
    engine.init();
    return engine;
  }
}
