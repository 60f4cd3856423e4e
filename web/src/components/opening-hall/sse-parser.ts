/** One server-sent event as the hall sends it: `id` is the project's event number. */
export interface SseEvent {
  readonly id: number | null;
  readonly type: string;
  readonly data: string;
}

/**
 * Parses a text/event-stream incrementally (the WHATWG rules the hall uses): feed it decoded text
 * as it arrives; it returns the events completed by that text and keeps the rest. Comments
 * (heartbeats) are skipped; `retry:` sets how long to wait before reconnecting.
 */
export class SseParser {
  #buffer = '';
  #id: number | null = null;
  #type = '';
  #data: string[] = [];
  retryMs: number | null = null;

  push(text: string): SseEvent[] {
    this.#buffer += text;
    const events: SseEvent[] = [];
    let newline: number;
    while ((newline = this.#buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.#buffer.slice(0, newline);
      const length = this.#buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone CR at the end may be the first half of CRLF: wait for the next chunk.
      if (this.#buffer[newline] === '\r' && newline + 1 === this.#buffer.length) break;
      this.#buffer = this.#buffer.slice(newline + length);
      const event = this.#line(line);
      if (event) events.push(event);
    }
    return events;
  }

  #line(line: string): SseEvent | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#type = value;
    else if (field === 'id' && /^\d+$/.test(value)) this.#id = Number(value);
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return null;
  }

  #dispatch(): SseEvent | null {
    const event = this.#data.length
      ? { id: this.#id, type: this.#type || 'message', data: this.#data.join('\n') }
      : null;
    this.#type = '';
    this.#data = [];
    return event;
  }
}
