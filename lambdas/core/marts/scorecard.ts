import { INDICATOR as indicator, PERIOD } from './columns';
import { defineMart } from './define-mart';

const period = { ...PERIOD, description: 'Reporting month, yyyy-mm (annual indicators in December).' };

export const kpiActuals = defineMart({
  name: 'kpi_actuals',
  title: 'Plan indicators, monthly actuals',
  description:
    "The plan's indicators as one series each, one value per month (annual indicators in their December period), computed from the marts and staging views.",
  grain: 'one indicator in one month',
  key: ['indicator', 'period'],
  columns: [
    period,
    indicator,
    { name: 'actual', type: 'double', description: "The indicator's value, in the unit of its plan_targets row." },
  ],
});

export const kpiScorecard = defineMart({
  name: 'kpi_scorecard',
  title: 'Plan scorecard',
  description:
    "One row per indicator and month. A plan target: actual, target, target year, gap, the linear trend of the last 12 months projected to December of the target year, and a status: met (the actual reaches the target), on_track (the projection does), at_risk (it falls short by less than 10%), off_track (by more, or the target year has passed). A baseline (a status figure of the seed article, not a goal): the figure, its month and the actual's change since, with status baseline.",
  grain: 'one indicator in one month',
  key: ['indicator', 'period'],
  columns: [
    period,
    indicator,
    { name: 'kind', type: 'string', description: 'plan_target, or baseline (a status figure of the seed article).' },
    { name: 'actual', type: 'double', description: 'Value in the month, in unit.' },
    { name: 'target', type: 'double', description: 'Target value, in unit; null for a baseline.' },
    { name: 'unit', type: 'string', description: 'Unit of actual, target, gap and projection.' },
    {
      name: 'target_year',
      type: 'bigint',
      description: "The target is due in December of this year (a baseline: the year of the seed's figure).",
    },
    { name: 'gap', type: 'double', description: 'Target minus actual, in unit; null for a baseline.' },
    {
      name: 'projection',
      type: 'double',
      description:
        'Linear trend of the last 12 months at December of the target year (a percentage stays within 0–100); null for a baseline.',
    },
    {
      name: 'baseline',
      type: 'double',
      description: "A baseline's figure as the seed article gives it, in unit; null for a plan target.",
    },
    { name: 'baseline_period', type: 'string', description: 'The month the baseline figure refers to, yyyy-mm.' },
    {
      name: 'change_since_baseline',
      type: 'double',
      description: 'Actual minus the baseline figure, in unit (negative in the months before it).',
    },
    {
      name: 'status',
      type: 'string',
      description: 'met, on_track, at_risk or off_track for a plan target; baseline for a status figure.',
    },
    { name: 'plan_text', type: 'string', description: 'What the plan (or the seed article) says.' },
    { name: 'targets_version', type: 'string', description: 'Version of the plan_targets reference file.' },
  ],
});
