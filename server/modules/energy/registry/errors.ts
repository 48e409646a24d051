import { DomainError, type ErrorKind, type Messages } from '../../../kernel/errors.ts';

/** The registry's stable error codes, each with the field it is about. */

function fieldError(kind: ErrorKind, field: string, code: string, messages: Messages, extra = {}) {
  return new DomainError(code, kind, messages, [{ field, code, message: messages.en, ...extra }]);
}

export const registryErrors = {
  institutionCodeTaken: () =>
    fieldError('conflict', 'code', 'institution_code_taken', {
      'zh-CN': '公共机构编码已被使用',
      en: 'The institution code is already in use',
    }),
  unknownUnit: () =>
    fieldError('invalid', 'unitId', 'unknown_unit', {
      'zh-CN': '关联的单位不存在',
      en: 'The linked unit does not exist',
    }),
  unitOtherJurisdiction: () =>
    fieldError('invalid', 'unitId', 'unit_other_jurisdiction', {
      'zh-CN': '关联的单位须属于同一辖区',
      en: 'The linked unit must belong to the same jurisdiction',
    }),
  jurisdictionOutOfScope: () =>
    fieldError('forbidden', 'jurisdictionId', 'out_of_scope', {
      'zh-CN': '目标辖区不在您的数据权限范围内',
      en: 'The target jurisdiction is outside your data scope',
    }),
  buildingNameTaken: () =>
    fieldError('conflict', 'name', 'building_name_taken', {
      'zh-CN': '该机构已有同名建筑',
      en: 'The institution already has a building of that name',
    }),
  pointCodeTaken: () =>
    fieldError('conflict', 'code', 'point_code_taken', {
      'zh-CN': '计量点编码已被使用',
      en: 'The point code is already in use',
    }),
  buildingOtherInstitution: () =>
    fieldError('invalid', 'buildingId', 'building_other_institution', {
      'zh-CN': '建筑不属于该公共机构',
      en: 'The building does not belong to this institution',
    }),
  subItemNotElectricity: () =>
    fieldError('invalid', 'subItem', 'sub_item_not_electricity', {
      'zh-CN': '只有电计量点可以设置分项',
      en: 'Only electricity points carry a sub-item',
    }),
  unknownParent: () =>
    fieldError('invalid', 'parentId', 'unknown_parent', {
      'zh-CN': '上级总表不存在',
      en: 'The main meter does not exist',
    }),
  parentMismatch: () =>
    fieldError('invalid', 'parentId', 'parent_mismatch', {
      'zh-CN': '上级总表须属于同一公共机构且能源种类相同',
      en: 'The main meter must belong to the same institution and measure the same energy',
    }),
  parentCycle: () =>
    fieldError('invalid', 'parentId', 'parent_cycle', {
      'zh-CN': '总表与分表的层级关系不能形成循环',
      en: 'The main-meter / sub-meter hierarchy cannot loop',
    }),
  formulaRequired: () =>
    fieldError('invalid', 'formula', 'formula_required', {
      'zh-CN': '虚拟表须填写计算公式，其他类型不能填写公式',
      en: 'A virtual meter needs a formula; other kinds take none',
    }),
  formulaSyntax: (position: number, detail: string) =>
    fieldError(
      'invalid',
      'formula',
      'formula_syntax',
      {
        'zh-CN': `公式在第 ${position + 1} 个字符处有语法错误`,
        en: `The formula has a syntax error at character ${position + 1}: ${detail}`,
      },
      { position },
    ),
  formulaUnknownPoints: (codes: string[]) =>
    fieldError(
      'invalid',
      'formula',
      'formula_unknown_points',
      {
        'zh-CN': `公式引用了不存在的计量点：${codes.join('、')}`,
        en: `The formula refers to unknown points: ${codes.join(', ')}`,
      },
      { codes },
    ),
  formulaEnergyMismatch: (codes: string[]) =>
    fieldError(
      'invalid',
      'formula',
      'formula_energy_mismatch',
      {
        'zh-CN': `公式引用的计量点能源种类不同：${codes.join('、')}`,
        en: `The formula refers to points of another energy type: ${codes.join(', ')}`,
      },
      { codes },
    ),
  formulaCycle: (path: string[]) =>
    fieldError(
      'invalid',
      'formula',
      'formula_cycle',
      {
        'zh-CN': `虚拟表公式形成循环引用：${path.join(' → ')}`,
        en: `The virtual meters refer to each other in a loop: ${path.join(' → ')}`,
      },
      { path },
    ),
  pointNotManual: () =>
    fieldError('invalid', 'pointId', 'point_not_manual', {
      'zh-CN': '只有离线（手工录入）计量点可以录入月度用量',
      en: 'Only offline (manual) points take monthly entries',
    }),
};
