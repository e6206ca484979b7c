// The shared vectors of tests/vectors: one loader, kept small so a change of their
// format touches only this file.

import { readFileSync, readdirSync } from "node:fs";

export const repo = new URL("../../", import.meta.url);

/** Every `*.json` of tests/vectors/<kind>, sorted: [{name, doc}], at least `min`. */
export function vectorFiles(kind, min = 1) {
  const dir = new URL(`tests/vectors/${kind}/`, repo);
  const names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  if (names.length < min) throw new Error(`vectors missing in ${dir.pathname}`);
  return names.map((name) => ({ name, doc: JSON.parse(readFileSync(new URL(name, dir), "utf8")) }));
}

/** A file of the repository as text or bytes. */
export function repoFile(path, encoding) {
  return readFileSync(new URL(path, repo), encoding);
}
