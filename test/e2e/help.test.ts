// Help: every command's help leads with an example (in both languages), and
// commander's own words in it (headings, help and version options, defaults)
// are in the user's language too.
import { describe, expect, it } from 'vitest';
import { pmctl } from './helpers.js';

const COMMANDS = ['init', 'demo', 'overdue', 'complaint', 'sla', 'key', 'archive', 'handover', 'meeting', 'report', 'staff', 'unit', 'calendar', 'doctor', 'backup', 'log'];

describe('help', () => {
  it.each(COMMANDS)('pmctl %s --help leads with an example, in zh and en', (cmd) => {
    const en = pmctl([cmd, '--help'], { PMCTL_LANG: 'en' });
    const zh = pmctl([cmd, '--help'], { PMCTL_LANG: 'zh' });
    expect(en.code).toBe(0);
    expect(zh.code).toBe(0);
    expect(en.stdout).toMatch(/^Examples?:/);
    expect(zh.stdout).toMatch(/^示例:/);
    expect(en.stdout).toContain('Usage: pmctl ' + cmd);
    expect(zh.stdout).toContain('用法: pmctl ' + cmd);
  });

  it("commander's headings, options and defaults are translated", () => {
    const zh = pmctl(['key', 'return', '--help'], { PMCTL_LANG: 'zh' }).stdout;
    expect(zh).toContain('选项:');
    expect(zh).toContain('-h, --help       显示帮助');
    expect(zh).toContain('(默认: "ok")');
    expect(zh).not.toMatch(/Usage:|Options:|display help|default:/);
    const top = pmctl(['--help'], { PMCTL_LANG: 'zh' }).stdout;
    expect(top).toContain('命令:');
    expect(top).toContain('-V, --version      显示版本号');
    expect(top).not.toMatch(/Commands:|output the version/);
    const en = pmctl(['key', 'return', '--help'], { PMCTL_LANG: 'en' }).stdout;
    expect(en).toContain('Options:');
    expect(en).toContain('(default: "ok")');
    expect(en).toContain('show help');
  });
});
