import { readdirSync, readFileSync } from 'node:fs';
import { codelistCodes } from './codelist-csv.ts';
import { applyMergePatch, type JsonObject } from './json-merge-patch.ts';

/**
 * The OCDS 1.1.5 schemas and codelists and the bid extension, as shipped in ./schema (copies of
 * the published files: see schema/README.md). Read once, on first use.
 */
const SCHEMA_DIR = new URL('./schema/', import.meta.url);

export const OCDS_VERSION = '1.1';
/** The bid extension as published; the copy in schema/bid-extension is this version. */
export const BID_EXTENSION_URL =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json';

/** Whether a package's declared extension is the bid extension (any version, either organisation). */
export function isBidExtensionUrl(url: unknown): boolean {
  return typeof url === 'string' && /ocds_bid_extension\b|\/extensions\/bids\//.test(url);
}

const cache = new Map<string, unknown>();

function cached<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

function readJson(path: string): JsonObject {
  return JSON.parse(readFileSync(new URL(path, SCHEMA_DIR), 'utf8')) as JsonObject;
}

/** The release schema, with the bid extension's patch applied when asked. A fresh copy each call. */
export function releaseSchema(withBids: boolean): JsonObject {
  const core = cached('release', () => readJson('1.1.5/release-schema.json'));
  const schema = withBids
    ? applyMergePatch(
        core,
        cached('bids', () => readJson('bid-extension/release-schema.json')),
      )
    : core;
  return structuredClone(schema) as JsonObject;
}

export function releasePackageSchema(): JsonObject {
  return structuredClone(cached('releasePackage', () => readJson('1.1.5/release-package-schema.json')));
}

export function recordPackageSchema(): JsonObject {
  return structuredClone(cached('recordPackage', () => readJson('1.1.5/record-package-schema.json')));
}

export function versionedReleaseSchema(): JsonObject {
  return structuredClone(
    cached('versioned', () => readJson('1.1.5/versioned-release-validation-schema.json')),
  );
}

/**
 * Every codelist file's codes, by file name: the standard's, then the bid extension's when asked
 * (an extension's codelist of the same name would replace the standard's).
 */
export function codelists(withBids: boolean): ReadonlyMap<string, ReadonlySet<string>> {
  const read = (dir: string) =>
    cached(`codelists:${dir}`, () => {
      const url = new URL(`${dir}/codelists/`, SCHEMA_DIR);
      return new Map<string, ReadonlySet<string>>(
        readdirSync(url)
          .filter((name) => name.endsWith('.csv'))
          .map((name) => [name, new Set(codelistCodes(readFileSync(new URL(name, url), 'utf8')))] as const),
      );
    });
  return withBids ? new Map([...read('1.1.5'), ...read('bid-extension')]) : read('1.1.5');
}
