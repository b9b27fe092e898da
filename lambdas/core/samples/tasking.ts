import { AGENCIES } from './administration';
import { daysInMonth, monthStart, trend } from './periods';
import { isoDate, type SampleContext, type SampleRow } from './sample-context';

const DAY = 86_400_000;

interface Task {
  id: string;
  directive: string | null;
  assignedBy: 'chairman' | 'vice_chairman' | 'committee';
  agency: string;
  assigned: number;
  due: number | null;
  completed: number | null;
  cancelled: number | null;
}

/**
 * The task-tracking system's month-end lists (invented volumes: the seed gives none): about
 * 110 new tasks a month, most with a deadline 10–90 days out; the share done on time grows
 * from 72% to 88% over the plan's period, the rest late or, for standing tasks, open for
 * months. Each month lists every task open at some point in it, with its status at the end.
 */
export function* leadershipTaskRows(ctx: SampleContext): Generator<SampleRow> {
  const { random, periods } = ctx;
  let open: Task[] = [];
  for (let index = 0; index < periods.length; index++) {
    const period = periods[index]!;
    const start = monthStart(period);
    const days = daysInMonth(period);
    const end = start + days * DAY - 1;
    const onTimeShare = trend(index, periods.length, 0.72 / 0.88) * 0.88;
    const created = random.int(95, 125);
    for (let k = 0; k < created; k++)
      open.push(newTask(ctx, period, k, start + random.int(0, days - 1) * DAY, onTimeShare));
    for (const task of open) {
      const done = task.completed !== null && task.completed <= end;
      const stopped = !done && task.cancelled !== null && task.cancelled <= end;
      yield {
        task_id: task.id,
        directive_ref: task.directive,
        assigned_by: task.assignedBy,
        agency_code: task.agency,
        assigned_on: isoDate(task.assigned),
        due_on: task.due === null ? null : isoDate(task.due),
        completed_on: done ? isoDate(task.completed!) : null,
        status: done ? 'completed' : stopped ? 'cancelled' : 'in_progress',
        period,
      };
    }
    // What ended this month is not listed again.
    open = open.filter((t) => !((t.completed ?? Infinity) <= end || (t.cancelled ?? Infinity) <= end));
  }
}

function newTask(ctx: SampleContext, period: string, k: number, assigned: number, onTimeShare: number): Task {
  const { random } = ctx;
  const standing = random.chance(0.15);
  const due = standing ? null : assigned + random.int(10, 90) * DAY;
  let completed: number | null = null;
  let cancelled: number | null = null;
  if (random.chance(0.03)) cancelled = assigned + random.int(10, 60) * DAY;
  else if (due === null) completed = random.chance(0.4) ? assigned + random.int(30, 200) * DAY : null;
  else if (random.chance(onTimeShare)) completed = assigned + random.int(3, Math.max(3, (due - assigned) / DAY)) * DAY;
  else completed = due + random.int(5, 90) * DAY;
  return {
    id: `NV-${period.replace('-', '')}-${String(k + 1).padStart(3, '0')}`,
    directive: random.chance(0.85)
      ? `${random.int(1, 2400)}/${random.pick(['TB-UBND', 'UBND-VP', 'CT-UBND', 'QĐ-UBND'])}`
      : null,
    assignedBy: random.weighted(['chairman', 'vice_chairman', 'committee'] as const, [0.25, 0.6, 0.15]),
    agency: random.pick(AGENCIES),
    assigned,
    due,
    completed,
    cancelled,
  };
}
