/**
 * The demo city's fixed catalogue: 常州市 and its five districts, and the organs (机关) of each, modelled
 * on the seed report (a Changzhou 机关事务管理局 work report). Sizes are headcounts, scaled so the
 * whole city has about ten thousand people; the plan scatters them a little.
 */
export type JurisdictionKey = 'CZ' | 'WJ' | 'XB' | 'TN' | 'ZL' | 'JK';

export interface JurisdictionSpec {
  key: JurisdictionKey;
  code: string;
  name: string;
  kind: 'city' | 'district';
  /** administrative division code, the prefix of employee numbers */
  division: string;
  /** how the names of its units begin, e.g. 常州市武进区 */
  prefix: string;
  /** how the names of its party organs begin, e.g. 中共常州市武进区委 */
  partyPrefix: string;
  /** the seat of its organs */
  centre: string;
  /** towns and sub-districts (镇, 街道): township schools and health centres are named after them */
  towns: readonly string[];
  streets: readonly string[];
  /** how many of the 238 public institutions belong to it */
  institutions: number;
  /** urban districts have a city-management bureau instead of an agriculture bureau */
  urban: boolean;
}

export const JURISDICTIONS: readonly JurisdictionSpec[] = [
  {
    key: 'CZ',
    code: 'CZ',
    name: '常州市',
    kind: 'city',
    division: '320400',
    prefix: '常州市',
    partyPrefix: '中共常州市委',
    centre: '常州市新北区龙城大道1280号',
    towns: [],
    urban: true,
    institutions: 87,
    streets: [
      '延陵西路',
      '和平北路',
      '晋陵中路',
      '关河东路',
      '劳动中路',
      '通江中路',
      '龙锦路',
      '太湖东路',
      '怀德中路',
      '局前街',
      '兰陵路',
      '飞龙东路',
      '中吴大道',
      '花园街',
      '人民中路',
      '长江北路',
    ],
  },
  {
    key: 'WJ',
    code: 'CZ-WJ',
    name: '武进区',
    kind: 'district',
    division: '320412',
    prefix: '常州市武进区',
    partyPrefix: '中共常州市武进区委',
    centre: '常州市武进区延政中路2号',
    urban: false,
    institutions: 44,
    towns: [
      '湖塘',
      '牛塘',
      '洛阳',
      '雪堰',
      '前黄',
      '礼嘉',
      '嘉泽',
      '湟里',
      '南夏墅',
      '西湖',
      '卢家巷',
      '高新',
    ],
    streets: ['延政中路', '常武中路', '人民东路', '长虹路', '武宜北路', '花园街', '定安中路', '湖塘大道'],
  },
  {
    key: 'XB',
    code: 'CZ-XB',
    name: '新北区',
    kind: 'district',
    division: '320411',
    prefix: '常州市新北区',
    partyPrefix: '中共常州市新北区委',
    centre: '常州市新北区府东路1号',
    urban: false,
    institutions: 34,
    towns: ['孟河', '薛家', '罗溪', '西夏墅', '奔牛', '春江', '新桥', '三井', '河海', '龙虎塘'],
    streets: ['府东路', '太湖中路', '通江大道', '汉江路', '黄河西路', '藻江河路', '华山路', '辽河路'],
  },
  {
    key: 'TN',
    code: 'CZ-TN',
    name: '天宁区',
    kind: 'district',
    division: '320402',
    prefix: '常州市天宁区',
    partyPrefix: '中共常州市天宁区委',
    centre: '常州市天宁区光华路1号',
    urban: true,
    institutions: 26,
    towns: ['青龙', '红梅', '雕庄', '茶山', '兰陵', '天宁', '郑陆'],
    streets: ['光华路', '竹林北路', '青洋北路', '龙锦路', '丽华北路', '新丰街', '延陵东路', '红梅路'],
  },
  {
    key: 'ZL',
    code: 'CZ-ZL',
    name: '钟楼区',
    kind: 'district',
    division: '320404',
    prefix: '常州市钟楼区',
    partyPrefix: '中共常州市钟楼区委',
    centre: '常州市钟楼区玉龙南路201号',
    urban: true,
    institutions: 26,
    towns: ['邹区', '西林', '南大街', '荷花池', '新闸', '五星', '永红', '北港'],
    streets: ['玉龙南路', '西新桥路', '勤业路', '广化街', '新冶路', '星港路', '怀德南路', '南大街'],
  },
  {
    key: 'JK',
    code: 'CZ-JK',
    name: '经开区',
    kind: 'district',
    division: '320471',
    prefix: '常州经开区',
    partyPrefix: '常州经开区',
    centre: '常州经开区遥观镇龙锦路1号',
    urban: false,
    institutions: 21,
    towns: ['横林', '遥观', '横山桥', '潞城', '戚墅堰', '丁堰'],
    streets: ['龙锦路', '延政东路', '富民路', '建设路', '横林大道', '戚墅堰大街'],
  },
];

