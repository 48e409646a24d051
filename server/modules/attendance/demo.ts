import type { AppContext, Log } from '../../kernel/module.ts';

export async function seedAttendance(_ctx: AppContext, _log: Log): Promise<void> {}
