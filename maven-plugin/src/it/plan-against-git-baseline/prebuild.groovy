// A real git repository with two commits: v1 of the model, then v2 with a changed index.
def run(String... cmd) {
  def p = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true).start()
  def out = p.inputStream.text
  assert p.waitFor() == 0 : cmd.join(" ") + "\n" + out
}
run("git", "init", "-q")
run("git", "config", "user.email", "it@modelc.dev")
run("git", "config", "user.name", "modelc it")
run("git", "add", "pom.xml", "src")
run("git", "commit", "-q", "-m", "v1")
def model = new File(basedir, "src/main/modelc/model.yaml")
model.text = model.text.replace("columns: [customer_id, placed_at desc]", "columns: [customer_id, placed_at desc]\n        include: [status]")
run("git", "commit", "-q", "-am", "v2: include status in the customer index")
return true