export interface OrganSpec {
  /** stable key, unique within its jurisdiction: institutions name their parent by it */
  key: string;
  name: string;
  shortName: string;
  /** the title of its head: 局长, 主任, 部长, 书记 … */
  head: string;
  size: number;
  /** business departments, after 办公室, 综合处/科, 人事处/科 and 财务处/科 */
  departments: readonly string[];
  /** its head is a city-level deputy (副厅): the party committee's offices and departments */
  senior?: boolean;
}

const CZ_PARTY = '中共常州市委';

/** The city's organs: about forty, the bureau (市机关事务管理局) among them. */
export const CITY_ORGANS: readonly OrganSpec[] = [
  {
    key: 'party_office',
    name: `${CZ_PARTY}办公室`,
    shortName: '市委办公室',
    head: '主任',
    size: 80,
    senior: true,
    departments: ['秘书处', '督查处', '信息处', '调研处'],
  },
  {
    key: 'gov_office',
    name: '常州市人民政府办公室',
    shortName: '市政府办公室',
    head: '主任',
    size: 90,
    senior: true,
    departments: ['秘书一处', '秘书二处', '督查室', '政务公开处'],
  },
  {
    key: 'organisation',
    name: `${CZ_PARTY}组织部`,
    shortName: '市委组织部',
    head: '部长',
    size: 60,
    senior: true,
    departments: ['干部一处', '干部二处', '组织处', '公务员管理处'],
  },
  {
    key: 'publicity',
    name: `${CZ_PARTY}宣传部`,
    shortName: '市委宣传部',
    head: '部长',
    size: 45,
    senior: true,
    departments: ['理论处', '新闻处', '文艺处'],
  },
  {
    key: 'united_front',
    name: `${CZ_PARTY}统一战线工作部`,
    shortName: '市委统战部',
    head: '部长',
    size: 35,
    senior: true,
    departments: ['党派处', '经济处'],
  },
  {
    key: 'legal_affairs',
    name: `${CZ_PARTY}政法委员会`,
    shortName: '市委政法委',
    head: '书记',
    size: 30,
    senior: true,
    departments: ['执法监督处', '维稳指导处'],
  },
  {
    key: 'discipline',
    name: '中共常州市纪律检查委员会 常州市监察委员会',
    shortName: '市纪委监委',
    head: '书记',
    size: 120,
    senior: true,
    departments: ['第一监督检查室', '第二监督检查室', '第一审查调查室', '案件审理室'],
  },
  {
    key: 'development',
    name: '常州市发展和改革委员会',
    shortName: '市发展改革委',
    head: '主任',
    size: 85,
    departments: ['规划处', '产业发展处', '投资处', '价格处'],
  },
  {
    key: 'education',
    name: '常州市教育局',
    shortName: '市教育局',
    head: '局长',
    size: 70,
    departments: ['基础教育处', '职业教育与社会教育处', '教师工作处', '督导室'],
  },
  {
    key: 'science',
    name: '常州市科学技术局',
    shortName: '市科技局',
    head: '局长',
    size: 40,
    departments: ['高新技术处', '科技合作处'],
  },
  {
    key: 'industry',
    name: '常州市工业和信息化局',
    shortName: '市工信局',
    head: '局长',
    size: 60,
    departments: ['产业发展处', '技术改造处', '信息化推进处'],
  },
  {
    key: 'ethnic',
    name: '常州市民族宗教事务局',
    shortName: '市民宗局',
    head: '局长',
    size: 25,
    departments: ['民族工作处', '宗教工作处'],
  },
  {
    key: 'police',
    name: '常州市公安局',
    shortName: '市公安局',
    head: '局长',
    size: 300,
    departments: ['治安支队', '刑事侦查支队', '交通警察支队', '出入境管理支队', '指挥中心'],
  },
  {
    key: 'civil_affairs',
    name: '常州市民政局',
    shortName: '市民政局',
    head: '局长',
    size: 45,
    departments: ['社会救助处', '养老服务处', '区划地名处'],
  },
  {
    key: 'justice',
    name: '常州市司法局',
    shortName: '市司法局',
    head: '局长',
    size: 55,
    departments: ['律师工作处', '公共法律服务处', '社区矫正处'],
  },
  {
    key: 'finance',
    name: '常州市财政局',
    shortName: '市财政局',
    head: '局长',
    size: 90,
    departments: ['预算处', '国库处', '行政政法处', '政府采购监管处'],
  },
  {
    key: 'human_resources',
    name: '常州市人力资源和社会保障局',
    shortName: '市人社局',
    head: '局长',
    size: 70,
    departments: ['就业促进处', '社会保险处', '劳动关系处'],
  },
  {
    key: 'natural_resources',
    name: '常州市自然资源和规划局',
    shortName: '市自然资源和规划局',
    head: '局长',
    size: 110,
    departments: ['国土空间规划处', '自然资源确权登记处', '耕地保护处', '执法监察支队'],
  },
  {
    key: 'environment',
    name: '常州市生态环境局',
    shortName: '市生态环境局',
    head: '局长',
    size: 75,
    departments: ['大气环境处', '水生态环境处', '环境影响评价处'],
  },
  {
    key: 'housing',
    name: '常州市住房和城乡建设局',
    shortName: '市住房城乡建设局',
    head: '局长',
    size: 80,
    departments: ['房地产市场监管处', '建筑市场监管处', '城市建设处'],
  },
  {
    key: 'urban_management',
    name: '常州市城市管理局',
    shortName: '市城管局',
    head: '局长',
    size: 60,
    departments: ['市容环卫处', '市政公用处', '执法监督处'],
  },
  {
    key: 'transport',
    name: '常州市交通运输局',
    shortName: '市交通运输局',
    head: '局长',
    size: 65,
    departments: ['综合运输处', '公路处', '港航处'],
  },
  {
    key: 'water',
    name: '常州市水利局',
    shortName: '市水利局',
    head: '局长',
    size: 40,
    departments: ['水资源处', '河湖管理处'],
  },
  {
    key: 'agriculture',
    name: '常州市农业农村局',
    shortName: '市农业农村局',
    head: '局长',
    size: 60,
    departments: ['乡村发展处', '种植业处', '畜牧兽医处'],
  },
  {
    key: 'commerce',
    name: '常州市商务局',
    shortName: '市商务局',
    head: '局长',
    size: 50,
    departments: ['对外贸易处', '外资处', '市场建设处'],
  },
  {
    key: 'culture',
    name: '常州市文化广电和旅游局',
    shortName: '市文广旅局',
    head: '局长',
    size: 55,
    departments: ['文化艺术处', '旅游发展处', '广播电视处', '文物处'],
  },
  {
    key: 'health',
    name: '常州市卫生健康委员会',
    shortName: '市卫生健康委',
    head: '主任',
    size: 65,
    departments: ['医政医管处', '疾病预防控制处', '基层卫生处', '妇幼健康处'],
  },
  {
    key: 'veterans',
    name: '常州市退役军人事务局',
    shortName: '市退役军人事务局',
    head: '局长',
    size: 30,
    departments: ['安置就业处', '优抚处'],
  },
  {
    key: 'emergency',
    name: '常州市应急管理局',
    shortName: '市应急管理局',
    head: '局长',
    size: 50,
    departments: ['安全生产综合协调处', '危险化学品监管处', '防汛抗旱处'],
  },
  {
    key: 'audit',
    name: '常州市审计局',
    shortName: '市审计局',
    head: '局长',
    size: 55,
    departments: ['财政审计处', '经济责任审计处', '固定资产投资审计处'],
  },
  {
    key: 'state_assets',
    name: '常州市人民政府国有资产监督管理委员会',
    shortName: '市国资委',
    head: '主任',
    size: 35,
    departments: ['产权管理处', '企业改革处'],
  },
  {
    key: 'market',
    name: '常州市市场监督管理局',
    shortName: '市市场监管局',
    head: '局长',
    size: 110,
    departments: ['登记注册处', '食品安全协调处', '质量发展处', '价格监督检查处'],
  },
  {
    key: 'sports',
    name: '常州市体育局',
    shortName: '市体育局',
    head: '局长',
    size: 25,
    departments: ['群众体育处', '竞技体育处'],
  },
  {
    key: 'statistics',
    name: '常州市统计局',
    shortName: '市统计局',
    head: '局长',
    size: 40,
    departments: ['国民经济核算处', '工业统计处', '社会科技统计处'],
  },
  {
    key: 'medical_security',
    name: '常州市医疗保障局',
    shortName: '市医保局',
    head: '局长',
    size: 35,
    departments: ['待遇保障处', '医药服务管理处', '基金监管处'],
  },
  {
    key: 'gov_services',
    name: '常州市政务服务管理办公室',
    shortName: '市政务办',
    head: '主任',
    size: 40,
    departments: ['审批服务处', '政务公开协调处'],
  },
  {
    key: 'petitions',
    name: '常州市信访局',
    shortName: '市信访局',
    head: '局长',
    size: 30,
    departments: ['来访接待处', '督查督办处'],
  },
  {
    key: 'financial_regulation',
    name: '常州市地方金融监督管理局',
    shortName: '市地方金融监管局',
    head: '局长',
    size: 25,
    departments: ['地方金融发展处', '金融监管处'],
  },
  {
    key: 'civil_defence',
    name: '常州市人民防空办公室',
    shortName: '市人防办',
    head: '主任',
    size: 25,
    departments: ['工程处', '指挥通信处'],
  },
  {
    key: 'bureau',
    name: '常州市机关事务管理局',
    shortName: '市机关事务管理局',
    head: '局长',
    size: 70,
    departments: [
      '办公用房管理处',
      '公务用车管理处',
      '公共机构节能管理处',
      '资产管理处',
      '安全保卫处',
      '机关服务处',
      '采购管理处',
    ],
  },
];

