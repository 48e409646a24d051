import { api, type Page, type Query } from '../../shared/api.ts';

export type AccountStatus = 'active' | 'frozen' | 'lost' | 'closed';
export type TxnKind = 'topup' | 'spend' | 'refund' | 'adjustment' | 'withdrawal';

export interface Account {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  unitId: string;
  unitName: string;
  status: AccountStatus;
  balance: number;
  cardNo: string | null;
  cardStatus: string | null;
  updatedAt: string;
}

export interface Txn {
  id: string;
  ref: string;
  kind: TxnKind;
  amount: number;
  memo: string | null;
  terminalId: string | null;
  occurredAt: string;
  balanceAfter: number;
  refunded: boolean;
}

export interface AccountDetail extends Account {
  cards: { id: string; cardNo: string; status: string; issuedAt: string; endedAt: string | null }[];
  recent: Txn[];
}

export interface Statement {
  account: Account;
  month: string;
  opening: number;
  closing: number;
  totals: Record<string, number>;
  items: Txn[];
}

export type CardAction = 'loss' | 'replace' | 'freeze' | 'unfreeze' | 'return';

export const cardsApi = {
  mine: () => api.get<{ account: AccountDetail | null }>('/api/cards/mine'),
  reportMyLoss: () => api.post<{ account: AccountDetail }>('/api/cards/mine/loss'),
  myStatement: (month: string) => api.get<Statement>('/api/cards/mine/statement', { month }),
  myStatementXlsx: (month: string) =>
    api.download('/api/cards/mine/statement.xlsx', { month }, `statement-${month}.xlsx`),
  accounts: (q: Query) => api.get<Page<Account>>('/api/cards/accounts', q),
  account: (id: string) => api.get<AccountDetail>(`/api/cards/accounts/${id}`),
  statement: (id: string, month: string) =>
    api.get<Statement>(`/api/cards/accounts/${id}/statement`, { month }),
  statementXlsx: (id: string, month: string) =>
    api.download(`/api/cards/accounts/${id}/statement.xlsx`, { month }, `statement-${month}.xlsx`),
  issue: (personId: string, topUp: number) =>
    api.post<AccountDetail>('/api/cards/accounts', { personId, topUp }),
  action: (id: string, action: CardAction) => api.post<AccountDetail>(`/api/cards/accounts/${id}/${action}`),
  topUp: (id: string, amount: number) => api.post(`/api/cards/accounts/${id}/topups`, { amount }),
  adjust: (id: string, amount: number, memo: string) =>
    api.post(`/api/cards/accounts/${id}/adjustments`, { amount, memo }),
  refund: (txnId: string) => api.post(`/api/cards/txns/${txnId}/refund`, {}),
  importCsv: (csv: string) =>
    api.post<{ imported: number; spent: number; refunded: number }>('/api/cards/import', { csv }),
};
