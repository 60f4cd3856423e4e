import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { compileRelease, type MergeRules, mergeRulesOf } from './merge-releases.ts';
import type { JsonObject } from './json-merge-patch.ts';
import type { Release } from './ocds-release.ts';
import { BID_EXTENSION_URL, OCDS_VERSION, releaseSchema } from './ocds-schemas.ts';

/** The merge rules of the releases we publish: OCDS 1.1.5 with the bid extension. */
export function exportMergeRules(): MergeRules {
  return mergeRulesOf(releaseSchema(true));
}

export interface OcdsRecord {
  readonly ocid: string;
  /** Embedded releases, oldest first. */
  readonly releases: readonly Release[];
  readonly compiledRelease: JsonObject;
}

/** The record of one contracting process: its releases and their compiled release. */
export function recordOf(releases: readonly Release[], rules: MergeRules): OcdsRecord {
  const ordered = [...releases].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  return {
    ocid: ordered[0]!.ocid,
    releases: ordered,
    compiledRelease: compileRelease(ordered, rules),
  };
}

export interface PackageMetadata {
  /** The package's URI: where it is (or will be) published. */
  readonly uri: string;
  readonly publisher: { readonly name: string };
}

/**
 * Writes a release or record package item by item, so an export of any size never holds more than
 * one tender in memory: the metadata, the items, and last `publishedDate` (the date of the latest
 * release, as OCDS asks of packages generated on demand). It writes beside the target and renames
 * at the end, so a failed export leaves no half-written package.
 */
export class PackageWriter {
  private count = 0;
  private latest = Number.NEGATIVE_INFINITY;
  private latestText = '';

  private constructor(
    private readonly file: FileHandle,
    private readonly partial: string,
    private readonly target: string,
  ) {}

  static async create(
    target: string,
    kind: 'releases' | 'records',
    metadata: PackageMetadata,
  ): Promise<PackageWriter> {
    const partial = `${target}.partial`;
    const file = await open(partial, 'w');
    const head = {
      uri: metadata.uri,
      version: OCDS_VERSION,
      extensions: [BID_EXTENSION_URL],
      publisher: metadata.publisher,
    };
    await file.write(`${JSON.stringify(head, null, 2).slice(0, -2)},\n  "${kind}": [`);
    return new PackageWriter(file, partial, target);
  }

  /** Adds a release or a record; `dates` are the release dates it carries. */
  async add(item: Release | OcdsRecord, dates: readonly string[]): Promise<void> {
    const text = JSON.stringify(item, null, 2).replaceAll('\n', '\n    ');
    await this.file.write(`${this.count === 0 ? '' : ','}\n    ${text}`);
    this.count += 1;
    for (const date of dates) {
      const at = Date.parse(date);
      if (at > this.latest) {
        this.latest = at;
        this.latestText = date;
      }
    }
  }

  get items(): number {
    return this.count;
  }

  /** Finishes the package and moves it into place. */
  async close(): Promise<void> {
    await this.file.write(`\n  ],\n  "publishedDate": ${JSON.stringify(this.latestText)}\n}\n`);
    await this.file.sync();
    await this.file.close();
    await rename(this.partial, this.target);
  }

  /** Drops the partial file (after a failure). */
  async abandon(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await rm(this.partial, { force: true });
  }
}
