import { api, type Page, type Query } from '../../shared/api.ts';

export interface Book {
  id: string;
  unitId: string;
  unitName: string;
  isbn: string;
  title: string;
  author: string;
  publisher: string | null;
  publishedYear: number | null;
  category: string;
  location: string | null;
  summary: string | null;
  copies: number;
  available: number;
  waiting: number;
}

export interface BookInput {
  unitId: string;
  isbn: string;
  title: string;
  author: string;
  publisher?: string | null;
  publishedYear?: number | null;
  category: string;
  location?: string | null;
  summary?: string | null;
  barcodes: string[];
}

export interface Loan {
  id: string;
  bookId: string;
  title: string;
  author: string;
  isbn: string;
  barcode: string;
  personId: string;
  personName: string;
  unitName: string;
  borrowedAt: string;
  dueDate: string;
  renewals: number;
  canRenew: boolean;
  returnedAt: string | null;
  overdueDays: number;
  daysLeft: number;
}

export interface Hold {
  id: string;
  bookId: string;
  title: string;
  status: 'waiting' | 'ready' | 'fulfilled' | 'cancelled' | 'expired';
  position: number | null;
  readyUntil: string | null;
  barcode: string | null;
  createdAt: string;
}

export interface Mine {
  loans: Loan[];
  holds: Hold[];
  history: number;
}

export interface Stats {
  titles: number;
  copies: number;
  loansTotal: number;
  open: number;
  overdue: number;
  readers: number;
  byMonth: { month: string; loans: number }[];
  byCategory: { category: string; loans: number; titles: number }[];
  top: { bookId: string; title: string; author: string; loans: number }[];
  byUnit: { unitName: string; loans: number }[];
}

export const libraryApi = {
  books: (q: Query) => api.get<Page<Book>>('/api/library/books', q),
  createBook: (input: BookInput) => api.post<Book>('/api/library/books', input),
  mine: () => api.get<Mine>('/api/library/mine'),
  borrow: (code: string) => api.post<Loan>('/api/library/loans', { code }),
  giveBack: (code: string) => api.post<Loan>('/api/library/returns', { code }),
  renew: (id: string) => api.post<Loan>(`/api/library/loans/${id}/renew`),
  hold: (bookId: string) => api.post<Hold>('/api/library/holds', { bookId }),
  cancelHold: (id: string) => api.del(`/api/library/holds/${id}`),
  deskLoans: (q: Query) => api.get<Page<Loan>>('/api/library/desk/loans', q),
  deskLend: (personId: string, code: string) => api.post<Loan>('/api/library/desk/loans', { personId, code }),
  deskReturn: (code: string) => api.post<Loan>('/api/library/desk/returns', { code }),
  deskRenew: (id: string) => api.post<Loan>(`/api/library/desk/loans/${id}/renew`),
  stats: (q: Query) => api.get<Stats>('/api/library/stats', q),
};
