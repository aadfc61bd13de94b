import { describe, expect, it } from 'vitest';
import { certificateHtml, certificateMd } from '../../src/render/certificate.js';
import { makeT } from '../../src/cli/i18n/index.js';
import type { DestructionView } from '../../src/app/archive/destruction.js';

const at = Date.parse('2026-11-23T02:00:00Z');
const view: DestructionView = {
  id: 'XD20261123-001',
  status: 'destroyed',
  reason: '<script>alert(1)</script> & "quotes" | pipes',
  method: 'incinerate',
  requested_by: 'S003',
  requested_at: at - 3 * 86400000,
  reviewed_by: 'S002',
  reviewed_at: at - 2 * 86400000,
  approved_by: 'S001',
  approved_at: at - 86400000,
  destroyed_at: at,
  executed_by: 'S004',
  witnesses: ['S005', 'S006'],
  place: null,
  rejected_by: null,
  rejected_at: null,
  reject_reason: null,
  documents: [
    {
      id: 'D20221124-0002',
      unit: '1-1-901',
      type: 'lease',
      ref: 'A<B',
      note: null,
      status: 'destroyed',
      confidential: 0,
      filed_at: at - 1500 * 86400000,
      filed_by: 'S005',
      superseded_by: 'D20231124-0001',
      hold_reason: null,
      held_at: null,
      held_by: null,
      destroyed_at: at,
      destruction_id: 'XD20261123-001',
      expired: true,
      retention: '3y',
    },
  ],
  names: { S001: '周海燕', S002: '陈建国', S003: '李婷', S004: '王晓东', S005: '张丽', S006: '刘芳' },
};

describe('certificate of destruction', () => {
  const o = { t: makeT('zh'), lang: 'zh' as const, tz: 'Asia/Shanghai', color: false, reveal: false };

  it('HTML is self-contained, printable on A4, and escapes what people typed', () => {
    const h = certificateHtml(view, o, '阳光花园<管理处>');
    expect(h).toMatch(/^<!DOCTYPE html>/);
    expect(h).toContain('@page { size: A4');
    expect(h).not.toMatch(/<script>|<link|src=/);
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(h).toContain('A&lt;B');
    expect(h).toContain('阳光花园&lt;管理处&gt;');
    expect(h).toContain('档案销毁证明');
    expect(h).toContain('焚烧');
    expect(h).toContain('张丽 (S005), 刘芳 (S006)');
    expect(h).toContain('2026-11-23 10:00');
  });

  it('Markdown names every party and escapes table pipes', () => {
    const m = certificateMd(view, { ...o, t: makeT('en'), lang: 'en' });
    expect(m).toMatch(/^# Certificate of destruction/);
    expect(m).toContain('pipes');
    expect(m).toContain('\\| pipes');
    for (const who of ['李婷 (S003)', '陈建国 (S002)', '周海燕 (S001)', '王晓东 (S004)']) expect(m).toContain(who);
    expect(m).toContain('| 1 | D20221124-0002 | 1-1-901 | lease | A&lt;B | 2022-10-15 | 3 years ✓ | destroyed |');
  });
});
