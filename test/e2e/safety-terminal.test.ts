// Issue 14, defect 8: text stored before the limits existed (or written by
// another tool) reaches a terminal only as visible placeholders; Markdown
// escapes HTML, `|` and newlines; JSON stays exact.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeSite } from './helpers.js';

const site = makeSite({ roster: true });
afterAll(() => site.cleanup());
const EVIL = 'Evil\x1b[2J\x1b]0;pwned\x07\u202Egnp.exe<script>x|y</script>\nz';

describe('defect 8: control characters in stored names', () => {
  it('tables show placeholders, markdown escapes, JSON is exact', () => {
    const db = new Database(join(site.data, 'pmctl.db'));
    db.prepare("UPDATE staff SET name = ? WHERE code = 'S005'").run(EVIL);
    db.close();
    for (const env of [{} as Record<string, string>, { PMCTL_ASSUME_TTY: '1' }]) {
      const t = site.run(['staff', 'list'], { env });
      expect(t.code).toBe(0);
      expect(t.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f\u202e]/);
      expect(t.stdout).toContain('Evil␛[2J␛]0;pwned␇<U+202E>gnp.exe');
    }
    const md = site.run(['staff', 'list', '--format', 'md']);
    expect(md.stdout).toContain('Evil␛[2J␛]0;pwned␇&lt;U+202E&gt;gnp.exe&lt;script&gt;x\\|y&lt;/script&gt;<br>z');
    expect(md.stdout).not.toContain('<script>');
    const j = site.run(['staff', 'list', '--json']).json() as { code: string; name: string }[];
    expect(j.find((s) => s.code === 'S005')!.name).toBe(EVIL);
  });
});
