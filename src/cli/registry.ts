// Every top-level command, loaded only when it is the one being run.
import type { Command } from 'commander';

export interface CommandModule {
  /** `sub`: the word after the command on the command line (a module may define only that subcommand) */
  register(program: Command, sub?: string): void;
}

export interface Entry {
  name: string;
  aliases?: string[];
  /** message key of the one-line summary */
  summary: string;
  load: () => Promise<CommandModule>;
}

export const REGISTRY: Entry[] = [
  { name: 'init', summary: 'cmd.init', load: () => import('./commands/init.js') },
  { name: 'demo', summary: 'cmd.demo', load: () => import('./commands/demo.js') },
  { name: 'overdue', aliases: ['status'], summary: 'cmd.overdue', load: () => import('./commands/overdue.js') },
  { name: 'complaint', summary: 'cmd.complaint', load: () => import('./commands/complaint.js') },
  { name: 'sla', summary: 'cmd.sla', load: () => import('./commands/sla.js') },
  { name: 'key', summary: 'cmd.key', load: () => import('./commands/key.js') },
  { name: 'archive', summary: 'cmd.archive', load: () => import('./commands/archive.js') },
  { name: 'handover', summary: 'cmd.handover', load: () => import('./commands/handover.js') },
  { name: 'meeting', summary: 'cmd.meeting', load: () => import('./commands/meeting.js') },
  { name: 'renovation', summary: 'cmd.renovation', load: () => import('./commands/renovation.js') },
  { name: 'report', summary: 'cmd.report', load: () => import('./commands/report.js') },
  { name: 'staff', summary: 'cmd.staff', load: () => import('./commands/staff.js') },
  { name: 'unit', summary: 'cmd.unit', load: () => import('./commands/unit.js') },
  { name: 'calendar', summary: 'cmd.calendar', load: () => import('./commands/calendar.js') },
  { name: 'doctor', summary: 'cmd.doctor', load: () => import('./commands/doctor.js') },
  { name: 'backup', summary: 'cmd.backup', load: () => import('./commands/backup.js') },
  { name: 'log', summary: 'cmd.log', load: () => import('./commands/log.js') },
  { name: 'config', summary: 'cmd.config', load: () => import('./commands/config.js') },
  { name: 'export', summary: 'cmd.export', load: () => import('./commands/export.js') },
  { name: 'rollup', summary: 'cmd.rollup', load: () => import('./commands/rollup.js') },
  { name: 'visit', summary: 'cmd.visit', load: () => import('./commands/visit.js') },
  { name: 'survey', summary: 'cmd.survey', load: () => import('./commands/survey.js') },
  { name: 'event', summary: 'cmd.event', load: () => import('./commands/event.js') },
];
