import type { JurisdictionSpec } from './catalogue.ts';

/**
 * The 238 public institutions (事业单位) of the demo city: schools, hospitals, centres, institutes,
 * archives, libraries, broadcasters. Each type says how such a unit is organised and staffed.
 */
export type InstitutionType =
  | 'high_school'
  | 'junior_school'
  | 'primary_school'
  | 'kindergarten'
  | 'vocational'
  | 'hospital'
  | 'health_centre'
  | 'public_health'
  | 'culture'
  | 'media'
  | 'research'
  | 'service'
  | 'enforcement'
  | 'welfare'
  | 'fleet';

export interface InstitutionTypeSpec {
  departments: readonly string[];
  /** positions of the staff in its business departments */
  staff: readonly string[];
  /** headcount range in the city; district ones are a little smaller */
  size: readonly [number, number];
  /** a large institution's head holds a division rank in the city and a section rank in a district */
  large: boolean;
}

export const INSTITUTION_TYPES: Record<InstitutionType, InstitutionTypeSpec> = {
  high_school: {
    departments: ['办公室', '教务处', '学生处', '总务处', '教科室'],
    staff: ['教师'],
    size: [55, 80],
    large: true,
  },
  junior_school: {
    departments: ['办公室', '教导处', '德育处', '总务处'],
    staff: ['教师'],
    size: [35, 55],
    large: false,
  },
  primary_school: {
    departments: ['办公室', '教导处', '德育处', '总务处'],
    staff: ['教师'],
    size: [30, 50],
    large: false,
  },
  kindergarten: {
    departments: ['办公室', '保教处', '后勤处'],
    staff: ['幼儿教师', '保育员'],
    size: [15, 25],
    large: false,
  },
  vocational: {
    departments: ['办公室', '教务处', '学生处', '招生就业处', '实训中心'],
    staff: ['教师', '实训指导教师'],
    size: [55, 80],
    large: true,
  },
  hospital: {
    departments: ['院办公室', '医务科', '护理部', '财务科', '人事科', '门诊部', '内科', '外科'],
    staff: ['医师', '医师', '护士', '护士', '护士', '技师'],
    size: [90, 140],
    large: true,
  },
  health_centre: {
    departments: ['办公室', '全科医疗科', '公共卫生科', '护理部'],
    staff: ['医师', '护士', '护士'],
    size: [18, 30],
    large: false,
  },
  public_health: {
    departments: ['办公室', '业务科', '检验科', '财务科'],
    staff: ['专业技术人员'],
    size: [25, 45],
    large: false,
  },
  culture: {
    departments: ['办公室', '业务部', '典藏部', '社会教育部'],
    staff: ['馆员', '助理馆员'],
    size: [15, 30],
    large: false,
  },
  media: {
    departments: ['办公室', '总编室', '新闻中心', '节目中心', '技术中心'],
    staff: ['编辑', '记者', '播音员'],
    size: [50, 80],
    large: true,
  },
  research: {
    departments: ['办公室', '研究一室', '研究二室', '财务科'],
    staff: ['研究人员', '工程师'],
    size: [15, 30],
    large: false,
  },
  service: {
    departments: ['办公室', '综合科', '业务科', '财务科'],
    staff: ['工作人员'],
    size: [12, 28],
    large: false,
  },
  enforcement: {
    departments: ['办公室', '法制科', '执法一大队', '执法二大队'],
    staff: ['执法人员'],
    size: [30, 50],
    large: false,
  },
  welfare: {
    departments: ['办公室', '护理部', '后勤科'],
    staff: ['护理员', '社会工作者'],
    size: [18, 30],
    large: false,
  },
  fleet: {
    departments: ['办公室', '调度科', '车队', '安全技术科'],
    staff: ['驾驶员'],
    size: [70, 80],
    large: false,
  },
};

export interface InstitutionSpec {
  name: string;
  type: InstitutionType;
  /** keys of the organs it may belong to, first that exists wins; none: no parent */
  parent: readonly string[];
}

