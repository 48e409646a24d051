import type { JurisdictionSpec } from './catalogue.ts';

/**
 * The organs (机关) of the city and of each district. Sizes are headcounts before the plan scales them
 * to the demo (plan.ts); departments follow the common ones every organ has (办公室, 综合处/科,
 * 人事处/科, 财务处/科). Kept as tables: one organ a line, columns separated by `|`, departments by
 * spaces; `senior` marks an organ whose head is a city-level deputy (副厅).
 */
export interface OrganSpec {
  /** stable key, unique within its jurisdiction: institutions name their parent by it */
  key: string;
  name: string;
  shortName: string;
  /** the title of its head: 局长, 主任, 部长, 书记 … */
  head: string;
  size: number;
  departments: readonly string[];
  senior: boolean;
}

function table(text: string, fill: (s: string) => string = (s) => s): OrganSpec[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [key, name, shortName, head, size, departments, flag] = line.split('|').map((c) => c.trim());
      if (!key || !name || !shortName || !head || !size || !departments)
        throw new Error(`bad organ line: ${line}`);
      return {
        key,
        name: fill(name),
        shortName,
        head,
        size: Number(size),
        departments: departments.split(/\s+/),
        senior: flag === 'senior',
      };
    });
}

/** The city's organs: about forty, the bureau (市机关事务管理局) among them. */
export const CITY_ORGANS: readonly OrganSpec[] = table(`
party_office         | 中共常州市委办公室 | 市委办公室 | 主任 | 80 | 秘书处 督查处 信息处 调研处 | senior
gov_office           | 常州市人民政府办公室 | 市政府办公室 | 主任 | 90 | 秘书一处 秘书二处 督查室 政务公开处 | senior
organisation         | 中共常州市委组织部 | 市委组织部 | 部长 | 60 | 干部一处 干部二处 组织处 公务员管理处 | senior
publicity            | 中共常州市委宣传部 | 市委宣传部 | 部长 | 45 | 理论处 新闻处 文艺处 | senior
united_front         | 中共常州市委统一战线工作部 | 市委统战部 | 部长 | 35 | 党派处 经济处 | senior
legal_affairs        | 中共常州市委政法委员会 | 市委政法委 | 书记 | 30 | 执法监督处 维稳指导处 | senior
discipline           | 中共常州市纪律检查委员会 常州市监察委员会 | 市纪委监委 | 书记 | 120 | 第一监督检查室 第二监督检查室 第一审查调查室 案件审理室 | senior
development          | 常州市发展和改革委员会 | 市发展改革委 | 主任 | 85 | 规划处 产业发展处 投资处 价格处
education            | 常州市教育局 | 市教育局 | 局长 | 70 | 基础教育处 职业教育与社会教育处 教师工作处 督导室
science              | 常州市科学技术局 | 市科技局 | 局长 | 40 | 高新技术处 科技合作处
industry             | 常州市工业和信息化局 | 市工信局 | 局长 | 60 | 产业发展处 技术改造处 信息化推进处
ethnic               | 常州市民族宗教事务局 | 市民宗局 | 局长 | 25 | 民族工作处 宗教工作处
police               | 常州市公安局 | 市公安局 | 局长 | 300 | 治安支队 刑事侦查支队 交通警察支队 出入境管理支队 指挥中心
civil_affairs        | 常州市民政局 | 市民政局 | 局长 | 45 | 社会救助处 养老服务处 区划地名处
justice              | 常州市司法局 | 市司法局 | 局长 | 55 | 律师工作处 公共法律服务处 社区矫正处
finance              | 常州市财政局 | 市财政局 | 局长 | 90 | 预算处 国库处 行政政法处 政府采购监管处
human_resources      | 常州市人力资源和社会保障局 | 市人社局 | 局长 | 70 | 就业促进处 社会保险处 劳动关系处
natural_resources    | 常州市自然资源和规划局 | 市自然资源和规划局 | 局长 | 110 | 国土空间规划处 自然资源确权登记处 耕地保护处 执法监察支队
environment          | 常州市生态环境局 | 市生态环境局 | 局长 | 75 | 大气环境处 水生态环境处 环境影响评价处
housing              | 常州市住房和城乡建设局 | 市住房城乡建设局 | 局长 | 80 | 房地产市场监管处 建筑市场监管处 城市建设处
urban_management     | 常州市城市管理局 | 市城管局 | 局长 | 60 | 市容环卫处 市政公用处 执法监督处
transport            | 常州市交通运输局 | 市交通运输局 | 局长 | 65 | 综合运输处 公路处 港航处
water                | 常州市水利局 | 市水利局 | 局长 | 40 | 水资源处 河湖管理处
agriculture          | 常州市农业农村局 | 市农业农村局 | 局长 | 60 | 乡村发展处 种植业处 畜牧兽医处
commerce             | 常州市商务局 | 市商务局 | 局长 | 50 | 对外贸易处 外资处 市场建设处
culture              | 常州市文化广电和旅游局 | 市文广旅局 | 局长 | 55 | 文化艺术处 旅游发展处 广播电视处 文物处
health               | 常州市卫生健康委员会 | 市卫生健康委 | 主任 | 65 | 医政医管处 疾病预防控制处 基层卫生处 妇幼健康处
veterans             | 常州市退役军人事务局 | 市退役军人事务局 | 局长 | 30 | 安置就业处 优抚处
emergency            | 常州市应急管理局 | 市应急管理局 | 局长 | 50 | 安全生产综合协调处 危险化学品监管处 防汛抗旱处
audit                | 常州市审计局 | 市审计局 | 局长 | 55 | 财政审计处 经济责任审计处 固定资产投资审计处
state_assets         | 常州市人民政府国有资产监督管理委员会 | 市国资委 | 主任 | 35 | 产权管理处 企业改革处
market               | 常州市市场监督管理局 | 市市场监管局 | 局长 | 110 | 登记注册处 食品安全协调处 质量发展处 价格监督检查处
sports               | 常州市体育局 | 市体育局 | 局长 | 25 | 群众体育处 竞技体育处
statistics           | 常州市统计局 | 市统计局 | 局长 | 40 | 国民经济核算处 工业统计处 社会科技统计处
medical_security     | 常州市医疗保障局 | 市医保局 | 局长 | 35 | 待遇保障处 医药服务管理处 基金监管处
gov_services         | 常州市政务服务管理办公室 | 市政务办 | 主任 | 40 | 审批服务处 政务公开协调处
petitions            | 常州市信访局 | 市信访局 | 局长 | 30 | 来访接待处 督查督办处
financial_regulation | 常州市地方金融监督管理局 | 市地方金融监管局 | 局长 | 25 | 地方金融发展处 金融监管处
civil_defence        | 常州市人民防空办公室 | 市人防办 | 主任 | 25 | 工程处 指挥通信处
bureau               | 常州市机关事务管理局 | 市机关事务管理局 | 局长 | 70 | 办公用房管理处 公务用车管理处 公共机构节能管理处 资产管理处 安全保卫处 机关服务处 采购管理处
`);

