/**
 * Runs before every test file (vitest.config.ts setupFiles). Hooks registered here run after the test
 * file's own afterAll (vitest runs after-hooks in reverse order), so the temp folders go once the file
 * has stopped what used them.
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './cli-helpers.js';

afterAll(() => removeTempDirs());
