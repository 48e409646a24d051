import type { Db } from '../db/schema.ts';
import type { DataScope } from '../access/scope.ts';
import { rankLabel, RANKS } from './ranks.ts';
import { findUnits } from './repository.ts';
import { findPeople } from './people-repository.ts';
import { writeSheet, type Column } from './excel.ts';
import { PEOPLE_COLUMNS, UNIT_COLUMNS } from './rows.ts';
import type { PersonFilters, UnitFilters } from './schemas.ts';
import { GENDERS, PERSON_STATUSES, UNIT_KINDS, UNIT_LEVELS } from './vocab.ts';

/**
 * Excel exports of units and people (the same filters and scope as the lists) and the people import
 * template. Exports use the import's columns, so an exported file re-imports unchanged; columns the
 * import does not read (单位名称 of a person, 实有人数 of a unit) are for reading only.
 */

const zh = 'zh-CN' as const;

export async function exportUnits(db: Db, scope: DataScope, filters: UnitFilters): Promise<Buffer> {
  const { items } = await findUnits(db, scope, filters);
  const columns: Column[] = [...UNIT_COLUMNS, { key: 'headcount', header: '实有人数', width: 10 }];
  return writeSheet(
    '单位',
    columns,
    items.map((u) => ({
      code: u.code,
      name: u.name,
      shortName: u.shortName,
      kind: UNIT_KINDS.label(u.kind, zh),
      level: UNIT_LEVELS.label(u.level, zh),
      jurisdiction: u.jurisdictionName,
      parentCode: u.parentCode,
      establishment: u.establishment,
      address: u.address,
      headcount: u.headcount,
    })),
  );
}

export async function exportPeople(db: Db, scope: DataScope, filters: PersonFilters): Promise<Buffer> {
  const { items } = await findPeople(db, scope, filters, zh);
  const columns: Column[] = [...PEOPLE_COLUMNS];
  columns.splice(4, 0, { key: 'unitName', header: '单位名称', width: 28 });
  return writeSheet(
    '人员',
    columns,
    items.map((p) => ({
      employeeNo: p.employeeNo,
      name: p.name,
      gender: p.gender ? GENDERS.label(p.gender, zh) : null,
      unitCode: p.unitCode,
      unitName: p.unitName,
      department: p.departmentName,
      rank: rankLabel(p.rank, zh),
      position: p.position,
      phone: p.phone,
      email: p.email,
      status: PERSON_STATUSES.label(p.status, zh),
    })),
  );
}

const TEMPLATE_ROWS = 2000;

/** An empty people sheet with drop-down lists, and a second sheet explaining every column. */
export async function peopleTemplate(): Promise<Buffer> {
  const list = (labels: string[]) => ({
    type: 'list' as const,
    allowBlank: true,
    formulae: [`"${labels.join(',')}"`],
  });
  const lists: Record<string, ReturnType<typeof list>> = {
    gender: list(GENDERS.codes.map((c) => GENDERS.label(c, zh))),
    rank: list(RANKS.map((r) => r.label[zh])),
    status: list(PERSON_STATUSES.codes.map((c) => PERSON_STATUSES.label(c, zh))),
  };
  return writeSheet('人员', PEOPLE_COLUMNS, [], (workbook, sheet) => {
    PEOPLE_COLUMNS.forEach((c, i) => {
      const validation = lists[c.key];
      if (!validation) return;
      for (let row = 2; row <= TEMPLATE_ROWS + 1; row++)
        sheet.getCell(row, i + 1).dataValidation = validation;
    });
    const help = workbook.addWorksheet('填写说明');
    help.columns = [
      { header: '列', key: 'column', width: 12 },
      { header: '是否必填', key: 'required', width: 10 },
      { header: '说明', key: 'note', width: 90 },
    ];
    help.getRow(1).font = { bold: true };
    const notes: Record<string, string> = {
      employeeNo:
        '唯一标识一名人员:已存在的工号更新该人员,否则新建。字母、数字、下划线、点或短横线,最多 32 位',
      name: '最多 50 个字',
      gender: '男 / 女',
      unitCode: '人员所在单位的单位编码(可在“单位”导出表中查到)',
      department: '单位内的部门名称;不存在的部门会自动创建',
      rank: RANKS.map((r) => r.label[zh]).join(' / '),
      position: '如 科长、副主任,最多 50 个字',
      phone: '数字、空格、+、-、括号,最多 30 位',
      email: '接收邮件通知的地址,如 zhang.san@example.gov.cn',
      status: '在职 / 调出 / 退休;新人员留空为在职',
    };
    for (const c of PEOPLE_COLUMNS) {
      help.addRow({ column: c.header, required: 'required' in c ? '必填' : '选填', note: notes[c.key] });
    }
    help.addRow({});
    help.addRow({ note: '选填列留空:新人员取默认值,已有人员保留原值。' });
    help.addRow({ note: `一次最多导入 20000 行;任何一行有错误时不写入任何数据,并列出每一行的错误。` });
  });
}
