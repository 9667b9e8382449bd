import { loadConfig, type Config } from '../../src/config.ts';

/**
 * Configuration for tests: the defaults, with typed overrides.
 * @param overrides - values to change
 */
export function createTestConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent' }), ...overrides };
}
