import { registerJob, registerSchedule } from '../../kernel/jobs/index.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { releaseNoShows } from './bookings.ts';
import type { RoomsConfig } from './config.ts';

export const RELEASE_JOB = 'rooms.release_no_shows';

/** Every minute: bookings nobody checked in to within the configured time free their room. */
export function registerRoomJobs(cfg: RoomsConfig): void {
  registerJob(RELEASE_JOB, async ({ db }) => {
    await releaseNoShows(db, SYSTEM_ACTOR, cfg.GOA_ROOMS_NO_SHOW_MINUTES);
  });
  registerSchedule(RELEASE_JOB, '* * * * *', RELEASE_JOB);
}
