import { findPlatformCodeProblem } from '../codes/identity-codes.ts';
import type { ExchangeMessage } from '../message.ts';
import { CONFORMANCE_CHECKS, type ConformanceCheck } from './conformance-checks.ts';
import {
  conformanceRegistration,
  newConformanceIdentity,
  newSigningKey,
  randomPlatformCode,
  type ConformanceIdentity,
} from './conformance-identity.ts';
import { ConformanceMessages } from './conformance-messages.ts';
import { HubClient, HubUnreachableError, type HubAnswer } from './hub-client.ts';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult extends ConformanceCheck {
  readonly status: CheckStatus;
  /** What the hub answered, in a line. */
  readonly evidence: string;
  readonly ms: number;
}

export interface ConformanceReport {
  readonly hub: string;
  /** The hub's platform code, from its self-test. */
  readonly hubCode: string | null;
  /** The made-up transaction platform the run registered, and its tender. */
  readonly platformCode: string;
  readonly dealCode: string;
  readonly startedAt: string;
  readonly results: readonly CheckResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** No check failed (skipped ones do not count). */
  readonly ok: boolean;
}

export interface ConformanceOptions {
  readonly hubUrl: URL;
  /** A bearer token of a hub_operator: without it the checks that need approval are skipped. */
  readonly operatorToken?: string | undefined;
  /** The platform code to register under; a fresh valid one when absent. */
  readonly platformCode?: string | undefined;
  readonly timeoutMs?: number;
  /** Called as each check ends, for progress. */
  readonly onResult?: (result: CheckResult, index: number, total: number) => void;
}

/** The data set the run sends (招标项目) and the one of its gap and signature checks (标段). */
const PROJECT = '501';
const SECTION = '502';
const FEED_PAGE = 1000;
/** Reading a feed to its end stops here (a million items): the hub is then too busy to test. */
const FEED_PAGES_MAX = 1000;

class Failed extends Error {}
const fail = (evidence: string): never => {
  throw new Failed(evidence);
};

interface Reply {
  readonly status: string;
  readonly errors: readonly { path: string; code: string }[];
}

interface ErrorBody {
  readonly code?: string;
  readonly details?: readonly { path: string; code: string }[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function replyOf(answer: HubAnswer): Reply | null {
  const replies = isObject(answer.body) ? answer.body.replies : undefined;
  const first: unknown = Array.isArray(replies) ? replies[0] : undefined;
  if (!isObject(first) || typeof first.status !== 'string' || !Array.isArray(first.errors)) return null;
  return first as unknown as Reply;
}

function errorOf(answer: HubAnswer): ErrorBody | null {
  const error = isObject(answer.body) ? answer.body.error : undefined;
  return isObject(error) ? (error as ErrorBody) : null;
}

const pairs = (list: readonly { path: string; code: string }[] | undefined): string =>
  (list ?? []).map((e) => `${e.path || '(message)'} ${e.code}`).join(', ');

/** The hub's answer in a line: the reply to the first message, the error, or the status and body. */
function describe(answer: HubAnswer): string {
  const reply = replyOf(answer);
  if (reply)
    return `HTTP ${answer.status} ${reply.status}${reply.errors.length ? `: ${pairs(reply.errors)}` : ''}`;
  const error = errorOf(answer);
  if (error?.code)
    return `HTTP ${answer.status} ${error.code}${error.details?.length ? `: ${pairs(error.details)}` : ''}`;
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return `HTTP ${answer.status} ${text.slice(0, 200)}`;
}

const hasError = (list: readonly { path: string; code: string }[] | undefined, path: string, code: string) =>
  (list ?? []).some((e) => e.path === path && e.code === code);

/** Passes when the hub answered the single message with `status` and (at least) these field errors. */
function expectReply(
  answer: HubAnswer,
  status: string,
  errors: readonly [path: string, code: string][],
): string {
  const evidence = describe(answer);
  const reply = replyOf(answer);
  if (answer.status !== 200 || !reply) fail(`${evidence} (expected HTTP 200 with one reply)`);
  if (reply!.status !== status) fail(`${evidence} (expected ${status})`);
  const missing = errors.filter(([path, code]) => !hasError(reply!.errors, path, code));
  if (missing.length)
    fail(`${evidence} (expected ${pairs(missing.map(([path, code]) => ({ path, code })))})`);
  if (errors.length === 0 && reply!.errors.length) fail(`${evidence} (expected no errors)`);
  return evidence;
}

/** Passes when the hub refused the request with `httpStatus`, error `code` and these details. */
function expectError(
  answer: HubAnswer,
  httpStatus: number,
  code: string,
  details: readonly [path: string, code: string][] = [],
): string {
  const evidence = describe(answer);
  const error = errorOf(answer);
  if (answer.status !== httpStatus || error?.code !== code)
    fail(`${evidence} (expected HTTP ${httpStatus} ${code})`);
  const missing = details.filter(([path, c]) => !hasError(error!.details, path, c));
  if (missing.length)
    fail(`${evidence} (expected ${pairs(missing.map(([path, c]) => ({ path, code: c })))})`);
  return evidence;
}

interface FeedPage {
  readonly items: readonly Record<string, unknown>[];
  readonly next: string | null;
}

/** State shared by the checks of one run. */
class Run {
  hubCode: string | null = null;
  accepted: ExchangeMessage | null = null;
  /** The feed's end before the accepted record was sent, and the cursor just after that record. */
  feedTail: string | null | undefined;
  feedTailProblem: string | null = null;
  afterAccepted: string | null = null;
  private messagesOf: ConformanceMessages | null = null;

  constructor(
    readonly client: HubClient,
    readonly identity: ConformanceIdentity,
    readonly token: string | undefined,
  ) {}

  get messages(): ConformanceMessages {
    if (!this.messagesOf) {
      if (!this.hubCode) fail('not run: the self-test gave no platform code to address messages to');
      this.messagesOf = new ConformanceMessages(this.identity, this.hubCode!);
    }
    return this.messagesOf;
  }

  send(messages: readonly unknown[]): Promise<HubAnswer> {
    return this.client.post('api/exchange/messages', { body: { messages } });
  }

  async feedPage(cursor: string | null | undefined, limit: number): Promise<FeedPage> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const answer = await this.client.get(`api/exchange/feeds/${PROJECT}?${query}`);
    const body = answer.body;
    if (answer.status !== 200 || !isObject(body) || !Array.isArray(body.items)) {
      fail(`feed ${PROJECT}: ${describe(answer)}`);
    }
    const page = body as { items: Record<string, unknown>[]; next?: unknown };
    return { items: page.items, next: typeof page.next === 'string' ? page.next : null };
  }

  /** The cursor at the current end of the feed (undefined: the feed is empty, read from its start). */
  async feedEnd(): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let i = 0; i < FEED_PAGES_MAX; i++) {
      const page = await this.feedPage(cursor, FEED_PAGE);
      if (page.next) cursor = page.next;
      if (page.items.length < FEED_PAGE) return cursor;
    }
    return fail(`feed ${PROJECT} is longer than ${FEED_PAGES_MAX * FEED_PAGE} items`);
  }
}

