import { lazy } from 'react';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const library: WebModule = {
  key: 'library',
  path: 'library',
  Component: lazy(() => import('./index.tsx')),
  nav: [],
  dictionaries: [m],
};
