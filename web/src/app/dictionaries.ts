import type { Dictionary } from './i18n.ts';
import { shell } from './messages.ts';
import { common } from '../shared/messages.ts';
import { issueMessages } from '../shared/errors.ts';
import { m as home } from '../modules/home/messages.ts';
import { m as org } from '../modules/org/messages.ts';
import { m as accounts } from '../modules/accounts/messages.ts';
import { m as approvals } from '../modules/approvals/messages.ts';
import { m as audit } from '../modules/audit/messages.ts';
import {
  actionNames as auditActions,
  entityNames as auditEntities,
  fieldNames as auditFields,
} from '../modules/audit/codes.ts';
import { m as calendar } from '../modules/calendar/messages.ts';
import { webModules } from './modules.ts';

/** Every dictionary of the web app; i18n.test.ts checks each is complete in both languages. */
export const dictionaries: readonly Dictionary[] = [
  shell,
  common,
  issueMessages,
  home,
  org,
  accounts,
  approvals,
  audit,
  auditEntities,
  auditActions,
  auditFields,
  calendar,
  ...webModules.flatMap((m) => [
    ...m.dictionaries,
    ...[m.audit?.entities, m.audit?.actions, m.audit?.fields].filter((d) => d !== undefined),
  ]),
];
