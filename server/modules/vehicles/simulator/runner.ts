import type { Log } from '../../../kernel/module.ts';
import { buildWorld, reportsAt, type Report, type SimWorld, type WorldData } from './world.ts';

/** Where the simulator learns what moves in a period: the database (in process) or the platform's API. */
export type WorldSource = (from: Date, to: Date) => Promise<WorldData>;

/** GET {url}/api/vehicles/simulator/world with a machine token of purpose vehicles.simulate. */
export function worldOverHttp(url: string, token: string): WorldSource {
  return async (from, to) => {
    const q = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
    const res = await fetch(`${url.replace(/\/$/, '')}/api/vehicles/simulator/world?${q}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok)
      throw new Error(`the simulator's world answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return (await res.json()) as WorldData;
  };
}

export interface SimulatorOptions {
  /** what moves (trips, depots) */
  world: WorldSource;
  /** the platform's base URL: positions go to POST {url}/api/vehicles/positions, like a GPS unit's */
  url: string;
  /** a machine token of purpose vehicles.position */
  token: string;
  /** simulated seconds between two reports of a moving vehicle */
  intervalSeconds: number;
  /** how much faster than real time the simulated clock runs while it is behind now */
  speedUp: number;
  /** where the simulated clock starts (default: now); it never runs past now */
  from?: Date;
  /** simulated seconds between two reports of a parked vehicle */
  parkedSeconds: number;
  timeZone: string;
  log: Log;
  /** after each step: the positions it posted, or why it failed (tests) */
  onStep?: (step: { at: number; posted: number } | { at: number; error: unknown }) => void;
}

/** Posts positions in batches of up to 1,000 to the ingest route with the machine token, as source `simulator`. */
export async function postPositions(url: string, token: string, items: readonly Report[]): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < items.length; i += 1000) {
    const res = await fetch(`${url.replace(/\/$/, '')}/api/vehicles/positions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(items.slice(i, i + 1000).map((r) => ({ ...r, source: 'simulator' }))),
    });
    if (!res.ok)
      throw new Error(`position ingest answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    accepted += ((await res.json()) as { accepted: number }).accepted;
  }
  return accepted;
}

/**
 * The simulator's loop. Each step advances the simulated clock by `intervalSeconds`, reports the
 * moving vehicles (and the parked ones every `parkedSeconds`), and posts them. While the clock is
 * behind now it runs `speedUp` times faster than real time; then it follows real time. The world
 * (trips, their status) is reloaded every simulated minute so started and finished trips show.
 */
export class VehicleSimulator {
  private stopped = false;
  private wake: (() => void) | null = null;
  private done: Promise<void> | null = null;
  posted = 0;

  constructor(private readonly o: SimulatorOptions) {}

  start(): void {
    this.done = this.loop().catch((e: unknown) => this.o.log(`vehicle simulator stopped: ${String(e)}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }

  /** One step at a simulated instant: load what moves around it and post the reports. */
  async step(at: number, world?: SimWorld, parked = true): Promise<number> {
    const w = world ?? (await this.world(at));
    const n = await postPositions(this.o.url, this.o.token, reportsAt(w, at, parked));
    this.posted += n;
    return n;
  }

  private async world(at: number): Promise<SimWorld> {
    return buildWorld(
      await this.o.world(new Date(at - 3_600_000), new Date(at + 3_600_000)),
      this.o.timeZone,
    );
  }

  private async loop(): Promise<void> {
    const step = this.o.intervalSeconds * 1000;
    let clock = Math.floor((this.o.from?.getTime() ?? Date.now()) / step) * step;
    let world: SimWorld | null = null;
    let loadedAt = -Infinity;
    let lastParked = -Infinity;
    let lastLog = Date.now();
    while (!this.stopped) {
      const parked = clock - lastParked >= this.o.parkedSeconds * 1000;
      try {
        if (!world || clock - loadedAt >= 60_000 || clock < loadedAt) {
          world = await this.world(clock);
          loadedAt = clock;
        }
        const posted = await this.step(clock, world, parked);
        if (parked) lastParked = clock;
        this.o.onStep?.({ at: clock, posted });
      } catch (e) {
        // the platform may be restarting or unreachable: try again next step
        this.o.log(`vehicle simulator: ${String(e)}`);
        this.o.onStep?.({ at: clock, error: e });
      }
      if (Date.now() - lastLog > 60_000) {
        this.o.log(
          `vehicle simulator: ${this.posted} positions posted, clock ${new Date(clock).toISOString()}`,
        );
        lastLog = Date.now();
      }
      const next = clock + step;
      const behind = next < Date.now();
      const delay = behind ? step / this.o.speedUp : next - Date.now();
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(0, delay));
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      clock = next;
    }
  }
}
