import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CODES } from '../../src/exchange/data-set-examples.ts';
import { CONFORMANCE_CHECKS } from '../../src/exchange/conformance/conformance-checks.ts';
import type { ConformanceReport } from '../../src/exchange/conformance/run-conformance.ts';
import { ZHAOCAI_BIN } from '../support/processes.ts';
import { startTestService, type TestService } from '../support/services.ts';

/**
 * `runZhaocai` waits with spawnSync, which would stop this process's event loop and so the hub
 * under test that runs in it: the command runs here without blocking.
 */
function zhaocai(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ZHAOCAI_BIN, ...args], {
      env: { ...process.env, ZHAOCAI_LANG: 'en-US', ZHAOCAI_OPERATOR_TOKEN: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('zhaocai exchange conformance', () => {
  let hub: TestService;
  let url: string;
  let token: string;

  beforeAll(async () => {
    hub = await startTestService('hub', 'sqlite', {
      config: {
        services: {
          hub: {
            host: '127.0.0.1',
            port: 0,
            exchange: {
              platformCode: EXAMPLE_CODES.hub,
              platformName: '福州市公共资源交易服务平台',
              regionCode: '350100',
            },
          },
        },
      },
    });
    await hub.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    token = (await hub.userWithRoles(['hub_operator'])).token;
  });
  afterAll(async () => hub?.close());

  it('passes every check against a hub when the operator approves, and prints each as it goes', async () => {
    const { code, stdout, stderr } = await zhaocai([
      'exchange',
      'conformance',
      '--hub',
      url,
      '--operator-token',
      token,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(CONFORMANCE_CHECKS.length + 1);
    for (const [i, check] of CONFORMANCE_CHECKS.entries()) {
      expect(lines[i]).toMatch(new RegExp(`^PASS +${i + 1}/${CONFORMANCE_CHECKS.length} `));
      expect(lines[i]).toContain(`${check.name['zh-CN']} ${check.name['en-US']}`);
    }
    expect(lines.find((l) => l.includes('field-errors') || l.includes('字段错误'))).toContain(
      'record.TENDER_PROJECT_NAME required, record.TENDER_MODE codelist',
    );
    expect(lines.at(-1)).toBe(`conformance: ${CONFORMANCE_CHECKS.length} passed, 0 failed, 0 skipped`);
  }, 120_000);

  it('skips, not passes, the checks that need approval when no operator token is given', async () => {
    const { code, stdout } = await zhaocai(['exchange', 'conformance', '--hub', url, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ConformanceReport;
    expect(report.hubCode).toBe(EXAMPLE_CODES.hub);
    const byStatus = (status: string) => report.results.filter((r) => r.status === status).map((r) => r.id);
    expect(byStatus('pass')).toEqual([
      'self-test',
      'registration-refused',
      'registration-pending',
      'not-approved',
      'wrong-receiver',
      'feed-limit',
    ]);
    expect(byStatus('skip')).toEqual(CONFORMANCE_CHECKS.filter((c) => c.needsApproval).map((c) => c.id));
    expect(byStatus('fail')).toEqual([]);
    expect({ passed: report.passed, skipped: report.skipped, ok: report.ok }).toEqual({
      passed: 6,
      skipped: CONFORMANCE_CHECKS.length - 6,
      ok: true,
    });
    // The run's platform waits at the hub for the operator's decision.
    const pending = await hub.app.inject({
      url: '/api/exchange/registrations?status=pending',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pending.json().items.map((p: { platformCode: string }) => p.platformCode)).toContain(
      report.platformCode,
    );
  }, 60_000);

  it('fails, exit 1 with a one-line summary, when the hub does not conform', async () => {
    // A token that is not a hub operator's: the approval is refused and every check after it that needs it fails.
    const { code, stdout, stderr } = await zhaocai([
      'exchange',
      'conformance',
      '--hub',
      url,
      '--operator-token',
      'not-a-token',
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL +5\/\d+ 运营机构批准登记 .* HTTP 401 /m);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(
      /^error: conformance: 6 passed, \d+ failed, 0 skipped \(approve, accepted, duplicate, .*, suspend\)$/,
    );
  }, 60_000);

  it('exits 2 with one line when the hub cannot be reached or the arguments are wrong', async () => {
    const port = await closedPort();
    const [closed, missing, badCode] = await Promise.all([
      zhaocai(['exchange', 'conformance', '--hub', `http://127.0.0.1:${port}`]),
      zhaocai(['exchange', 'conformance']),
      zhaocai(['exchange', 'conformance', '--hub', url, '--platform-code', '123']),
    ]);
    expect(closed.code).toBe(2);
    expect(closed.stdout).toBe('');
    expect(closed.stderr).toBe(
      `error: cannot reach http://127.0.0.1:${port}/api/exchange/self-test: ECONNREFUSED\n`,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: --hub <url> is required/);
    expect(badCode.code).toBe(2);
    expect(badCode.stderr).toMatch(/^error: --platform-code 123: not a valid/);
  }, 60_000);
});
