import { useEffect, useRef, useState } from 'react';
import type { Platform } from '../../shared-domain.ts';
import { openEventStream } from './hall-api.ts';
import { type HallEvent, hallEventOf } from './hall-reducer.ts';
import { SseParser } from './sse-parser.ts';

export type Connection = 'connecting' | 'live' | 'reconnecting';

/** The server's default before its first `retry:` line. */
const DEFAULT_RETRY_MS = 3_000;

/**
 * Keeps the hall's event stream open: each event goes to `onEvent`; when the stream ends or fails
 * it reconnects after the server's retry delay with the last event number seen, so the server
 * replays what was missed. Starts from 0: the page lists the hall's whole history.
 */
export function useHallStream(
  platform: Platform,
  projectId: string,
  token: string | null,
  onEvent: (event: HallEvent) => void,
): Connection {
  const [connection, setConnection] = useState<Connection>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    const abort = new AbortController();
    let lastSeq = 0;
    let retryMs = DEFAULT_RETRY_MS;

    async function readOnce(): Promise<void> {
      const response = await openEventStream(platform, projectId, token, lastSeq, abort.signal);
      if (!response.ok || !response.body) throw new Error(`event stream: HTTP ${response.status}`);
      setConnection('live');
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        for (const frame of parser.push(value)) {
          const event = hallEventOf(frame.type, frame.data);
          if (!event) continue;
          lastSeq = Math.max(lastSeq, event.seq);
          handler.current(event);
        }
        retryMs = parser.retryMs ?? retryMs;
      }
    }

    async function run(): Promise<void> {
      while (!abort.signal.aborted) {
        try {
          await readOnce();
        } catch {
          // Network drop, server restart or refusal: wait, then resume after the last event.
        }
        if (abort.signal.aborted) return;
        setConnection('reconnecting');
        await new Promise((resolve) => window.setTimeout(resolve, retryMs));
      }
    }
    void run();
    return () => abort.abort();
  }, [platform, projectId, token]);

  return connection;
}
