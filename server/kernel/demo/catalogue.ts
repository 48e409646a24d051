/**
 * The demo city's jurisdictions: 常州市 and its five districts, modelled on the seed report (a Changzhou
 * 机关事务管理局 work report). Their organs are in organs.ts, their institutions in institutions.ts.
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
