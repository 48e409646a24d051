/**
 * Titles of heads and department heads, as Chinese administrations name them: a 局 has a 局长, a
 * hospital a 院长, a 处 a 处长, a clinical department a 主任.
 */
const UNIT_HEAD_BY_SUFFIX: readonly [string, string][] = [
  ['办公室', '主任'],
  ['中心', '主任'],
  ['日报社', '社长'],
  ['电视台', '台长'],
  ['支队', '支队长'],
  ['幼儿园', '园长'],
  ['学校', '校长'],
  ['中学', '校长'],
  ['小学', '校长'],
  ['大学', '校长'],
  ['中心校', '校长'],
  ['馆', '馆长'],
  ['院', '院长'],
  ['所', '所长'],
  ['站', '站长'],
  ['处', '处长'],
];

/** The head's title of an institution, from its name. */
export function institutionHeadTitle(name: string): string {
  // the longest matching suffix wins (职业教育中心校 is a school, not a centre)
  let best: [string, string] | undefined;
  for (const entry of UNIT_HEAD_BY_SUFFIX) {
    if (name.endsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1] ?? '主任';
}

const CLINICAL = new Set(['内科', '外科', '检验科', '全科医疗科', '门诊部', '护理部']);

/** The title of a department's head, from the department's name. */
export function departmentHeadTitle(department: string): string {
  if (CLINICAL.has(department)) return '主任';
  if (department.endsWith('支队')) return '支队长';
  if (department.endsWith('大队')) return '大队长';
  if (department.endsWith('队')) return '队长';
  if (department.endsWith('处')) return '处长';
  if (department.endsWith('科')) return '科长';
  return '主任'; // 办公室, 督查室, 中心, 业务部 …
}

export const deputyTitle = (title: string): string => `副${title}`;
