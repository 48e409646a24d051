import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT, type Config } from './kernel/config.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * Builds the web app with Vite when web/dist is missing or older than web/src, so that
 * `npm install && npm start` is all a new user needs.
 */
export async function ensureWebBuilt(config: Config, log: (line: string) => void): Promise<void> {
  const src = path.join(PACKAGE_ROOT, 'web/src');
  const index = path.join(config.webDist, 'index.html');
  if (!fs.existsSync(src)) return;
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(src)) return;
  log('building the web app (once, after install or a change)…');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(PACKAGE_ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
  log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
