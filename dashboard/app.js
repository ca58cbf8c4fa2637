// The nudge dashboard: one ES module, no build step, no asset from the internet.
// Everything it shows comes from the admin API on the same origin; it never uses innerHTML,
// so text from events, rules or emails cannot run as code here.

const REFRESH_MS = 3000;

const messages = {
  en: {
    subtitle: 'Campaigns at a glance',
    language: 'Language',
    'nav.campaigns': 'Campaigns',
    'nav.switches': 'Switches',
    'nav.messages': 'Messages',
    'nav.coupons': 'Coupons',
    'nav.deadLetters': 'Dead letters',
    'nav.rules': 'Rules',
    'nav.churn': 'Churn',
    refreshed: 'Updated {time}',
    offline: 'Cannot reach the admin API: {error}',
    empty: 'Nothing yet.',
    unavailable: 'Not available here.',
    'type.cart_recall': 'Cart recall',
    'type.win_back': 'Win-back',
    'status.active': 'Active',
    'status.paused': 'Paused',
    'status.killed': 'Killed',
    'status.unknown': 'Unknown',
    'status.missing': 'Missing (stopped)',
    'status.disabled': 'Disabled in rules',
    shopBudgets: 'Shop-wide budgets',
    'rules.active': 'active',
    'metric.sent': 'Sent',
    'metric.skipped': 'Skipped',
    'metric.conversions': 'Conversions',
    'metric.revenue': 'Revenue',
    'metric.spend': 'Spend',
    'metric.roi': 'ROI',
    skippedBy: 'Skipped by reason',
    'budget.reserved': 'reserved',
    'budget.settled': 'settled',
    'budget.cap': 'cap',
    'budget.noCap': 'no cap',
    'lift.title': 'Lift against holdout',
    'lift.rates': 'Treatment {treatment} ({tc}/{tn}) vs holdout {holdout} ({hc}/{hn})',
    'lift.difference': 'Difference {difference} (95% CI {lower} to {upper})',
    'lift.incremental': 'Incremental revenue {revenue}; incremental ROI {roi}',
    'verdict.positive': 'Significant lift',
    'verdict.negative': 'Significantly worse than holdout',
    'verdict.not_yet_significant': 'Not yet significant',
    'verdict.insufficient_data': 'Not enough data yet',
    'action.pause': 'Pause',
    'action.resume': 'Resume',
    'action.kill': 'Kill',
    'action.pauseLabel': 'Pause {scope}',
    'action.resumeLabel': 'Resume {scope}',
    'action.killLabel': 'Kill {scope}',
    'dialog.pause': 'Pause {scope}?',
    'dialog.resume': 'Resume {scope}?',
    'dialog.kill': 'Kill {scope}?',
    'dialog.killWarning': 'A killed scope stays stopped until someone resumes it on purpose.',
    'dialog.reason': 'Reason',
    'dialog.cancel': 'Cancel',
    'dialog.confirm': 'Confirm',
    'dialog.reasonMissing': 'Say why, so the audit log explains it.',
    'switch.scope': 'Scope',
    'switch.state': 'State',
    'switch.reason': 'Reason',
    'switch.actor': 'By',
    'switch.at': 'Since',
    'switch.actions': 'Actions',
    'message.sentAt': 'Sent',
    'message.campaign': 'Campaign',
    'message.step': 'Step',
    'message.to': 'To',
    'message.subject': 'Subject',
    'message.pick': 'Pick a message to see it as the customer does.',
    'coupon.code': 'Code',
    'coupon.campaign': 'Campaign',
    'coupon.customer': 'Customer',
    'coupon.value': 'Value',
    'coupon.status': 'Status',
    'coupon.expires': 'Expires',
    'dead.at': 'At',
    'dead.function': 'Function',
    'dead.reason': 'Reason',
    'dead.event': 'Event',
    'rules.version': 'Version',
    'rules.publishedAt': 'Published',
    'rules.publishedBy': 'By',
    'rules.from': 'From',
    'rules.to': 'To',
    'rules.same': 'The two versions are identical.',
    'rules.pickTwo': 'Pick two versions to compare.',
    'churn.explain': "P(alive): the model's probability that a customer is still active, by value tier.",
    'churn.tier.low': 'Low value',
    'churn.tier.mid': 'Mid value',
    'churn.tier.high': 'High value',
    'churn.customers':
      '{count} customers, {atRisk} at risk (P(alive) < 0.5), as the run of {run} (UTC) scored them',
    'churn.none': 'No churn scores yet: they appear after the nightly scoring run.',
  },
  'zh-CN': {
    subtitle: '营销活动一览',
    language: '语言',
    'nav.campaigns': '活动',
    'nav.switches': '开关',
    'nav.messages': '消息',
    'nav.coupons': '优惠券',
    'nav.deadLetters': '死信',
    'nav.rules': '规则',
    'nav.churn': '流失',
    refreshed: '更新于 {time}',
    offline: '无法连接管理接口：{error}',
    empty: '暂无数据。',
    unavailable: '此处不可用。',
    'type.cart_recall': '购物车召回',
    'type.win_back': '流失挽回',
    'status.active': '运行中',
    'status.paused': '已暂停',
    'status.killed': '已终止',
    'status.unknown': '未知',
    'status.missing': '缺失（已停止）',
    'status.disabled': '规则中已停用',
    shopBudgets: '全店预算',
    'rules.active': '生效中',
    'metric.sent': '已发送',
    'metric.skipped': '已跳过',
    'metric.conversions': '转化',
    'metric.revenue': '收入',
    'metric.spend': '花费',
    'metric.roi': '投资回报率',
    skippedBy: '跳过原因',
    'budget.reserved': '已预留',
    'budget.settled': '已结算',
    'budget.cap': '上限',
    'budget.noCap': '无上限',
    'lift.title': '相对对照组的提升',
    'lift.rates': '实验组 {treatment}（{tc}/{tn}）对比对照组 {holdout}（{hc}/{hn}）',
    'lift.difference': '差值 {difference}（95% 置信区间 {lower} 至 {upper}）',
    'lift.incremental': '增量收入 {revenue}；增量投资回报率 {roi}',
    'verdict.positive': '显著提升',
    'verdict.negative': '显著低于对照组',
    'verdict.not_yet_significant': '尚不显著',
    'verdict.insufficient_data': '数据尚不足',
    'action.pause': '暂停',
    'action.resume': '恢复',
    'action.kill': '终止',
    'action.pauseLabel': '暂停 {scope}',
    'action.resumeLabel': '恢复 {scope}',
    'action.killLabel': '终止 {scope}',
    'dialog.pause': '暂停 {scope}？',
    'dialog.resume': '恢复 {scope}？',
    'dialog.kill': '终止 {scope}？',
    'dialog.killWarning': '终止后将一直停止，直到有人有意恢复。',
    'dialog.reason': '原因',
    'dialog.cancel': '取消',
    'dialog.confirm': '确认',
    'dialog.reasonMissing': '请填写原因，以便审计日志说明。',
    'switch.scope': '范围',
    'switch.state': '状态',
    'switch.reason': '原因',
    'switch.actor': '操作人',
    'switch.at': '自',
    'switch.actions': '操作',
    'message.sentAt': '发送时间',
    'message.campaign': '活动',
    'message.step': '步骤',
    'message.to': '收件人',
    'message.subject': '主题',
    'message.pick': '选择一条消息，查看客户看到的样子。',
    'coupon.code': '券码',
    'coupon.campaign': '活动',
    'coupon.customer': '客户',
    'coupon.value': '面值',
    'coupon.status': '状态',
    'coupon.expires': '到期',
    'dead.at': '时间',
    'dead.function': '函数',
    'dead.reason': '原因',
    'dead.event': '事件',
    'rules.version': '版本',
    'rules.publishedAt': '发布时间',
    'rules.publishedBy': '发布人',
    'rules.from': '从',
    'rules.to': '到',
    'rules.same': '两个版本完全相同。',
    'rules.pickTwo': '选择两个版本进行比较。',
    'churn.explain': 'P(alive)：模型估计客户仍然活跃的概率，按客户价值分层。',
    'churn.tier.low': '低价值',
    'churn.tier.mid': '中价值',
    'churn.tier.high': '高价值',
    'churn.customers': '{count} 位客户，{atRisk} 位有流失风险（P(alive) < 0.5），据 {run}（UTC）的评分',
    'churn.none': '暂无流失评分：每晚评分运行后显示。',
  },
};

