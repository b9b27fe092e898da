/**
 * The dashboard's Content-Security-Policy, one text for both places that serve the page: the
 * local server (`vpdc serve`) and CloudFront's response headers policy. Scripts and data only
 * from the page's own origin; inline styles are allowed because ECharts' SVG renderer writes
 * style attributes.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
