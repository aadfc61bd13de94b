import type { Messages } from './types.js';

// Messages of the scale generator (`pmctl demo --units/--complaints`).
const messages: Messages = {
  'opt.units': { zh: '生成到这么多户（压力测试用，如 100000）', en: 'generate units up to this many in total (load testing, e.g. 100000)' },
  'opt.complaints': { zh: '生成这么多条投诉与建议（如 1000000）', en: 'generate this many complaints and suggestions (e.g. 1000000)' },
  'opt.years': { zh: '生成的投诉分布在最近几年（默认 5）', en: 'spread generated complaints over this many past years (default 5)' },
  'err.bad_count': { zh: '{opt} 需要一个非负整数，收到 "{value}"', en: '{opt} needs a whole number ≥ 0, got "{value}"' },
  'fix.count': { zh: '例如 --units 100000 --complaints 1000000', en: 'e.g. --units 100000 --complaints 1000000' },
  'msg.scale_done': {
    zh: '已生成 {units} 户、{complaints} 条投诉（{events} 个事件、{clocks} 个时限，{open} 条未结），用时 {seconds} 秒',
    en: 'generated {units} units and {complaints} complaints ({events} events, {clocks} clocks, {open} open) in {seconds} s',
  },
};

export default messages;
