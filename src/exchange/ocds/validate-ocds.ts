import ajvDraft04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { closedCodelistFindings, type SchemaRoots, summarise } from './closed-codelists.ts';
import { isJsonObject, type JsonObject } from './json-merge-patch.ts';
import {
  type OcdsFinding,
  type PathSegment,
  formatPath,
  pointerSegments,
  sortFindings,
} from './ocds-path.ts';
import {
  codelists,
  isBidExtensionUrl,
  recordPackageSchema,
  releasePackageSchema,
  releaseSchema,
  versionedReleaseSchema,
} from './ocds-schemas.ts';

export type OcdsDocumentKind = 'release package' | 'record package' | 'release' | 'record';

export interface OcdsValidation {
  /** null: the JSON is none of the four. */
  readonly kind: OcdsDocumentKind | null;
  /** Releases in a release package, records in a record package, else 1. */
  readonly count: number;
  /** Whether the bid extension was applied: declared by the package, or `bids` present. */
  readonly bidExtension: boolean;
  /** Declared extensions other than the bid extension: their fields are not checked. */
  readonly otherExtensions: readonly string[];
  readonly errors: readonly OcdsFinding[];
}

const Ajv04 = ajvDraft04.default;

/**
 * RFC 3339 date-time and absolute URI, the two formats the OCDS schemas use; ajv leaves formats
 * to a plug-in, and these two lines are all OCDS needs.
 */
const FORMATS = {
  'date-time': (value: string) =>
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(
      value,
    ) && !Number.isNaN(Date.parse(value.replace(/:60(?=[.Zz+-])/, ':59'))),
  uri: (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]*$/.test(value),
};

type ValidatorName =
  'releasePackage' | 'recordPackage' | 'record' | 'linkedReleases' | 'embeddedReleases' | 'release';

interface Validators {
  /**
   * Compiled on first use (compiling the versioned release schema alone takes most of a second):
   * the packages, a release; a record, and a record package, with `releases` checked only as a
   * non-empty array, then as the one of the schema's two forms the items take (`releasesForm`).
   */
  get(name: ValidatorName): ValidateFunction;
  readonly releaseRoot: JsonObject;
  readonly recordRoot: JsonObject;
  readonly roots: SchemaRoots;
}

const validatorCache = new Map<boolean, Validators>();

function validators(withBids: boolean): Validators {
  const existing = validatorCache.get(withBids);
  if (existing) return existing;
  // strict: false — the OCDS schemas carry their own keywords (codelist, omitWhenMerged, …).
  // verbose: the errors carry the offending value, which the messages quote.
  const ajv = new Ajv04({ strict: false, allErrors: true, verbose: true, formats: FORMATS });
  const release = releaseSchema(withBids);
  ajv.addSchema(release);
  ajv.addSchema(versionedReleaseSchema());
  const recordPackage = recordPackageSchema();
  const record = (recordPackage.definitions as JsonObject).record as JsonObject;
  const releasesProperty = (record.properties as JsonObject).releases as JsonObject;
  const [linked, embedded] = releasesProperty.oneOf as JsonObject[];
  // The schema's oneOf reports the errors of both forms plus its own; the validator picks the form.
  (record.properties as JsonObject).releases = { type: 'array', minItems: 1 };
  const recordPackageId = recordPackage.id as string;
  ajv.addSchema(recordPackage);
  // ajv compares every pair of items for uniqueItems; the packages' own lists are checked in linear
  // time by `repeatedItems` instead.
  delete ((recordPackage.properties as JsonObject).records as JsonObject).uniqueItems;
  const releasePackage = releasePackageSchema();
  delete ((releasePackage.properties as JsonObject).releases as JsonObject).uniqueItems;
  const compile: Record<ValidatorName, () => ValidateFunction> = {
    releasePackage: () => ajv.compile(releasePackage),
    recordPackage: () => ajv.getSchema(recordPackageId)!,
    record: () => ajv.getSchema(`${recordPackageId}#/definitions/record`)!,
    linkedReleases: () => ajv.compile(linked!),
    embeddedReleases: () => ajv.compile(embedded!),
    release: () => ajv.getSchema(release.id as string)!,
  };
  const compiled = new Map<ValidatorName, ValidateFunction>();
  const built: Validators = {
    get(name) {
      if (!compiled.has(name)) compiled.set(name, compile[name]());
      return compiled.get(name)!;
    },
    releaseRoot: release,
    recordRoot: recordPackageSchema(),
    roots: new Map([[release.id as string, release]]),
  };
  validatorCache.set(withBids, built);
  return built;
}

/** Which of the four a parsed JSON document is, by the members that tell them apart. */
export function ocdsDocumentKind(document: unknown): OcdsDocumentKind | null {
  if (!isJsonObject(document)) return null;
  if ('records' in document) return 'record package';
  if (Array.isArray(document.releases)) {
    // A package has no ocid of its own; a record has one, and usually its merged forms.
    const isRecord = 'ocid' in document || 'compiledRelease' in document || 'versionedRelease' in document;
    return isRecord ? 'record' : 'release package';
  }
  if ('ocid' in document || 'tag' in document) return 'release';
  return null;
}

/**
 * Validates a release package, record package, release or record against OCDS 1.1.5 (and the bid
 * extension where the package declares it or any release has `bids`) and its closed codelists.
 */
