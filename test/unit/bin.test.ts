// bin/pmctl picks a command's own bundle from the command word, which it must
// read exactly as src/cli/main.ts does: a different word would load a bundle
// without the command.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/paths.js';

const valueOpts = (file: string) => {
  const m = /const VALUE_OPTS = new Set\(\[([^\]]*)\]\)/.exec(readFileSync(join(ROOT, file), 'utf8'));
  expect(m, file).not.toBeNull();
  return m![1]
    .split(',')
    .map((s) => s.trim().replace(/^'|'$/g, ''))
    .filter(Boolean)
    .sort();
};

describe('bin/pmctl and main read the same command word', () => {
  it('the options that take a value are the same list', () => {
    expect(valueOpts('bin/pmctl')).toEqual(valueOpts('src/cli/main.ts'));
    expect(valueOpts('bin/pmctl')).toEqual(['--as', '--data', '--format', '--lang', '--out']);
  });
});