const I = (name: string, type: InstitutionType, ...parent: string[]): InstitutionSpec => ({
  name,
  type,
  parent,
});

/** The city's own institutions. */
const CITY: readonly InstitutionSpec[] = [
  // education
  ...[
    '江苏省常州高级中学',
    '常州市第一中学',
    '常州市第二中学',
    '常州市第三中学',
    '常州市北郊高级中学',
    '常州市田家炳高级中学',
    '常州市第五中学',
  ].map((n) => I(n, 'high_school', 'education')),
  ...[
    '常州市正衡中学',
    '常州市清潭中学',
    '常州市第二十四中学',
    '常州外国语学校',
    '常州市朝阳中学',
    '常州市特殊教育学校',
  ].map((n) => I(n, 'junior_school', 'education')),
  ...[
    '常州市局前街小学',
    '常州市觅渡桥小学',
    '常州市实验小学',
    '常州市博爱路小学',
    '常州市西横街小学',
    '常州市解放路小学',
    '常州市东坡小学',
    '常州市龙城小学',
    '常州市勤业小学',
    '常州市怀德苑小学',
  ].map((n) => I(n, 'primary_school', 'education')),
  I('常州市机关幼儿园', 'kindergarten', 'bureau'),
  I('常州市实验幼儿园', 'kindergarten', 'education'),
  I('常州市教工幼儿园', 'kindergarten', 'education'),
  ...[
    '常州刘国钧高等职业技术学校',
    '常州旅游商贸高等职业技术学校',
    '常州市高级职业技术学校',
    '常州开放大学',
  ].map((n) => I(n, 'vocational', 'education')),
  I('常州卫生高等职业技术学校', 'vocational', 'health'),
  I('常州市教育科学研究院', 'research', 'education'),
  I('常州市青少年活动中心', 'service', 'education'),
  // health
  ...[
    '常州市第一人民医院',
    '常州市第二人民医院',
    '常州市第三人民医院',
    '常州市第四人民医院',
    '常州市第七人民医院',
    '常州市中医医院',
    '常州市儿童医院',
    '常州市德安医院',
  ].map((n) => I(n, 'hospital', 'health')),
  ...['常州市妇幼保健院', '常州市疾病预防控制中心', '常州市急救中心', '常州市中心血站'].map((n) =>
    I(n, 'public_health', 'health'),
  ),
  I('常州市卫生健康综合监督所', 'enforcement', 'health'),
  I('常州市卫生健康信息中心', 'service', 'health'),
  // culture and media
  ...['常州图书馆', '常州博物馆', '常州市文化馆', '常州市非物质文化遗产保护中心'].map((n) =>
    I(n, 'culture', 'culture'),
  ),
  I('常州画院', 'research', 'culture'),
  I('常州市文化广电和旅游综合行政执法支队', 'enforcement', 'culture'),
  I('常州市档案馆', 'culture', 'party_office'),
  I('常州市广播电视台', 'media', 'publicity'),
  I('常州日报社', 'media', 'publicity'),
  I('常州市地方志办公室', 'research', 'gov_office'),
  // land, building and city services
  I('常州市不动产登记中心', 'service', 'natural_resources'),
  I('常州市规划设计院', 'research', 'natural_resources'),
  I('常州市测绘院', 'research', 'natural_resources'),
  I('常州市住房公积金管理中心', 'service', 'housing'),
  I('常州市建设工程质量安全监督站', 'service', 'housing'),
  I('常州市环境卫生管理处', 'service', 'urban_management'),
  I('常州市园林绿化管理中心', 'service', 'urban_management'),
  I('常州市公路事业发展中心', 'service', 'transport'),
  I('常州市港航事业发展中心', 'service', 'transport'),
  I('常州市交通运输综合行政执法支队', 'enforcement', 'transport'),
  I('常州市水利规划设计院', 'research', 'water'),
  I('常州市水利工程管理处', 'service', 'water'),
  I('常州市农业科学研究院', 'research', 'agriculture'),
  I('常州市农业技术推广中心', 'service', 'agriculture'),
  I('常州市动物疫病预防控制中心', 'public_health', 'agriculture'),
  I('常州市环境监测中心', 'public_health', 'environment'),
  I('常州市环境科学研究院', 'research', 'environment'),
  // people's services
  I('常州市社会保险基金管理中心', 'service', 'human_resources'),
  I('常州市就业服务中心', 'service', 'human_resources'),
  I('常州市社会福利院', 'welfare', 'civil_affairs'),
  I('常州市救助管理站', 'welfare', 'civil_affairs'),
  I('常州市殡仪馆', 'service', 'civil_affairs'),
  I('常州市政务服务中心', 'service', 'gov_services'),
  I('常州市公共资源交易中心', 'service', 'gov_services'),
  I('常州市产品质量监督检验所', 'research', 'market'),
  I('常州市医疗保障服务中心', 'service', 'medical_security'),
  I('常州市应急救援指挥中心', 'service', 'emergency'),
  // the bureau's own
  I('常州市机关服务中心', 'service', 'bureau'),
  I('常州市公务用车服务中心', 'fleet', 'bureau'),
  I('常州市公共机构节能中心', 'service', 'bureau'),
];

