import { describe, expect, it } from 'vitest';
import { cleanReading, parseCsvLines, type IncomingReading, type Rejected } from './parse.ts';
import { readingsOf } from '../mqtt/topics.ts';

describe('reading shape checks', () => {
  it('accepts ISO instants with an offset and naive local times', () => {
    expect(cleanReading({ point: 'P1', ts: '2026-11-25T08:00:00+08:00', value: 12.5 })).toEqual({
      point: 'P1',
      ts: '2026-11-25T08:00:00+08:00',
      naive: false,
      at: Date.parse('2026-11-25T00:00:00Z'),
      fine: false,
      value: 12.5,
      register: true,
      estimated: false,
    });
    expect(cleanReading({ point: 'P1', ts: '2026-11-25 08:00', value: '3', kind: 'interval' })).toMatchObject(
      {
        naive: true,
        value: 3,
        register: false,
      },
    );
  });

  it('reads a timestamp seen before (from its cache) exactly as the first time, also a rejected one', () => {
    for (let i = 0; i < 3; i++) {
      expect(cleanReading({ point: `P${i}`, ts: '2026-11-25T08:15:00.1234+08:00', value: i })).toMatchObject({
        point: `P${i}`,
        at: Date.parse('2026-11-25T00:15:00.123Z'),
        fine: true,
        value: i,
      });
      expect(cleanReading({ point: `P${i}`, ts: '1999-12-31T23:59:00Z', value: i })).toMatchObject({
        reason: 'bad_timestamp',
        detail: 'before 2000',
        point: `P${i}`,
        value: String(i),
      });
    }
  });

  it.each([
    [{ point: 'P1', ts: '2026-11-25T08:00Z', value: 'abc' }, 'non_numeric'],
    [{ point: 'P1', ts: '2026-11-25T08:00Z', value: null }, 'non_numeric'],
    [{ point: 'P1', ts: '2026-11-25T08:00Z', value: Infinity }, 'non_numeric'],
    [{ point: 'P1', ts: 'tomorrow', value: 1 }, 'bad_timestamp'],
    [{ point: 'P1', ts: '2026-13-45T08:00Z', value: 1 }, 'bad_timestamp'],
    [{ point: 'P1', ts: '1999-12-31T23:00Z', value: 1 }, 'bad_timestamp'],
    [{ point: 'bad code!', ts: '2026-11-25T08:00Z', value: 1 }, 'malformed'],
    [{ point: 'P1', ts: '2026-11-25T08:00Z', value: 1, kind: 'avg' }, 'malformed'],
  ])('quarantines %j as %s', (input, reason) => {
    expect(cleanReading(input as IncomingReading)).toMatchObject({ reason });
  });

  it('splits CSV lines, skipping a header and reporting short lines', () => {
    const out: (IncomingReading | Rejected)[] = [];
    parseCsvLines(
      ['point,ts,value', 'P1,2026-11-25T08:00Z,5\r', '', 'P2,2026-11-25T08:00Z,1,interval', 'P3,x'],
      (r) => out.push(r),
    );
    expect(out).toEqual([
      { point: 'P1', ts: '2026-11-25T08:00Z', value: '5', kind: undefined },
      { point: 'P2', ts: '2026-11-25T08:00Z', value: '1', kind: 'interval' },
      { point: 'P3', ts: 'x', value: null, reason: 'malformed', detail: 'fields' },
    ]);
  });

  it('reads both MQTT topic forms and turns bad payloads into quarantined rows', () => {
    expect(readingsOf('goa/readings/P1', Buffer.from('{"ts":"2026-11-25T08:00Z","value":3}'))).toEqual([
      { point: 'P1', ts: '2026-11-25T08:00Z', value: 3, kind: undefined },
    ]);
    expect(readingsOf('goa/readings', Buffer.from('[{"point":"P1","ts":"t","value":1}, 5]'))).toEqual([
      { point: 'P1', ts: 't', value: 1 },
      { point: null, ts: null, value: '5', reason: 'malformed', detail: 'object expected' },
    ]);
    expect(readingsOf('goa/readings/P1', Buffer.from('nope'))).toMatchObject([{ reason: 'malformed' }]);
    expect(readingsOf('goa/other', Buffer.from('{}'))).toBeNull();
    expect(readingsOf('goa/readings/a/b', Buffer.from('{}'))).toBeNull();
  });
});
