/**
 * The kinds of notice the hub publishes (the legally required information), each carried by one
 * national data set.
 */
export const NOTICE_TYPES = [
  'announcement',
  'clarification',
  'opening-record',
  'candidate-publicity',
  'result',
  'contract',
  'exception',
] as const;

export type NoticeType = (typeof NOTICE_TYPES)[number];

/** The national data set each kind of notice arrives in. */
export const NOTICE_DATA_SETS: Readonly<Record<NoticeType, string>> = {
  announcement: '503',
  clarification: '504',
  'opening-record': '506',
  'candidate-publicity': '511',
  result: '513',
  contract: '512',
  exception: '517',
};

export function isNoticeType(value: string): value is NoticeType {
  return (NOTICE_TYPES as readonly string[]).includes(value);
}
