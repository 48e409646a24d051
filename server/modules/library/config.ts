import { z } from 'zod';
import { moduleConfig, type Config } from '../../kernel/config.ts';

const schema = z.object({
  GOA_LIBRARY_LOAN_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  GOA_LIBRARY_MAX_RENEWALS: z.coerce.number().int().min(0).max(10).default(1),
  GOA_LIBRARY_MAX_LOANS: z.coerce.number().int().min(1).max(100).default(5),
  GOA_LIBRARY_HOLD_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  GOA_LIBRARY_REMIND_DAYS: z.coerce.number().int().min(0).max(30).default(2),
});

/** The library's lending rules. */
export interface LibraryRules {
  /** calendar days a loan or a renewal lasts (a due date on a non-working day moves to the next working day) */
  loanDays: number;
  maxRenewals: number;
  /** open loans a person may hold at once */
  maxLoans: number;
  /** working days a copy set aside for a hold waits for its reader */
  holdDays: number;
  /** how many days before the due date the reminder goes out */
  remindDays: number;
}

export function libraryRules(config: Config): LibraryRules {
  const e = moduleConfig(config, schema);
  return {
    loanDays: e.GOA_LIBRARY_LOAN_DAYS,
    maxRenewals: e.GOA_LIBRARY_MAX_RENEWALS,
    maxLoans: e.GOA_LIBRARY_MAX_LOANS,
    holdDays: e.GOA_LIBRARY_HOLD_DAYS,
    remindDays: e.GOA_LIBRARY_REMIND_DAYS,
  };
}
