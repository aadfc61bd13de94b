// Prompts only when stdin and stdout are TTYs and --no-input is not given;
// otherwise name what is missing. @inquirer/prompts is loaded only when asked.
import { UsageError } from '../errors.js';
import type { T } from './i18n/index.js';
import { textProblem } from './text-input.js';
import { visible } from '../render/safe-text.js';

/** A person said no to saving: reported like Ctrl-C (已取消，未保存, exit 130). */
export class Cancelled extends Error {
  override name = 'ExitPromptError';
}

export interface FieldSpec {
  /** option name as commander stores it (camelCase) */
  name: string;
  /** the flag to name when missing, e.g. --unit */
  flag: string;
  /** message key for the question */
  ask: string;
  /** fixed choices (value, message key or literal) */
  choices?: { value: string; name: string }[];
  /** suggestions for free text (autocomplete) */
  suggest?: (input: string) => string[] | Promise<string[]>;
  /**
   * Whether what was typed may be taken as it is (after the suggestions):
   * a public place may, the start of a unit label may not (default: yes).
   */
  free?: (typed: string) => boolean;
  default?: () => string | undefined;
  validate?: (v: string) => true | string;
}

export class Prompter {
  constructor(
    readonly interactive: boolean,
    private readonly t: T,
  ) {}

  /**
   * Fill missing required options: ask on a TTY, otherwise fail with the full
   * list of missing flags (nothing is recorded).
   */
  async fill(opts: Record<string, unknown>, specs: FieldSpec[]): Promise<void> {
    const missing = specs.filter((s) => opts[s.name] === undefined || opts[s.name] === '');
    if (!missing.length) return;
    if (!this.interactive) throw new UsageError('err.missing_options', { list: missing.map((s) => s.flag).join(', ') }, 'fix.give_options');
    const p = await import('@inquirer/prompts');
    for (const s of missing) {
      const message = this.t(s.ask);
      if (s.choices) {
        opts[s.name] = await p.select({ message, choices: s.choices.map((c) => ({ value: c.value, name: visible(this.t(c.name)) })), default: s.default?.() });
      } else if (s.suggest) {
        const suggest = s.suggest;
        opts[s.name] = await p.search({
          message,
          source: async (input) => {
            const list = await suggest(input ?? '');
            const typed = (input ?? '').trim();
            const out = list.map((v) => ({ value: v, name: visible(v) }));
            // Enter takes the first suggestion, never a half-typed label.
            if (typed && !list.includes(typed) && (s.free?.(typed) ?? true)) out.push({ value: typed, name: visible(typed) });
            return out;
          },
        });
      } else {
        const v = await p.input({
          message,
          default: s.default?.(),
          required: true,
          validate: (x: string) => {
            const bad = textProblem(s.name, x.trim());
            if (bad) return this.t(bad.key, bad.params);
            return s.validate ? s.validate(x.trim()) : x.trim() ? true : this.t('msg.required');
          },
        });
        opts[s.name] = v.trim();
      }
    }
  }

  /** Destructive actions: ask on a TTY, require --yes otherwise. */
  async confirm(yes: boolean | undefined, questionKey: string, params?: Record<string, string | number>): Promise<void> {
    if (yes) return;
    if (!this.interactive) throw new UsageError('err.yes_required', {}, 'fix.add_yes');
    const p = await import('@inquirer/prompts');
    const ok = await p.confirm({ message: visible(this.t(questionKey, params)), default: false });
    if (!ok) throw new UsageError('err.cancelled', {}, 'fix.nothing_changed');
  }

  /** Replacing an existing file: a TTY asks, otherwise --yes is needed (exit 2). */
  async confirmOverwrite(file: string): Promise<void> {
    if (!this.interactive) throw new UsageError('err.out_exists', { file }, 'fix.out_yes');
    const p = await import('@inquirer/prompts');
    const ok = await p.confirm({ message: visible(this.t('prompt.out_replace', { file })), default: false });
    if (!ok) throw new UsageError('err.cancelled', {}, 'fix.nothing_changed');
  }

  /** Before saving what was asked for: yes saves, no cancels (nothing written, exit 130). */
  async confirmSave(questionKey: string): Promise<void> {
    const p = await import('@inquirer/prompts');
    const ok = await p.confirm({ message: this.t(questionKey), default: true });
    if (!ok) throw new Cancelled();
  }

  async choose(questionKey: string, choices: { value: string; name: string }[]): Promise<string> {
    const p = await import('@inquirer/prompts');
    return p.select({ message: this.t(questionKey), choices: choices.map((c) => ({ ...c, name: visible(c.name) })) });
  }
}
