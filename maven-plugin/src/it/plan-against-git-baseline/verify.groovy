def dir = new File(basedir, "target/modelc")
["plan.md", "plan.json", "plan.sql", "summary.md"].each { assert new File(dir, it).isFile() : it }
def md = new File(dir, "plan.md").text
assert md.contains("# Migration plan: shop")
assert md.contains("build-index:orders_customer_placed__new")
assert md.contains("Planned from `git:HEAD~1`")
def summary = new File(dir, "summary.md").text
assert summary.contains("# Migration plan summary: shop")
assert summary.length() <= 60000
assert summary.contains("`plan.md`")
def sql = new File(dir, "plan.sql").text
assert sql.indexOf("CREATE INDEX CONCURRENTLY") < sql.indexOf("DROP INDEX CONCURRENTLY") : "never drop-then-create"
return true