// District tables: {区} is the district's unit prefix (常州市武进区), {区委} its party committee
// (中共常州市武进区委), {名} its name (武进区).
const STANDARD_DISTRICT = `
party_office      | {区委}办公室 | 区委办 | 主任 | 30 | 秘书科 督查科 信息科
gov_office        | {区}人民政府办公室 | 区政府办 | 主任 | 30 | 秘书科 督查科 政务公开科
organisation      | {区委}组织部 | 区委组织部 | 部长 | 25 | 干部科 组织科
development       | {区}发展和改革局 | 区发改局 | 局长 | 30 | 规划科 投资科 价格科
education         | {区}教育局 | 区教育局 | 局长 | 35 | 基础教育科 职业与社会教育科 督导室
police            | 常州市公安局{名}分局 | 区公安分局 | 局长 | 160 | 治安大队 刑警大队 交警大队 派出所工作科
finance           | {区}财政局 | 区财政局 | 局长 | 35 | 预算科 国库科 政府采购科
natural_resources | 常州市自然资源和规划局{名}分局 | 区自然资源分局 | 局长 | 40 | 规划科 耕地保护科 不动产登记科
housing           | {区}住房和城乡建设局 | 区住建局 | 局长 | 35 | 建筑管理科 房地产科 城建科
transport         | {区}交通运输局 | 区交通运输局 | 局长 | 30 | 运输管理科 公路科
health            | {区}卫生健康局 | 区卫健局 | 局长 | 30 | 医政科 疾病预防控制科 基层卫生科
emergency         | {区}应急管理局 | 区应急管理局 | 局长 | 30 | 安全生产科 危化品监管科 防汛防旱科
audit             | {区}审计局 | 区审计局 | 局长 | 20 | 财政审计科 经济责任审计科
market            | {区}市场监督管理局 | 区市场监管局 | 局长 | 60 | 登记注册科 食品安全科 质量科
`;
const SUBURBAN = `agriculture | {区}农业农村局 | 区农业农村局 | 局长 | 35 | 种植业科 农村经营管理科`;
const URBAN = `urban_management | {区}城市管理局 | 区城管局 | 局长 | 40 | 市容科 市政科`;
const OFFICES_ADMIN = `offices_admin | {区}机关事务管理中心 | 区机关事务管理中心 | 主任 | 25 | 公务用车管理科 办公用房管理科 公共机构节能科 后勤服务科`;

