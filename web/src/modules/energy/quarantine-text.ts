import { defineMessages, type Translate } from '../../app/i18n.ts';

/** The quarantine's source and detail texts (the server writes them in English, as codes). */
export const mq = defineMessages(
  'energy.quarantine',
  {
    source_http: 'HTTP 接口',
    source_mqtt: 'MQTT',
    source_import: '历史导入',
    source_simulator: '模拟器',
    source_estimate: '估算补点',
    source_readmit: '重新入库',
    backwards: '表码小于前一读数（或大于后一读数）',
    value: '读数不是数值',
    pointCode: '计量点编码格式错误',
    isoExpected: '时间戳须为 ISO 8601 格式',
    notADate: '时间戳不是有效日期',
    before2000: '时间戳早于 2000 年',
    kind: '读数类型须为 register 或 interval',
    fields: '字段不足（须为 point,ts,value）',
    future: '晚于当前时间 {minutes} 分钟以上',
    stored: '已存读数：{value}',
    sameBatch: '同一批次中已有：{value}',
  },
  {
    source_http: 'HTTP API',
    source_mqtt: 'MQTT',
    source_import: 'Import',
    source_simulator: 'Simulator',
    source_estimate: 'Gap fill',
    source_readmit: 'Re-admitted',
    backwards: 'Register below the reading before it (or above the one after it)',
    value: 'The value is not a number',
    pointCode: 'Malformed point code',
    isoExpected: 'The timestamp must be ISO 8601',
    notADate: 'The timestamp is not a valid date',
    before2000: 'The timestamp is before 2000',
    kind: 'The kind must be register or interval',
    fields: 'Too few fields (point,ts,value expected)',
    future: 'More than {minutes} min later than now',
    stored: 'Stored reading: {value}',
    sameBatch: 'Earlier in the same batch: {value}',
  },
);

type Key = keyof (typeof mq)['en'] & string;

const FIXED: Record<string, Key> = {
  'register below the reading before it (or above the one after it)': 'backwards',
  value: 'value',
  'point code': 'pointCode',
  'ISO 8601 expected': 'isoExpected',
  'not a date': 'notADate',
  'before 2000': 'before2000',
  kind: 'kind',
  fields: 'fields',
};

/** A quarantined reading's detail in the user's language (unknown texts as they came). */
export function quarantineDetail(t: Translate<Key>, detail: string | null): string {
  if (!detail) return '—';
  const fixed = FIXED[detail];
  if (fixed) return t(fixed);
  const future = /^later than now \+ (\d+) min$/.exec(detail);
  if (future) return t('future', { minutes: future[1]! });
  const stored = /^stored: (.*)$/.exec(detail);
  if (stored) return t('stored', { value: stored[1]! });
  const same = /^earlier in the same batch: (.*)$/.exec(detail);
  if (same) return t('sameBatch', { value: same[1]! });
  return detail;
}

/** Where a quarantined reading came from, in the user's language. */
export function quarantineSource(t: Translate<Key>, source: string): string {
  const key = `source_${source}`;
  return key in mq.en ? t(key as Key) : source;
}
