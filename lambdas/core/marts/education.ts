import { SCHOOL_LEVELS } from '../contracts/datasets/school-enrollment';
import { count, pct, PERIOD as period, WARD_CODE } from './columns';
import { defineMart } from './define-mart';

const LEVEL_WORDS: Record<(typeof SCHOOL_LEVELS)[number], string> = {
  preschool: 'preschools (children)',
  primary: 'primary schools',
  lower_secondary: 'lower secondary schools',
  upper_secondary: 'upper secondary schools',
};

export const educationByWard = defineMart({
  name: 'education_by_ward',
  title: 'Schools, pupils, digital record books and cashless fees by ward',
  description:
    'The education and training domain of the operations center, per ward and month: the schools reporting to the education sector database, their pupils by level, the pupils of general education (primary and secondary) with a digital school record book (học bạ số), and the pupils who paid tuition or school charges in the month, of them without cash (school_enrollment). A ward has a row in a month when one of its schools reported. Counts and shares only: no pupil record.',
  grain: 'one ward in one month',
  key: ['period', 'ward_code'],
  columns: [
    { ...period, description: 'Month the figures are as at, yyyy-mm.' },
    WARD_CODE,
    { name: 'school_year', type: 'string', description: 'School year the month falls in (`2025-2026`).' },
    count('schools', 'schools', 'Schools of the ward that reported for the month.'),
    count('pupils', 'pupils', 'Pupils enrolled at them (children, at preschools).'),
    ...SCHOOL_LEVELS.map((level) => count(`pupils_${level}`, 'pupils', `Of those, at ${LEVEL_WORDS[level]}.`)),
    count(
      'pupils_general',
      'pupils',
      'Of those, in general education (primary and secondary), who keep a record book.',
    ),
    count('pupils_digital_record', 'pupils', 'Of those, with a digital school record book.'),
    pct(
      'digital_record_pct',
      'Pupils with a digital record book over pupils in general education; null when the ward has none.',
    ),
    count('payers', 'pupils', 'Pupils who paid tuition or school charges in the month.'),
    count('payers_cashless', 'pupils', 'Of those, without cash.'),
    pct('cashless_pct', 'Pupils who paid without cash over pupils who paid; null when none paid (a summer month).'),
  ],
});
