import type { ErrorCode, ErrorParams } from './errors.ts';
import { formatCst } from './cst.ts';
import type { Locale } from './locale.ts';
import { LEGAL_RULES, type RuleId } from './rules/legal-rules.ts';

type Render = (p: ErrorParams) => string;

/** User-facing text for every error code, in each supported language. */
const MESSAGES: Record<ErrorCode, Record<Locale, Render>> = {
  VALIDATION_FAILED: {
    'zh-CN': (p) => `请求内容不符合要求${p.fields ? `：${p.fields}` : ''}`,
    'en-US': (p) => `The request is invalid${p.fields ? `: ${p.fields}` : ''}`,
  },
  UNAUTHENTICATED: {
    'zh-CN': () => '请先登录',
    'en-US': () => 'Please sign in first',
  },
  SESSION_EXPIRED: {
    'zh-CN': () => '登录已过期，请重新登录',
    'en-US': () => 'Your session has expired; please sign in again',
  },
  INVALID_CREDENTIALS: {
    'zh-CN': () => '用户名或密码错误',
    'en-US': () => 'Wrong user name or password',
  },
  USER_DISABLED: {
    'zh-CN': () => '该账号已停用，请联系平台运营机构',
    'en-US': () => 'This account is disabled; contact the platform operator',
  },
  FORBIDDEN: {
    'zh-CN': (p) =>
      p.reason
        ? (FORBIDDEN_REASON_ZH[String(p.reason)] ?? '无权执行此操作')
        : p.required === 'organisation'
          ? '无权操作其他单位的数据'
          : p.required === 'entrustment'
            ? '招标代理机构只能为委托其代理且委托有效的招标人办理'
            : `无权执行此操作${p.required ? `（需要角色：${roleNamesZh(String(p.required))}）` : ''}`,
    'en-US': (p) =>
      p.reason
        ? (FORBIDDEN_REASON_EN[String(p.reason)] ?? 'You are not allowed to do this')
        : p.required === 'organisation'
          ? "You may not act on another organisation's data"
          : p.required === 'entrustment'
            ? 'An agency may act only for a tenderer whose entrustment it holds and that is in force'
            : `You are not allowed to do this${p.required ? ` (requires role: ${p.required})` : ''}`,
  },
  ROLE_NOT_ON_PLATFORM: {
    'zh-CN': (p) => `角色“${roleNamesZh(String(p.role))}”不属于本平台（${platformZh(String(p.platform))}）`,
    'en-US': (p) => `The role "${p.role}" does not belong on the ${p.platform} platform`,
  },
  NOT_FOUND: {
    'zh-CN': () => '找不到请求的记录',
    'en-US': () => 'The requested record was not found',
  },
  ROUTE_NOT_FOUND: {
    'zh-CN': (p) => `接口不存在：${p.method} ${p.url}`,
    'en-US': (p) => `No such endpoint: ${p.method} ${p.url}`,
  },
  ORGANISATION_NOT_FOUND: {
    'zh-CN': () => '找不到该单位',
    'en-US': () => 'Organisation not found',
  },
  USER_NOT_FOUND: {
    'zh-CN': () => '找不到该用户',
    'en-US': () => 'User not found',
  },
  ORGANISATION_EXISTS: {
    'zh-CN': (p) => `统一社会信用代码 ${p.creditCode} 已登记`,
    'en-US': (p) => `An organisation with credit code ${p.creditCode} is already registered`,
  },
  ENTITY_NOT_FOUND: {
    'zh-CN': (p) => `公共服务平台主体库中没有统一社会信用代码为 ${p.creditCode} 的主体`,
    'en-US': (p) => `No entity with credit code ${p.creditCode} is registered at the hub`,
  },
  ENTITY_NAME_MISMATCH: {
    'zh-CN': (p) =>
      `统一社会信用代码 ${p.creditCode} 已在公共服务平台登记为“${p.registeredName}”，与填写的名称“${p.name}”不一致`,
    'en-US': (p) =>
      `Credit code ${p.creditCode} is registered at the hub as "${p.registeredName}", not "${p.name}"`,
  },
  USERNAME_TAKEN: {
    'zh-CN': (p) => `用户名“${p.username}”已被使用`,
    'en-US': (p) => `The user name "${p.username}" is taken`,
  },
  PASSWORD_TOO_WEAK: {
    'zh-CN': (p) => `密码至少 ${p.minLength} 位，且须同时包含字母和数字`,
    'en-US': (p) => `The password needs at least ${p.minLength} characters, with letters and digits`,
  },
  CREDIT_CODE_LENGTH: {
    'zh-CN': (p) => `统一社会信用代码应为 18 位，实为 ${p.length} 位`,
    'en-US': (p) => `A unified social credit code has 18 characters, not ${p.length}`,
  },
  CREDIT_CODE_CHARACTER: {
    'zh-CN': (p) =>
      p.expected === 'digit'
        ? `统一社会信用代码第 ${p.position} 位“${p.character}”有误：第 3–8 位为行政区划码，应为数字`
        : `统一社会信用代码第 ${p.position} 位“${p.character}”不是合法字符（只能是数字或除 I、O、Z、S、V 以外的大写字母）`,
    'en-US': (p) =>
      p.expected === 'digit'
        ? `Character ${p.position} ("${p.character}") of the credit code is wrong: characters 3–8 are a region code and must be digits`
        : `Character ${p.position} ("${p.character}") of the credit code is not allowed (digits and capitals except I, O, Z, S, V)`,
  },
  CREDIT_CODE_CHECK: {
    'zh-CN': (p) => `统一社会信用代码第 18 位校验码有误：应为“${p.expectedCharacter}”，实为“${p.character}”`,
    'en-US': (p) =>
      `Character 18 of the credit code, the check character, is wrong: expected "${p.expectedCharacter}", found "${p.character}"`,
  },
  DEAL_CODE_INVALID: {
    'zh-CN': (p) =>
      p.problem === 'length'
        ? `统一交易标识码应为 ${p.expectedLength} 位，实为 ${p.length} 位`
        : p.problem === 'check'
          ? `统一交易标识码第 ${p.position} 位校验码有误：应为“${p.expectedCharacter}”，实为“${p.character}”`
          : p.problem === 'date'
            ? `统一交易标识码第 19–26 位“${p.date}”不是有效日期（应为 YYYYMMDD）`
            : p.problem === 'credit_code'
              ? `统一交易标识码第 ${p.position} 位“${p.character}”有误：第 1–18 位应为招标人的统一社会信用代码`
              : p.problem === 'section_number'
                ? '标段编号（第 34–36 位）应为 001–999'
                : `统一交易标识码第 ${p.position} 位“${p.character}”有误：应为${p.expected === 'digit' ? '数字' : '数字或除 I、O、S、V 以外的大写字母'}`,
    'en-US': (p) =>
      p.problem === 'length'
        ? `A deal code has ${p.expectedLength} characters, not ${p.length}`
        : p.problem === 'check'
          ? `Character ${p.position} of the deal code, the check character, is wrong: expected "${p.expectedCharacter}", found "${p.character}"`
          : p.problem === 'date'
            ? `Characters 19–26 of the deal code ("${p.date}") are not a valid date (YYYYMMDD)`
            : p.problem === 'credit_code'
              ? `Character ${p.position} ("${p.character}") of the deal code is wrong: characters 1–18 are the tenderer's credit code`
              : p.problem === 'section_number'
                ? 'The section number (characters 34–36) must be 001–999'
                : `Character ${p.position} ("${p.character}") of the deal code is wrong: expected ${p.expected === 'digit' ? 'a digit' : 'a digit or a capital other than I, O, S, V'}`,
  },
  RULE_VIOLATION: {
    'zh-CN': (p) => renderViolation(p, 'zh-CN'),
    'en-US': (p) => renderViolation(p, 'en-US'),
  },
  REJECTION_GROUND_MISSING: {
    'zh-CN': (p) =>
      `否决投标须注明《招标投标法实施条例》第51条规定的情形：投标 ${p.bidId} 未通过“${p.requirement}”，但未记录否决理由`,
    'en-US': (p) =>
      `A rejected bid needs a ground under Implementing Regulations art. 51: bid ${p.bidId} failed "${p.requirement}" but no ground was recorded`,
  },
  SCORE_SHEET_INVALID: {
    'zh-CN': (p) => `评分表有 ${p.count} 处错误：${p.fields}`,
    'en-US': (p) => `The score sheet has ${p.count} problem(s): ${p.fields}`,
  },
  INVALID_STATE: {
    'zh-CN': (p) => `当前状态（${p.state ?? '未知'}）下不能${p.action ? `执行“${p.action}”` : '执行此操作'}`,
    'en-US': (p) =>
      `Not possible in the current state (${p.state ?? 'unknown'})${p.action ? `: ${p.action}` : ''}`,
  },
  EXCHANGE_INVALID: {
    'zh-CN': (p) => `数据交换内容不合格，共 ${p.count} 处错误：${p.fields}`,
    'en-US': (p) => `The exchange data is not valid, ${p.count} problem(s): ${p.fieldsEn ?? p.fields}`,
  },
  NOTICE_NOT_FOUND: {
    'zh-CN': (p) => `找不到该公告（${p.id}）`,
    'en-US': (p) => `No notice ${p.id}`,
  },
  PLATFORM_NOT_FOUND: {
    'zh-CN': (p) => `没有登记平台标识码为 ${p.platformCode} 的平台`,
    'en-US': (p) => `No platform is registered with the code ${p.platformCode}`,
  },
  LEDGER_RANGE: {
    'zh-CN': (p) => `账本当前有 ${p.treeSize} 个叶子：${p.problem}`,
    'en-US': (p) => `The ledger has ${p.treeSize} leaves now: ${p.problemEn}`,
  },
  PAYLOAD_TOO_LARGE: {
    'zh-CN': (p) => `上传内容过大${p.limit ? `（上限 ${p.limit}）` : ''}`,
    'en-US': (p) => `The upload is too large${p.limit ? ` (limit ${p.limit})` : ''}`,
  },
  BLOB_HASH_MISMATCH: {
    'zh-CN': (p) => `文件摘要不符：应为 ${p.expected}，实为 ${p.actual}`,
    'en-US': (p) => `File digest mismatch: expected ${p.expected}, got ${p.actual}`,
  },
  ARCHIVE_INVALID: {
    'zh-CN': (p) =>
      `档案包中的 ${p.file} ${
        {
          missing: '在清单中列出，但档案包中没有',
          unlisted: '不在清单中',
          duplicate: '在档案包中出现了不止一次',
          size: `大小不符：清单为 ${p.expected} 字节，实为 ${p.actual} 字节`,
          sha256: `SHA-256 不符：清单为 ${p.expected}，实为 ${p.actual}`,
          sm3: `SM3 不符：清单为 ${p.expected}，实为 ${p.actual}`,
          altered: '在写入档案包之后被改动过（与压缩目录中的 CRC-32 不符）',
          signature: '上的平台签名不能通过验证（清单 manifest.json 或签名已被改动，或不是该平台签发）',
          unreadable: `无法读取：${p.detail}`,
        }[String(p.problem)] ?? p.problem
      }`,
    'en-US': (p) =>
      `Archive file ${p.file}: ${
        {
          missing: 'listed in the manifest but missing',
          unlisted: 'not listed in the manifest',
          duplicate: 'present more than once',
          size: `size differs: the manifest says ${p.expected} bytes, the file has ${p.actual}`,
          sha256: `SHA-256 differs: the manifest says ${p.expected}, the file has ${p.actual}`,
          sm3: `SM3 differs: the manifest says ${p.expected}, the file has ${p.actual}`,
          altered: 'altered after the archive was written (its CRC-32 differs from the ZIP directory)',
          signature:
            "the platform's signature over manifest.json does not verify (manifest or signature altered, or not this platform's)",
          unreadable: `cannot be read: ${p.detail}`,
        }[String(p.problem)] ?? p.problem
      }`,
  },
  ENVELOPE_INVALID: {
    'zh-CN': (p) =>
      `投标文件数字信封无效：${ENVELOPE_PROBLEM_ZH[p.problem ?? ''] ?? p.problem}${p.detail ? `（${p.detail}）` : ''}`,
    'en-US': (p) => `The bid envelope is not valid: ${p.detail ?? p.problem}`,
  },
  CERTIFICATE_INVALID: {
    'zh-CN': (p) =>
      `${p.which === 'encryption' ? '加密' : '签名'}证书不可用：${CERTIFICATE_REASON_ZH[p.reason ?? ''] ?? p.reason}${p.detail ? `（${p.detail}）` : ''}（E1，《电子招标投标办法》第二十六条）`,
    'en-US': (p) =>
      `The ${p.which === 'encryption' ? 'encryption' : 'signing'} certificate is not acceptable: ${p.detail ?? p.reason} (E1, Measures art. 26)`,
  },
  OPENING_KEY_INVALID: {
    'zh-CN': (p) =>
      p.problem === 'missing'
        ? '发布前须先生成开标密钥并分存给各密钥持有人'
        : p.problem === 'shares'
          ? `开标密钥份额不足或不符：${p.detail}`
          : `开标密钥有误：${p.detail}`,
    'en-US': (p) =>
      p.problem === 'missing'
        ? 'Generate the opening key and split it among its keyholders before publishing'
        : p.problem === 'shares'
          ? `Opening key shares missing or wrong: ${p.detail}`
          : `Opening key problem: ${p.detail}`,
  },
  ACCELERATION_IN_PRODUCTION: {
    'zh-CN': () => '生产模式不允许加速时钟；仅沙箱模式可设置加速倍数',
    'en-US': () => 'Production mode refuses an accelerated clock; only sandbox mode may set a factor',
  },
  CONFIG_INVALID: {
    'zh-CN': (p) => `配置有误：${p.problems}`,
    'en-US': (p) => `Invalid configuration: ${p.problems}`,
  },
  NOT_READY: {
    'zh-CN': () => '服务尚未就绪',
    'en-US': () => 'The service is not ready',
  },
  INTERNAL: {
    'zh-CN': (p) => `服务器内部错误，请稍后重试${p.requestId ? `（请求编号 ${p.requestId}）` : ''}`,
    'en-US': (p) =>
      `Internal server error; please retry later${p.requestId ? ` (request ${p.requestId})` : ''}`,
  },
  CA_REJECTED: {
    'zh-CN': (p) =>
      `不能登记为互认CA：${CA_PROBLEM_ZH[String(p.problem)] ?? p.problem}${p.detail ? `（${p.detail}）` : ''}`,
    'en-US': (p) => `Cannot recognise this CA: ${p.detail ?? p.problem}`,
  },
  CA_ALREADY_REGISTERED: {
    'zh-CN': (p) => `该CA根证书已登记（${p.name}，SHA-256 指纹 ${p.fingerprint}）`,
    'en-US': (p) => `This root certificate is already registered (${p.name}, SHA-256 ${p.fingerprint})`,
  },
  CRL_REJECTED: {
    'zh-CN': (p) =>
      `证书吊销列表不可用：${CRL_PROBLEM_ZH[String(p.problem)] ?? p.problem}${p.detail ? `（${p.detail}）` : ''}`,
    'en-US': (p) => `The certificate revocation list is not acceptable: ${p.detail ?? p.problem}`,
  },
};