/** 经开区 is an economic development zone: its organs are merged bureaus with names of their own. */
const DEVELOPMENT_ZONE = `
party_office     | {区}党政办公室 | 党政办 | 主任 | 35 | 秘书科 督查科 信息科
organisation     | {区}党群工作部 | 党群工作部 | 部长 | 25 | 组织科 宣传科
development      | {区}经济发展局 | 经发局 | 局长 | 30 | 产业科 投资科
science          | {区}科技局 | 科技局 | 局长 | 20 | 科技创新科 人才科
finance          | {区}财政局 | 财政局 | 局长 | 30 | 预算科 国库科
education        | {区}社会事业局 | 社会事业局 | 局长 | 35 | 教育科 卫生健康科 文体科
housing          | {区}建设局 | 建设局 | 局长 | 30 | 建筑管理科 城建科
urban_management | {区}城市管理局 | 城管局 | 局长 | 35 | 市容科 市政科
environment      | {区}生态环境局 | 生态环境局 | 局长 | 25 | 环境管理科 执法监督科
emergency        | {区}应急管理局 | 应急管理局 | 局长 | 25 | 安全生产科 防汛防旱科
agriculture      | {区}农业农村局 | 农业农村局 | 局长 | 25 | 种植业科 农村经营管理科
commerce         | {区}商务局 | 商务局 | 局长 | 20 | 外贸科 招商科
audit            | {区}审计局 | 审计局 | 局长 | 15 | 财政审计科
police           | 常州市公安局{名}分局 | 经开区公安分局 | 局长 | 120 | 治安大队 刑警大队 交警大队
offices_admin    | {区}机关事务管理中心 | 机关事务管理中心 | 主任 | 20 | 公务用车管理科 办公用房管理科 后勤服务科
`;

/** The organs of one district, in display order. */
export function districtOrgans(j: JurisdictionSpec): OrganSpec[] {
  const fill = (s: string) =>
    s.replaceAll('{区委}', j.partyPrefix).replaceAll('{区}', j.prefix).replaceAll('{名}', j.name);
  if (j.key === 'JK') return table(DEVELOPMENT_ZONE, fill);
  return table([STANDARD_DISTRICT.trim(), j.urban ? URBAN : SUBURBAN, OFFICES_ADMIN].join('\n'), fill);
}