export function validateOcds(document: unknown): OcdsValidation {
  const kind = ocdsDocumentKind(document);
  if (kind === null || !isJsonObject(document)) {
    return {
      kind: null,
      count: 0,
      bidExtension: false,
      otherExtensions: [],
      errors: [
        { path: '(root)', message: 'is not an OCDS release package, record package, release or record' },
      ],
    };
  }
  const declared = Array.isArray(document.extensions) ? document.extensions : [];
  const bidExtension = declared.some(isBidExtensionUrl) || hasBids(document);
  const v = validators(bidExtension);
  const codes = codelists(bidExtension);
  const errors: SchemaFinding[] = [];
  const codelistFindings: OcdsFinding[] = [];
  const check = (validate: ValidateFunction, value: unknown, at: readonly PathSegment[]) => {
    if (!validate(value)) errors.push(...(validate.errors ?? []).map((e) => finding(e, at)));
  };
  const releaseCodes = (value: unknown, at: readonly PathSegment[]) =>
    codelistFindings.push(...closedCodelistFindings(value, v.releaseRoot, v.releaseRoot, v.roots, codes, at));
  const recordParts = (value: unknown, at: readonly PathSegment[]) => {
    if (!isJsonObject(value)) return;
    const releases = value.releases;
    if (Array.isArray(releases) && releases.length > 0) {
      const linked = releasesForm(releases) === 'linked';
      check(v.get(linked ? 'linkedReleases' : 'embeddedReleases'), releases, [...at, 'releases']);
      if (linked) {
        const record = (v.recordRoot.definitions as JsonObject).record as JsonObject;
        const form = (((record.properties as JsonObject).releases as JsonObject).oneOf as JsonObject[])[0]!;
        codelistFindings.push(
          ...closedCodelistFindings(releases, form, v.recordRoot, v.roots, codes, [...at, 'releases']),
        );
      } else releases.forEach((release, i) => releaseCodes(release, [...at, 'releases', i]));
    }
    if ('compiledRelease' in value) releaseCodes(value.compiledRelease, [...at, 'compiledRelease']);
  };

  let count = 1;
  switch (kind) {
    case 'release package': {
      check(v.get('releasePackage'), document, []);
      const releases = document.releases as unknown[];
      count = releases.length;
      errors.push(...repeatedItems(releases, 'releases'));
      releases.forEach((release, i) => releaseCodes(release, ['releases', i]));
      break;
    }
    case 'record package': {
      check(v.get('recordPackage'), document, []);
      const records = Array.isArray(document.records) ? document.records : [];
      count = records.length;
      errors.push(...repeatedItems(records, 'records'));
      records.forEach((record, i) => recordParts(record, ['records', i]));
      break;
    }
    case 'release':
      check(v.get('release'), document, []);
      releaseCodes(document, []);
      break;
    case 'record':
      check(v.get('record'), document, []);
      recordParts(document, []);
      break;
  }
  // A value outside a closed codelist is reported once, by the codelist check, which names it.
  const codelistPaths = new Set(codelistFindings.map((f) => f.path));
  const schemaErrors = errors.filter((e) => !(e.keyword === 'enum' && codelistPaths.has(e.path)));
  return {
    kind,
    count,
    bidExtension,
    otherExtensions: declared.filter(
      (url): url is string => typeof url === 'string' && !isBidExtensionUrl(url),
    ),
    errors: sortFindings([
      ...schemaErrors.map(({ path, message }) => ({ path, message })),
      ...codelistFindings,
    ]),
  };
}

/** The schema's uniqueItems on a package's list: an item equal to an earlier one (key order aside). */
function repeatedItems(items: readonly unknown[], list: string): SchemaFinding[] {
  const first = new Map<string, number>();
  return items.flatMap((item, i) => {
    const key = canonicalJson(item);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, i);
      return [];
    }
    return [
      {
        keyword: 'uniqueItems',
        path: formatPath([list, i]),
        message: `repeats ${formatPath([list, earlier])}`,
      },
    ];
  });
}

/** Linked releases are references with a `url`; embedded ones are whole releases. */
function releasesForm(releases: readonly unknown[]): 'linked' | 'embedded' {
  return releases.every((r) => isJsonObject(r) && 'url' in r && !('ocid' in r)) ? 'linked' : 'embedded';
}

function hasBids(document: JsonObject): boolean {
  const releases: unknown[] = [];
  const collect = (holder: unknown) => {
    if (!isJsonObject(holder)) return;
    if (Array.isArray(holder.releases)) releases.push(...holder.releases);
    if ('compiledRelease' in holder) releases.push(holder.compiledRelease);
  };
  collect(document);
  if (Array.isArray(document.records)) document.records.forEach(collect);
  if ('bids' in document) releases.push(document);
  return releases.some((r) => isJsonObject(r) && 'bids' in r);
}

type SchemaFinding = OcdsFinding & { readonly keyword: string };

function finding(error: ErrorObject, at: readonly PathSegment[]): SchemaFinding {
  const segments = [...at, ...pointerSegments(error.instancePath)];
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        keyword: error.keyword,
        path: formatPath([...segments, String(params.missingProperty)]),
        message: 'is required',
      };
    case 'type':
      return {
        keyword: error.keyword,
        path: formatPath(segments),
        message: `must be ${String(params.type).split(',').join(' or ')}`,
      };
    case 'enum':
      return {
        keyword: error.keyword,
        path: formatPath(segments),
        message: `${JSON.stringify(error.data)} is not one of ${summarise(params.allowedValues as unknown[])}`,
      };
    case 'format':
      return {
        keyword: error.keyword,
        path: formatPath(segments),
        message: `${JSON.stringify(error.data)} is not ${params.format === 'uri' ? 'an absolute URI' : 'an RFC 3339 date-time'}`,
      };
    default:
      return { keyword: error.keyword, path: formatPath(segments), message: error.message ?? error.keyword };
  }
}
