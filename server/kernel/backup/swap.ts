import fs from 'node:fs';
import path from 'node:path';
import { BackupError } from './common.ts';

/** A staged directory (`next`) to take the place of a live one (`current`). */
export interface Swap {
  current: string;
  next: string;
  what: string;
}

export interface Swapped {
  /** removes the directories moved aside: the restore succeeded */
  commit(): void;
  /** moves the directories that were aside back into place */
  rollback(): void;
}

const asideOf = (dir: string) => `${dir}.replaced`;

/**
 * A directory left aside by a restore that was killed half-way may be the only copy of the old
 * data: it is never removed silently.
 */
export function assertNoInterruptedRestore(swaps: readonly Pick<Swap, 'current' | 'what'>[]): void {
  for (const { current, what } of swaps) {
    const aside = asideOf(current);
    if (fs.existsSync(aside)) {
      throw new BackupError(
        `${aside} is left over from an interrupted restore and may hold the previous ${what}; ` +
          `check it, move it away or remove it, then restore again`,
      );
    }
  }
}

/**
 * Moves each live directory aside and its staged one into place, by renames on one file system.
 * Either all swaps happen or, on the first failure, those done are undone and the error thrown.
 */
export function swapIn(swaps: readonly Swap[]): Swapped {
  const done: { swap: Swap; aside: string | null; placed: boolean }[] = [];
  const rollback = () => {
    for (const step of [...done].reverse()) {
      if (step.placed) fs.rmSync(step.swap.current, { recursive: true, force: true });
      if (step.aside) fs.renameSync(step.aside, step.swap.current);
    }
    done.length = 0;
  };
  try {
    for (const swap of swaps) {
      const step: (typeof done)[number] = { swap, aside: null, placed: false };
      done.push(step);
      if (fs.existsSync(swap.current)) {
        fs.renameSync(swap.current, asideOf(swap.current));
        step.aside = asideOf(swap.current);
      } else {
        fs.mkdirSync(path.dirname(swap.current), { recursive: true });
      }
      fs.renameSync(swap.next, swap.current);
      step.placed = true;
    }
  } catch (e) {
    rollback();
    throw e;
  }
  return {
    commit() {
      for (const step of done) if (step.aside) fs.rmSync(step.aside, { recursive: true, force: true });
      done.length = 0;
    },
    rollback,
  };
}
