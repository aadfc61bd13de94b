// Help: every command's help leads with an example (in both languages), and
// commander's own words in it (headings, help and version options, defaults)
// are in the user's language too.
import { describe, expect, it } from 'vitest';
import { pmctl } from './helpers.js';

const COMMANDS = [
  'init',
  'demo',
  'overdue',
  'complaint',
  'sla',
  'key',
  'archive',
  'handover',
  'meeting',
  'report',
  'staff',
  'unit',
  'calendar',
  'doctor',
  'backup',
  'log',
];

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

  it.each([
    [['overdue', '--foo'], 'pmctl: unknown option --foo — see pmctl overdue --help', 'pmctl: 未知选项 --foo — 用法见 pmctl overdue --help'],
    [['overdue', '--limt', '3'], 'pmctl: unknown option --limt — did you mean --limit?', 'pmctl: 未知选项 --limt — 是否想用 --limit？'],
    [['complaintt'], 'pmctl: unknown command complaintt — did you mean complaint?', 'pmctl: 未知命令 complaintt — 是否想用 complaint？'],
    [['key', 'lend'], 'pmctl: missing argument label — see pmctl key lend --help', 'pmctl: 缺少参数 label — 用法见 pmctl key lend --help'],
    [
      ['complaint', 'new', '--unit'],
      'pmctl: option --unit <unit> needs a value — see pmctl complaint new --help',
      'pmctl: 选项 --unit <unit> 缺少取值 — 用法见 pmctl complaint new --help',
    ],
    [['staff', 'list', 'a', 'b'], 'pmctl: too many arguments — see pmctl staff list --help', 'pmctl: 参数过多 — 用法见 pmctl staff list --help'],
  ])('usage error %j: exit 2, one line in the user language', (args, en, zh) => {
    const e = pmctl(args, { PMCTL_LANG: 'en' });
    const z = pmctl(args, { PMCTL_LANG: 'zh' });
    expect(e.code).toBe(2);
    expect(z.code).toBe(2);
    expect(e.stderr).toBe(en + '\n');
    expect(z.stderr).toBe(zh + '\n');
  });
});
