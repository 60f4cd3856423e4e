import type { Progress } from '../crypto/node/envelope-files.ts';

const BIG_FILE = 16 * 1024 * 1024;

/** A progress line on stderr for big files when it is a terminal; nothing otherwise. */
export function progressLine(verb: string): Progress | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    if (total < BIG_FILE) return;
    const now = Date.now();
    if (now - last < 200 && done < total) return;
    last = now;
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    process.stderr.write(`\r${verb} ${mib(done)}/${mib(total)} MiB (${Math.floor((done / total) * 100)}%)`);
    if (done >= total) process.stderr.write('\n');
  };
}