const isMessage = (item: Record<string, unknown>, message: ExchangeMessage) =>
  item.platformCode === message.platformCode && item.dataKey === message.dataKey;

type CheckRun = (run: Run) => Promise<string>;

const CHECKS: Readonly<Record<string, CheckRun>> = {
  'self-test': async (run) => {
    const answer = await run.client.get('api/exchange/self-test');
    const body = answer.body;
    if (answer.status !== 200 || !isObject(body)) fail(describe(answer));
    const { platformCode, platformName, protocolVersion, receives, dataSets, ok, checks } = body as Record<
      string,
      unknown
    >;
    const failing = Array.isArray(checks)
      ? checks.filter((c) => isObject(c) && c.ok === false).map((c) => String((c as { name: unknown }).name))
      : [];
    const evidence =
      `hub ${String(platformCode)} ${String(platformName ?? '')}, protocol ${String(protocolVersion)}, ` +
      `receives ${String(receives)}, own checks ${ok === true ? 'ok' : `failing: ${failing.join(', ') || String(ok)}`}`;
    if (typeof platformCode !== 'string' || findPlatformCodeProblem(platformCode)) {
      fail(`${evidence} (expected a valid platform code)`);
    }
    run.hubCode = platformCode as string;
    if (protocolVersion !== 1) fail(`${evidence} (expected protocol 1)`);
    if (receives !== true) fail(`${evidence} (expected receives true: this is not a hub)`);
    const sets = Array.isArray(dataSets) ? dataSets : [];
    if (![PROJECT, SECTION].every((code) => sets.includes(code))) {
      fail(`${evidence} (expected data sets ${PROJECT} and ${SECTION} among those it receives)`);
    }
    return evidence;
  },

  'registration-refused': async (run) => {
    const good = conformanceRegistration(run.identity, new Date());
    const { certification: _certification, ...rest } = good;
    const code = good.platformCode;
    const badCheck = code.charAt(17) === '0' ? '1' : '0';
    const body = {
      ...rest,
      platformCode: `${code.slice(0, 17)}${badCheck}${code.slice(18)}`,
      kind: 'marketplace',
    };
    const answer = await run.client.post('api/exchange/registrations', { body });
    return expectError(answer, 422, 'EXCHANGE_INVALID', [
      ['platformCode', 'check_character'],
      ['kind', 'codelist'],
      ['certification', 'required'],
    ]);
  },

  'registration-pending': async (run) => {
    const body = conformanceRegistration(run.identity, new Date());
    const answer = await run.client.post('api/exchange/registrations', { body });
    const result = isObject(answer.body) ? answer.body : {};
    const evidence = `HTTP ${answer.status} ${String(result.platformCode)} ${String(result.status)}`;
    if (![200, 201].includes(answer.status)) fail(`${describe(answer)} (expected HTTP 201)`);
    if (result.platformCode !== run.identity.platformCode || result.status !== 'pending') {
      fail(`${evidence} (expected ${run.identity.platformCode} pending)`);
    }
    return evidence;
  },

  'not-approved': async (run) => {
    const message = await run.messages.signed(PROJECT, { orderSeq: 1, revision: 1 });
    return expectReply(await run.send([message]), 'rejected', [['platformCode', 'platform_not_approved']]);
  },

  approve: async (run) => {
    const answer = await run.client.post(`api/exchange/registrations/${run.identity.platformCode}/approve`, {
      token: run.token,
      body: { reason: '接入检测 conformance run' },
    });
    const status = isObject(answer.body) ? answer.body.status : undefined;
    if (answer.status !== 200 || status !== 'approved')
      fail(`${describe(answer)} (expected HTTP 200 approved)`);
    return `HTTP 200 ${run.identity.platformCode} approved`;
  },

  accepted: async (run) => {
    try {
      run.feedTail = await run.feedEnd();
    } catch (error) {
      run.feedTailProblem = (error as Error).message;
    }
    const message = await run.messages.signed(PROJECT, { orderSeq: 1, revision: 1 });
    const evidence = expectReply(await run.send([message]), 'accepted', []);
    run.accepted = message;
    return `${evidence} (${message.dataKey}, orderSeq 1)`;
  },

  duplicate: async (run) => {
    const resent = await run.messages.resent(accepted(run));
    return expectReply(await run.send([resent]), 'duplicate', []);
  },

  conflict: async (run) => {
    const other = await run.messages.signed(PROJECT, {
      orderSeq: 1,
      revision: 1,
      edit: (r) => {
        r.TENDER_PROJECT_NAME = `${String(r.TENDER_PROJECT_NAME)}（更正）`;
      },
    });
    return expectReply(await run.send([other]), 'rejected', [['dataKey', 'conflict']]);
  },

  gap: async (run) => {
    const message = await run.messages.signed(SECTION, { orderSeq: 3, revision: 1 });
    return expectReply(await run.send([message]), 'deferred', [['orderSeq', 'gap']]);
  },

  stale: async (run) => {
    const message = await run.messages.signed(PROJECT, { orderSeq: 1, revision: 2 });
    return expectReply(await run.send([message]), 'rejected', [['orderSeq', 'stale']]);
  },

  unsigned: async (run) => {
    const { signature: _signature, ...unsigned } = await run.messages.signed(SECTION, {
      orderSeq: 2,
      revision: 1,
    });
    return expectReply(await run.send([unsigned]), 'rejected', [['signature', 'unsigned']]);
  },

  'bad-signature': async (run) => {
    const message = await run.messages.signed(SECTION, { orderSeq: 2, revision: 2 });
    const tampered = { ...message, record: { ...message.record, BID_SECTION_NAME: '施工总承包二标段' } };
    return expectReply(await run.send([tampered]), 'rejected', [['signature.value', 'bad_signature']]);
  },

  'unknown-key': async (run) => {
    const message = await run.messages.signed(SECTION, {
      orderSeq: 2,
      revision: 3,
      key: await newSigningKey(),
    });
    return expectReply(await run.send([message]), 'rejected', [['signature.keyId', 'unknown_key']]);
  },

  'wrong-receiver': async (run) => {
    const message = await run.messages.signed(SECTION, {
      orderSeq: 2,
      revision: 4,
      hubCode: randomPlatformCode(),
    });
    return expectReply(await run.send([message]), 'rejected', [['hubCode', 'wrong_receiver']]);
  },

  'field-errors': async (run) => {
    const message = await run.messages.signed(PROJECT, {
      orderSeq: 2,
      revision: 3,
      edit: (r) => {
        delete r.TENDER_PROJECT_NAME;
        r.TENDER_MODE = '9';
      },
    });
    return expectReply(await run.send([message]), 'rejected', [
      ['record.TENDER_PROJECT_NAME', 'required'],
      ['record.TENDER_MODE', 'codelist'],
    ]);
  },

  'unknown-data-set': async (run) => {
    const message = await run.messages.signed(PROJECT, { orderSeq: 2, revision: 4, envelopeDataSet: '999' });
    return expectReply(await run.send([message]), 'rejected', [['dataSetCode', 'unknown_data_set']]);
  },

  'batch-limit': async (run) => {
    // Copies of the accepted message: a hub that wrongly took the batch would only answer duplicates.
    const batch = Array.from({ length: 1001 }, () => accepted(run));
    return expectError(await run.send(batch), 400, 'VALIDATION_FAILED');
  },

  'feed-item': async (run) => {
    const message = accepted(run);
    if (run.feedTailProblem) fail(run.feedTailProblem);
    const tail = run.feedTail ?? null;
    const page = await run.feedPage(tail, FEED_PAGE);
    const index = page.items.findIndex((item) => isMessage(item, message));
    if (index < 0) fail(`feed ${PROJECT}: ${page.items.length} new item(s), none is ${message.dataKey}`);
    const item = page.items[index]!;
    if (item.messageId !== message.messageId) {
      fail(
        `feed ${PROJECT}: ${message.dataKey} has message id ${String(item.messageId)}, sent ${message.messageId}`,
      );
    }
    const upTo = await run.feedPage(tail, index + 1);
    run.afterAccepted = upTo.next;
    if (!run.afterAccepted) fail(`feed ${PROJECT}: no cursor after ${message.dataKey}`);
    const signed = isObject(item.signature) ? 'signature kept' : 'signature removed';
    return `feed ${PROJECT}: ${message.dataKey} is new item ${index + 1} after the previous end, ${signed}`;
  },

  'feed-cursor': async (run) => {
    const message = accepted(run);
    if (!run.afterAccepted) fail('not run: the feed gave no cursor after the accepted record');
    const page = await run.feedPage(run.afterAccepted, FEED_PAGE);
    if (page.items.some((item) => isMessage(item, message))) {
      fail(`feed ${PROJECT}: the page after the cursor repeats ${message.dataKey}`);
    }
    return `feed ${PROJECT}: ${page.items.length} item(s) after it, next ${page.next === null ? 'null' : 'given'}`;
  },

  'feed-limit': async (run) => {
    const answer = await run.client.get(`api/exchange/feeds/${PROJECT}?limit=1001`);
    return expectError(answer, 422, 'EXCHANGE_INVALID', [['limit', 'out_of_range']]);
  },

  suspend: async (run) => {
    const answer = await run.client.post(`api/exchange/registrations/${run.identity.platformCode}/suspend`, {
      token: run.token,
      body: { reason: '接入检测结束 conformance run finished' },
    });
    const status = isObject(answer.body) ? answer.body.status : undefined;
    if (answer.status !== 200 || status !== 'suspended')
      fail(`${describe(answer)} (expected HTTP 200 suspended)`);
    const message = await run.messages.signed(SECTION, { orderSeq: 2, revision: 5 });
    const evidence = expectReply(await run.send([message]), 'rejected', [
      ['platformCode', 'platform_not_approved'],
    ]);
    return `suspended; then ${evidence}`;
  },
};