/** A district's institutions: its own centres first, then township schools and health centres. */
function districtInstitutions(j: JurisdictionSpec): InstitutionSpec[] {
  const p = j.prefix;
  const own: InstitutionSpec[] = [
    I(`${p}人民医院`, 'hospital', 'health', 'education'),
    I(`${p}疾病预防控制中心`, 'public_health', 'health', 'education'),
    I(`${p}高级中学`, 'high_school', 'education'),
    I(`${p}实验小学`, 'primary_school', 'education'),
    I(`${p}实验幼儿园`, 'kindergarten', 'education'),
    I(`${p}档案馆`, 'culture', 'party_office'),
    I(`${p}融媒体中心`, 'media', 'party_office'),
    I(`${p}政务服务中心`, 'service', 'gov_office', 'party_office'),
    I(`${p}不动产登记中心`, 'service', 'natural_resources', 'housing'),
    I(`${p}公共资源交易中心`, 'service', 'gov_office', 'party_office'),
    I(`${p}图书馆`, 'culture'),
  ];
  if (j.key !== 'JK') {
    own.push(
      I(`${p}中医医院`, 'hospital', 'health'),
      I(`${p}职业教育中心校`, 'vocational', 'education'),
      I(`${p}文化馆`, 'culture'),
      I(`${p}社会保险基金管理中心`, 'service'),
    );
  }
  if (!j.urban) {
    own.push(
      I(`${p}妇幼保健院`, 'public_health', 'health', 'education'),
      I(`${p}农业技术推广中心`, 'service', 'agriculture'),
    );
  }
  // township institutions, round by round over the towns, until the district's share is reached
  const rounds: ((town: string) => InstitutionSpec)[] = [
    (t) => I(`${p}${t}中心小学`, 'primary_school', 'education'),
    (t) => I(`${p}${t}社区卫生服务中心`, 'health_centre', 'health', 'education'),
    (t) => I(`${p}${t}初级中学`, 'junior_school', 'education'),
    (t) => I(`${p}${t}幼儿园`, 'kindergarten', 'education'),
    (t) => I(`${p}${t}实验学校`, 'junior_school', 'education'),
  ];
  const list = [...own];
  for (const round of rounds) {
    for (const town of j.towns) {
      if (list.length >= j.institutions) return list;
      list.push(round(town));
    }
  }
  if (list.length < j.institutions) throw new Error(`not enough towns in ${j.name} for its institutions`);
  return list;
}

/** The institutions of one jurisdiction, exactly `j.institutions` of them. */
export function institutionsOf(j: JurisdictionSpec): InstitutionSpec[] {
  const list = j.kind === 'city' ? [...CITY] : districtInstitutions(j);
  if (list.length !== j.institutions) {
    throw new Error(`${j.name} has ${list.length} institutions in the catalogue, expected ${j.institutions}`);
  }
  return list;
}
