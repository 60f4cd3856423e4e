import type { LocalisedText } from './field-errors.ts';

/** One value of a code list: the code sent on the wire and what it means. */
export interface CodeValue {
  readonly code: string;
  readonly label: LocalisedText;
}

export interface CodeList {
  readonly id: string;
  readonly name: LocalisedText;
  readonly values: readonly CodeValue[];
}

function list(
  id: string,
  zh: string,
  en: string,
  values: readonly (readonly [string, string, string])[],
): CodeList {
  return {
    id,
    name: { 'zh-CN': zh, 'en-US': en },
    values: values.map(([code, z, e]) => ({ code, label: { 'zh-CN': z, 'en-US': e } })),
  };
}

/**
 * The code lists of protocol version 1. Codes follow the national data-set layout where it fixes
 * them (招标方式 1/2, 是/否 1/0, 币种 ISO 4217); the others are this protocol's own, documented in
 * docs/exchange.md. Adding a value is a compatible change; changing or removing one needs a new
 * protocol version.
 */
export const CODE_LISTS = {
  yesNo: list('yesNo', '是否', 'yes/no', [
    ['1', '是', 'yes'],
    ['0', '否', 'no'],
  ]),
  currency: list('currency', '币种（ISO 4217）', 'currency (ISO 4217)', [['CNY', '人民币', 'renminbi']]),
  tenderMode: list('tenderMode', '招标方式', 'procedure', [
    ['1', '公开招标', 'open tender'],
    ['2', '邀请招标', 'invited tender'],
  ]),
  organizeForm: list('organizeForm', '招标组织形式', 'how the tender is organised', [
    ['1', '自行招标', 'by the tenderer itself'],
    ['2', '委托招标', 'through an agency'],
  ]),
  qualificationMode: list('qualificationMode', '资格审查方式', 'qualification review', [
    ['1', '资格预审', 'pre-qualification'],
    ['2', '资格后审', 'post-qualification'],
  ]),
  industry: list('industry', '行业分类', 'industry', [
    ['A01', '房屋建筑', 'buildings'],
    ['A02', '市政', 'municipal works'],
    ['A03', '公路', 'highways'],
    ['A04', '铁路', 'railways'],
    ['A05', '民航', 'civil aviation'],
    ['A06', '水运', 'waterways and ports'],
    ['A07', '水利', 'water conservancy'],
    ['A08', '能源电力', 'energy and power'],
    ['A09', '通信', 'telecommunications'],
    ['A10', '农业林业', 'agriculture and forestry'],
    ['A99', '其他', 'other'],
  ]),
  sectionClass: list('sectionClass', '标段分类', 'kind of section', [
    ['A01', '工程施工', 'construction works'],
    ['A02', '勘察', 'survey'],
    ['A03', '设计', 'design'],
    ['A04', '监理', 'works supervision'],
    ['A05', '工程总承包', 'design and build'],
    ['B01', '设备', 'equipment'],
    ['B02', '材料', 'materials'],
    ['C01', '咨询服务', 'consulting services'],
    ['C99', '其他服务', 'other services'],
  ]),
  evaluationMethod: list('evaluationMethod', '评标办法', 'evaluation method', [
    ['1', '经评审的最低投标价法', 'lowest evaluated price'],
    ['2', '综合评估法', 'comprehensive evaluation'],
  ]),
  bulletinType: list('bulletinType', '公告类型', 'kind of announcement', [
    ['1', '招标公告', 'tender announcement'],
    ['2', '资格预审公告', 'pre-qualification announcement'],
  ]),
  clarifyType: list('clarifyType', '澄清或修改', 'clarification or amendment', [
    ['1', '澄清', 'clarification'],
    ['2', '修改', 'amendment'],
  ]),
  bidStatus: list('bidStatus', '投标文件状态', 'state of the bid', [
    ['1', '已解密并唱标', 'decrypted and read out'],
    ['2', '因投标人原因解密失败', 'not decrypted through the bidder'],
    ['3', '因其他原因解密失败', 'not decrypted for another reason'],
  ]),
  expertRole: list('expertRole', '评委来源', 'how the member was appointed', [
    ['1', '随机抽取的评标专家', 'expert drawn at random'],
    ['2', '招标人代表', "the tenderer's representative"],
    ['3', '直接确定的评标专家', 'expert appointed directly'],
  ]),
  attendance: list('attendance', '参加情况', 'attendance', [
    ['1', '参加评标', 'took part'],
    ['2', '回避', 'recused'],
    ['3', '缺席', 'absent'],
  ]),
  evaluationResult: list('evaluationResult', '评标结果', 'evaluation outcome', [
    ['1', '推荐中标候选人', 'candidates recommended'],
    ['2', '否决全部投标', 'all bids rejected'],
  ]),
  prequalResult: list('prequalResult', '资格预审结果', 'pre-qualification outcome', [
    ['1', '通过', 'qualified'],
    ['2', '未通过', 'not qualified'],
  ]),
  exceptionType: list('exceptionType', '异常类型', 'kind of exception', [
    ['1', '招标失败', 'tender failed'],
    ['2', '终止招标', 'tender terminated'],
  ]),
  performanceStatus: list('performanceStatus', '履约状态', 'performance status', [
    ['1', '履约中', 'in progress'],
    ['2', '履约完成', 'completed'],
    ['3', '合同终止', 'terminated'],
  ]),
  guaranteeType: list('guaranteeType', '担保类型', 'kind of guarantee', [
    ['1', '投标保证金', 'bid bond'],
    ['2', '履约保证金', 'performance bond'],
    ['3', '预付款担保', 'advance payment guarantee'],
    ['4', '质量保证金', 'retention money'],
  ]),
  guaranteeForm: list('guaranteeForm', '担保形式', 'form of guarantee', [
    ['1', '现金或转账', 'cash or bank transfer'],
    ['2', '银行保函', 'bank guarantee'],
    ['3', '保证保险', 'guarantee insurance'],
    ['4', '担保机构保函', 'surety guarantee'],
  ]),
  guaranteeStatus: list('guaranteeStatus', '担保状态', 'state of the guarantee', [
    ['1', '有效', 'in force'],
    ['2', '已退还', 'returned'],
    ['3', '已没收', 'forfeited'],
  ]),
  digestAlgorithm: list('digestAlgorithm', '摘要算法', 'digest algorithm', [
    ['sm3', 'SM3（GB/T 32905）', 'SM3 (GB/T 32905)'],
    ['sha256', 'SHA-256', 'SHA-256'],
  ]),
  legalType: list('legalType', '法人类别', 'kind of legal person', [
    ['1', '企业', 'enterprise'],
    ['2', '事业单位', 'public institution'],
    ['3', '机关', 'government body'],
    ['4', '社会组织', 'social organisation'],
    ['9', '其他', 'other'],
  ]),
  legalStatus: list('legalStatus', '登记状态', 'registration status', [
    ['1', '存续', 'active'],
    ['2', '注销', 'deregistered'],
    ['3', '吊销', 'licence revoked'],
  ]),
  subjectRole: list('subjectRole', '主体角色', 'role of the subject', [
    ['1', '招标人', 'tenderer'],
    ['2', '招标代理机构', 'agency'],
    ['3', '投标人', 'bidder'],
    ['9', '其他', 'other'],
  ]),
  expertCreditType: list('expertCreditType', '专家信用记录类型', 'kind of expert credit record', [
    ['1', '不良行为', 'misconduct'],
    ['2', '良好行为', 'commendation'],
    ['3', '暂停评标资格', 'suspended from evaluating'],
    ['4', '取消评标专家资格', 'removed from the expert pool'],
  ]),
  penaltyType: list('penaltyType', '处理方式', 'kind of penalty', [
    ['1', '警告', 'warning'],
    ['2', '罚款', 'fine'],
    ['3', '没收违法所得', 'confiscation of illegal gains'],
    ['4', '暂停投标资格', 'suspension from bidding'],
    ['5', '取消投标资格', 'disqualification from bidding'],
    ['9', '其他', 'other'],
  ]),
  rewardLevel: list('rewardLevel', '表彰级别', 'level of the award', [
    ['1', '国家级', 'national'],
    ['2', '省级', 'provincial'],
    ['3', '市级', 'city'],
    ['4', '县级', 'county'],
  ]),
  creditGrade: list('creditGrade', '履约评价等级', 'performance grade', [
    ['A', '优秀', 'excellent'],
    ['B', '良好', 'good'],
    ['C', '合格', 'satisfactory'],
    ['D', '不合格', 'unsatisfactory'],
  ]),
  socialCreditType: list('socialCreditType', '社会信用记录类型', 'kind of social credit record', [
    ['1', '守信激励', 'trustworthy (incentive list)'],
    ['2', '失信联合惩戒', 'untrustworthy (joint punishment list)'],
    ['3', '经营异常', 'abnormal operation'],
    ['4', '重大税收违法', 'major tax violation'],
    ['9', '其他', 'other'],
  ]),
  alertLevel: list('alertLevel', '预警级别', 'alert level', [
    ['1', '提示', 'notice'],
    ['2', '警告', 'warning'],
    ['3', '严重', 'severe'],
  ]),
  alertStatus: list('alertStatus', '预警处理状态', 'alert handling', [
    ['1', '待核查', 'open'],
    ['2', '已处理', 'handled'],
    ['3', '已排除', 'dismissed'],
  ]),
  complaintStatus: list('complaintStatus', '投诉处理状态', 'complaint status', [
    ['1', '已受理', 'accepted'],
    ['2', '不予受理', 'not accepted'],
    ['3', '已作出处理决定', 'decided'],
    ['4', '投诉人撤回', 'withdrawn'],
  ]),
} as const satisfies Readonly<Record<string, CodeList>>;

export type CodeListId = keyof typeof CODE_LISTS;

export function codeListCodes(id: CodeListId): readonly string[] {
  return CODE_LISTS[id].values.map((v) => v.code);
}
