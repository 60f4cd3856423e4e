import { isJsonObject, type JsonObject } from './json-merge-patch.ts';
import { formatPath, type OcdsFinding, type PathSegment } from './ocds-path.ts';

/** The schemas a `$ref` may point into, by their `id`; `#…` refs stay in the current one. */
export type SchemaRoots = ReadonlyMap<string, JsonObject>;

/**
 * Every value of a field whose schema names a closed codelist (`"openCodelist": false`) checked
 * against that codelist's codes, walking the document alongside its schema. The schema's own
 * `enum` says the same in most places; this check names the codelist and its codes, and covers
 * the extension's codelists the same way. A codelist without a file here (the bid extension's
 * country.csv) is left to the schema's enum.
 */
export function closedCodelistFindings(
  value: unknown,
  schema: JsonObject,
  root: JsonObject,
  roots: SchemaRoots,
  codes: ReadonlyMap<string, ReadonlySet<string>>,
  path: readonly PathSegment[],
): OcdsFinding[] {
  const findings: OcdsFinding[] = [];
  const walk = (node: JsonObject, nodeRoot: JsonObject, instance: unknown, at: readonly PathSegment[]) => {
    const [resolved, resolvedRoot] = resolveRef(node, nodeRoot, roots);
    const list = resolved.codelist;
    const known = typeof list === 'string' && resolved.openCodelist === false ? codes.get(list) : undefined;
    if (known) {
      const values = Array.isArray(instance)
        ? instance.map((v, i) => [v, [...at, i]] as const)
        : [[instance, at] as const];
      for (const [v, where] of values) {
        if (typeof v === 'string' && !known.has(v)) {
          findings.push({
            path: formatPath(where),
            message: `"${v}" is not in the closed codelist ${list} (${summarise([...known])})`,
          });
        }
      }
    }
    if (isJsonObject(instance) && isJsonObject(resolved.properties)) {
      for (const [key, child] of Object.entries(resolved.properties)) {
        if (key in instance && isJsonObject(child)) walk(child, resolvedRoot, instance[key], [...at, key]);
      }
    }
    if (Array.isArray(instance) && isJsonObject(resolved.items)) {
      const items = resolved.items;
      instance.forEach((item, i) => walk(items, resolvedRoot, item, [...at, i]));
    }
  };
  walk(schema, root, value, path);
  return findings;
}

function resolveRef(node: JsonObject, root: JsonObject, roots: SchemaRoots): [JsonObject, JsonObject] {
  let current = node;
  let currentRoot = root;
  while (typeof current.$ref === 'string') {
    const [base, fragment = ''] = current.$ref.split('#');
    if (base) currentRoot = roots.get(base) ?? currentRoot;
    let target: unknown = currentRoot;
    for (const key of fragment.split('/').filter(Boolean))
      target = isJsonObject(target) ? target[key] : undefined;
    if (!isJsonObject(target)) return [{}, currentRoot];
    current = target;
  }
  return [current, currentRoot];
}

/** A codelist's codes for a message: all of a short list, the first few of a long one. */
export function summarise(values: readonly unknown[], limit = 8): string {
  const shown = values.slice(0, limit).map((v) => (v === null ? 'null' : String(v)));
  return values.length > limit ? `${shown.join(', ')}, … ${values.length} codes` : shown.join(', ');
}
