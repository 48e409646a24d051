import { declarePermissions } from '../access/permissions.ts';

declarePermissions([
  {
    name: 'jobs.read',
    label: { 'zh-CN': '查看后台任务', en: 'View background jobs' },
    roles: ['bureau_admin'],
    readOnly: true,
  },
]);
