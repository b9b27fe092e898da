import { count, pct, PERIOD as period } from './columns';
import { defineMart } from './define-mart';

export const tasksByAgency = defineMart({
  name: 'tasks_by_agency',
  title: 'Leadership tasks by agency',
  description:
    'The tasks the provincial leadership assigned, by leading agency and month: assigned, done (and done by the deadline), open and overdue at the month end, and the overdue share of open tasks (the operations center’s “điều hành tác nghiệp” domain). Counts and rates only.',
  grain: 'one agency in one month',
  key: ['period', 'agency_code'],
  columns: [
    period,
    { name: 'agency_code', type: 'string', description: 'Agency leading the tasks.' },
    count('tasks_assigned', 'tasks', 'Tasks assigned in the month.'),
    count('tasks_completed', 'tasks', 'Tasks reported done in the month.'),
    count('tasks_completed_on_time', 'tasks', 'Of those, done by their deadline (or with none).'),
    pct('on_time_pct', 'Tasks done by the deadline over tasks done in the month.'),
    count('tasks_open', 'tasks', 'Tasks still open at the month end.'),
    count('tasks_overdue', 'tasks', 'Open tasks whose deadline month has come (due in or before the month).'),
    pct('overdue_pct', 'Overdue tasks over open tasks at the month end.'),
  ],
});
