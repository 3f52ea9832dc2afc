def log = new File(basedir, "build.log").text
assert log.contains("modelc: check skipped")
assert log.contains("modelc: generate skipped")
assert !log.contains("error[")
return true
