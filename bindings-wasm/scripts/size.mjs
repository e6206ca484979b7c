// Print the raw, gzip (level 9) and brotli (quality 11) sizes of a file.
// Usage: node size.mjs FILE [--json]
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const s = sizes(readFileSync(file));
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(s));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`${file}: raw ${kb(s.raw)}, gzip ${kb(s.gzip)}, brotli ${kb(s.brotli)}`);
  }
}
