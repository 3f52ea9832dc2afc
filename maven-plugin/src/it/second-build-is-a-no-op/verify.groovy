def log = new File(basedir, "build.log").text
assert log.count("modelc: generated ") == 1 : "generated once"
assert log.count("modelc: generate is up to date") == 1 : "the second build did no work"
def source = new File(basedir, "target/generated-sources/modelc/it/modelc/second_build_is_a_no_op/model/Order.java")
def stamp = new File(basedir, "target/modelc/generate.fingerprint")
// both were written by the first build; a regenerating second build would have rewritten the stamp seconds later
assert stamp.lastModified() - source.lastModified() < 2000 : "files untouched by the second build"
return true
