import { isJsonObject, type JsonObject } from './json-merge-patch.ts';

/**
 * The merge rules the schema states (OCDS 1.1, "Merging"): fields omitted from merged releases
 * (`omitWhenMerged`: the release's id, date and tag) and arrays replaced whole (`wholeListMerge`),
 * each named by its path of property names (array levels are transparent: `parties.roles`).
 */
export interface MergeRules {
  readonly omitWhenMerged: ReadonlySet<string>;
  readonly wholeListMerge: ReadonlySet<string>;
}

/** Reads the merge rules off a (patched) release schema. */
export function mergeRulesOf(schema: JsonObject): MergeRules {
  const omitWhenMerged = new Set<string>();
  const wholeListMerge = new Set<string>();
  const definitions = isJsonObject(schema.definitions) ? schema.definitions : {};
  const visit = (node: unknown, path: readonly string[], refs: readonly string[]) => {
    if (!isJsonObject(node)) return;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/definitions/', '');
      // The OCDS schema has no recursive definition; the guard keeps an extension's from looping.
      if (!refs.includes(name)) visit(definitions[name], path, [...refs, name]);
      return;
    }
    const key = path.join('.');
    if (node.omitWhenMerged === true) omitWhenMerged.add(key);
    if (node.wholeListMerge === true) wholeListMerge.add(key);
    if (isJsonObject(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) visit(child, [...path, name], refs);
    }
    visit(node.items, path, refs);
  };
  visit(schema, [], []);
  return { omitWhenMerged, wholeListMerge };
}

/**
 * The compiled release of one contracting process (OCDS 1.1 merge routine): its releases in date
 * order merged field by field. A later value replaces an earlier one and null removes it; objects
 * merge recursively; an array of objects that all have an `id` merges by identifier (same id:
 * merged, new id: appended); any other array, and those marked wholeListMerge, is replaced. The
 * compiled release takes the tag "compiled", the latest date, and the id `<ocid>-<date>`.
 */
export function compileRelease(releases: readonly JsonObject[], rules: MergeRules): JsonObject {
  const ordered = [...releases].sort((a, b) => Date.parse(String(a.date)) - Date.parse(String(b.date)));
  let compiled: JsonObject = {};
  for (const release of ordered) compiled = mergeObject(compiled, release, [], rules);
  const last = ordered[ordered.length - 1];
  const date = String(last?.date ?? '');
  return { ...compiled, id: `${String(last?.ocid ?? '')}-${date}`, date, tag: ['compiled'] };
}

function mergeObject(
  previous: JsonObject,
  next: JsonObject,
  path: readonly string[],
  rules: MergeRules,
): JsonObject {
  const result: JsonObject = { ...previous };
  for (const [key, value] of Object.entries(next)) {
    const at = [...path, key];
    if (rules.omitWhenMerged.has(at.join('.'))) continue;
    const merged = mergeValue(result[key], value, at, rules);
    if (merged === undefined) delete result[key];
    else result[key] = merged;
  }
  return result;
}

function mergeValue(previous: unknown, next: unknown, path: readonly string[], rules: MergeRules): unknown {
  if (next === null || next === undefined) return undefined;
  if (isJsonObject(next)) return mergeObject(isJsonObject(previous) ? previous : {}, next, path, rules);
  if (!Array.isArray(next)) return next;
  const identified = next.every((item) => isJsonObject(item) && item.id !== undefined && item.id !== null);
  if (!identified || next.length === 0 || rules.wholeListMerge.has(path.join('.'))) {
    return next.map((item) => (item === null ? null : mergeValue(undefined, item, path, rules)));
  }
  const result: JsonObject[] = Array.isArray(previous)
    ? previous.filter((item): item is JsonObject => isJsonObject(item))
    : [];
  for (const item of next as JsonObject[]) {
    const index = result.findIndex((existing) => existing.id === item.id);
    if (index >= 0) result[index] = mergeObject(result[index]!, item, path, rules);
    else result.push(mergeObject({}, item, path, rules));
  }
  return result;
}