/** Why a root certificate cannot be recognised (CA_REJECTED with `problem`). */
const CA_PROBLEM_ZH: Record<string, string> = {
  malformed: '不是 PEM 格式的 X.509 证书',
  'not-ca': '不是CA证书（缺少 CA 基本约束或证书签发用途）',
  'not-self-signed': '不是自签名的根证书',
  'bad-signature': '根证书的自签名无效',
  'unsupported-algorithm': '密钥算法不受支持（仅支持 SM2、ECDSA P-256、RSA）',
  'unsupported-extension': '含有本平台不认识的关键扩展',
  expired: '根证书已过期',
};

/** What is wrong with an uploaded CRL (CRL_REJECTED with `problem`). */
const CRL_PROBLEM_ZH: Record<string, string> = {
  malformed: '不是 PEM 格式的 X.509 证书吊销列表',
  'wrong-issuer': '不是该CA签发的',
  'bad-signature': '签名无效，不能确认由该CA签发',
  'unsupported-extension': '含有本平台不认识的关键扩展（如增量吊销列表）',
  older: '早于已登记的吊销列表',
  stale: '已过下次更新时间',
};

/** What is wrong with a bid envelope (ENVELOPE_INVALID with `problem`). */
const ENVELOPE_PROBLEM_ZH: Record<string, string> = {
  'not-an-envelope': '不是数字信封（未加密的文件）',
  'unsupported-version': '信封格式版本不受支持',
  'unknown-suite': '未知的密码套件',
  'suite-mismatch': '密码套件与招标项目规定的不符',
  'header-malformed': '信封头格式错误',
  truncated: '信封不完整（被截断）',
  'trailer-missing': '缺少信封尾（签名部分）',
  'trailing-data': '信封尾之后还有多余数据',
  'segment-malformed': '密文分段格式错误',
  'segment-out-of-order': '密文分段顺序被打乱',
  'segment-altered': '密文分段被篡改',
  'header-mismatch': '信封头与密文不匹配（信封头被替换）',
  'digest-mismatch': '密文摘要不符（内容被篡改）',
  'bad-signature': '投标人签名无效',
  'recipient-mismatch': '接收者密钥与证书或开标密钥不符',
  'wrong-key': '密钥不能解开此信封',
  'plaintext-length': '明文长度与信封头不符',
  'wrong-tender': '信封是为其他招标项目制作的',
  'wrong-section': '信封是为其他标段制作的',
  'wrong-bidder': '信封的投标人与上传单位不符',
  'wrong-opening-key': '信封未使用本项目的开标公钥',
};

