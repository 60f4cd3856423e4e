/** One problem found in an OCDS document: where (`releases[0].tender.status`) and what. */
export interface OcdsFinding {
  readonly path: string;
  readonly message: string;
}

export type PathSegment = string | number;

/** `['releases', 0, 'tender']` → `releases[0].tender`; the document itself is `(root)`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text || '(root)';
}

/** A JSON Pointer (`/releases/0/tender`, as ajv reports it) as path segments. */
export function pointerSegments(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

/** Findings in document order: by path, array indices numerically. */
export function sortFindings(findings: readonly OcdsFinding[]): OcdsFinding[] {
  return [...findings].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}
