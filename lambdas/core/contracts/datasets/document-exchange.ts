import { defineDataset } from '../define-dataset';

const count = (name: string, description: string) =>
  ({ name, type: 'bigint', unit: 'documents', min: 0, description }) as const;

export const documentExchange = defineDataset({
  name: 'document_exchange',
  version: '1.0.0',
  title: 'Documents exchanged over the national document axis',
  description:
    'Electronic documents each provincial agency sent and received over the national document exchange axis (Trục liên thông văn bản quốc gia) in a month, how many of those sent carried a digital signature, and how many of those received were processed by the month end and by their deadline, as the province’s document management and operations system (hệ thống quản lý văn bản và điều hành) reports them. Counts only: no document, sender or person is named. The seed says the integration platform is connected to the axis but gives no volume: the sample’s figures are invented (about 4,800 documents sent and received a month across 12 agencies in 2023 and 5,500 in 2025, the signed share growing from 88% to 99% and the share processed on time from 78% to 92%).',
  owner: 'Provincial People’s Committee Office (Văn phòng UBND tỉnh)',
  fedBy: 'the document management and operations system',
  grain: 'one agency in one month',
  naturalKey: ['agency_code', 'period'],
  columns: [
    {
      name: 'agency_code',
      type: 'string',
      pattern: '[A-Za-z0-9_.-]{1,32}',
      description: 'Code of the agency (as in admin_dossiers).',
    },
    count('documents_sent', 'Outgoing documents the agency sent over the axis in the month.'),
    count('documents_sent_signed', 'Of those, sent with the agency’s digital signature (ký số).'),
    count('documents_received', 'Incoming documents the agency received over the axis in the month.'),
    count('documents_processed', 'Of those, processed (handled and closed) by the month end.'),
    count('documents_processed_on_time', 'Of those processed, by their processing deadline.'),
  ],
  checks: [
    {
      reason: 'signed_exceeds_sent',
      columns: ['documents_sent', 'documents_sent_signed'],
      description: 'No more documents are signed than are sent.',
      holds: (r) => (r.documents_sent_signed as number) <= (r.documents_sent as number),
    },
    {
      reason: 'processed_exceeds_received',
      columns: ['documents_received', 'documents_processed'],
      description: 'No more of the month’s documents are processed than were received.',
      holds: (r) => (r.documents_processed as number) <= (r.documents_received as number),
    },
    {
      reason: 'on_time_exceeds_processed',
      columns: ['documents_processed', 'documents_processed_on_time'],
      description: 'No more documents are processed on time than are processed.',
      holds: (r) => (r.documents_processed_on_time as number) <= (r.documents_processed as number),
    },
  ],
});
