import { describe, expect, it } from 'vitest';
import { appContentSecurityPolicy } from './web-app.js';

describe('the app page’s Content-Security-Policy', () => {
  it('allows scripts from the gateway only, and its own WebSocket', () => {
    const csp = appContentSecurityPolicy('app.example.com:8443');
    expect(csp.split('; ')).toEqual(
      expect.arrayContaining([
        "script-src 'self'",
        "connect-src 'self' ws://app.example.com:8443 wss://app.example.com:8443",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",
        "frame-ancestors 'none'",
      ]),
    );
  });

  it('writes no host it cannot trust into the policy', () => {
    expect(appContentSecurityPolicy('evil.test; script-src *')).toContain("connect-src 'self';");
    expect(appContentSecurityPolicy(undefined)).toContain("connect-src 'self';");
    expect(appContentSecurityPolicy('[::1]:4000')).toContain('ws://[::1]:4000');
  });

  it('lets the app send files to the object store and show its images, and nothing else', () => {
    const csp = appContentSecurityPolicy('app.example.com', ['http://127.0.0.1:9000', 'https://bucket.s3.amazonaws.com', "https://x.test 'unsafe-eval'"]).split(
      '; ',
    );
    expect(csp).toContain("connect-src 'self' ws://app.example.com wss://app.example.com http://127.0.0.1:9000 https://bucket.s3.amazonaws.com");
    expect(csp).toContain("img-src 'self' data: blob: http://127.0.0.1:9000 https://bucket.s3.amazonaws.com");
    expect(csp).toContain("script-src 'self'");
  });
});
