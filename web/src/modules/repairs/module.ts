import { lazy } from 'react';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const repairs: WebModule = {
  key: 'repairs',
  path: 'repairs',
  Component: lazy(() => import('./index.tsx')),
  nav: [],
  dictionaries: [m],
};
