def log = new File(basedir, "build.log").text
assert log.contains("Tests run: 1, Failures: 0, Errors: 0") : "the consumer's own test ran against PostgreSQL"
assert new File(basedir, "target/generated-sources/modelc/com/example/payments/db/ChargesQueries.java").isFile()
return true
