import type {
  OpeningHall,
  OpeningRecordBody,
  Progress,
  ReadOutLine,
  RecordResponse,
  SignIn,
} from './hall-types.ts';

/** One hall event as received: its number, type, time and payload. */
export interface HallEvent {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface HallView {
  /** The hall as of `hall.lastSeq`: the snapshot with every later event applied. */
  readonly hall: OpeningHall;
  /** Every event received, newest first, each once. */
  readonly events: readonly HallEvent[];
}

export type HallAction =
  | { readonly kind: 'snapshot'; readonly hall: OpeningHall }
  | { readonly kind: 'event'; readonly event: HallEvent };

/** An event frame's data as a hall event; null when it is not one. */
export function hallEventOf(type: string, data: string): HallEvent | null {
  try {
    const parsed = JSON.parse(data) as Record<string, unknown>;
    const { seq, at, ...payload } = parsed;
    if (typeof seq !== 'number' || typeof at !== 'string') return null;
    return { seq, type, at, payload };
  } catch {
    return null;
  }
}

/**
 * The hall's state from its snapshot and event stream. The stream may replay events the snapshot
 * already holds (it starts from 0 so the page lists the whole history): an event changes the state
 * only when it is newer than `lastSeq`, and is listed once whatever the order it arrives in.
 */
export function hallReducer(view: HallView | null, action: HallAction): HallView | null {
  if (action.kind === 'snapshot') {
    const current = view?.hall.lastSeq ?? -1;
    // A snapshot older than what the stream already applied would step back in time.
    if (view && action.hall.lastSeq < current) return view;
    return { hall: action.hall, events: view?.events ?? [] };
  }
  if (!view) return view;
  const { event } = action;
  const listed = view.events.some((e) => e.seq === event.seq);
  const events = listed ? view.events : insertNewestFirst(view.events, event);
  if (event.seq <= view.hall.lastSeq) return listed ? view : { ...view, events };
  return { hall: { ...applyEvent(view.hall, event), lastSeq: event.seq }, events };
}

function insertNewestFirst(events: readonly HallEvent[], event: HallEvent): HallEvent[] {
  const index = events.findIndex((e) => e.seq < event.seq);
  return index < 0 ? [...events, event] : [...events.slice(0, index), event, ...events.slice(index)];
}

/** What one event changes in the hall. */
export function applyEvent(hall: OpeningHall, event: HallEvent): OpeningHall {
  const p = event.payload;
  switch (event.type) {
    case 'hall.signed_in':
      return hall.signIns.some((s) => s.organisationName === p.organisationName)
        ? hall
        : { ...hall, signIns: [...hall.signIns, p as unknown as SignIn] };
    case 'hall.roster':
      return { ...hall, signIns: (p.signedIn as SignIn[] | undefined) ?? hall.signIns };
    case 'opening.opened':
      return { ...hall, stage: 'opened', openedAt: String(p.openedAt) };
    case 'decryption.progress':
      return { ...hall, progress: p as unknown as Progress };
    case 'decryption.window_closed':
      return {
        ...hall,
        stage: hall.stage === 'read_out' ? hall.stage : 'window_closed',
        windowClosedAt: String(p.closedAt),
        progress: (p.progress as Progress | undefined) ?? hall.progress,
      };
    case 'decryption.bid':
      return { ...hall, bids: withStatus(hall.bids, p) };
    case 'readout.line':
      return { ...hall, bids: withLine(hall.bids, p as unknown as ReadOutLine) };
    case 'record.published': {
      const body = p.record as OpeningRecordBody;
      return {
        ...hall,
        stage: 'read_out',
        readOutAt: body.readOutAt,
        record: { sha256: String(p.sha256), body },
      };
    }
    case 'record.confirmed':
    case 'record.objection':
      return { ...hall, responses: withResponse(hall.responses, event) };
    case 'record.answer':
      return {
        ...hall,
        responses: hall.responses.map((r) =>
          r.id === p.objectionId ? { ...r, answer: String(p.answer), answeredAt: String(p.answeredAt) } : r,
        ),
      };
    default:
      // opening.failed: the exception it records comes with the next snapshot (see needsSnapshot).
      return hall;
  }
}

/** Events whose full effect (a recorded tender exception) only the snapshot carries. */
export function needsSnapshot(type: string): boolean {
  return type === 'opening.failed';
}

function withStatus(bids: readonly ReadOutLine[], p: Readonly<Record<string, unknown>>): ReadOutLine[] {
  const status = p.status as ReadOutLine['status'];
  const decryptedBy = (p.decryptedBy as string | null | undefined) ?? null;
  if (bids.some((b) => b.bidId === p.bidId)) {
    return bids.map((b) => (b.bidId === p.bidId ? { ...b, status, decryptedBy } : b));
  }
  return [
    ...bids,
    {
      bidId: String(p.bidId),
      sectionCode: String(p.sectionCode ?? ''),
      bidderName: String(p.bidderName ?? ''),
      status,
      statusText: '',
      decryptedBy,
      bidForm: null,
      bidFormText: null,
      priceFen: null,
      priceYuan: null,
      durationDays: null,
      qualityCommitment: null,
      bidBondFen: null,
      items: {},
    },
  ];
}

function withLine(bids: readonly ReadOutLine[], line: ReadOutLine): ReadOutLine[] {
  return bids.some((b) => b.bidId === line.bidId)
    ? bids.map((b) => (b.bidId === line.bidId ? line : b))
    : [...bids, line];
}

function withResponse(responses: readonly RecordResponse[], event: HallEvent): RecordResponse[] {
  const p = event.payload;
  const id = String(p.responseId ?? p.objectionId);
  if (responses.some((r) => r.id === id)) return [...responses];
  return [
    ...responses,
    {
      id,
      bidderName: String(p.bidderName),
      kind: event.type === 'record.confirmed' ? 'confirmed' : 'objection',
      text: typeof p.text === 'string' ? p.text : null,
      respondedAt: event.at,
      answer: null,
      answeredAt: null,
    },
  ];
}