const CERTIFICATE_REASON_ZH: Record<string, string> = {
  untrusted: '不是本平台认可的CA签发的',
  'bad-signature': '证书签名无效',
  expired: '证书已过期',
  'not-yet-valid': '证书尚未生效',
  revoked: '证书已被吊销',
  'wrong-usage': '证书用途不符',
  malformed: '证书格式错误',
  'crl-stale': '证书吊销列表已过期，无法确认证书状态',
  'wrong-holder': '证书持有单位与投标人不符',
};

/** Why a party may not act, beyond its roles (FORBIDDEN with `reason`). */
const FORBIDDEN_REASON_ZH: Record<string, string> = {
  not_obtained: '贵单位未获取招标文件，不能执行此操作',
  not_invited: '本项目为邀请招标，贵单位未受邀请',
  not_qualified: '贵单位未通过资格预审，不能下载招标文件',
  not_chair: '只有评标委员会负责人可以执行此操作',
};
const FORBIDDEN_REASON_EN: Record<string, string> = {
  not_obtained: 'Your organisation has not obtained the documents',
  not_invited: 'This is an invited tender and your organisation was not invited',
  not_qualified: 'Your organisation did not pass pre-qualification and cannot download the tender documents',
  not_chair: 'Only the chair of the evaluation committee may do this',
};

