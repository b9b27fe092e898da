import { defineDataset } from '../define-dataset';
import { wardColumns } from '../vocabulary';

/** The kinds of health facility the insurance portal lists, as facilities' health rows are. */
export const HEALTH_FACILITY_TYPES = ['hospital', 'health_station', 'clinic'] as const;

const count = (name: string, description: string) =>
  ({ name, type: 'bigint', unit: 'visits', min: 0, description }) as const;

export const healthVisits = defineDataset({
  name: 'health_visits',
  version: '1.0.0',
  title: 'Health facility visits',
  description:
    'Visits (lượt khám, chữa bệnh) to each health facility in a month, as the Department of Health’s monthly report compiles them from the health insurance assessment portal (Cổng tiếp nhận dữ liệu Hệ thống thông tin giám định BHYT): how the patient was identified (the chip-based citizen ID card or a VNeID account looked up instead of the health-insurance card, the insurance card itself, or no insurance at all) and how many visits ended in a payment by the patient, of them how many were paid without cash. A monthly aggregate per facility: the portal’s per-visit XML records (QĐ 4210/130) carry names and ID numbers and never come to the data center. The `facility_id` is the facility’s id in facilities, and the ward is the facility’s. The sample’s figures are invented (the seed says only that some clinics read chip-based IDs and that every health and education facility accepts cashless payment): the health facilities of facilities, of which 15 hospitals, 25 clinics and 140 commune health stations, about 180,000 visits a month; e-ID visits only where the facility has a chip reader that month, from about 15% of the insured visits there in January 2023 to 70% in December 2025; cashless payments only where the facility accepts them, from about 10% of the payments to 55%.',
  owner: 'Department of Health (Sở Y tế)',
  fedBy: 'the Department of Health’s monthly report from the health insurance assessment portal',
  grain: 'one health facility in one month',
  naturalKey: ['facility_id', 'period'],
  columns: [
    {
      name: 'facility_id',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,64}',
      description: 'The health facility, as in facilities (`YT-0001`).',
    },
    {
      name: 'facility_type',
      type: 'string',
      enum: [...HEALTH_FACILITY_TYPES],
      description:
        'A hospital (bệnh viện, provincial or district), a commune health station (trạm y tế) or a private general clinic (phòng khám đa khoa).',
    },
    ...wardColumns,
    count('visits', 'Visits (outpatient and inpatient encounters) in the month.'),
    count(
      'visits_chip_id',
      'Of those, insured visits where the patient was identified by the chip-based citizen ID card or a VNeID account instead of the health-insurance card.',
    ),
    count('visits_insurance_card', 'Of those, insured visits on the health-insurance card (paper or VssID).'),
    count('visits_uninsured', 'Of those, visits without health insurance (paid as a service).'),
    count(
      'visits_paid',
      'Of the visits, those where the patient paid something (a co-payment, a service not covered, an uninsured visit).',
    ),
    count(
      'visits_paid_cashless',
      'Of those paid, the ones paid without cash (card, QR code, bank transfer, e-wallet).',
    ),
  ],
  checks: [
    {
      reason: 'channels_do_not_add_up',
      columns: ['visits', 'visits_chip_id', 'visits_insurance_card', 'visits_uninsured'],
      description: 'Every visit was identified one way: e-ID, insurance card or uninsured add up to the visits.',
      holds: (r) =>
        (r.visits_chip_id as number) + (r.visits_insurance_card as number) + (r.visits_uninsured as number) ===
        (r.visits as number),
    },
    {
      reason: 'paid_exceeds_visits',
      columns: ['visits', 'visits_paid', 'visits_paid_cashless'],
      description: 'Visits paid are at most the visits, and those paid without cash at most the visits paid.',
      holds: (r) =>
        (r.visits_paid as number) <= (r.visits as number) &&
        (r.visits_paid_cashless as number) <= (r.visits_paid as number),
    },
  ],
});
