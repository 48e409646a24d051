import type { GoaModule } from './module.ts';
import { org } from './org/index.ts';
import { auth } from './auth/index.ts';
import { auditComponent } from './audit/index.ts';
import { files } from './files/index.ts';
import { approvals } from './approvals/index.ts';
import { notifyComponent } from './notify/index.ts';
import { access } from './access/index.ts';
import { calendar } from './calendar/index.ts';
import { jobs } from './jobs/index.ts';

/** The kernel's components, in the order their migrations and routes are registered. */
export const kernelComponents: readonly GoaModule[] = [
  org,
  auth,
  auditComponent,
  files,
  approvals,
  notifyComponent,
  access,
  calendar,
  jobs,
];