/** A district organ: `name` receives the district's unit prefix and party prefix. */
interface DistrictOrganTemplate {
  key: string;
  name: (j: JurisdictionSpec) => string;
  shortName: string;
  head: string;
  size: number;
  departments: readonly string[];
}

const STANDARD_DISTRICT_ORGANS: readonly DistrictOrganTemplate[] = [
  {
    key: 'party_office',
    name: (j) => `${j.partyPrefix}办公室`,
    shortName: '区委办',
    head: '主任',
    size: 30,
    departments: ['秘书科', '督查科', '信息科'],
  },
  {
    key: 'gov_office',
    name: (j) => `${j.prefix}人民政府办公室`,
    shortName: '区政府办',
    head: '主任',
    size: 30,
    departments: ['秘书科', '督查科', '政务公开科'],
  },
  {
    key: 'organisation',
    name: (j) => `${j.partyPrefix}组织部`,
    shortName: '区委组织部',
    head: '部长',
    size: 25,
    departments: ['干部科', '组织科'],
  },
  {
    key: 'development',
    name: (j) => `${j.prefix}发展和改革局`,
    shortName: '区发改局',
    head: '局长',
    size: 30,
    departments: ['规划科', '投资科', '价格科'],
  },
  {
    key: 'education',
    name: (j) => `${j.prefix}教育局`,
    shortName: '区教育局',
    head: '局长',
    size: 35,
    departments: ['基础教育科', '职业与社会教育科', '督导室'],
  },
  {
    key: 'police',
    name: (j) => `常州市公安局${j.name}分局`,
    shortName: '区公安分局',
    head: '局长',
    size: 160,
    departments: ['治安大队', '刑警大队', '交警大队', '派出所工作科'],
  },
  {
    key: 'finance',
    name: (j) => `${j.prefix}财政局`,
    shortName: '区财政局',
    head: '局长',
    size: 35,
    departments: ['预算科', '国库科', '政府采购科'],
  },
  {
    key: 'natural_resources',
    name: (j) => `常州市自然资源和规划局${j.name}分局`,
    shortName: '区自然资源分局',
    head: '局长',
    size: 40,
    departments: ['规划科', '耕地保护科', '不动产登记科'],
  },
  {
    key: 'housing',
    name: (j) => `${j.prefix}住房和城乡建设局`,
    shortName: '区住建局',
    head: '局长',
    size: 35,
    departments: ['建筑管理科', '房地产科', '城建科'],
  },
  {
    key: 'transport',
    name: (j) => `${j.prefix}交通运输局`,
    shortName: '区交通运输局',
    head: '局长',
    size: 30,
    departments: ['运输管理科', '公路科'],
  },
  {
    key: 'health',
    name: (j) => `${j.prefix}卫生健康局`,
    shortName: '区卫健局',
    head: '局长',
    size: 30,
    departments: ['医政科', '疾病预防控制科', '基层卫生科'],
  },
  {
    key: 'emergency',
    name: (j) => `${j.prefix}应急管理局`,
    shortName: '区应急管理局',
    head: '局长',
    size: 30,
    departments: ['安全生产科', '危化品监管科', '防汛防旱科'],
  },
  {
    key: 'audit',
    name: (j) => `${j.prefix}审计局`,
    shortName: '区审计局',
    head: '局长',
    size: 20,
    departments: ['财政审计科', '经济责任审计科'],
  },
  {
    key: 'market',
    name: (j) => `${j.prefix}市场监督管理局`,
    shortName: '区市场监管局',
    head: '局长',
    size: 60,
    departments: ['登记注册科', '食品安全科', '质量科'],
  },
  {
    key: 'offices_admin',
    name: (j) => `${j.prefix}机关事务管理中心`,
    shortName: '区机关事务管理中心',
    head: '主任',
    size: 25,
    departments: ['公务用车管理科', '办公用房管理科', '公共机构节能科', '后勤服务科'],
  },
];

