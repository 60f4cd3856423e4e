import type { Db } from '../../store/schema.ts';
import { tradingDb, type TradingDb } from '../schema.ts';
import { canSee, findHall, type HallEvent, hallEventsAfter, type HallViewer } from './hall-events.ts';

/** A connected hall client: what it may see, and where its server-sent events go. */
export interface HallClient {
  readonly viewer: HallViewer;
  write(frame: string): void;
  end(): void;
}

interface Channel {
  readonly clients: Set<HallClient>;
  /** The last sequence number sent to this channel's clients. */
  lastSeq: number;
  /** Feeds and subscriptions of one project run one after another, so none misses or repeats an event. */
  chain: Promise<void>;
}

const HEARTBEAT_MS = 15_000;

/**
 * One broadcaster per database, one channel per project with connected clients. After a change
 * commits, its use case calls `feed(projectId)`: the channel reads the new events once and writes
 * each frame to every client allowed to see it. The cost of an event is one query per project, not
 * per client, so thousands of clients in one hall cost little more than one; nobody polls the DB.
 */
export class HallBroadcaster {
  readonly #db: TradingDb;
  readonly #channels = new Map<string, Channel>();
  #heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(db: TradingDb) {
    this.#db = db;
  }

  /**
   * Adds a client and first replays what it missed after `afterSeq` (its Last-Event-ID). Resolves to
   * the function that removes it.
   */
  subscribe(projectId: string, client: HallClient, afterSeq: number): Promise<() => void> {
    const channel = this.#channelOf(projectId);
    return this.#enqueue(projectId, channel, async () => {
      if (channel.lastSeq < 0) channel.lastSeq = (await findHall(this.#db, projectId))?.lastSeq ?? 0;
      if (afterSeq < channel.lastSeq) {
        for (const event of await hallEventsAfter(this.#db, projectId, afterSeq, channel.lastSeq)) {
          if (canSee(client.viewer, event.audience)) client.write(frameOf(event));
        }
      }
      channel.clients.add(client);
      this.#startHeartbeat();
    }).then(() => () => this.#remove(projectId, client));
  }

  /** Sends the project's events committed since the last feed; a no-op when nobody is connected. */
  feed(projectId: string): Promise<void> {
    const channel = this.#channels.get(projectId);
    if (!channel) return Promise.resolve();
    return this.#enqueue(projectId, channel, async () => {
      if (channel.lastSeq < 0 || channel.clients.size === 0) return;
      for (const event of await hallEventsAfter(this.#db, projectId, channel.lastSeq)) {
        const frame = frameOf(event);
        for (const client of channel.clients) if (canSee(client.viewer, event.audience)) client.write(frame);
        channel.lastSeq = event.seq;
      }
    });
  }

  /** Ends every stream (the service is closing); clients reconnect elsewhere and resume. */
  closeAll(): void {
    for (const channel of this.#channels.values()) for (const client of channel.clients) client.end();
    this.#channels.clear();
    this.#stopHeartbeat();
  }

  clientCount(projectId: string): number {
    return this.#channels.get(projectId)?.clients.size ?? 0;
  }

  #channelOf(projectId: string): Channel {
    let channel = this.#channels.get(projectId);
    if (!channel) {
      channel = { clients: new Set(), lastSeq: -1, chain: Promise.resolve() };
      this.#channels.set(projectId, channel);
    }
    return channel;
  }

  /**
   * Runs `step` after the channel's previous steps. If it fails, the channel's clients are ended:
   * they reconnect with their Last-Event-ID and lose nothing, rather than silently miss events.
   */
  #enqueue(projectId: string, channel: Channel, step: () => Promise<void>): Promise<void> {
    const run = channel.chain.then(step);
    channel.chain = run.catch(() => {
      for (const client of channel.clients) client.end();
      channel.clients.clear();
      channel.lastSeq = -1;
      if (this.#channels.get(projectId) === channel) this.#channels.delete(projectId);
    });
    return run;
  }

  #remove(projectId: string, client: HallClient): void {
    const channel = this.#channels.get(projectId);
    if (!channel) return;
    channel.clients.delete(client);
    if (channel.clients.size === 0) {
      // Dropped only once its queued steps ran, so a late subscription is not lost with it.
      void channel.chain.then(() => {
        if (channel.clients.size === 0 && this.#channels.get(projectId) === channel) {
          this.#channels.delete(projectId);
          if (this.#channels.size === 0) this.#stopHeartbeat();
        }
      });
    }
  }

  #startHeartbeat(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      for (const channel of this.#channels.values())
        for (const client of channel.clients) client.write(': \n\n');
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
  }
}

/** One server-sent event; `id` is the project's event sequence number, the client's resume point. */
export function frameOf(event: HallEvent): string {
  const data = JSON.stringify({ seq: event.seq, at: event.createdAt, ...event.payload });
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${data}\n\n`;
}

const broadcasters = new WeakMap<object, HallBroadcaster>();

/** The broadcaster of a service's database: use cases feed it after their change commits. */
export function hallBroadcasterOf(db: Db): HallBroadcaster {
  let broadcaster = broadcasters.get(db);
  if (!broadcaster) {
    broadcaster = new HallBroadcaster(tradingDb(db));
    broadcasters.set(db, broadcaster);
  }
  return broadcaster;
}
