import { count, pct, PERIOD as period } from './columns';
import { defineMart } from './define-mart';

export const documentExchangeByAgency = defineMart({
  name: 'document_exchange_by_agency',
  title: 'Documents over the national document axis by agency',
  description:
    'The electronic documents each agency sent and received over the national document exchange axis (Trục liên thông văn bản quốc gia) by month: the share of those sent with a digital signature, and of those received, how many were processed by the month end and by their deadline (the operations center’s document-exchange domain). Counts and rates only.',
  grain: 'one agency in one month',
  key: ['period', 'agency_code'],
  columns: [
    period,
    { name: 'agency_code', type: 'string', description: 'Agency (as in admin_dossiers).' },
    count('documents_sent', 'documents', 'Documents sent over the axis in the month.'),
    count('documents_sent_signed', 'documents', 'Of those, sent with a digital signature.'),
    pct('signed_pct', 'Documents sent signed over documents sent; null when none was sent.'),
    count('documents_received', 'documents', 'Documents received over the axis in the month.'),
    count('documents_processed', 'documents', 'Of those, processed by the month end.'),
    count('documents_processed_on_time', 'documents', 'Of those processed, by their deadline.'),
    pct('on_time_pct', 'Documents processed on time over documents processed; null when none was.'),
    count('documents_pending', 'documents', 'Documents received in the month and still in hand at its end.'),
  ],
});