const ROLE_ZH: Record<string, string> = {
  tenderer: '招标人',
  agency: '招标代理机构',
  bidder: '投标人',
  expert: '评标专家',
  platform_operator: '交易平台运营机构',
  hub_operator: '公共服务平台运营机构',
  supervisor: '行政监督部门',
};

const PLATFORM_ZH: Record<string, string> = {
  trading: '交易平台',
  hub: '公共服务平台',
  supervision: '行政监督平台',
};

function roleNamesZh(list: string): string {
  return list
    .split(',')
    .map((role) => ROLE_ZH[role.trim()] ?? role.trim())
    .join('、');
}

function platformZh(platform: string): string {
  return PLATFORM_ZH[platform] ?? platform;
}

const UNIT: Record<string, Record<Locale, (n: number) => string>> = {
  days: { 'zh-CN': (n) => `${n} 日`, 'en-US': (n) => `${n} day${n === 1 ? '' : 's'}` },
  yuan: { 'zh-CN': (n) => `${formatYuan(n)} 元`, 'en-US': (n) => `¥${formatYuan(n)}` },
  count: { 'zh-CN': (n) => `${n} 个`, 'en-US': (n) => `${n}` },
  percent: { 'zh-CN': (n) => `${n}%`, 'en-US': (n) => `${n}%` },
};

