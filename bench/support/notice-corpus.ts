import { creditCodeCheckCharacter } from '../../src/domain/credit-code.ts';
import { buildDealCode } from '../../src/domain/deal-code.ts';
import type { NewNotice } from '../../src/hub/notices/notice-repository.ts';
import { NOTICE_DATA_SETS, type NoticeType } from '../../src/hub/notices/notice-types.ts';
import type { NoticeSearchQuery } from '../../src/hub/notices/search-query.ts';

/**
 * Generated notices with realistic Chinese titles for the hub benchmark (bench/hub.bench.ts), and a
 * mix of public searches over them.
 */

/** GB/T 2260 codes with their names: county-level, and a few notices for a whole city or province. */
const REGIONS: readonly (readonly [code: string, city: string, county: string])[] = [
  ['350102', '福州市', '鼓楼区'],
  ['350103', '福州市', '台江区'],
  ['350104', '福州市', '仓山区'],
  ['350105', '福州市', '马尾区'],
  ['350111', '福州市', '晋安区'],
  ['350112', '福州市', '长乐区'],
  ['350121', '福州市', '闽侯县'],
  ['350122', '福州市', '连江县'],
  ['350181', '福州市', '福清市'],
  ['350100', '福州市', ''],
  ['350203', '厦门市', '思明区'],
  ['350205', '厦门市', '海沧区'],
  ['350206', '厦门市', '湖里区'],
  ['350211', '厦门市', '集美区'],
  ['350212', '厦门市', '同安区'],
  ['350213', '厦门市', '翔安区'],
  ['350200', '厦门市', ''],
  ['350302', '莆田市', '城厢区'],
  ['350303', '莆田市', '涵江区'],
  ['350322', '莆田市', '仙游县'],
  ['350404', '三明市', '三元区'],
  ['350481', '三明市', '永安市'],
  ['350502', '泉州市', '鲤城区'],
  ['350503', '泉州市', '丰泽区'],
  ['350521', '泉州市', '惠安县'],
  ['350524', '泉州市', '安溪县'],
  ['350581', '泉州市', '石狮市'],
  ['350582', '泉州市', '晋江市'],
  ['350583', '泉州市', '南安市'],
  ['350602', '漳州市', '芗城区'],
  ['350623', '漳州市', '漳浦县'],
  ['350702', '南平市', '延平区'],
  ['350781', '南平市', '邵武市'],
  ['350782', '南平市', '武夷山市'],
  ['350802', '龙岩市', '新罗区'],
  ['350881', '龙岩市', '漳平市'],
  ['350902', '宁德市', '蕉城区'],
  ['350981', '宁德市', '福安市'],
  ['350982', '宁德市', '福鼎市'],
  ['350000', '福建省', ''],
  ['330102', '杭州市', '上城区'],
  ['330106', '杭州市', '西湖区'],
  ['330110', '杭州市', '余杭区'],
  ['330203', '宁波市', '海曙区'],
  ['330212', '宁波市', '鄞州区'],
  ['440106', '广州市', '天河区'],
  ['440111', '广州市', '白云区'],
  ['440304', '深圳市', '福田区'],
  ['440305', '深圳市', '南山区'],
  ['440307', '深圳市', '龙岗区'],
  ['320102', '南京市', '玄武区'],
  ['320508', '苏州市', '姑苏区'],
  ['510107', '成都市', '武侯区'],
  ['110105', '北京市', '朝阳区'],
  ['310115', '上海市', '浦东新区'],
];

