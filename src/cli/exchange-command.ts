import { Command } from 'commander';
import type { CheckResult, ConformanceReport } from '../exchange/conformance/run-conformance.ts';
import { cliLocale, exitWithError } from './fail.ts';

interface ConformanceArgs {
  hub?: string;
  operatorToken?: string;
  platformCode?: string;
  timeout: string;
  json?: boolean;
}

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

function line(result: CheckResult, index: number, total: number): string {
  const number = String(index + 1).padStart(String(total).length);
  const name = `${result.name['zh-CN']} ${result.name['en-US']}`;
  return `${MARK[result.status]} ${number}/${total} ${name} — ${result.evidence} (${result.ms} ms)\n`;
}

function summary(report: ConformanceReport): string {
  const { passed, failed, skipped } = report;
  if (cliLocale() === 'zh-CN') {
    return `接入检测：通过 ${passed} 项，未通过 ${failed} 项，跳过 ${skipped} 项`;
  }
  return `conformance: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/** `zhaocai exchange conformance`: the checks a hub must pass for a connecting platform (docs/exchange.md). */
async function runConformanceCommand(args: ConformanceArgs): Promise<void> {
  if (!args.hub) exitWithError(new Error('--hub <url> is required, e.g. --hub http://127.0.0.1:3102'), 2);
  let hubUrl: URL;
  try {
    hubUrl = new URL(args.hub);
    if (!/^https?:$/.test(hubUrl.protocol)) throw new Error('not http(s)');
  } catch {
    exitWithError(new Error(`--hub ${args.hub}: not an http(s) URL`), 2);
  }
  const timeoutSeconds = Number(args.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    exitWithError(new Error(`--timeout ${args.timeout}: not a positive number of seconds`), 2);
  }
  const { findPlatformCodeProblem } = await import('../exchange/codes/identity-codes.ts');
  if (args.platformCode && findPlatformCodeProblem(args.platformCode)) {
    exitWithError(
      new Error(`--platform-code ${args.platformCode}: not a valid 20-character platform code`),
      2,
    );
  }
  const { runConformance } = await import('../exchange/conformance/run-conformance.ts');
  const { HubUnreachableError } = await import('../exchange/conformance/hub-client.ts');
  const operatorToken = args.operatorToken ?? process.env.ZHAOCAI_OPERATOR_TOKEN;
  let report: ConformanceReport;
  try {
    report = await runConformance({
      hubUrl,
      operatorToken: operatorToken || undefined,
      platformCode: args.platformCode,
      timeoutMs: timeoutSeconds * 1000,
      ...(args.json
        ? {}
        : { onResult: (result, index, total) => process.stdout.write(line(result, index, total)) }),
    });
  } catch (error) {
    if (error instanceof HubUnreachableError) exitWithError(error, 2);
    throw error;
  }
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!report.ok) {
    const failed = report.results.filter((r) => r.status === 'fail').map((r) => r.id);
    exitWithError(new Error(`${summary(report)} (${failed.join(', ')})`), 1);
  }
  if (!args.json) process.stdout.write(`${summary(report)}\n`);
}

/** `zhaocai exchange`: tools for the data exchange. */
export function exchangeCommand(): Command {
  const exchange = new Command('exchange').description('data exchange between platforms (docs/exchange.md)');
  exchange
    .command('conformance')
    .description(
      'check a hub as a connecting platform would (seed §4): self-test, registration, approval, every kind of reply, the pull feed; exit 0 when every check passes or is skipped, 1 when one fails, 2 on bad arguments or an unreachable hub',
    )
    .option('--hub <url>', "the hub's base URL, e.g. http://127.0.0.1:3102")
    .option(
      '--operator-token <token>',
      "a hub_operator's bearer token (or ZHAOCAI_OPERATOR_TOKEN): approves the run's platform; without it the checks after approval are skipped",
    )
    .option('--platform-code <code>', 'register under this platform code (default: a new valid one per run)')
    .option('--timeout <seconds>', 'per request', '30')
    .option('--json', 'print the report as JSON instead of progress lines')
    .action(runConformanceCommand);
  return exchange;
}
