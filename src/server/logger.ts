import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** Structured JSON logs; human-readable lines when `log.pretty` is set (the demo sets it). */
export function createLogger(config: Config, base: Record<string, unknown> = {}): Logger {
  return pino({
    level: config.log.level,
    base,
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(config.log.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}
