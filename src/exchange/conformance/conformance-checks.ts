import type { LocalisedText } from '../field-errors.ts';

/** One check of the conformance kit, in the order the kit runs them. */
export interface ConformanceCheck {
  readonly id: string;
  readonly name: LocalisedText;
  /**
   * Runs only when the hub operator's token is given (the run's platform must be approved first);
   * the others hold whether or not it is approved.
   */
  readonly needsApproval: boolean;
}

const check = (id: string, zh: string, en: string, needsApproval = true): ConformanceCheck => ({
  id,
  name: { 'zh-CN': zh, 'en-US': en },
  needsApproval,
});

/**
 * What a hub must do for a connecting platform (seed §4: platforms are tested and certified for
 * interconnection and data exchange), as `zhaocai exchange conformance` checks it over HTTP.
 */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  check('self-test', '自检接口', 'self-test answers: protocol 1, receives data', false),
  check(
    'registration-refused',
    '不合格的登记被拒收',
    'a malformed registration is refused with field errors',
    false,
  ),
  check(
    'registration-pending',
    '合格的登记待审核',
    'a well-formed registration is accepted as pending',
    false,
  ),
  check('not-approved', '未获批准不收消息', 'messages of a platform not yet approved are refused', false),
  check('approve', '运营机构批准登记', 'the hub operator approves the registration'),
  check('accepted', '合格的记录被接受', 'a valid signed record is accepted'),
  check('duplicate', '重发答复重复', 'the same record sent again answers duplicate'),
  check('conflict', '同一数据键内容不同被拒收', 'the same data key with other content is refused (conflict)'),
  check('gap', '跳号的消息暂缓', 'a message after a gap in orderSeq is deferred'),
  check('stale', '已用的顺序号被拒收', 'a used orderSeq under a new data key is refused (stale)'),
  check('unsigned', '未签名的消息被拒收', 'an unsigned message is refused'),
  check('bad-signature', '篡改的记录被拒收', 'a record changed after signing is refused (bad_signature)'),
  check('unknown-key', '未登记的密钥被拒收', 'a message signed with an unregistered key is refused'),
  check('wrong-receiver', '发给别的平台的消息被拒收', 'a message addressed to another hub is refused', false),
  check(
    'field-errors',
    '字段错误逐项列出',
    'a missing required field and a bad code-list value are refused with their paths',
  ),
  check('unknown-data-set', '未知数据集被拒收', 'an unknown data set is refused'),
  check('batch-limit', '一批超过 1000 条被拒收', 'a batch of 1,001 messages is refused (HTTP 400)'),
  check('feed-item', '订阅中有已接受的记录', "the accepted record appears in the data set's pull feed"),
  check('feed-cursor', '游标从其后续读', 'the cursor after it resumes after it'),
  check('feed-limit', '每页超过 1000 条被拒收', 'a feed page of 1,001 is refused', false),
  check(
    'suspend',
    '暂停后不收消息',
    'after the operator suspends the registration, its messages are refused',
  ),
];
