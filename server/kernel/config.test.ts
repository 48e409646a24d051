import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configProblems, loadConfig, moduleConfig } from './config.ts';

describe('configuration', () => {
  it('parses the kernel variables with their defaults', () => {
    const c = loadConfig({ PORT: '4000' });
    expect(c.port).toBe(4000);
    expect(c.timeZone).toBe('Asia/Shanghai');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('refuses a bad value naming the variable', () => {
    expect(() => loadConfig({ PORT: 'many' })).toThrow(/PORT/);
  });

  it("hands modules their own variables and parses them with the module's schema", () => {
    const c = loadConfig({ GOA_MQTT_PORT: '1884', MQTT_URL: 'mqtt://broker:1883', HOME: '/root' });
    expect(c.moduleEnv).toEqual({ GOA_MQTT_PORT: '1884', MQTT_URL: 'mqtt://broker:1883' });
    const schema = z.object({
      GOA_MQTT_PORT: z.coerce.number().int().default(1883),
      MQTT_URL: z.string().optional(),
    });
    expect(moduleConfig(c, schema)).toEqual({ GOA_MQTT_PORT: 1884, MQTT_URL: 'mqtt://broker:1883' });
    expect(() => moduleConfig(loadConfig({ GOA_MQTT_PORT: 'x' }), schema)).toThrow(/GOA_MQTT_PORT/);
  });

  it('tells a configuration error apart, with one line per bad variable, for the CLI to print', () => {
    let thrown: unknown;
    try {
      loadConfig({ SMTP_URL: 'http://mail', GOA_NOTIFY_WECOM_WEBHOOK: 'not a url' });
    } catch (e) {
      thrown = e;
    }
    const lines = configProblems(thrown);
    expect(lines).toHaveLength(2);
    expect(lines!.join('\n')).toMatch(/SMTP_URL: SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(lines!.join('\n')).toMatch(/GOA_NOTIFY_WECOM_WEBHOOK: /);
    expect(configProblems(new Error('disk full'))).toBeNull();
    expect(configProblems('Invalid configuration:')).toBeNull();
  });
});
