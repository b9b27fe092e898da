import { defineDataset } from '../define-dataset';

export const leadershipTasks = defineDataset({
  name: 'leadership_tasks',
  version: '1.0.0',
  title: 'Tasks assigned by the provincial leadership',
  description:
    'The tasks the Provincial People’s Committee and its leaders assign to agencies (in meeting conclusions and directive documents), with their due date and completion, as the task-tracking system (điều hành tác nghiệp) lists them at each month end: every task open at some point in the month. The sample’s volume is invented (about 110 new tasks a month across 12 agencies; the seed gives no figure).',
  owner: 'Provincial People’s Committee Office (Văn phòng UBND tỉnh)',
  fedBy: 'the task-tracking system',
  grain: 'one task as listed at one month end',
  naturalKey: ['task_id', 'period'],
  columns: [
    {
      name: 'task_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'Identifier of the task in the task-tracking system.',
    },
    {
      name: 'directive_ref',
      type: 'string',
      nullable: true,
      description:
        'Number and symbol of the document that assigned it (`123/TB-UBND`); null for a task given in a meeting without one.',
    },
    {
      name: 'assigned_by',
      type: 'string',
      enum: ['chairman', 'vice_chairman', 'committee'],
      description: 'Who assigned it: the chairman, a vice chairman, or the People’s Committee collectively.',
    },
    {
      name: 'agency_code',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,32}',
      description: 'Code of the agency that leads the task (as in admin_dossiers).',
    },
    { name: 'assigned_on', type: 'date', description: 'Date the task was assigned.' },
    {
      name: 'due_on',
      type: 'date',
      nullable: true,
      description: 'Deadline; null for a standing task (nhiệm vụ thường xuyên).',
    },
    {
      name: 'completed_on',
      type: 'date',
      nullable: true,
      description: 'Date the task was reported done; null while it is open.',
    },
    {
      name: 'status',
      type: 'string',
      enum: ['in_progress', 'completed', 'cancelled'],
      description: 'Status at the month end.',
    },
  ],
  checks: [
    {
      reason: 'due_before_assigned',
      columns: ['assigned_on', 'due_on'],
      description: 'A deadline falls on or after the day the task was assigned.',
      holds: (r) => r.due_on === null || (r.due_on as number) >= (r.assigned_on as number),
    },
    {
      reason: 'completed_before_assigned',
      columns: ['assigned_on', 'completed_on'],
      description: 'A task cannot be done before it was assigned.',
      holds: (r) => r.completed_on === null || (r.completed_on as number) >= (r.assigned_on as number),
    },
    {
      reason: 'completed_without_date',
      columns: ['status', 'completed_on'],
      description: 'A completed task has its completion date, and an open one has none.',
      holds: (r) => (r.status === 'completed') === (r.completed_on !== null),
    },
  ],
});
