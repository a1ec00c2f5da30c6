/**
 * One Content-Security-Policy for both shells. No inline script, no remote code;
 * connect-src 'self' covers the browser-mode API and its WebSocket (CSP3 matches
 * ws: to the page's own host under 'self').
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
