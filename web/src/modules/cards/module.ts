import { lazy } from 'react';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const cards: WebModule = {
  key: 'cards',
  path: 'cards',
  Component: lazy(() => import('./index.tsx')),
  nav: [],
  dictionaries: [m],
};
