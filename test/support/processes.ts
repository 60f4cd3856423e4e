import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

export const ZHAOCAI_BIN = new URL('../../bin/zhaocai.js', import.meta.url).pathname;

export interface ServedProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: string[];
}

/** Starts `zhaocai serve <platform>` in its own process and waits for its "service ready" log line. */
export function serveInChild(
  platform: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServedProcess> {
  const child = spawn(
    process.execPath,
    [ZHAOCAI_BIN, 'serve', platform, '--host', '127.0.0.1', '--port', '0', ...args],
    {
      env: { ...process.env, ZHAOCAI_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output.join('\n')}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`service exited (${code ?? signal}) before it was ready:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'service ready' && entry.url) {
          clearTimeout(timer);
          resolve({ child, url: entry.url, output });
        }
      } catch {
        // not a log line
      }
    });
  });
}

/** Resolves when the child has exited, with its exit code or signal. */
export function exited(child: ChildProcess): Promise<number | NodeJS.Signals> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
}

/** Runs the `zhaocai` command to its end, in English, and returns its exit code and output. */
export function runZhaocai(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [ZHAOCAI_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ZHAOCAI_LANG: 'en-US', ...options.env },
    timeout: options.timeoutMs ?? 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