function accepted(run: Run): ExchangeMessage {
  return run.accepted ?? fail('not run: no record was accepted');
}

/**
 * Runs the conformance checks against a hub as a made-up transaction platform would: registers,
 * is refused, (with the operator's token) is approved, sends good and bad messages, reads the pull
 * feed, and is suspended at the end. Throws `HubUnreachableError` when the hub does not answer the
 * first request at all.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const baseUrl = new URL(
    options.hubUrl.href.endsWith('/') ? options.hubUrl.href : `${options.hubUrl.href}/`,
  );
  const client = new HubClient(baseUrl, options.timeoutMs ?? 30_000);
  const started = new Date();
  const identity = await newConformanceIdentity(started, options.platformCode);
  const run = new Run(client, identity, options.operatorToken);
  const results: CheckResult[] = [];
  for (const [index, check] of CONFORMANCE_CHECKS.entries()) {
    const began = performance.now();
    let status: CheckStatus;
    let evidence: string;
    if (check.needsApproval && !options.operatorToken) {
      status = 'skip';
      evidence = 'needs --operator-token to approve the registration first';
    } else {
      try {
        evidence = await CHECKS[check.id]!(run);
        status = 'pass';
      } catch (error) {
        // Only a hub that never answered is "unreachable"; a hub that stops answering fails the check.
        if (error instanceof HubUnreachableError && index === 0) throw error;
        status = 'fail';
        evidence = (error as Error).message;
      }
    }
    const result: CheckResult = { ...check, status, evidence, ms: Math.round(performance.now() - began) };
    results.push(result);
    options.onResult?.(result, index, CONFORMANCE_CHECKS.length);
  }
  const count = (status: CheckStatus) => results.filter((r) => r.status === status).length;
  return {
    hub: baseUrl.href,
    hubCode: run.hubCode,
    platformCode: identity.platformCode,
    dealCode: identity.dealCode,
    startedAt: started.toISOString(),
    results,
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
    ok: count('fail') === 0,
  };
}
