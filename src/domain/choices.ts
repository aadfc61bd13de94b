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
import { CATEGORIES, CHANNELS, CLOCKS, KINDS, REPLY_METHODS, SEVERITIES, STATUSES, VISIT_RESULTS } from './clocks.js';
import { KEY_KINDS, KEY_STATUSES } from './keys.js';
import { DOC_TYPES, DESTRUCTION_METHODS } from './archive.js';
import { ATTENDANCE, FINE_REASONS, MEETING_TYPES } from './meeting.js';

export interface ChoiceSpec {
  /** the English codes, in the order a prompt lists them */
  codes: readonly string[];
  /** words beyond the code and its printed labels, per code */
  synonyms?: Readonly<Record<string, readonly string[]>>;
  /** open sets (a site's own department code): an unknown word is kept as typed */
  open?: boolean;
  /**
   * The catalogue keys whose text pmctl prints for a code, as prefixes of the
   * code (default `enum.`): `meeting.att.` prints `迟到` for `late`.
   */
  labels?: readonly string[];
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
      staff: ['员工', '职员', '保安员', '保洁员', '维修工', '绿化工'],
      clerk: ['客服员', '客服', '物业管理员', '管理员', '前台'],
      supervisor: ['主管', '客服主管', '领班', '客服主任', '客服领班'],
      manager: ['部门经理', '经理', '客服经理', '客服部经理', '客服部主管', '工程部经理'],
      director: ['服务中心主任', '管理处主任', '主任', '中心主任'],
      leader: ['公司领导', '领导', '总经理'],
    },
  },
  department: {
    codes: DEPARTMENTS,
    open: true,
    synonyms: {
      cs: ['客服', '客服部', '客服中心', '服务中心', '客户服务部'],
      engineering: ['工程', '工程部', '维修', '维修部'],
      security: ['保安', '保安部', '秩序', '秩序部', '秩序维护部', '安管', '安保'],
      cleaning: ['保洁', '保洁部', '清洁', '环境'],
      greening: ['绿化', '绿化部', '园林'],
      admin: ['行政', '行政部', '综合部', '综合'],
      finance: ['财务', '财务部'],
    },
  },
  // Service requests (SPEC §11).
  request_kind: {
    codes: ['repair', 'help', 'enquiry'],
    synonyms: { repair: ['报修', '维修', '请修', '零修'], help: ['求助', '帮助'], enquiry: ['咨询', '询问', '查询', 'inquiry'] },
  },
  request_urgency: {
    codes: ['minor', 'urgent'],
    synonyms: { minor: ['零修', '一般', '普通', 'normal'], urgent: ['急修', '紧急', '加急', 'emergency'] },
  },
  request_status: {
    codes: ['open', 'overdue', 'closed', 'all', 'received', 'assigned', 'arrived', 'done', 'cancelled'],
    synonyms: {
      open: ['未完成', '未结', '处理中', '未关闭'],
      overdue: ['超期', '超时', '逾期'],
      closed: ['已关闭', '已结案', '已完结', '关闭'],
      all: ['全部', '所有'],
      received: ['已受理', '受理', '待派'],
      assigned: ['已派工', '派工', '已派单'],
      arrived: ['已到场', '到场', '已上门'],
      done: ['已完工', '完工', '已完成'],
      cancelled: ['已取消', '取消', '撤销'],
    },
  },
  request_result: {
    codes: ['satisfied', 'basic', 'unsatisfied'],
    synonyms: { satisfied: ['满意'], basic: ['基本满意', '一般'], unsatisfied: ['不满意'] },
  },
  request_channel: {
    codes: ['phone', 'visit', 'online', 'written', 'patrol'],
    synonyms: {
      phone: ['电话', '来电', '24小时热线', '热线'],
      visit: ['来访', '上门'],
      online: ['网上', '微信', 'app'],
      written: ['书面', '信函'],
      patrol: ['巡查', '巡楼', '巡检'],
    },
  },
  // Patrols (SPEC §12).
  patrol_kind: {
    codes: ['units', 'public', 'joint', 'fire'],
    synonyms: {
      units: ['空置房巡查', '巡楼', '空置房', '空置', '装修巡查', 'vacant-unit patrol', 'vacant'],
      public: ['公共区域巡查', '公共区域', '公区', '公共', 'public-area patrol', 'public areas'],
      joint: ['联合巡查', '联合', '联检', '联合检查', 'joint walk'],
      fire: ['消防巡查', '消防', '消防检查', '消防设施', 'fire inspection'],
    },
  },
  area_list: {
    codes: ['public', 'fire', 'joint'],
    synonyms: {
      public: ['公共区域巡查', '公共区域', '公区', '公共', 'public-area patrol', 'public areas'],
      fire: ['消防巡查', '消防', '消防设施', 'fire inspection', 'fire equipment'],
      joint: ['联合巡查', '联合', '联检', 'joint walk'],
    },
  },
  check_result: {
    codes: ['ok', 'issue'],
    synonyms: { ok: ['正常', '合格', '好', '√', 'good', 'pass'], issue: ['问题', '有问题', '异常', '不合格', '×', 'problem', 'fail'] },
  },
  patrol_status: {
    codes: ['open', 'finished'],
    synonyms: { open: ['进行中', '未完成', '巡查中'], finished: ['已完成', '完成', '结束', 'done'] },
  },
  contractor: {
    codes: ['cleaning', 'greening', 'pest'],
    synonyms: { cleaning: ['保洁', '清洁', '保洁公司'], greening: ['绿化', '园林', '绿化公司'], pest: ['消杀', '灭虫', '除四害', '虫害', 'pest control'] },
  },
  finding_filter: {
    codes: ['open', 'overdue', 'all'],
    synonyms: { open: ['未完成', '待处理', '未整改', 'unfixed'], overdue: ['超期', '逾期', 'late'], all: ['全部', '所有'] },
  },
  // Renovation (SPEC §13). The printed words are the catalogue's enum.reno_* labels, listed here too.
  reno_status: {
    codes: RENOVATION_STATUSES,
    labels: ['enum.reno_'],
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
    labels: ['enum.reno_trade_'],
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
    labels: ['enum.reno_review_'],
    synonyms: { ok: ['通过', '同意', '审核通过', 'pass'], reject: ['驳回', '不通过', '不同意', 'rejected'] },
  },
  reno_inspect: {
    codes: INSPECT_RESULTS,
    labels: ['enum.reno_inspect_'],
    synonyms: { ok: ['正常', '合格', '无违章'], violation: ['违章', '违规', '整改'] },
  },
  reno_accept: {
    codes: ACCEPT_RESULTS,
    labels: ['enum.reno_accept_'],
    synonyms: { pass: ['合格', '验收合格', '通过'], fail: ['不合格', '验收不合格', '不通过'] },
  },
  // v2 (i18): `complaint escalate --tier`, and a suggestion reply's `--adopted`
  escalation_tier: {
    codes: ['centre', 'board'],
    synonyms: { centre: ['center', '中心', '管理处', '服务中心'], board: ['董事', '董事会', '董事领导'] },
  },
  adopted: {
    codes: ['yes', 'no'],
    synonyms: { yes: ['y', 'true', '1', '是', '采纳', '已采纳', 'adopted'], no: ['n', 'false', '0', '否', '不采纳', '未采纳', 'not_adopted'] },
  },
  kind: {
    codes: KINDS,
    labels: ['enum.', 'enum.report.'],
    synonyms: { complaint: ['投诉件', '有效投诉'], suggestion: ['意见', '意见建议', '建议件'] },
  },
  category: {
    codes: CATEGORIES,
    labels: ['enum.', 'enum.report.'],
    synonyms: {
      cleaning: ['卫生', '环境卫生', '垃圾'],
      greening: ['绿化养护'],
      repair: ['报修', '维修质量'],
      facility: ['设施', '设备', '公共设施'],
      noise: ['噪声', '扰民'],
      security: ['安全', '治安', '秩序'],
      parking: ['车位', '停车管理', '车辆'],
      fees: ['收费问题', '物业费', '费用'],
      service: ['服务', '态度'],
      neighbour: ['邻里纠纷', '邻居'],
      fire: ['火警', '着火'],
      flooding: ['水淹', '水浸（紧急）', '大面积漏水'],
      power_cut: ['停电', '突发停电'],
      elevator_entrapment: ['困梯', '电梯关人'],
      equipment_failure: ['设备故障'],
      structural_damage: ['结构'],
      criminal_case: ['刑事'],
      theft: ['被盗', '失窃'],
    },
  },
  channel: {
    codes: CHANNELS,
    labels: ['enum.', 'enum.report.'],
    synonyms: {
      phone: ['来电', '电话投诉'],
      visit: ['上门', '来人', '前台'],
      written: ['信件', '书面投诉'],
      online: ['网络', '微信', 'app', '线上'],
      patrol: ['巡查', '巡楼'],
    },
  },
  severity: {
    codes: SEVERITIES,
    labels: ['enum.', 'enum.report.'],
    synonyms: { general: ['普通'], major: ['重大事件', '严重'], emergency: ['紧急事件', '紧急抢险', '急'] },
  },
  /** `complaint list --status` */
  listStatus: {
    codes: ['open', 'overdue', 'closed', 'all'],
    labels: ['enum.list_'],
    synonyms: { open: ['未结', '未结案', '处理中', '进行中'], overdue: ['超期', '逾期', '超时'], closed: ['已结案', '结案', '已关闭'], all: ['全部', '所有'] },
  },
  status: {
    codes: STATUSES,
    synonyms: { received: ['受理', '已登记'], dispatched: ['派单'], resolved: ['处理完', '已完成'], closed: ['结案'] },
  },
  replyMethod: {
    codes: REPLY_METHODS,
    synonyms: { phone: ['来电', '电话回复'], visit: ['上门', '面谈', '来访'], written: ['书面回复', '信件'], sms: ['短讯', '信息'] },
  },
  visitResult: {
    codes: VISIT_RESULTS,
    synonyms: { satisfied: ['很满意', '非常满意'], basic: ['一般', '较满意', '基本'], unsatisfied: ['不太满意', '差'] },
  },
  clock: { codes: CLOCKS, labels: ['enum.', 'enum.report.'] },
  keyKind: {
    codes: KEY_KINDS,
    labels: ['enum.', 'enum.report.'],
    synonyms: {
      facility: ['设备', '设施', '设备房', '设施设备房'],
      security_door: ['入户门', '户门', '防盗铁门'],
      interior_door: ['房门'],
      intercom: ['电子对讲门', '对讲'],
      public_door: ['公共区域门', '公用门'],
      public_window: ['公用窗', '公共区域窗'],
      mailbox: ['信箱', '邮箱'],
    },
  },
  keyStatus: { codes: KEY_STATUSES, labels: ['enum.', 'enum.report.'], synonyms: { in_cabinet: ['在库', '柜内'], on_loan: ['外借', '借用'], lost: ['遗失'] } },
  /** `key list --status`: a key's status, or the loans past due */
  keyListStatus: {
    codes: [...KEY_STATUSES, 'overdue'],
    labels: ['enum.', 'enum.report.'],
    synonyms: { in_cabinet: ['在库', '柜内'], on_loan: ['外借', '借用'], lost: ['遗失'], overdue: ['逾期', '借出超期'] },
  },
  keyCondition: { codes: ['ok', 'damaged'], labels: ['enum.cond_', 'enum.'], synonyms: { ok: ['正常', '完好', '好'], damaged: ['损坏', '坏了', '破损'] } },
  docType: { codes: DOC_TYPES, synonyms: { id_copy: ['身份证', '身份证复印件'], lease: ['租约', '租房合同'], fire_safety: ['消防责任书'] } },
  dossierType: {
    codes: ['owner', 'tenant'],
    labels: ['enum.dossier_', 'enum.'],
    synonyms: { owner: ['业主', '业主档案', '自住'], tenant: ['租户', '租户档案', '承租', '承租人'] },
  },
  destructionMethod: { codes: DESTRUCTION_METHODS, synonyms: { shred: ['碎纸', '粉碎机'], incinerate: ['烧毁'], pulp: ['打浆'] } },
  handoverStatus: {
    codes: ['pending', 'accepted', 'refused'],
    labels: ['hostatus.'],
    synonyms: { pending: ['待接', '未接班'], accepted: ['接班', '已接'], refused: ['拒接', '拒绝'] },
  },
  /** a site's shifts: the defaults are listed, a site's own code is kept as typed */
  shift: { codes: ['day', 'night'], labels: ['hoshift.'], open: true, synonyms: { day: ['白天', '日班', '早班'], night: ['晚班', '夜间', '夜里'] } },
  checkResult: {
    codes: ['ok', 'fail'],
    labels: ['enum.check_'],
    synonyms: { ok: ['正常', '完好', '已查', '是', 'yes', 'y', '√', '✓'], fail: ['异常', '有问题', '不正常', '否', 'no', 'n', '×', '✗'] },
  },
  meetingType: {
    codes: MEETING_TYPES,
    labels: ['meeting.type.', 'enum.report.'],
    synonyms: {
      morning: ['早会', '班前会'],
      weekly: ['周会', '例会'],
      monthly: ['月会', '月例会', '月度例会'],
      special: ['专题会'],
      training: ['培训', '培训会'],
    },
  },
  attendance: {
    codes: ATTENDANCE,
    labels: ['meeting.att.', 'enum.report.'],
    synonyms: {
      present: ['到会', '出勤', '到'],
      late: ['晚到'],
      early: ['提前离开', '早走'],
      absent: ['旷会', '未到', '无故缺席'],
      excused: ['请假（会前）', '事假'],
    },
  },
  fineReason: {
    codes: FINE_REASONS,
    labels: ['meeting.fine.', 'meeting.att.'],
    synonyms: { disrupt: ['扰乱会场', '违纪', '扰乱会议', '扰乱', 'disrupting'], absent: ['缺席'] },
  },
  actionStatus: {
    codes: ['open', 'overdue', 'done', 'all'],
    labels: ['enum.action_'],
    synonyms: { open: ['未完成', '待办'], overdue: ['超期', '逾期'], done: ['已完成', '完成'], all: ['全部'] },
  },
  dayType: {
    codes: ['holiday', 'workday', 'clear'],
    labels: ['enum.day_', 'enum.'],
    synonyms: {
      holiday: ['休', '休息', '休息日', '放假', '节假日', '假日', '假', 'rest'],
      workday: ['班', '上班', '工作日', '调休上班', 'work'],
      clear: ['恢复', '恢复官方', '官方', 'official', '清除'],
    },
  },
  module: {
    codes: ['complaint', 'key', 'archive', 'handover', 'meeting', 'visit', 'renovation', 'request', 'patrol'],
    open: true,
    synonyms: {
      complaint: ['投诉', '投诉与建议'],
      key: ['钥匙', '钥匙管理'],
      archive: ['档案', '住户档案', '档案管理'],
      handover: ['交接班', '交接'],
      meeting: ['会议', '会议管理'],
      visit: ['走访', '回访'],
      renovation: ['装修', '装修管理'],
      request: ['报修', '服务请求'],
      patrol: ['巡查', '巡楼', '巡检'],
    },
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
  return s
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
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
    if (!l || foldWord(l) === foldWord(c)) return c;
    return /[\u3000-\u9fff]/.test(l) ? `${l}（${c}）` : `${l} (${c})`;
  });
}