function formatYuan(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** “不符合规则 T1（《招标投标法》第24条）：…应不少于 20 日，实为 19 日；最早可为 …（北京时间）” */
function renderViolation(p: ErrorParams, locale: Locale): string {
  const rule = LEGAL_RULES[p.rule as RuleId];
  if (!rule) return locale === 'zh-CN' ? `不符合规则 ${p.rule}` : `Breaks rule ${p.rule}`;
  const zh = locale === 'zh-CN';
  const unit = UNIT[String(p.unit)]?.[locale] ?? ((n: number) => String(n));
  const head = zh
    ? `不符合规则 ${rule.id}（${rule.article.zh}）：${rule.summary.zh}`
    : `Breaks rule ${rule.id} (${rule.article.en}): ${rule.summary.en}`;
  const limit = typeof p.limit === 'number' ? unit(p.limit) : null;
  const actual = typeof p.actual === 'number' ? unit(p.actual) : null;
  let body = '';
  if (p.kind === 'min' && limit) body = zh ? `应不少于 ${limit}` : ` must be at least ${limit}`;
  if (p.kind === 'max' && limit) body = zh ? `不得超过 ${limit}` : ` may not exceed ${limit}`;
  if (actual) body += zh ? `，实为 ${actual}` : `, not ${actual}`;
  if (p.earliest)
    body += zh
      ? `；最早可为 ${formatCst(String(p.earliest))}（北京时间）`
      : `; the earliest that complies is ${formatCst(String(p.earliest))} CST`;
  if (p.latest)
    body += zh
      ? `；最迟应在 ${formatCst(String(p.latest))}（北京时间）之前`
      : `; it had to be before ${formatCst(String(p.latest))} CST`;
  return head + body;
}

export function renderMessage(code: ErrorCode, params: ErrorParams, locale: Locale): string {
  return MESSAGES[code][locale](params);
}
