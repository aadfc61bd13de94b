// Every closed set of values a person types (category, department, method,
// result, status, kind, role, occupancy …): one table per choice, serving
// command options, prompts and CSV/xlsx import alike (SPEC §1 v2). A value is
// accepted as its English code, as any word pmctl prints for it (the
// catalogue's `enum.<code>` label in zh and en, supplied by the caller so the
// domain stays free of the catalogue), or as a synonym listed here.
//
// To add a choice: one entry in CHOICES. To accept another word: add it to
// the entry's synonyms. Never parse a choice any other way.
import { DEPARTMENTS, ROLES } from './people.js';
import { ACCEPT_RESULTS, INSPECT_RESULTS, RENOVATION_STATUSES, REVIEW_RESULTS, TRADES } from './renovation.js';

export interface ChoiceSpec {
  /** the English codes, in the order a prompt lists them */
  codes: readonly string[];
  /** words beyond the code and its printed labels, per code */
  synonyms?: Readonly<Record<string, readonly string[]>>;
  /** open sets (a site's own department code): an unknown word is kept as typed */
  open?: boolean;
  /** the printed label of a code is `enum.<labelPrefix><code>` (a module's own words for a shared code) */
  labelPrefix?: string;
}

export const CHOICES = {
  occupancy: {
    codes: ['owner', 'tenant', 'vacant'],
    synonyms: {
      owner: ['自住', '业主自用', '业主自住', '自用', '已入住', '入住'],
      tenant: ['出租', '租住', '租户', '已出租', '承租'],
      vacant: ['空置', '未入住', '空房', '闲置'],
    },
  },
  role: {
    codes: ROLES,
    synonyms: {
      staff: ['员工', '职员'],
      clerk: ['客服员', '客服', '物业管理员', '管理员', '前台'],
      supervisor: ['主管', '客服主管', '领班', '客服主任', '客服领班'],
      manager: ['部门经理', '经理', '客服经理', '客服部经理', '客服部主管'],
      director: ['服务中心主任', '管理处主任', '主任', '中心主任'],
      leader: ['公司领导', '领导', '总经理'],
    },
  },
  department: {
    codes: DEPARTMENTS,
    open: true,
    synonyms: {
      cs: ['客服', '客服部', '客服中心', '服务中心'],
      engineering: ['工程', '工程部', '维修', '维修部'],
      security: ['保安', '保安部', '秩序', '秩序维护部', '安管'],
      cleaning: ['保洁', '保洁部', '清洁'],
      greening: ['绿化', '绿化部', '园林'],
      admin: ['行政', '行政部', '综合部'],
      finance: ['财务', '财务部'],
    },
  },
  // Renovation (SPEC §13). The printed words are the catalogue's enum.reno_* labels, listed here too.
  reno_status: {
    codes: RENOVATION_STATUSES,
    labelPrefix: 'reno_',
    synonyms: {
      applied: ['已申请', '待审核', '申请', 'applied'],
      reviewed: ['已审核', '方案已审', '待审批'],
      rejected: ['已驳回', '驳回', '不予批准'],
      approved: ['施工中', '已批准', '已发证', '装修中', '在施工'],
      stopped: ['已停工', '停工', '停工整改'],
      completed: ['已竣工', '竣工', '待验收', '完工'],
      accepted: ['已验收', '验收合格', '待退押金'],
      closed: ['已结清', '已退押金', '结清'],
    },
  },
  reno_trade: {
    codes: TRADES,
    labelPrefix: 'reno_trade_',
    synonyms: {
      general: ['普工', '杂工', '工人'],
      electrician: ['电工', '水电工'],
      welder: ['焊工', '电焊工', '电焊', '气焊工'],
      plumber: ['水工', '管道工'],
      carpenter: ['木工'],
      mason: ['泥瓦工', '瓦工', '泥工'],
      painter: ['油漆工', '漆工'],
    },
  },
  reno_review: {
    codes: REVIEW_RESULTS,
    labelPrefix: 'reno_review_',
    synonyms: { ok: ['通过', '同意', '审核通过', 'pass'], reject: ['驳回', '不通过', '不同意', 'rejected'] },
  },
  reno_inspect: {
    codes: INSPECT_RESULTS,
    labelPrefix: 'reno_inspect_',
    synonyms: { ok: ['正常', '合格', '无违章'], violation: ['违章', '违规', '整改'] },
  },
  reno_accept: {
    codes: ACCEPT_RESULTS,
    labelPrefix: 'reno_accept_',
    synonyms: { pass: ['合格', '验收合格', '通过'], fail: ['不合格', '验收不合格', '不通过'] },
  },
  visit_method: {
    codes: ['home', 'phone'],
    synonyms: { home: ['上门', '入户', '上门走访', '走访'], phone: ['电话', '电话回访', '电访'] },
  },
  raise: {
    codes: ['request', 'complaint'],
    synonyms: { request: ['报修', '请修', '服务请求', '求助'], complaint: ['投诉'] },
  },
  event_type: {
    codes: ['forum', 'community'],
    synonyms: { forum: ['恳谈会', '业主恳谈会', '座谈会'], community: ['社区活动', '活动', '文化活动'] },
  },
} satisfies Record<string, ChoiceSpec>;

export type ChoiceName = keyof typeof CHOICES;

/** Case, width and spacing folded: `Ｏｗｎｅｒ `, `owner` and `OWNER` are one word. */
export function foldWord(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

export type LabelsOf = (code: string) => readonly string[];

const cache = new WeakMap<ChoiceSpec, Map<string, string>>();

function aliasMap(spec: ChoiceSpec, labelsOf: LabelsOf): Map<string, string> {
  let m = cache.get(spec);
  if (m) return m;
  m = new Map();
  // Codes first, then printed labels, then synonyms: an earlier word wins, so
  // a synonym can never shadow what pmctl itself prints.
  for (const c of spec.codes) m.set(foldWord(c), c);
  for (const c of spec.codes) for (const l of labelsOf(c)) if (!m.has(foldWord(l))) m.set(foldWord(l), c);
  for (const c of spec.codes) for (const s of spec.synonyms?.[c] ?? []) if (!m.has(foldWord(s))) m.set(foldWord(s), c);
  cache.set(spec, m);
  return m;
}

/** The code for what was typed, or undefined (the caller lists `acceptedWords`). */
export function resolveChoice(spec: ChoiceSpec, text: string, labelsOf: LabelsOf): string | undefined {
  const hit = aliasMap(spec, labelsOf).get(foldWord(text));
  if (hit !== undefined) return hit;
  return spec.open && /^[a-z][a-z0-9_]{0,31}$/.test(text) ? text : undefined;
}

/** What a person may type, for an error message: each code with its first label. */
export function acceptedWords(spec: ChoiceSpec, labelsOf: LabelsOf): string[] {
  return spec.codes.map((c) => {
    const l = labelsOf(c)[0];
    return l && l !== c ? `${l}（${c}）` : c;
  });
}
