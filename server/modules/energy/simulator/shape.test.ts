import { describe, expect, it } from 'vitest';
import { consumption, localFields, type SimPoint } from './shape.ts';

const office: SimPoint = {
  id: 'a',
  code: 'A',
  energyType: 'electricity',
  subItem: 'lighting_sockets',
  multiplier: 1,
};
const hvac: SimPoint = { ...office, id: 'b', subItem: 'hvac' };

describe('simulated consumption', () => {
  it('reads calendar fields in the deployment zone (Shanghai is UTC+8)', () => {
    expect(localFields(new Date('2026-11-24T16:30:00Z'), 'Asia/Shanghai')).toEqual({
      doy: 329,
      hour: 0,
      dow: 3,
    });
  });

  it('is higher in working hours than at night and on weekends', () => {
    const wedNoon = new Date('2026-11-25T04:15:00Z'); // 12:15 in Shanghai
    const wedNight = new Date('2026-11-24T19:15:00Z'); // 03:15
    const satNoon = new Date('2026-11-28T04:15:00Z');
    const tz = 'Asia/Shanghai';
    expect(consumption(office, wedNoon, 15, tz)).toBeGreaterThan(2 * consumption(office, wedNight, 15, tz));
    expect(consumption(office, wedNoon, 15, tz)).toBeGreaterThan(2 * consumption(office, satNoon, 15, tz));
  });

  it('gives HVAC a summer peak over spring', () => {
    const tz = 'Asia/Shanghai';
    expect(consumption(hvac, new Date('2026-07-22T04:15:00Z'), 15, tz)).toBeGreaterThan(
      2 * consumption(hvac, new Date('2026-04-22T04:15:00Z'), 15, tz),
    );
  });
});