const AGRICULTURE: DistrictOrganTemplate = {
  key: 'agriculture',
  name: (j) => `${j.prefix}农业农村局`,
  shortName: '区农业农村局',
  head: '局长',
  size: 35,
  departments: ['种植业科', '农村经营管理科'],
};
const URBAN_MANAGEMENT: DistrictOrganTemplate = {
  key: 'urban_management',
  name: (j) => `${j.prefix}城市管理局`,
  shortName: '区城管局',
  head: '局长',
  size: 40,
  departments: ['市容科', '市政科'],
};

/** 经开区 is an economic development zone: its organs are merged bureaus with their own names. */
const DEVELOPMENT_ZONE_ORGANS: readonly DistrictOrganTemplate[] = [
  {
    key: 'party_office',
    name: (j) => `${j.prefix}党政办公室`,
    shortName: '党政办',
    head: '主任',
    size: 35,
    departments: ['秘书科', '督查科', '信息科'],
  },
  {
    key: 'organisation',
    name: (j) => `${j.prefix}党群工作部`,
    shortName: '党群工作部',
    head: '部长',
    size: 25,
    departments: ['组织科', '宣传科'],
  },
  {
    key: 'development',
    name: (j) => `${j.prefix}经济发展局`,
    shortName: '经发局',
    head: '局长',
    size: 30,
    departments: ['产业科', '投资科'],
  },
  {
    key: 'science',
    name: (j) => `${j.prefix}科技局`,
    shortName: '科技局',
    head: '局长',
    size: 20,
    departments: ['科技创新科', '人才科'],
  },
  {
    key: 'finance',
    name: (j) => `${j.prefix}财政局`,
    shortName: '财政局',
    head: '局长',
    size: 30,
    departments: ['预算科', '国库科'],
  },
  {
    key: 'education',
    name: (j) => `${j.prefix}社会事业局`,
    shortName: '社会事业局',
    head: '局长',
    size: 35,
    departments: ['教育科', '卫生健康科', '文体科'],
  },
  {
    key: 'housing',
    name: (j) => `${j.prefix}建设局`,
    shortName: '建设局',
    head: '局长',
    size: 30,
    departments: ['建筑管理科', '城建科'],
  },
  {
    key: 'urban_management',
    name: (j) => `${j.prefix}城市管理局`,
    shortName: '城管局',
    head: '局长',
    size: 35,
    departments: ['市容科', '市政科'],
  },
  {
    key: 'environment',
    name: (j) => `${j.prefix}生态环境局`,
    shortName: '生态环境局',
    head: '局长',
    size: 25,
    departments: ['环境管理科', '执法监督科'],
  },
  {
    key: 'emergency',
    name: (j) => `${j.prefix}应急管理局`,
    shortName: '应急管理局',
    head: '局长',
    size: 25,
    departments: ['安全生产科', '防汛防旱科'],
  },
  {
    key: 'agriculture',
    name: (j) => `${j.prefix}农业农村局`,
    shortName: '农业农村局',
    head: '局长',
    size: 25,
    departments: ['种植业科', '农村经营管理科'],
  },
  {
    key: 'commerce',
    name: (j) => `${j.prefix}商务局`,
    shortName: '商务局',
    head: '局长',
    size: 20,
    departments: ['外贸科', '招商科'],
  },
  {
    key: 'audit',
    name: (j) => `${j.prefix}审计局`,
    shortName: '审计局',
    head: '局长',
    size: 15,
    departments: ['财政审计科'],
  },
  {
    key: 'police',
    name: () => '常州市公安局经开区分局',
    shortName: '经开区公安分局',
    head: '局长',
    size: 120,
    departments: ['治安大队', '刑警大队', '交警大队'],
  },
  {
    key: 'offices_admin',
    name: (j) => `${j.prefix}机关事务管理中心`,
    shortName: '机关事务管理中心',
    head: '主任',
    size: 20,
    departments: ['公务用车管理科', '办公用房管理科', '后勤服务科'],
  },
];

/** The organs of one district, in display order. */
export function districtOrgans(j: JurisdictionSpec): OrganSpec[] {
  let templates: readonly DistrictOrganTemplate[];
  if (j.key === 'JK') templates = DEVELOPMENT_ZONE_ORGANS;
  else {
    const list = [...STANDARD_DISTRICT_ORGANS];
    list.splice(list.length - 1, 0, j.urban ? URBAN_MANAGEMENT : AGRICULTURE);
    templates = list;
  }
  return templates.map((t) => ({
    key: t.key,
    name: t.name(j),
    shortName: t.shortName,
    head: t.head,
    size: t.size,
    departments: t.departments,
  }));
}
