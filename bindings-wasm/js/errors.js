// The package's error class: every error of the engine is a SlotwiseError with the
// engine's stable `code` and the `path` of the field at fault.

export class SlotwiseError extends Error {
  constructor(code, path, message) {
    super(message);
    this.name = "SlotwiseError";
    this.code = code;
    this.path = path;
  }
}

/** An `invalid_input` error about `path`; the message leads with the path. */
export function invalidInput(path, detail) {
  return new SlotwiseError("invalid_input", path, path ? `${path}: ${detail}` : detail);
}