const state = {
  language: pickLanguage(),
  data: {},
  rendered: {},
  selectedMessage: undefined,
  ruleSets: new Map(),
  pendingSwitch: undefined,
};

function pickLanguage() {
  const saved = safeStorage('get', 'nudge.language');
  if (saved && saved in messages) return saved;
  const preferred = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return preferred?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function safeStorage(action, key, value) {
  try {
    if (action === 'get') return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch {
    // Private windows may refuse storage; the choice then lasts until reload.
  }
  return undefined;
}

export function t(key, values = {}) {
  const text = messages[state.language]?.[key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

// ---------- DOM helpers ----------

function h(tag, attributes = {}, ...children) {
  const svg = ['svg', 'rect', 'line', 'text', 'g', 'title', 'circle'].includes(tag);
  const element = svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function table(headers, rows, options = {}) {
  if (rows.length === 0) return h('p', { class: 'empty' }, t('empty'));
  return h(
    'table',
    { 'data-testid': options.testid },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((header) => h('th', { scope: 'col' }, header)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

// ---------- formatting ----------

const fractionDigits = (currency) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
  } catch {
    return 2;
  }
};

function money(minor, currency = 'USD') {
  if (typeof minor !== 'number' || !Number.isFinite(minor)) return '–';
  const digits = fractionDigits(currency);
  try {
    return new Intl.NumberFormat(state.language, { style: 'currency', currency }).format(
      minor / 10 ** digits,
    );
  } catch {
    return (minor / 10 ** digits).toFixed(digits);
  }
}

const number = (value) =>
  typeof value === 'number' && Number.isFinite(value)
    ? new Intl.NumberFormat(state.language).format(value)
    : '–';

const percent = (fraction, digits = 1) =>
  typeof fraction === 'number' && Number.isFinite(fraction)
    ? new Intl.NumberFormat(state.language, {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(fraction)
    : '–';

const points = (fraction) =>
  typeof fraction === 'number' && Number.isFinite(fraction)
    ? `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} pp`
    : '–';

const ratio = (value) => (typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

function when(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(state.language, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
}

// ---------- reading the API ----------

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (response.status === 404) return { unavailable: true };
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
  return body;
}

const listOf = (body, ...keys) => {
  if (Array.isArray(body)) return body;
  for (const key of keys) if (Array.isArray(body?.[key])) return body[key];
  return [];
};

const sources = {
  campaigns: () => getJson('/api/campaigns'),
  budgets: () => getJson('/api/budgets'),
  switches: () => getJson('/api/switches'),
  outbox: () => getJson('/api/outbox'),
  coupons: () => getJson('/api/coupons'),
  deadLetters: () => getJson('/api/dead-letters'),
  rules: () => getJson('/api/rules'),
  churn: () => getJson('/api/churn'),
};

async function refresh() {
  const names = Object.keys(sources);
  const results = await Promise.allSettled(names.map((name) => sources[name]()));
  const failures = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') state.data[names[index]] = result.value;
    else failures.push(`${names[index]}: ${result.reason?.message ?? result.reason}`);
  });
  render();
  const stamp = document.querySelector('[data-testid="refreshed"]');
  stamp.textContent = failures.length
    ? t('offline', { error: failures.join('; ') })
    : t('refreshed', { time: new Date().toLocaleTimeString(state.language) });
}

// ---------- campaigns ----------

function statusOf(campaign) {
  const status = campaign.status;
  if (status && typeof status === 'object')
    return { state: status.state ?? 'unknown', reason: status.reason };
  return { state: status ?? 'unknown', reason: campaign.statusReason ?? campaign.reason };
}

function budgetScopes(campaign) {
  const budget = campaign.budget ?? campaign.budgets ?? [];
  const scopes = Array.isArray(budget)
    ? budget
    : Array.isArray(budget.scopes)
      ? budget.scopes
      : Object.entries(budget).map(([scope, figures]) => ({ scope, ...figures }));
  return scopes.filter((scope) => scope && typeof scope === 'object');
}

function skippedByReason(metrics) {
  const skipped = metrics.skippedByReason ?? metrics.skipped;
  if (skipped && typeof skipped === 'object') return skipped;
  return {};
}

function budgetBar(scope, currency) {
  const reserved = Number(scope.reserved ?? 0);
  const settled = Number(scope.settled ?? 0);
  const cap = typeof scope.cap === 'number' ? scope.cap : undefined;
  const whole = cap && cap > 0 ? cap : Math.max(reserved + settled, 1);
  const settledBar = h('span', { class: 'settled' });
  const reservedBar = h('span', { class: 'reserved' });
  // CSSOM writes are allowed under the style-src 'self' policy; style attributes are not.
  settledBar.style.width = `${Math.min(100, (settled / whole) * 100)}%`;
  reservedBar.style.width = `${Math.min(100, (reserved / whole) * 100)}%`;
  return h(
    'div',
    { class: 'budget', 'data-testid': 'budget-scope', 'data-scope': scope.scope },
    h(
      'div',
      { class: 'label' },
      h('code', {}, scope.scope ?? ''),
      h(
        'span',
        {},
        `${money(settled, currency)} ${t('budget.settled')} + ${money(reserved, currency)} ${t('budget.reserved')} / `,
        cap === undefined ? t('budget.noCap') : `${money(cap, currency)} ${t('budget.cap')}`,
      ),
    ),
    h(
      'div',
      {
        class: 'bar',
        role: 'img',
        'aria-label': `${scope.scope}: ${percent((reserved + settled) / whole)} ${t('budget.cap')}`,
      },
      settledBar,
      reservedBar,
    ),
  );
}

/** A forest-plot strip: the interval as a line, the estimate as a dot, zero as a dashed mark. */
function intervalStrip(lift) {
  const { lower, upper } = lift.interval;
  const span = Math.max(Math.abs(lower), Math.abs(upper), 0.01) * 1.15;
  const x = (value) => 150 + (value / span) * 140;
  const colour =
    lift.verdict === 'positive' ? '#1f8a4c' : lift.verdict === 'negative' ? '#c0392b' : '#b7791f';
  return h(
    'svg',
    { viewBox: '0 0 300 34', role: 'img', 'aria-label': t('lift.title') },
    h('line', { x1: 150, x2: 150, y1: 2, y2: 26, stroke: '#98a2b3', 'stroke-dasharray': '3 3' }),
    h('line', { x1: x(lower), x2: x(upper), y1: 14, y2: 14, stroke: colour, 'stroke-width': 3 }),
    h('circle', { cx: x(lift.difference), cy: 14, r: 5, fill: colour }),
    h('text', { x: x(lower), y: 32, class: 'axis', 'text-anchor': 'middle' }, points(lower)),
    h('text', { x: x(upper), y: 32, class: 'axis', 'text-anchor': 'middle' }, points(upper)),
    h('text', { x: 150, y: 32, class: 'axis', 'text-anchor': 'middle' }, '0'),
  );
}

function liftBlock(lift, currency) {
  if (!lift) return null;
  const verdict = lift.verdict ?? (lift.significant ? 'positive' : 'not_yet_significant');
  const tr = lift.treatment ?? {};
  const ho = lift.holdout ?? {};
  return h(
    'div',
    { class: 'lift', 'data-testid': 'lift' },
    h(
      'div',
      {},
      h('strong', {}, t('lift.title')),
      ': ',
      h('span', { class: `verdict ${verdict}`, 'data-testid': 'lift-verdict' }, t(`verdict.${verdict}`)),
    ),
    h(
      'div',
      { class: 'muted' },
      t('lift.rates', {
        treatment: percent(tr.conversionRate),
        tc: number(tr.converters),
        tn: number(tr.customers),
        holdout: percent(ho.conversionRate),
        hc: number(ho.converters),
        hn: number(ho.customers),
      }),
    ),
    lift.interval
      ? h(
          'div',
          {},
          t('lift.difference', {
            difference: points(lift.difference),
            lower: points(lift.interval.lower),
            upper: points(lift.interval.upper),
          }),
        )
      : null,
    lift.interval ? intervalStrip(lift) : null,
    lift.incrementalRevenue !== null && lift.incrementalRevenue !== undefined
      ? h(
          'div',
          { class: 'muted' },
          t('lift.incremental', {
            revenue: money(lift.incrementalRevenue, currency),
            roi: ratio(lift.incrementalRoi),
          }),
        )
      : null,
  );
}

function switchButtons(scope, current) {
  const button = (action, target) =>
    h(
      'button',
      {
        type: 'button',
        class: action === 'kill' ? 'danger' : undefined,
        'data-testid': `${action}-${scope}`,
        'aria-label': t(`action.${action}Label`, { scope }),
        disabled: current === target,
        onclick: () => openSwitchDialog(scope, action, target),
      },
      t(`action.${action}`),
    );
  return h(
    'div',
    { class: 'actions' },
    button('pause', 'paused'),
    button('resume', 'active'),
    button('kill', 'killed'),
  );
}

function campaignCard(campaign) {
  const metrics = campaign.metrics ?? campaign;
  const currency = shopCurrency();
  const spend = campaign.spend ?? metrics.spend;
  const status = statusOf(campaign);
  const skipped = skippedByReason(metrics);
  const skippedTotal =
    typeof metrics.skipped === 'number'
      ? metrics.skipped
      : Object.values(skipped).reduce((sum, n) => sum + n, 0);
  const roi = spend > 0 ? metrics.revenue / spend : undefined;
  const metric = (key, value) =>
    h('div', {}, h('dt', {}, t(`metric.${key}`)), h('dd', { 'data-metric': key }, value));
  return h(
    'article',
    { class: 'card', 'data-testid': 'campaign', 'data-campaign': campaign.id },
    h(
      'header',
      {},
      h(
        'div',
        {},
        h('h3', {}, campaign.name ?? campaign.id),
        h('span', { class: 'type' }, t(`type.${campaign.type}`)),
      ),
      h(
        'div',
        {},
        h(
          'span',
          { class: `status ${status.state}`, 'data-testid': 'campaign-status' },
          t(`status.${status.state}`),
        ),
        status.reason
          ? h('span', { class: 'reason', 'data-testid': 'campaign-reason' }, ` ${status.reason}`)
          : null,
      ),
    ),
    h(
      'dl',
      { class: 'metrics' },
      metric('sent', number(metrics.sent)),
      metric('skipped', number(skippedTotal)),
      metric('conversions', number(metrics.conversions)),
      metric('revenue', money(metrics.revenue, currency)),
      metric('spend', money(spend, currency)),
      metric('roi', ratio(roi)),
    ),
    Object.keys(skipped).length
      ? h(
          'div',
          { class: 'skips' },
          `${t('skippedBy')}: `,
          Object.entries(skipped)
            .map(([reason, count]) => `${reason} ${number(count)}`)
            .join(' · '),
        )
      : null,
    budgetScopes(campaign).map((scope) => budgetBar(scope, currency)),
    budgetScopes(campaign).length
      ? h(
          'div',
          { class: 'legend' },
          h('span', {}, h('span', { class: 'swatch settled' }), t('budget.settled')),
          h('span', {}, h('span', { class: 'swatch reserved' }), t('budget.reserved')),
        )
      : null,
    liftBlock(campaign.lift, currency),
    switchButtons(`campaign:${campaign.id}`, status.state),
  );
}

function shopCurrency() {
  return state.data.budgets?.currency ?? 'USD';
}

function renderCampaigns() {
  const body = state.data.campaigns;
  const list = listOf(body, 'campaigns', 'items');
  const target = document.getElementById('campaign-list');
  target.replaceChildren(
    ...(list.length
      ? list.map(campaignCard)
      : [h('p', { class: 'empty' }, body?.unavailable ? t('unavailable') : t('empty'))]),
  );
}

// ---------- switches ----------

function switchList(body) {
  if (Array.isArray(body)) return body;
  if (Array.isArray(body?.switches)) return body.switches;
  if (body && typeof body === 'object' && !body.unavailable) {
    return Object.entries(body).map(([scope, value]) => ({
      scope,
      ...(typeof value === 'object' ? value : { state: value }),
    }));
  }
  return [];
}

function renderSwitches() {
  const list = switchList(state.data.switches);
  const scopes = new Map(list.map((entry) => [entry.scope, entry]));
  for (const scope of ['global', 'channel:email'])
    if (!scopes.has(scope)) scopes.set(scope, { scope, state: 'active' });
  const rows = [...scopes.values()].map((entry) =>
    h(
      'tr',
      { 'data-testid': 'switch-row', 'data-scope': entry.scope },
      h('td', {}, h('code', {}, entry.scope)),
      h(
        'td',
        {},
        h('span', { class: `status ${entry.state ?? 'unknown'}` }, t(`status.${entry.state ?? 'unknown'}`)),
      ),
      h('td', {}, entry.reason ?? ''),
      h('td', {}, entry.actor ?? ''),
      h('td', {}, when(entry.at ?? entry.updatedAt)),
      h('td', {}, switchButtons(entry.scope, entry.state)),
    ),
  );
  const shopScopes = listOf(state.data.budgets, 'scopes');
  document.getElementById('switch-list').replaceChildren(
    shopScopes.length
      ? h(
          'div',
          { class: 'budget-list' },
          h('h3', {}, t('shopBudgets')),
          shopScopes.map((scope) => budgetBar(scope, shopCurrency())),
        )
      : '',
    table(
      [
        t('switch.scope'),
        t('switch.state'),
        t('switch.reason'),
        t('switch.actor'),
        t('switch.at'),
        t('switch.actions'),
      ],
      rows,
    ),
  );
}

function openSwitchDialog(scope, action, target) {
  const dialog = document.getElementById('switch-dialog');
  state.pendingSwitch = { scope, action, target };
  document.getElementById('switch-dialog-title').textContent = t(`dialog.${action}`, { scope });
  document.getElementById('switch-dialog-warning').textContent =
    action === 'kill' ? t('dialog.killWarning') : '';
  document.getElementById('switch-reason').value = '';
  document.getElementById('switch-error').textContent = '';
  dialog.showModal();
  document.getElementById('switch-reason').focus();
}

async function confirmSwitch(event) {
  event.preventDefault();
  const pending = state.pendingSwitch;
  if (!pending) return;
  const reason = document.getElementById('switch-reason').value.trim();
  const error = document.getElementById('switch-error');
  if (!reason) {
    error.textContent = t('dialog.reasonMissing');
    return;
  }
  const response = await fetch(`/api/switches/${encodeURIComponent(pending.scope)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ state: pending.target, reason }),
  }).catch((failure) => ({
    ok: false,
    status: 0,
    json: async () => ({ error: { message: String(failure) } }),
  }));
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    error.textContent = body?.error?.message ?? `HTTP ${response.status}`;
    return;
  }
  state.pendingSwitch = undefined;
  document.getElementById('switch-dialog').close();
  await refresh();
}

// ---------- messages ----------

function outboxMessages() {
  return listOf(state.data.outbox, 'messages', 'items').slice().reverse();
}

function showMessage(message) {
  state.selectedMessage = message?.messageId;
  const frame = document.getElementById('message-preview');
  const meta = document.getElementById('message-meta');
  if (!message) {
    meta.textContent = t('message.pick');
    frame.srcdoc = '';
    return;
  }
  meta.textContent = `${message.subject ?? ''} — ${message.to ?? ''} — ${when(message.sentAt)}`;
  // sandbox="" on the frame: the email gets an opaque origin, no scripts, no forms, no navigation.
  frame.srcdoc = message.html ?? `<pre>${escapeText(message.text ?? '')}</pre>`;
  for (const row of document.querySelectorAll('#message-list tr[data-message]')) {
    row.classList.toggle('selected', row.dataset.message === state.selectedMessage);
  }
}

function escapeText(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderMessages() {
  const body = state.data.outbox;
  const list = outboxMessages();
  const target = document.getElementById('message-list');
  if (body?.unavailable) {
    target.replaceChildren(h('p', { class: 'empty' }, t('unavailable')));
    return;
  }
  const rows = list.slice(0, 200).map((message) =>
    h(
      'tr',
      {
        class: `clickable${message.messageId === state.selectedMessage ? ' selected' : ''}`,
        tabindex: 0,
        'data-testid': 'message-row',
        'data-message': message.messageId,
        onclick: () => showMessage(message),
        onkeydown: (event) => {
          if (event.key === 'Enter' || event.key === ' ') showMessage(message);
        },
      },
      h('td', {}, when(message.sentAt)),
      h('td', {}, h('code', {}, message.campaignId ?? '')),
      h('td', { class: 'number' }, message.step ?? ''),
      h('td', {}, message.to ?? ''),
      h('td', {}, message.subject ?? ''),
    ),
  );
  target.replaceChildren(
    table(
      [t('message.sentAt'), t('message.campaign'), t('message.step'), t('message.to'), t('message.subject')],
      rows,
    ),
  );
  if (!state.selectedMessage) showMessage(list[0]);
}

// ---------- coupons and dead letters ----------

function renderCoupons() {
  const body = state.data.coupons;
  const list = listOf(body, 'coupons', 'items');
  const rows = list
    .slice(0, 300)
    .map((coupon) =>
      h(
        'tr',
        { 'data-testid': 'coupon-row' },
        h('td', {}, h('code', {}, coupon.code ?? '')),
        h('td', {}, coupon.campaignId ?? ''),
        h('td', {}, coupon.customerId ?? ''),
        h(
          'td',
          { class: 'number' },
          coupon.formattedValue ?? money(coupon.discount ?? coupon.maxDiscount, shopCurrency()),
        ),
        h('td', {}, coupon.state ?? coupon.status ?? ''),
        h('td', {}, when(coupon.expiresAt)),
      ),
    );
  document
    .getElementById('coupon-list')
    .replaceChildren(
      body?.unavailable
        ? h('p', { class: 'empty' }, t('unavailable'))
        : table(
            [
              t('coupon.code'),
              t('coupon.campaign'),
              t('coupon.customer'),
              t('coupon.value'),
              t('coupon.status'),
              t('coupon.expires'),
            ],
            rows,
          ),
    );
}

function renderDeadLetters() {
  const list = listOf(state.data.deadLetters, 'deadLetters', 'items');
  const rows = list
    .slice(0, 200)
    .map((letter) =>
      h(
        'tr',
        { 'data-testid': 'dead-letter-row' },
        h('td', {}, when(letter.at)),
        h('td', {}, letter.function ?? ''),
        h('td', {}, letter.reason ?? ''),
        h('td', {}, h('code', {}, JSON.stringify(letter.event).slice(0, 160))),
      ),
    );
  document
    .getElementById('dead-letter-list')
    .replaceChildren(table([t('dead.at'), t('dead.function'), t('dead.reason'), t('dead.event')], rows));
}

// ---------- rule versions and their diff ----------

function ruleVersions() {
  return listOf(state.data.rules, 'history', 'versions')
    .map((entry) => (typeof entry === 'object' ? entry : { version: entry }))
    .sort((a, b) => Number(b.version) - Number(a.version));
}

function renderRules() {
  const versions = ruleVersions();
  const rows = versions.map((entry) =>
    h(
      'tr',
      { 'data-testid': 'rule-version-row' },
      h(
        'td',
        { class: 'number' },
        `v${entry.version}`,
        state.data.rules?.active?.version === entry.version ? ` (${t('rules.active')})` : '',
      ),
      h('td', {}, when(entry.publishedAt ?? entry.at)),
      h('td', {}, entry.actor ?? entry.publishedBy ?? ''),
    ),
  );
  document
    .getElementById('rule-versions')
    .replaceChildren(table([t('rules.version'), t('rules.publishedAt'), t('rules.publishedBy')], rows));
  const from = document.getElementById('diff-from');
  const to = document.getElementById('diff-to');
  const previous = { from: from.value, to: to.value };
  const options = () => versions.map((entry) => h('option', { value: entry.version }, `v${entry.version}`));
  from.replaceChildren(...options());
  to.replaceChildren(...options());
  if (versions.length) {
    from.value = previous.from || String(versions[Math.min(1, versions.length - 1)].version);
    to.value = previous.to || String(versions[0].version);
  }
  void renderDiff();
}

async function ruleSetOf(version) {
  if (!state.ruleSets.has(version)) {
    const body = await getJson(`/api/rules/versions/${encodeURIComponent(version)}`);
    state.ruleSets.set(version, body?.ruleSet ?? body?.rules ?? body);
  }
  return state.ruleSets.get(version);
}

/** Line diff by longest common subsequence; rule sets are small enough for the quadratic table. */
export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] =
        a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) lines.push({ kind: 'removed', text: a[i++] });
    else lines.push({ kind: 'added', text: b[j++] });
  }
  while (i < a.length) lines.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) lines.push({ kind: 'added', text: b[j++] });
  return lines;
}

async function renderDiff() {
  const target = document.getElementById('rule-diff');
  const from = document.getElementById('diff-from').value;
  const to = document.getElementById('diff-to').value;
  if (!from || !to) {
    target.replaceChildren(t('rules.pickTwo'));
    return;
  }
  const key = `${from}..${to}`;
  if (state.rendered.diff === key) return;
  state.rendered.diff = key;
  try {
    const [before, after] = await Promise.all([ruleSetOf(from), ruleSetOf(to)]);
    const lines = lineDiff(JSON.stringify(before, null, 2), JSON.stringify(after, null, 2));
    if (lines.every((line) => line.kind === 'same')) {
      target.replaceChildren(t('rules.same'));
      return;
    }
    const marks = { same: '  ', added: '+ ', removed: '- ' };
    target.replaceChildren(
      ...lines.map((line) =>
        h('span', { class: line.kind, 'data-kind': line.kind }, `${marks[line.kind]}${line.text}`),
      ),
    );
  } catch (failure) {
    state.rendered.diff = undefined;
    target.replaceChildren(String(failure.message ?? failure));
  }
}

// ---------- churn ----------

function histogram(tier, counts, bins) {
  const width = 300;
  const height = 150;
  const max = Math.max(1, ...counts);
  const barWidth = (width - 30) / counts.length;
  return h(
    'figure',
    { 'data-testid': 'churn-tier', 'data-tier': tier },
    h('figcaption', {}, `${t(`churn.tier.${tier}`)} (${number(counts.reduce((s, n) => s + n, 0))})`),
    h(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t(`churn.tier.${tier}`) },
      counts.map((count, index) => {
        const barHeight = (count / max) * (height - 30);
        return h(
          'rect',
          {
            class: `bin${bins[index] < 0.5 ? ' risk' : ''}`,
            x: 25 + index * barWidth + 1,
            y: height - 18 - barHeight,
            width: barWidth - 2,
            height: barHeight,
          },
          h(
            'title',
            {},
            `${bins[index].toFixed(1)}–${(bins[index] + 1 / counts.length).toFixed(1)}: ${count}`,
          ),
        );
      }),
      h('line', { x1: 25, x2: width - 5, y1: height - 18, y2: height - 18, stroke: '#98a2b3' }),
      [0, 0.5, 1].map((tick) =>
        h(
          'text',
          { x: 25 + tick * (width - 30), y: height - 5, class: 'axis', 'text-anchor': 'middle' },
          tick,
        ),
      ),
      h('text', { x: 20, y: 12, class: 'axis', 'text-anchor': 'end' }, max),
    ),
  );
}

function renderChurn() {
  const body = state.data.churn;
  const target = document.getElementById('churn-chart');
  if (!body || body.unavailable || !body.customers) {
    target.replaceChildren(h('p', { class: 'empty' }, t('churn.none')));
    return;
  }
  target.replaceChildren(
    h(
      'p',
      {},
      t('churn.customers', {
        count: number(body.customers),
        atRisk: number(body.atRisk),
        run: when(body.runId),
      }),
    ),
    h(
      'div',
      { class: 'churn-grid' },
      ['high', 'mid', 'low'].map((tier) => histogram(tier, body.tiers?.[tier] ?? [], body.bins ?? [])),
    ),
  );
}

// ---------- wiring ----------

const renderers = {
  campaigns: renderCampaigns,
  budgets: () => {
    renderCampaigns();
    renderSwitches();
  },
  switches: renderSwitches,
  outbox: renderMessages,
  coupons: renderCoupons,
  deadLetters: renderDeadLetters,
  rules: renderRules,
  churn: renderChurn,
};

/** Re-renders only the sections whose data changed, so a reader's selection and scroll stay put. */
function render(force = false) {
  for (const [name, renderer] of Object.entries(renderers)) {
    const key = `${state.language}|${JSON.stringify(state.data[name] ?? null)}`;
    if (!force && state.rendered[name] === key) continue;
    state.rendered[name] = key;
    renderer();
  }
}

function translateStatic() {
  document.documentElement.lang = state.language;
  for (const element of document.querySelectorAll('[data-i18n]'))
    element.textContent = t(element.dataset.i18n);
  document.getElementById('message-preview').title = t('nav.messages');
}

function setLanguage(language) {
  state.language = language in messages ? language : 'en';
  safeStorage('set', 'nudge.language', state.language);
  translateStatic();
  state.rendered.diff = undefined;
  render(true);
}

function start() {
  const picker = document.getElementById('language');
  picker.value = state.language;
  picker.addEventListener('change', () => setLanguage(picker.value));
  document.getElementById('switch-form').addEventListener('submit', confirmSwitch);
  document.getElementById('switch-cancel').addEventListener('click', () => {
    state.pendingSwitch = undefined;
    document.getElementById('switch-dialog').close();
  });
  document.getElementById('diff-from').addEventListener('change', () => void renderDiff());
  document.getElementById('diff-to').addEventListener('change', () => void renderDiff());
  translateStatic();
  void refresh();
  setInterval(() => void refresh(), REFRESH_MS);
}

if (typeof document !== 'undefined') start();
