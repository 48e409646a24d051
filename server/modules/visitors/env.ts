import type { AppContext } from '../../kernel/module.ts';
import { visitorsConfig, type VisitorsConfig } from './config.ts';
import { loadDataKey, PersonalDataCipher } from './crypto.ts';

/** What the visitors services need besides the database: settings and the personal-data cipher. */
export interface VisitorsEnv {
  settings: VisitorsConfig;
  cipher: PersonalDataCipher;
}

const envs = new WeakMap<AppContext['config'], VisitorsEnv>();

/** One env per configuration (a test app or the platform), made on first use. */
export function visitorsEnv(ctx: Pick<AppContext, 'config'>): VisitorsEnv {
  let env = envs.get(ctx.config);
  if (!env) {
    const settings = visitorsConfig(ctx.config);
    env = { settings, cipher: new PersonalDataCipher(loadDataKey(settings.dataKey, ctx.config.dataDir)) };
    envs.set(ctx.config, env);
  }
  return env;
}
