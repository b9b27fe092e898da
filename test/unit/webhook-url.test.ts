import { webhookUrlProblem } from '../../lambdas/core/sharing/subscriptions/webhook-url';

const problem = (url: string) => webhookUrlProblem(url, 'public-https');

describe('where a webhook may point, in AWS (public HTTPS only)', () => {
  test.each([
    'https://10.0.0.7/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://198.18.0.1/',
    'https://100.64.1.1/',
    'https://[::1]/',
    'https://[::7f00:1]/',
    'https://[::ffff:7f00:1]/',
    'https://[::ffff:169.254.169.254]/',
    'https://[64:ff9b::a9fe:a9fe]/',
    'https://[2002:a9fe:a9fe::]/',
    'https://[2001:0:a9fe:a9fe::]/',
    'https://[fd00::1]/',
    'https://[fe80::1]/',
    'https://localhost/',
    'https://localhost./',
    'https://foo.localhost/',
    'https://instance-data.ec2.internal/',
    'https://printer.local/',
  ])('%s is refused as private', (url) => {
    expect(problem(url)).toBe('the URL points into a private network');
  });

  test.each([
    'https://example.org/hook',
    'https://203.0.114.9/hook',
    'https://[2606:4700::1111]/hook',
    'https://hooks.so-khcn.vinhphuc.gov.vn/vpdc',
  ])('%s may be called', (url) => {
    expect(problem(url)).toBeNull();
  });
});
