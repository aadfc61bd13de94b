// The built binary reads part of a big report's clocks on a second thread
// (src/store/report-thread.ts); forced on for the demo site here, its
// report must be byte for byte the one read on one thread.
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { makeSite } from './helpers.js';

// On one core there is no second thread (and both runs take the one-thread path).
const TWO_CORES = availableParallelism() >= 2;

describe('report on a second thread (binary)', () => {
  it('the same report, with the worker used', () => {
    const site = makeSite({ init: false });
    // The demo is a believable site now (a few complaints a month, issue 17): the worker's
    // share of a month could hold none. Some generated complaints give it rows to read.
    expect(site.run(['demo', '--complaints', '600', '--years', '1']).code).toBe(0);
    for (const args of [
      ['report', 'monthly', '--month', 'last', '--json'],
      ['report', 'weekly', '--json'],
      ['report', 'quarterly'],
    ]) {
      const two = site.run(args, { env: { PMCTL_REPORT_THREAD_MIN: '0', PMCTL_DEBUG: '1' } });
      const one = site.run(args, { env: { PMCTL_REPORT_THREADS: '0', PMCTL_DEBUG: '1' } });
      expect(two.code).toBe(0);
      expect(one.code).toBe(0);
      expect(/pmctl debug: report: [1-9]\d* rows read on a second thread/.test(two.stderr)).toBe(TWO_CORES);
      expect(one.stderr).not.toMatch(/second thread/);
      expect(two.stdout).toBe(one.stdout);
      expect(one.stdout.length).toBeGreaterThan(500);
    }
  });
});