/** Tender project types (industry codes) with what their projects build or buy, how, and who tenders. */
const INDUSTRIES: readonly {
  readonly code: string;
  readonly subjects: readonly string[];
  readonly actions: readonly string[];
  readonly works: readonly string[];
  readonly tenderers: readonly string[];
}[] = [
  {
    code: 'A01',
    subjects: [
      '安置房',
      '保障性住房',
      '综合楼',
      '教学楼',
      '学生宿舍',
      '体育馆',
      '图书馆',
      '文化中心',
      '幼儿园',
      '第一中学',
      '第三中学',
      '实验小学',
      '中心小学',
      '人民医院门诊楼',
      '中医院住院楼',
      '妇幼保健院',
      '社区服务中心',
      '养老院',
    ],
    actions: ['新建', '扩建', '改扩建', '装修', '维修', '提升改造', ''],
    works: ['施工', '施工总承包', '监理', '设计', '勘察设计', 'EPC总承包', '全过程工程咨询'],
    tenderers: [
      '住房和城乡建设局',
      '教育局',
      '卫生健康局',
      '机关事务管理局',
      '城市建设投资有限公司',
      '城建集团有限公司',
    ],
  },
  {
    code: 'A02',
    subjects: [
      '市政道路',
      '道路',
      '背街小巷',
      '城市供水管网',
      '污水处理厂',
      '雨污分流',
      '路灯',
      '公园',
      '城市绿化',
      '停车场',
      '垃圾中转站',
      '燃气管网',
      '排水防涝',
      '老旧小区',
      '农贸市场',
      '公厕',
    ],
    actions: ['新建', '改造', '提升改造', '提标改造', '综合整治', '维修', '建设', ''],
    works: ['施工', '监理', '设计', 'EPC总承包', '施工总承包'],
    tenderers: ['住房和城乡建设局', '城市管理局', '市政工程中心', '水务集团有限公司', '城市建设投资有限公司'],
  },
  {
    code: 'A03',
    subjects: [
      '国道G316线',
      '国道G324线',
      '省道S201线',
      '省道S306线',
      '农村公路',
      '县道',
      '桥梁',
      '隧道',
      '公路安全生命防护',
      '干线公路',
      '旅游公路',
    ],
    actions: ['路面改造', '改建', '大中修', '危桥改造', '新建', '养护', '拓宽改造'],
    works: ['施工', '监理', '勘察设计', '施工总承包'],
    tenderers: ['交通运输局', '公路事业发展中心', '交通投资集团有限公司'],
  },
  {
    code: 'A07',
    subjects: ['河道', '水库', '海堤', '农田水利', '水闸', '山洪沟', '小流域', '灌区', '供水工程'],
    actions: ['整治', '除险加固', '综合治理', '生态修复', '新建', '提升改造'],
    works: ['施工', '监理', '设计', '勘察设计'],
    tenderers: ['水利局', '农业农村局', '水务集团有限公司'],
  },
  {
    code: 'A08',
    subjects: ['变电站', '光伏发电', '充电桩', '配电网', '储能电站', '输电线路'],
    actions: ['新建', '扩建', '改造', '建设'],
    works: ['施工', 'EPC总承包', '监理', '设备采购'],
    tenderers: ['供电公司', '能源投资有限公司', '发展和改革局'],
  },
  {
    code: 'B01',
    subjects: [
      '医疗设备',
      '办公设备',
      '教学设备',
      '信息化设备',
      '执法车辆',
      '电梯',
      '空调',
      '实验室设备',
      '图书',
      '课桌椅',
    ],
    actions: ['采购', '购置', '更新采购'],
    works: ['', '及安装'],
    tenderers: ['人民医院', '中医院', '教育局', '第一中学', '公安局', '财政局'],
  },
  {
    code: 'B03',
    subjects: [
      '物业管理',
      '保洁',
      '绿化养护',
      '工程造价咨询',
      '全过程咨询',
      '审计',
      '安保',
      '信息系统运维',
      '食堂承包',
      '法律顾问',
      '规划编制',
    ],
    actions: ['服务', '服务采购', '外包服务'],
    works: [''],
    tenderers: ['机关事务管理局', '自然资源和规划局', '人民医院', '财政局', '城市管理局'],
  },
];

/** Each notice a project publishes: its type, the title's ending, days after the announcement, how often. */
const STAGES: readonly {
  readonly type: NoticeType;
  readonly endings: readonly string[];
  readonly days: number;
  readonly share: number;
}[] = [
  {
    type: 'announcement',
    endings: ['招标公告', '公开招标公告', '资格预审公告', '招标公告（二次）'],
    days: 0,
    share: 1,
  },
  { type: 'clarification', endings: ['招标文件澄清', '答疑补遗', '更正公告'], days: 6, share: 0.45 },
  { type: 'opening-record', endings: ['开标记录'], days: 21, share: 0.8 },
  {
    type: 'exception',
    endings: ['招标失败公告', '终止公告', '流标公告', '异常情况公告'],
    days: 22,
    share: 0.06,
  },
  { type: 'candidate-publicity', endings: ['中标候选人公示', '评标结果公示'], days: 24, share: 0.72 },
  { type: 'result', endings: ['中标结果公告', '中标公告', '成交结果公告'], days: 28, share: 0.7 },
  { type: 'contract', endings: ['合同公告', '合同订立情况公示'], days: 40, share: 0.45 },
];

const FIRST_DAY = Date.parse('2023-01-02T00:00:00+08:00');
const DAY_MS = 86_400_000;

/** A small fast deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pending {
  readonly receivedMs: number;
  readonly notice: NewNotice;
}

/**
 * Projects starting one after another on working days, each publishing its notices over the weeks
 * after; notices come out in the order the hub receives them (a few arrive days late).
 */
export class Corpus {
  private readonly next: () => number;
  private readonly pending: Pending[] = [];
  private projects = 0;
  private projectStartMs = FIRST_DAY;
  /** Notices kept to draw rare words and codes from. */
  private readonly kept: NewNotice[] = [];
  private lastPublishedMs = FIRST_DAY;

  constructor(seed: number) {
    this.next = random(seed);
  }

