import { createElement, lazy } from 'react';
import { UserOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

/** 我的: every civil servant's own items from the self-service modules, phone-friendly. */
export const mine: WebModule = {
  key: 'mine',
  path: 'mine',
  Component: lazy(() => import('./MinePage.tsx')),
  nav: [
    { key: 'mine', path: '/mine', label: { 'zh-CN': '我的', en: 'Mine' }, icon: createElement(UserOutlined) },
  ],
  dictionaries: [m],
};
