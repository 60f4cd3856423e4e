import { createContext, useContext } from 'react';
import { openingEnUS, openingZhCN } from './i18n-opening.ts';
import { evaluationEnUS, evaluationZhCN } from './i18n-evaluation.ts';
import { ledgerEnUS, ledgerZhCN } from './i18n-ledger.ts';
import { portalEnUS, portalZhCN } from './i18n-portal.ts';
import { sealingEnUS, sealingZhCN } from './i18n-sealing.ts';
import { tradingEnUS, tradingZhCN } from './i18n-trading.ts';
import { DEFAULT_LOCALE, type Locale } from './shared-domain.ts';

/**
 * Interface text. Chinese is the reference dictionary: its keys are the typed message keys, and
 * the English one must supply every key. `{name}` placeholders are filled from params.
 */
const zhCN = {
  'app.name': '招采',
  'app.brand': '招采 Zhaocai',
  'app.tagline': '开源电子招标投标系统',
  'app.footer': '招采 Zhaocai · 开源电子招标投标系统 · Apache-2.0',

  'platform.trading': '交易平台',
  'platform.hub': '公共服务平台',
  'platform.supervision': '行政监督平台',
  'platform.trading.short': '交易平台',
  'platform.hub.short': '公共服务平台',
  'platform.supervision.short': '行政监督平台',
  'platform.trading.full': '电子招标投标交易平台',
  'platform.hub.full': '电子招标投标公共服务平台',
  'platform.supervision.full': '电子招标投标行政监督平台',
  'platform.trading.summary': '招标、投标、开标、评标、定标全流程在线办理',
  'platform.hub.summary': '信息公开发布、市场主体共享、CA 互认、信用查询',
  'platform.supervision.summary': '全流程在线监督、预警、投诉处理、监督指令',

  'role.tenderer': '招标人',
  'role.agency': '招标代理机构',
  'role.bidder': '投标人',
  'role.expert': '评标专家',
  'role.platform_operator': '交易平台运营机构',
  'role.hub_operator': '公共服务平台运营机构',
  'role.supervisor': '行政监督部门',

  'nav.home': '首页',
  'nav.my-organisation': '本单位',
  'nav.organisations': '单位管理',
  'nav.users': '用户管理',
  'nav.audit': '审计日志',

  'time.cst': '北京时间',
  'time.cstLong': '中国标准时间（UTC+8）',
  'clock.sandbox': '沙箱时钟',
  'clock.test': '测试时钟',
  'clock.sandboxHint': '沙箱模式：虚拟时间以真实时间的 {factor} 倍流逝，各类期限均按虚拟时间计算。',
  'clock.testHint': '测试模式：时间由测试程序控制。',
  'clock.mode.production': '生产',
  'clock.mode.sandbox': '沙箱（×{factor}）',
  'clock.mode.test': '测试',
  'clock.unavailable': '无法获取服务器时间',

  'common.search': '查询',
  'common.reset': '重置',
  'common.refresh': '刷新',
  'common.cancel': '取消',
  'common.submit': '提交',
  'common.all': '全部',
  'common.total': '共 {total} 条',
  'common.copy': '复制',
  'common.copied': '已复制',
  'common.optional': '选填',
  'common.loading': '加载中…',
  'common.backHome': '返回首页',

  'error.network': '无法连接服务器，请检查网络或稍后重试',
  'error.http': '服务器返回错误（HTTP {status}）',
  'error.unexpected': '发生意外错误，请刷新页面后重试',
  'error.notFound.title': '页面不存在',
  'error.notFound.text': '您访问的页面不存在或已被移除。',
  'error.forbidden.title': '无权访问',
  'error.forbidden.text': '您在{platform}的角色无权访问此页面。',

  'lang.zh-CN': '中文',
  'lang.en-US': 'English',

  'login.title': '用户登录',
  'login.platform': '登录平台',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.signedIn': '您已登录{platform}：{name}',
  'login.continue': '进入',
  'login.sandbox': '沙箱环境 · 时钟 ×{factor}',
  'login.serviceDown': '{platform}暂时无法访问',
  'login.welcome': '依法、公开、高效的全流程电子化招标投标',

  'user.switchPlatform': '切换平台',
  'user.logout': '退出登录',
  'user.noOrganisation': '未关联单位',

  'home.welcome': '{name}，您好',
  'home.account': '账号信息',
  'home.service': '服务信息',
  'home.shortcuts': '常用功能',
  'home.serverTime': '服务器时间',
  'home.clockMode': '时钟模式',
  'home.version': '服务版本',

  'field.displayName': '姓名',
  'field.username': '用户名',
  'field.password': '初始密码',
  'field.organisation': '所属单位',
  'field.organisationName': '单位名称',
  'field.creditCode': '统一社会信用代码',
  'field.region': '所在地区',
  'field.legalRepresentative': '法定代表人',
  'field.roles': '角色',
  'field.platform': '当前平台',
  'field.status': '状态',
  'field.createdAt': '创建时间',
  'field.registeredAt': '登记时间',
  'field.id': '编号',

  'myOrg.title': '本单位信息',
  'myOrg.none': '您的账号尚未关联单位，请联系平台运营机构。',

  'org.title': '单位管理',
  'org.searchPlaceholder': '单位名称或统一社会信用代码',
  'org.register': '登记单位',
  'org.registered': '已登记单位：{name}',
  'org.nameRequired': '请输入单位名称',
  'org.creditCodeRequired': '请输入统一社会信用代码',
  'org.creditCodeHint': '18 位，字母须大写；第 18 位为校验码',

  'users.title': '用户管理',
  'users.searchPlaceholder': '用户名或姓名',
  'users.roleFilter': '全部角色',
  'users.add': '添加用户',
  'users.added': '已添加用户：{username}',
  'users.active': '正常',
  'users.disabled': '已停用',
  'users.usernameRequired': '请输入用户名',
  'users.usernamePattern': '用户名为 3–64 位字母、数字或 _ . @ -',
  'users.displayNameRequired': '请输入姓名',
  'users.passwordRequired': '请输入初始密码',
  'users.rolesRequired': '请至少选择一个角色',
  'users.organisationPlaceholder': '输入名称或信用代码搜索',
  'users.organisationFilter': '全部单位（可搜索）',

  'audit.title': '审计日志',
  'audit.time': '发生时间',
  'audit.actor': '操作人',
  'audit.roles': '角色',
  'audit.ip': 'IP 地址',
  'audit.action': '操作',
  'audit.object': '对象',
  'audit.eventHash': '事件摘要',
  'audit.stateHash': '状态摘要',
  'audit.userAgent': '客户端',
  'audit.detail': '附加信息',
  'audit.actorOrganisation': '操作人单位',
  'audit.seq': '序号',
  'audit.allActions': '全部操作',
  'audit.objectTypePlaceholder': '对象类型',
  'audit.anonymous': '（未登录）',
  'audit.chainNote': '每条记录的事件摘要覆盖其全部字段，可用于核验日志未被篡改。',

  'action.organisation.registered': '登记单位',
  'action.user.added': '添加用户',
  'action.user.disabled': '停用用户',
  'action.auth.logged_in': '登录',
  'action.auth.login_failed': '登录失败',
  'action.auth.logged_out': '退出登录',
  'action.blob.stored': '存储文件',

  'objectType.organisation': '单位',
  'objectType.user': '用户',
  'objectType.session': '会话',
  'objectType.blob': '文件',

  ...tradingZhCN,
  ...sealingZhCN,
  ...evaluationZhCN,
  ...openingZhCN,
  ...ledgerZhCN,
  ...portalZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
export type Dictionary = Readonly<Record<MessageKey, string>>;

const enUS: Dictionary = {
  'app.name': 'Zhaocai',
  'app.brand': '招采 Zhaocai',
  'app.tagline': 'Open-source electronic tendering suite',
  'app.footer': '招采 Zhaocai · open-source electronic tendering suite · Apache-2.0',

  'platform.trading': 'Trading platform',
  'platform.hub': 'Public service platform',
  'platform.supervision': 'Supervision platform',
  'platform.trading.short': 'Trading',
  'platform.hub.short': 'Public service',
  'platform.supervision.short': 'Supervision',
  'platform.trading.full': 'E-tendering trading platform',
  'platform.hub.full': 'E-tendering public service platform',
  'platform.supervision.full': 'E-tendering administrative supervision platform',
  'platform.trading.summary': 'The whole tender online: tendering, bidding, opening, evaluation, award',
  'platform.hub.summary': 'Public information, shared entity registry, CA mutual recognition, credit',
  'platform.supervision.summary': 'Online supervision of every tender, warnings, complaints, instructions',

  'role.tenderer': 'Tenderer',
  'role.agency': 'Tendering agency',
  'role.bidder': 'Bidder',
  'role.expert': 'Evaluation expert',
  'role.platform_operator': 'Trading platform operator',
  'role.hub_operator': 'Public service platform operator',
  'role.supervisor': 'Supervisory authority',

  'nav.home': 'Home',
  'nav.my-organisation': 'My organisation',
  'nav.organisations': 'Organisations',
  'nav.users': 'Users',
  'nav.audit': 'Audit log',

  'time.cst': 'CST',
  'time.cstLong': 'China Standard Time (UTC+8)',
  'clock.sandbox': 'Sandbox clock',
  'clock.test': 'Test clock',
  'clock.sandboxHint':
    'Sandbox mode: virtual time runs {factor} times faster than real time; all deadlines use virtual time.',
  'clock.testHint': 'Test mode: time is controlled by the test harness.',
  'clock.mode.production': 'Production',
  'clock.mode.sandbox': 'Sandbox (×{factor})',
  'clock.mode.test': 'Test',
  'clock.unavailable': 'Server time unavailable',

  'common.search': 'Search',
  'common.reset': 'Reset',
  'common.refresh': 'Refresh',
  'common.cancel': 'Cancel',
  'common.submit': 'Submit',
  'common.all': 'All',
  'common.total': '{total} in total',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.optional': 'optional',
  'common.loading': 'Loading…',
  'common.backHome': 'Back to home',

  'error.network': 'Cannot reach the server; check the network or retry later',
  'error.http': 'The server returned an error (HTTP {status})',
  'error.unexpected': 'Something went wrong; reload the page and retry',
  'error.notFound.title': 'Page not found',
  'error.notFound.text': 'The page you asked for does not exist or has been removed.',
  'error.forbidden.title': 'Not allowed',
  'error.forbidden.text': 'Your roles on the {platform} do not give access to this page.',

  'lang.zh-CN': '中文',
  'lang.en-US': 'English',

  'login.title': 'Sign in',
  'login.platform': 'Platform',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.usernameRequired': 'Enter your user name',
  'login.passwordRequired': 'Enter your password',
  'login.submit': 'Sign in',
  'login.signedIn': 'You are signed in to the {platform} as {name}',
  'login.continue': 'Continue',
  'login.sandbox': 'Sandbox · clock ×{factor}',
  'login.serviceDown': 'The {platform} cannot be reached right now',
  'login.welcome': 'Lawful, open and efficient tendering, online from end to end',

  'user.switchPlatform': 'Switch platform',
  'user.logout': 'Sign out',
  'user.noOrganisation': 'No organisation',

  'home.welcome': 'Welcome, {name}',
  'home.account': 'Account',
  'home.service': 'Service',
  'home.shortcuts': 'Shortcuts',
  'home.serverTime': 'Server time',
  'home.clockMode': 'Clock mode',
  'home.version': 'Service version',

  'field.displayName': 'Name',
  'field.username': 'User name',
  'field.password': 'Initial password',
  'field.organisation': 'Organisation',
  'field.organisationName': 'Organisation name',
  'field.creditCode': 'Unified social credit code',
  'field.region': 'Region',
  'field.legalRepresentative': 'Legal representative',
  'field.roles': 'Roles',
  'field.platform': 'Platform',
  'field.status': 'Status',
  'field.createdAt': 'Created',
  'field.registeredAt': 'Registered',
  'field.id': 'ID',

  'myOrg.title': 'My organisation',
  'myOrg.none': 'Your account is not linked to an organisation; contact the platform operator.',

  'org.title': 'Organisations',
  'org.searchPlaceholder': 'Name or unified social credit code',
  'org.register': 'Register organisation',
  'org.registered': 'Registered {name}',
  'org.nameRequired': 'Enter the organisation name',
  'org.creditCodeRequired': 'Enter the unified social credit code',
  'org.creditCodeHint': '18 characters, capitals; the 18th is a check character',

  'users.title': 'Users',
  'users.searchPlaceholder': 'User name or name',
  'users.roleFilter': 'All roles',
  'users.add': 'Add user',
  'users.added': 'Added user {username}',
  'users.active': 'Active',
  'users.disabled': 'Disabled',
  'users.usernameRequired': 'Enter a user name',
  'users.usernamePattern': 'Use 3–64 letters, digits or _ . @ -',
  'users.displayNameRequired': 'Enter the name',
  'users.passwordRequired': 'Enter an initial password',
  'users.rolesRequired': 'Choose at least one role',
  'users.organisationPlaceholder': 'Type a name or credit code to search',
  'users.organisationFilter': 'All organisations (type to search)',

  'audit.title': 'Audit log',
  'audit.time': 'Time',
  'audit.actor': 'Actor',
  'audit.roles': 'Roles',
  'audit.ip': 'IP address',
  'audit.action': 'Action',
  'audit.object': 'Object',
  'audit.eventHash': 'Event hash',
  'audit.stateHash': 'State hash',
  'audit.userAgent': 'Client',
  'audit.detail': 'Details',
  'audit.actorOrganisation': "Actor's organisation",
  'audit.seq': 'Seq.',
  'audit.allActions': 'All actions',
  'audit.objectTypePlaceholder': 'Object type',
  'audit.anonymous': '(not signed in)',
  'audit.chainNote':
    "Each event hash covers all of the record's fields, so edits to the log can be detected.",

  'action.organisation.registered': 'Organisation registered',
  'action.user.added': 'User added',
  'action.user.disabled': 'User disabled',
  'action.auth.logged_in': 'Signed in',
  'action.auth.login_failed': 'Sign-in failed',
  'action.auth.logged_out': 'Signed out',
  'action.blob.stored': 'File stored',

  'objectType.organisation': 'Organisation',
  'objectType.user': 'User',
  'objectType.session': 'Session',
  'objectType.blob': 'File',

  ...tradingEnUS,
  ...sealingEnUS,
  ...evaluationEnUS,
  ...openingEnUS,
  ...ledgerEnUS,
  ...portalEnUS,
};

const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { 'zh-CN': zhCN, 'en-US': enUS };

export type MessageParams = Readonly<Record<string, string | number>>;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = DICTIONARIES[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The text for a key built at run time (an action or object type from the server), if there is one. */
export function translateOptional(locale: Locale, key: string): string | undefined {
  const dictionary: Readonly<Record<string, string>> = DICTIONARIES[locale];
  return Object.hasOwn(dictionary, key) ? dictionary[key] : undefined;
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface LocaleState {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: Translate;
}

export const LocaleContext = createContext<LocaleState>({
  locale: DEFAULT_LOCALE,
  setLocale: () => undefined,
  t: (key, params) => translate(DEFAULT_LOCALE, key, params),
});

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  return useContext(LocaleContext).t;
}
