import type { Generated } from 'kysely';

export type AccountStatus = 'active' | 'frozen' | 'lost' | 'closed';
export type CardStatus = 'active' | 'lost' | 'replaced' | 'returned';
export type TxnKind = 'topup' | 'spend' | 'refund' | 'adjustment' | 'withdrawal';
/** the books of the double-entry ledger: a person's card, and the bureau's side of each kind */
export type Book = 'card' | 'cash' | 'canteen' | 'adjustment' | 'terminal';

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    card_account: {
      id: Generated<string>;
      person_id: string;
      jurisdiction_id: string;
      unit_id: string;
      status: Generated<AccountStatus>;
      balance: Generated<number>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    card_card: {
      id: Generated<string>;
      account_id: string;
      card_no: string;
      status: Generated<CardStatus>;
      issued_at: Generated<Date>;
      ended_at: Date | null;
    };
    card_txn: {
      id: Generated<string>;
      ref: string;
      kind: TxnKind;
      account_id: string;
      amount: number;
      memo: string | null;
      terminal_id: string | null;
      terminal_seq: number | null;
      reverses_id: string | null;
      occurred_at: Generated<Date>;
      created_at: Generated<Date>;
      actor_account_id: string | null;
    };
    card_entry: {
      id: Generated<number>;
      txn_id: string;
      book: Book;
      account_id: string | null;
      amount: number;
    };
  }
}
