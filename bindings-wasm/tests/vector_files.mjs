// The shared vectors of tests/vectors (format: tests/vectors/README.md): every
// `*.json` of expand/, availability/, reconcile/, report/ and combined/ is an array
// of cases `{kind, description, input, expected | error}`. Kept small so a change of
// the format touches only this file.

import { readFileSync, readdirSync } from "node:fs";

export const repo = new URL("../../", import.meta.url);
export const KINDS = ["expand", "availability", "reconcile", "report", "combined"];

/** Every case of tests/vectors/<kind>/*.json, by file: [{file, cases}], sorted. */
export function vectorFiles(kind) {
  const dir = new URL(`tests/vectors/${kind}/`, repo);
  return readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((file) => {
      const cases = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
      if (!Array.isArray(cases)) throw new Error(`${kind}/${file}: not an array of cases`);
      for (const c of cases) {
        if (c.kind !== kind || !("input" in c) || ("expected" in c) === ("error" in c)) {
          throw new Error(`${kind}/${file}: a case of another shape: ${c.description}`);
        }
      }
      return { file, cases };
    });
}

/** A file of the repository as text or bytes. */
export function repoFile(path, encoding) {
  return readFileSync(new URL(path, repo), encoding);
}
