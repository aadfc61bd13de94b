// Entry point: global options, the lazily loaded command, and the one place
// that turns errors into exit codes.
import { Command, CommanderError, Help } from 'commander';
import { REGISTRY } from './registry.js';
import { detectLang, makeT, langFromArgv, dataFromArgv, type T } from './i18n/index.js';
import { mapError, EXIT } from './exit.js';
import pkg from '../../package.json' with { type: 'json' };
import { writeErr, writeOut } from './stdio.js';

/**
 * Commander's usage errors, in the user's language and in pmctl's one line:
 * what went wrong — how to fix it. A message not listed here passes as it is.
 */
const COMMANDER_ERRORS: [RegExp, string][] = [
  [/^error: unknown option '([^']*)'/, 'err.cli_unknown_option'],
  [/^error: option '([^']*)' argument missing/, 'err.cli_option_missing_value'],
  [/^error: unknown command '([^']*)'/, 'err.cli_unknown_command'],
  [/^error: missing required argument '([^']*)'/, 'err.cli_missing_argument'],
  [/^error: required option '([^']*)' not specified/, 'err.cli_missing_option'],
  [/^error: too many arguments/, 'err.cli_too_many_arguments'],
];

function commanderError(message: string, t: T, command: string): string {
  const known = COMMANDER_ERRORS.find(([re]) => re.test(message));
  if (!known) return 'pmctl: ' + message;
  const name = known[0].exec(message)![1] ?? '';
  const guess = /\(Did you mean (.+)\?\)/.exec(message)?.[1];
  const fix = guess ? t('fix.cli_did_you_mean', { what: guess }) : t('fix.cli_help', { cmd: command ? command + ' ' : '' });
  return `pmctl: ${t(known[1], { name })} — ${fix}\n`;
}

const VALUE_OPTS = new Set(['--data', '--as', '--format', '--lang', '--out']);

/** Commander's help headings, in the user's language. */
const HELP_TITLES: Record<string, string> = {
  'Usage:': 'help.title.usage',
  'Options:': 'help.title.options',
  'Global Options:': 'help.title.global_options',
  'Commands:': 'help.title.commands',
  'Arguments:': 'help.title.arguments',
};

/** The first words that are not options (or an option's value): the command and what follows it. */
function commandWords(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i];
    if (a === '--') {
      words.push(...argv.slice(i + 1, i + 3 - words.length));
      break;
    }
    if (a.startsWith('-')) {
      if (VALUE_OPTS.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  return words;
}

/** The command a word names (an alias gives its command), or '' for none. */
function entryName(word: string | undefined): string {
  return (word && REGISTRY.find((e) => e.name === word || e.aliases?.includes(word))?.name) || '';
}

export async function main(argv: string[]): Promise<number> {
  const t = makeT(detectLang(langFromArgv(argv), process.env, dataFromArgv(argv, process.env)));
  const [word, sub] = commandWords(argv);
  // Commander's own output (help, usage errors) through the same writers as ours.
  const OUTPUT = {
    writeOut,
    writeErr,
    outputError: (message: string, write: (s: string) => void) => write(commanderError(message, t, helpPath())),
  };
  const program = new Command('pmctl');
  /** The command (and subcommand) whose --help a usage error points to. */
  const helpPath = (): string => {
    const c = program.commands.find((x) => x.name() === entryName(word));
    const s = c?.commands.find((x) => x.name() === sub || x.aliases().includes(sub ?? ''));
    return [c?.name(), s?.name()].filter(Boolean).join(' ');
  };
  program
    .description(t('cmd.pmctl'))
    .version(pkg.version, '-V, --version', t('opt.version'))
    .helpOption('-h, --help', t('opt.help'))
    .helpCommand('help [command]', t('cmd.help'))
    .configureHelp({
      styleTitle: (title) => (HELP_TITLES[title] ? t(HELP_TITLES[title]) : title),
      optionDescription: (option) => Help.prototype.optionDescription.call(new Help(), option).replace('(default: ', t('help.default')),
    })
    .option('--data <dir>', t('opt.data'))
    .option('--as <code>', t('opt.as'))
    .option('--format <format>', t('opt.format'))
    .option('--json', t('opt.json'))
    .option('--csv', t('opt.csv'))
    .option('--lang <lang>', t('opt.lang'))
    .option('--no-color', t('opt.no_color'))
    .option('--no-input', t('opt.no_input'))
    .option('--yes', t('opt.yes'))
    .option('--reveal', t('opt.reveal'))
    .option('-q, --quiet', t('opt.quiet'))
    .option('--out <file>', t('opt.out'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(OUTPUT);
  program.addHelpText('after', '\n' + t('help.examples'));

  const entry = word ? REGISTRY.find((e) => e.name === word || e.aliases?.includes(word)) : undefined;
  if (entry) {
    (await entry.load()).register(program, sub);
  } else {
    for (const e of REGISTRY) {
      const c = program.command(e.name).description(t(e.summary));
      for (const a of e.aliases ?? []) c.alias(a);
    }
  }
  // Commander copies exitOverride/output settings only at creation; apply to the whole tree.
  const walk = (c: Command): void => {
    c.exitOverride();
    c.configureOutput(OUTPUT);
    c.commands.forEach(walk);
  };
  program.commands.forEach(walk);

  if (!word) {
    if (argv.some((a) => a === '-V' || a === '--version' || a === '-h' || a === '--help')) {
      /* commander prints them */
    } else {
      writeOut(program.helpInformation());
      return EXIT.ok;
    }
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      if (err.code === 'commander.executeSubCommandAsync') return EXIT.ok;
      // A command group called without a subcommand prints its help.
      if (err.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    // Ctrl-C at a prompt: nothing was written (every write is one transaction after the questions).
    if (err && typeof err === 'object' && ((err as Error).name === 'ExitPromptError' || (err as Error).name === 'AbortPromptError')) {
      writeErr('\n' + t('msg.cancelled') + '\n');
      return 130;
    }
    const m = mapError(err, t);
    // Errors echo what was typed or stored: shown as visible characters (render/safe-text.ts).
    const { visibleKeepColour } = await import('../render/safe-text.js');
    for (const l of m.lines) writeErr(visibleKeepColour(l) + '\n');
    return m.code;
  }
}