  take(count: number): NewNotice[] {
    const out: NewNotice[] = [];
    while (out.length < count) {
      // Everything received before the next project starts can go out.
      while (this.pending.length === 0 || this.pending[0]!.receivedMs > this.projectStartMs)
        this.startProject();
      const { notice } = heapPop(this.pending);
      out.push(notice);
      this.lastPublishedMs = Math.max(this.lastPublishedMs, Date.parse(notice.publishedAt));
      if (this.kept.length < 4000 && this.next() < 0.01) this.kept.push(notice);
    }
    return out;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  private startProject(): void {
    // About 290 projects a working day: with ~3.5 notices each, a million notices in three years.
    this.projectStartMs += (this.next() * 2 * DAY_MS) / 290;
    const weekday = new Date(this.projectStartMs + 8 * 3600_000).getUTCDay();
    if (weekday === 6 || weekday === 0) this.projectStartMs += (weekday === 6 ? 2 : 1) * DAY_MS;
    const n = ++this.projects;
    const fujian = this.next() < 0.8;
    const [regionCode, city, county] = fujian
      ? this.pick(REGIONS.filter(([code]) => code.startsWith('35')))
      : this.pick(REGIONS.filter(([code]) => !code.startsWith('35')));
    const industry = this.pick(INDUSTRIES);
    const place =
      county && this.next() < 0.6 ? `${city}${county}` : county && this.next() < 0.5 ? county : city;
    const year = this.next() < 0.3 ? `${new Date(this.projectStartMs).getUTCFullYear()}年` : '';
    const section =
      this.next() < 0.12 ? this.pick(['（一标段）', '（二标段）', '第三标段', 'A包', '（二期）']) : '';
    const action = this.pick(industry.actions);
    const suffix = industry.code.startsWith('B') ? '' : this.pick(['工程', '项目', '工程', '一期工程']);
    const stem = `${year}${place}${this.pick(industry.subjects)}${action}${suffix}${section}${this.pick(industry.works)}`;
    const tenderer = `${city}${county && this.next() < 0.5 ? county : ''}${this.pick(industry.tenderers)}`;
    const creditBody = `1135${String(n % 10_000_000).padStart(7, '0')}MB${String(n % 1000).padStart(3, '0')}A`;
    const creditCode = creditBody + creditCodeCheckCharacter(creditBody);
    const dealCode = buildDealCode(creditCode, new Date(this.projectStartMs), 1 + (n % 999_999));
    const projectCode = `E${regionCode}${String(n).padStart(8, '0')}`;
    // Log-uniform from 50 thousand to 500 million yuan, to the fen.
    const amountFen = Math.round(10 ** (6.7 + this.next() * 4));
    for (const stage of STAGES) {
      if (this.next() >= stage.share) continue;
      const publishedMs = this.projectStartMs + (stage.days + this.next() * 3) * DAY_MS;
      const late = this.next() < 0.03 ? this.next() * 10 * DAY_MS : this.next() * 600_000;
      const notice: NewNotice = {
        id: `${n}-${stage.type}`,
        platformCode: `P${regionCode.slice(0, 4)}0000${1 + (n % 3)}`,
        dataSetCode: NOTICE_DATA_SETS[stage.type],
        dataKey: `${dealCode}-${stage.type}`,
        noticeType: stage.type,
        title: `${stem}${this.pick(stage.endings)}`,
        body: `招标人：${tenderer}；项目编号：${projectCode}${stage.type === 'opening-record' || stage.type === 'clarification' ? '' : `；金额：${(amountFen / 1_000_000).toFixed(2)}万元`}`,
        regionCode,
        industryCode: industry.code,
        procedure: 'open',
        unifiedDealCode: dealCode,
        tenderProjectCode: projectCode,
        sectionCodes: [`${dealCode}001`],
        amountFen: stage.type === 'opening-record' || stage.type === 'clarification' ? null : amountFen,
        currency: 'CNY',
        publishedAt: new Date(publishedMs).toISOString(),
        receivedAt: new Date(publishedMs + late).toISOString(),
      };
      heapPush(this.pending, { receivedMs: publishedMs + late, notice });
    }
  }

  /** A mix of what the public searches, each with its kind for the report. */
  queries(count: number): { kind: string; query: NoticeSearchQuery }[] {
    const rng = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
    const out: { kind: string; query: NoticeSearchQuery }[] = [];
    const endDate = new Date(this.lastPublishedMs + 8 * 3600_000);
    const day = (daysBefore: number) =>
      new Date(endDate.getTime() - daysBefore * DAY_MS).toISOString().slice(0, 10);
    while (out.length < count) {
      const roll = rng();
      let kind: string;
      let text: string | undefined;
      if (roll < 0.12) {
        kind = '1 character';
        text = pick(['路', '桥', '水', '医', '校', '电', '园', '港', '茶', '林', '海', '站', '岛']);
      } else if (roll < 0.34) {
        kind = '2 characters, common';
        text = pick([
          '工程',
          '施工',
          '项目',
          '招标',
          '公告',
          '改造',
          '道路',
          '采购',
          '监理',
          '设计',
          '学校',
          '医院',
          '中标',
          '公示',
          '服务',
          '福州',
          '厦门',
          '泉州',
          '公路',
          '设备',
        ]);
      } else if (roll < 0.6) {
        kind = '3-6 characters';
        text = pick([
          '污水处理',
          '供水管网',
          '绿化养护',
          '中标候选人',
          '道路改造',
          '提升改造',
          '农村公路',
          '实验小学',
          '人民医院',
          '物业管理',
          '造价咨询',
          'EPC总承包',
          '安置房',
          '老旧小区',
          '雨污分流',
          '中标结果公告',
          '施工招标公告',
          '鼓楼区',
          '晋江市',
          '翔安区',
          '除险加固',
          '危桥改造',
          '信息系统运维',
          '合同订立',
          '流标',
          '武夷山',
          'G316',
        ]);
      } else if (roll < 0.72) {
        kind = 'rare words and codes';
        const notice = pick(this.kept);
        const r = rng();
        if (r < 0.3) text = notice.unifiedDealCode!;
        else if (r < 0.45) text = notice.tenderProjectCode!.toLowerCase();
        else if (r < 0.55) text = notice.tenderProjectCode!.slice(-8);
        else {
          const chars = [...notice.title];
          const length = 4 + Math.floor(rng() * 5);
          const start = Math.floor(rng() * Math.max(1, chars.length - length));
          text = chars.slice(start, start + length).join('');
        }
      } else if (roll < 0.8) {
        kind = 'two words';
        text = `${pick(['福州', '厦门', '晋江', '杭州', '南山区', '鼓楼区', '宁德'])} ${pick(['道路', '监理', '医院', '设备采购', '中标', '学校', '公路'])}`;
      } else if (roll < 0.83) {
        kind = 'words that occur nowhere';
        text = pick(['量子计算', '航天发射场', '深海探测', '冰雪大世界']);
      } else {
        kind = 'filters only';
        text = undefined;
      }
      const query: {
        -readonly [K in keyof NoticeSearchQuery]: NoticeSearchQuery[K];
      } = { text, page: 1, pageSize: 20 };
      const filtered = kind === 'filters only' || rng() < 0.4;
      if (filtered) {
        kind = kind === 'filters only' ? kind : `${kind} + filters`;
        const filters = 1 + Math.floor(rng() * 2);
        for (let f = 0; f < filters; f++) {
          const which = rng();
          if (which < 0.3)
            query.region = pick([
              '35',
              '350000',
              '3501',
              '350200',
              '3505',
              '350102',
              '350213',
              '350582',
              '33',
              '440305',
            ]);
          else if (which < 0.5) query.type = pick(STAGES).type;
          else if (which < 0.6) query.industry = pick(INDUSTRIES).code;
          else if (which < 0.8) {
            const span = pick([7, 30, 90, 365]);
            const end = Math.floor(rng() * 700);
            query.publishedFrom = day(end + span);
            query.publishedTo = day(end);
          } else if (rng() < 0.5) {
            // The portal's ranges: 1–5 million yuan, 5–10 million, over 10 million.
            const [min, max] = pick([
              [100_000_000, 500_000_000],
              [500_000_000, 1_000_000_000],
              [1_000_000_000, undefined],
            ] as const);
            query.minAmountFen = min;
            query.maxAmountFen = max;
          } else {
            query.minAmountFen = Math.round(10 ** (7 + rng() * 2));
            query.maxAmountFen = query.minAmountFen * Math.round(2 + rng() * 20);
          }
        }
      }
      const paging = rng();
      if (paging < 0.15) query.page = 2 + Math.floor(rng() * 4);
      else if (paging < 0.22) {
        query.page = 6 + Math.floor(rng() * 45);
        kind = `${kind}, deep page`;
      }
      if (rng() < 0.1) query.pageSize = 50;
      if (query.page * query.pageSize > 10_000) query.page = 1;
      out.push({ kind, query });
    }
    return out;
  }
}

function heapPush(heap: Pending[], item: Pending): void {
  heap.push(item);
  for (let i = heap.length - 1; i > 0;) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.receivedMs <= heap[i]!.receivedMs) break;
    [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
    i = parent;
  }
}

function heapPop(heap: Pending[]): Pending {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left]!.receivedMs < heap[smallest]!.receivedMs) smallest = left;
      if (right < heap.length && heap[right]!.receivedMs < heap[smallest]!.receivedMs) smallest = right;
      if (smallest === i) break;
      [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
      i = smallest;
    }
  }
  return top;
}
