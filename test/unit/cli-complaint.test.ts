// `complaint` defines only the subcommand named on the command line (start-up
// time); its list of subcommands must be exactly what it defines, or a new
// one would be left out of that choice.
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { register, SUBCOMMANDS } from '../../src/cli/commands/complaint.js';

const names = (sub?: string) => {
  const program = new Command();
  register(program, sub);
  return program.commands[0].commands.map((c) => c.name());
};

describe('complaint subcommands', () => {
  it('SUBCOMMANDS is every subcommand register defines', () => {
    expect([...names()].sort()).toEqual([...SUBCOMMANDS].sort());
  });
  it.each([
    ['list', ['list']],
    ['report-filed', ['report-filed']],
    ['help', SUBCOMMANDS],
    ['lsit', SUBCOMMANDS],
    [undefined, SUBCOMMANDS],
  ])('named %s: defines %j', (sub, want) => {
    expect([...names(sub)].sort()).toEqual([...want].sort());
  });
});
