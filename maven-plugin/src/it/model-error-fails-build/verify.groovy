def log = new File(basedir, "build.log").text
assert log.contains("model.yaml:6:5: error[MC201]: unknown key 'colums' in table 'orders'; did you mean 'columns'?") : "the diagnostic, compiler-style"
assert log.contains("modelc: the model has errors")
assert !new File(basedir, "target/generated-sources/modelc").exists() : "nothing generated"
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, "target/modelc/modelc.sarif"))
def run = sarif.runs[0]
assert run.results[0].ruleId == "MC201" : "the SARIF is written before the build fails"
def rule = run.tool.driver.rules.find { it.id == "MC201" }
assert rule.helpUri == "https://github.com/acme/shop/blob/main/docs/modelc/diagnostics.md#mc201-unknown-key" : rule.helpUri
assert run.results[0].locations[0].physicalLocation.artifactLocation.uri.endsWith("src/main/modelc/model.yaml")
return true
