import { parseGrantsFile } from '../../lambdas/core/sharing/grants-file';
import grantsJson from '../../lambdas/core/sharing/grants.json';
import { stewardship } from '../../lambdas/core/sharing/access-requests/stewardship';

// Who may decide on an access request: the data center always, a producer only for a dataset
// no other agency's or source's rows are in.

const file = parseGrantsFile(grantsJson);
const contract = (id: string) => ({ id, kind: 'dataset' });
const withAgency = (id: string, feeds: string[]) =>
  parseGrantsFile({ ...grantsJson, agencies: [...grantsJson.agencies, { id, name: id, feeds, datasets: [] }] });

test('the only producer of a dataset decides beside the data center, and the refusal of others says so', () => {
  expect(stewardship(file, contract('health_visits'))).toEqual({
    stewards: ['so-khcn', 'so-yte'],
    whoDecides: 'requests for health_visits are decided by so-khcn (the data center) or so-yte (its only producer)',
  });
  // ttpvhcc's two feeds write different datasets: each is still its alone.
  expect(stewardship(file, contract('payment_transactions')).stewards).toEqual(['so-khcn', 'ttpvhcc']);
});

test('a dataset several sources write is the data center’s alone, even where only one of them has an agency', () => {
  // vnpt is the only carrier with an agency in the grants file; viettel’s and mobifone’s rows are in telecom_bts too.
  expect(stewardship(file, contract('telecom_bts'))).toEqual({
    stewards: ['so-khcn'],
    whoDecides:
      'requests for telecom_bts are decided by so-khcn (the data center) alone, no single agency producing it',
  });
  expect(stewardship(withAgency('viettel', ['viettel']), contract('telecom_bts')).stewards).toEqual(['so-khcn']);
});

test('two agencies uploading the same feed are two producers: neither decides', () => {
  expect(stewardship(withAgency('so-yte-2', ['doh-visits']), contract('health_visits')).stewards).toEqual(['so-khcn']);
});

test('a mart has no producer; without a data center nobody decides, and the message says that', () => {
  expect(stewardship(file, { id: 'health_by_ward', kind: 'mart' }).stewards).toEqual(['so-khcn']);
  const { dataCenter: _, ...noCenter } = grantsJson;
  expect(stewardship(parseGrantsFile(noCenter), contract('telecom_bts'))).toEqual({
    stewards: [],
    whoDecides: 'no agency decides on requests for telecom_bts',
  });
  expect(stewardship(parseGrantsFile(noCenter), contract('health_visits'))).toEqual({
    stewards: ['so-yte'],
    whoDecides: 'requests for health_visits are decided by so-yte (its only producer)',
  });
});
