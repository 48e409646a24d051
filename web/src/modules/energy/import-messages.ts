import { defineMessages } from '../../app/i18n.ts';

/** The historical-readings import page (durable import jobs: resume, cancel, recent imports). */
export const mImport = defineMessages(
  'energy.import',
  {
    status_running: '导入中',
    status_done: '已完成',
    status_failed: '失败',
    status_cancelled: '已取消',
    batches: '已提交批次',
    cancel: '取消导入',
    cancelConfirm: '取消后停止导入剩余的行，已入库的数据保留。确定取消？',
    cancelled: '导入已取消：已入库的 {stored} 条读数保留，其余行未导入',
    cancelledBy: '由 {who} 取消',
    resumed: '导入曾中断（{error}），已从最后提交的批次之后继续，第 {attempts} 次执行',
    resumedAfterExit: '服务进程曾在导入中退出，已从最后提交的批次之后继续，第 {attempts} 次执行',
    waiting: '等待后台任务开始……',
    recent: '最近的导入',
    file: '文件',
    status: '状态',
    startedAt: '开始时间',
    createdBy: '导入人',
    durable: '导入在服务器后台分批执行，关闭页面或服务器重启都不会中断：重启后从最后提交的批次继续。',
  },
  {
    status_running: 'Running',
    status_done: 'Done',
    status_failed: 'Failed',
    status_cancelled: 'Cancelled',
    batches: 'Batches committed',
    cancel: 'Cancel import',
    cancelConfirm: 'The remaining rows will not be imported; what is stored stays. Cancel the import?',
    cancelled: 'Import cancelled: the {stored} readings stored stay; the remaining rows were not imported',
    cancelledBy: 'Cancelled by {who}',
    resumed:
      'The import was interrupted ({error}) and resumed after its last committed batch (run {attempts})',
    resumedAfterExit:
      'The server process stopped during the import; it resumed after its last committed batch (run {attempts})',
    waiting: 'Waiting for the background job to start…',
    recent: 'Recent imports',
    file: 'File',
    status: 'Status',
    startedAt: 'Started',
    createdBy: 'Imported by',
    durable:
      'Imports run in the background in batches: closing the page or a server restart does not stop them; after a restart they resume after the last committed batch.',
  },
);
