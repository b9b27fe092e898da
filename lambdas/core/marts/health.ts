import { count, pct, PERIOD as period, WARD_CODE } from './columns';
import { defineMart } from './define-mart';

export const healthByWard = defineMart({
  name: 'health_by_ward',
  title: 'Health facilities and visits by ward',
  description:
    'The health domain of the operations center, per ward and month: the health facilities of the month’s facilities list, how many read chip-based citizen IDs and accept cashless payment, and the visits their monthly reports count (health_visits), by how the patient was identified (chip-based ID or VNeID, the insurance card, uninsured) and paid (cashless or not). A ward has a row in a month when it has a health facility listed or reporting then. Counts and shares only: no patient data exists upstream.',
  grain: 'one ward in one month',
  key: ['period', 'ward_code'],
  columns: [
    { ...period, description: 'Month of the facilities list and of the visits reported, yyyy-mm.' },
    WARD_CODE,
    count('facilities', 'facilities', 'Health facilities in the ward on the month’s facilities list.'),
    count('facilities_chip_reader', 'facilities', 'Of those, with a reader for chip-based citizen IDs.'),
    count('facilities_cashless', 'facilities', 'Of those, accepting cashless payment.'),
    count(
      'facilities_reporting',
      'facilities',
      'Health facilities of the ward whose visits report for the month came in.',
    ),
    count('visits', 'visits', 'Visits to the reporting facilities.'),
    count('visits_chip_id', 'visits', 'Of those, insured visits identified by chip-based ID or VNeID.'),
    count('visits_insurance_card', 'visits', 'Of those, insured visits on the health-insurance card.'),
    count('visits_uninsured', 'visits', 'Of those, visits without health insurance.'),
    pct(
      'chip_id_pct',
      'Insured visits identified by chip-based ID or VNeID over all insured visits (e-ID and card); null when there were none.',
    ),
    count('visits_paid', 'visits', 'Visits where the patient paid something.'),
    count('visits_paid_cashless', 'visits', 'Of those, paid without cash.'),
    pct('cashless_pct', 'Visits paid without cash over visits paid; null when none was paid.'),
  ],
});
