import {
  AMOUNT,
  BODY_TEXT,
  code,
  CREDIT_CODE,
  DATE_TIME,
  DIGEST,
  identifier,
  opt,
  req,
  text,
  URL,
  type FieldSpec,
} from '../field-types.ts';

/** Fields that several data sets share, defined once so that they read the same everywhere. */

export const CURRENCY = req('CURRENCY_CODE', '币种', 'currency', code('currency'));
/** For data sets whose amount is optional: required together with it (see each `requiredWhen`). */
export const OPTIONAL_CURRENCY = opt('CURRENCY_CODE', '币种', 'currency', code('currency'));

export const SOURCE_URL = opt('URL', '原文网址', 'address of the original', URL);

export const NOTICE_NAME = req('NOTICE_NAME', '公告标题', 'title', text(300));
export const NOTICE_CONTENT = req('NOTICE_CONTENT', '公告内容', 'text of the notice', BODY_TEXT);
export const NOTICE_SEND_TIME = req('NOTICE_SEND_TIME', '发布时间', 'published at', DATE_TIME);
export const NOTICE_MEDIA = opt('NOTICE_MEDIA', '发布媒介', 'where else it was published', text(200));

export const CONTACT_NAME = opt('CONTACT_NAME', '联系人', 'contact person', text(50));
export const CONTACT_PHONE = opt('CONTACT_PHONE', '联系电话', 'contact telephone', text(30));

export const DIGEST_ALGORITHM = opt(
  'DIGEST_ALGORITHM',
  '摘要算法',
  'digest algorithm',
  code('digestAlgorithm'),
);

/** A document's digest and its algorithm, the algorithm required with the digest. */
export function digestFields(name: string, zh: string, en: string, required: boolean): readonly FieldSpec[] {
  return [
    (required ? req : opt)(name, zh, en, DIGEST),
    required ? { ...DIGEST_ALGORITHM, required: true } : DIGEST_ALGORITHM,
  ];
}

export const bidderFields = (
  prefix: 'BIDDER' | 'WIN_BIDDER',
  zh: string,
  en: string,
): readonly FieldSpec[] => [
  req(`${prefix}_NAME`, `${zh}名称`, `${en} name`, text(200)),
  req(`${prefix}_CODE`, `${zh}统一社会信用代码`, `${en} credit code`, CREDIT_CODE),
];

export const EXPERT_CODE = req('EXPERT_CODE', '专家编号', "expert's number in the pool", identifier(32));
export const EXPERT_NAME = req('EXPERT_NAME', '专家姓名', "expert's name", text(50));

export const amount = (name: string, zh: string, en: string, required = true): FieldSpec =>
  (required ? req : opt)(name, zh, en, AMOUNT);
