def generated = new File(basedir, "target/generated-sources/modelc/it/modelc/generate_and_compile/model/OrdersQueries.java")
assert generated.isFile() : "the accessors are generated"
assert new File(basedir, "target/classes/it/shop/Uses.class").isFile() : "application code compiles against them"
assert new File(basedir, "target/classes/it/modelc/generate_and_compile/model/Order.class").isFile()
def log = new File(basedir, "build.log").text
assert log.contains("modelc: generated it.modelc.generate_and_compile.model")
return true
