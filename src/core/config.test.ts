import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { parseConfig } from './config.js';

describe('config', () => {
  it('fills defaults', () => {
    const c = parseConfig({});
    expect(c.audit.failOn).toBe('high');
    expect(c.audit.workers).toBe(0);
  });

  it('names every bad key', () => {
    try {
      parseConfig({ audit: { failOn: 'urgent', workers: -1 }, extra: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const e = error as ConfigError;
      expect(e.code).toBe('ARGUS_CONFIG');
      expect(e.message).toMatch(/audit\.failOn/);
      expect(e.message).toMatch(/audit\.workers/);
    }
  });
});
