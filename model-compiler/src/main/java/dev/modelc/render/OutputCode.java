package dev.modelc.render;

import dev.modelc.diag.DiagnosticCode;

/** Writing outputs: generated sources and plan files (MC7xx). */
public enum OutputCode implements DiagnosticCode {
  MC701(Meta.error("output path cannot be written")),
  MC702(Meta.error("output file belongs to another model or was not generated")),
  MC703(Meta.error("folder already holds a model"));

  private final Meta meta;

  OutputCode(Meta meta) {
    this.meta = meta;
  }

  @Override
  public Meta meta() {
    return meta;
  }
}
