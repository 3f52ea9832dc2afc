def log = new File(basedir, "build.log").text
assert log.contains("model.yaml:6:5: error[MC201]: unknown key 'colums' in table 'orders'; did you mean 'columns'?") : "the diagnostic, compiler-style"
assert log.contains("modelc: the model has errors")
assert !new File(basedir, "target/generated-sources/modelc").exists() : "nothing generated"
return true
