// The search page of `index-tool serve`: plain ES2020, no libraries, no inline code (the server's
// Content-Security-Policy forbids it). The URL is the only state: every change pushes a new URL
// and render() draws the view it names, so reload, links, back and forward all reproduce a view.
'use strict';

// Errors and CSP violations, for the browser tests (and anyone looking at the console).
window.__errors = [];
window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
document.addEventListener('securitypolicyviolation', (e) =>
  window.__errors.push('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));

const PAGE_SIZE = 10;
const COLLAPSED_VALUES = 8;
const DIMENSIONS = [
  ['type', 'Type'], ['recurring', 'Recurring'], ['phase', 'Phase'], ['boundary', 'Boundary'],
  ['nature', 'Nature'], ['dimension', 'Dimension'], ['objective', 'Objective'],
  ['intent', 'Intent'], ['capability', 'Capability'], ['duration', 'Duration'],
  ['behaviour', 'Behaviour'], ['domain', 'Domain'], ['consequence', 'Consequence'],
  ['cps', 'Cyber-physical system'], ['perception', 'Perception'],
  ['communication', 'Communication'], ['application', 'Application'], ['iot', 'IoT layer'],
  ['year', 'Year'], ['publication', 'Publication'],
];
const DIMENSION_LABELS = new Map(DIMENSIONS);
const SECTIONS = [
  ['timeline', 'Timeline'], ['system', 'System'],
  ['responsibleOrganization', 'Responsible organization'],
  ['impactedOrganization', 'Impacted organization'], ['softwareCauses', 'Software causes'],
  ['nonSoftwareCauses', 'Non-software causes'], ['impacts', 'Impacts'],
  ['preventions', 'Preventions'], ['fixes', 'Fixes'], ['references', 'References'],
];
const SECTION_LABELS = new Map(SECTIONS);
// A hit shows these categories as chips (all of them would bury the snippets); the record page
// has the whole taxonomy.
const CHIP_CATEGORIES = ['phase', 'nature', 'objective', 'behaviour', 'domain', 'consequence'];
const DATE_PATTERN = /^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$/;

const $ = (id) => document.getElementById(id);
const expandedDimensions = new Set(); // "show all" stays open while the page lives
let renderSeq = 0; // a newer render makes an older one's late answers irrelevant

// ---------------------------------------------------------------- state and URLs

/** The view a query string names. */
function readState(search) {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') || '',
    filters: p.getAll('filter').filter((f) => f.includes('=')),
    type: p.get('type') || 'any',
    sort: p.get('sort') || 'relevance',
    from: p.get('from') || '',
    to: p.get('to') || '',
    after: p.get('after') || '',
    prev: p.getAll('prev'), // the cursors of the pages before this one (page 1 has none)
    record: p.get('record') || '',
  };
}

/** The query string of a state; defaults are left out so URLs stay short. */
function stateParams(s) {
  const p = new URLSearchParams();
  if (s.record) p.set('record', s.record);
  if (s.q) p.set('q', s.q);
  s.filters.forEach((f) => p.append('filter', f));
  if (s.type !== 'any') p.set('type', s.type);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.after) p.set('after', s.after);
  s.prev.forEach((c) => p.append('prev', c));
  return p;
}

function stateUrl(s) {
  const qs = stateParams(s).toString();
  return qs ? '/?' + qs : '/';
}

/** A copy of s with changes; any change of the search itself goes back to page 1. */
function withChanges(s, changes, keepPage = false) {
  const next = Object.assign({}, s, changes);
  if (!keepPage) {
    next.after = '';
    next.prev = [];
  }
  return next;
}

function current() {
  return readState(location.search);
}

function navigate(state) {
  const url = stateUrl(state);
  if (url !== location.pathname + location.search) history.pushState(null, '', url);
  render(true);
}

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Where the page keeps the access token of a server started with --token-file (this tab only). */
const TOKEN_KEY = 'incident-search-token';

async function api(path, params) {
  const url = params ? path + '?' + params.toString() : path;
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  let response;
  try {
    response = await fetch(url, { headers });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached (' + e.message + ').');
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error ? body.error : response.statusText || 'request failed';
    throw new ApiError(response.status, message);
  }
  if (body === null) throw new ApiError(response.status, 'The server sent no JSON.');
  return body;
}

/** The API parameters of a search state (the page's own URL parameters minus the page's). */
function searchParams(s) {
  const p = stateParams(Object.assign({}, s, { record: '', prev: [] }));
  p.set('facets', 'true');
  p.set('limit', String(PAGE_SIZE));
  return p;
}

// ---------------------------------------------------------------- small DOM helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else if (k === 'text') node.textContent = v;
    else if (k === 'hidden') node.hidden = true;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A link to another view of this page; clicks are handled without a page load. */
function navLink(state, text, attrs) {
  return el('a', Object.assign({ href: stateUrl(state), 'data-nav': true }, attrs), text);
}

/**
 * Snippet text with its em-marked words as mark elements. The rest is the record's own text, not
 * HTML: it only ever becomes text nodes.
 */
function snippetNodes(text) {
  const nodes = [];
  let inside = false;
  for (const part of text.split(/(<em>|<\/em>)/)) {
    if (part === '<em>') inside = true;
    else if (part === '</em>') inside = false;
    else if (part) nodes.push(inside ? el('mark', null, part) : document.createTextNode(part));
  }
  return nodes;
}

function humanize(value) {
  return String(value).replace(/_/g, ' ');
}

function plural(n, one, many) {
  return n.toLocaleString('en') + ' ' + (n === 1 ? one : many);
}

function showMessage(text) {
  const box = $('message');
  box.replaceChildren();
  if (text) box.append(el('p', null, text));
}

/** A server that needs a token: a form to give it, kept for this tab, then the view again. */
function askForToken(e) {
  const box = $('message');
  const had = sessionStorage.getItem(TOKEN_KEY);
  const input = el('input', { id: 'token', type: 'password', autocomplete: 'off', required: true });
  const form = el(
    'form',
    { id: 'token-form', class: 'token-form' },
    el('p', null, (had ? 'That token was refused: ' : 'This server needs an access token: ') + e.message),
    el('label', { for: 'token' }, 'Access token'),
    input,
    el('button', { type: 'submit' }, 'Use token'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    render(true);
  });
  box.replaceChildren(form);
  input.focus();
}

function errorText(e) {
  if (!(e instanceof ApiError)) return 'Something went wrong: ' + e.message;
  if (e.status === 503) return 'The index is not available (503): ' + e.message;
  if (e.status === 0) return e.message;
  return 'Error ' + e.status + ': ' + e.message;
}

// ---------------------------------------------------------------- rendering

/** Draws the view the URL names. */
async function render(userAction) {
  const seq = ++renderSeq;
  const state = current();
  const search = location.search;
  document.body.dataset.loaded = '';
  $('main').setAttribute('aria-busy', 'true');
  closeOptions();
  syncControls(state);
  try {
    if (state.record) await renderRecord(state, seq, userAction);
    else await renderSearch(state, seq);
    if (seq === renderSeq) showMessage('');
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof ApiError && e.status === 401) askForToken(e);
    else showMessage(errorText(e));
    document.body.dataset.error = String(e.status === undefined ? 'script' : e.status);
  } finally {
    if (seq === renderSeq) {
      $('main').removeAttribute('aria-busy');
      // Tests wait for this: the view of exactly this URL is drawn (or its error shown).
      document.body.dataset.loaded = search || '?';
    }
  }
}

function syncControls(s) {
  $('q').value = s.q;
  $('type').value = s.type;
  $('sort').value = s.sort;
  $('from').value = s.from;
  $('to').value = s.to;
}

function stale(seq) {
  return seq !== renderSeq;
}

async function renderSearch(state, seq) {
  document.body.dataset.view = 'search';
  delete document.body.dataset.error;
  $('search-view').hidden = false;
  $('record-view').hidden = true;
  document.title = (state.q ? '\u201c' + state.q + '\u201d \u2013 ' : '') + 'Incident search';
  renderActiveFilters(state);
  let result;
  try {
    result = await api('/api/search', searchParams(state));
  } catch (e) {
    if (!stale(seq)) clearResults();
    throw e;
  }
  if (stale(seq)) return;
  $('hits').start = state.prev.length * PAGE_SIZE + (state.after ? PAGE_SIZE : 0) + 1;
  $('hits').replaceChildren(...result.hits.map((h) => hitItem(state, h)));
  renderNotes(state, result);
  renderTotal(state, result);
  renderPager(state, result);
  renderFacets(state, result.facets || {});
}

function clearResults() {
  $('total').textContent = '';
  delete $('total').dataset.total;
  $('hits').replaceChildren();
  $('pager').replaceChildren();
  $('facets').replaceChildren(); // counts of another search would mislead; the chips remain
  $('did-you-mean').hidden = true;
  $('interpreted').hidden = true;
}

function renderNotes(state, result) {
  const dym = $('did-you-mean');
  dym.replaceChildren();
  dym.hidden = !result.suggestion;
  if (result.suggestion) {
    dym.append('Did you mean ',
      navLink(withChanges(state, { q: result.suggestion }), result.suggestion,
        { id: 'suggestion-link' }), '?');
  }
  const note = $('interpreted');
  note.hidden = !result.interpretedAs;
  note.textContent = result.interpretedAs ? 'Searched as: ' + result.interpretedAs : '';
}

function renderTotal(state, result) {
  const total = $('total');
  total.dataset.total = String(result.total);
  total.dataset.exact = String(result.totalExact);
  const count = (result.totalExact ? '' : 'at least ') + plural(result.total, 'result', 'results');
  const first = $('hits').start || 1;
  let text = result.total === 0 ? 'No results' : count;
  if (state.q) text += ' for \u201c' + state.q + '\u201d';
  if (result.hits.length > 0 && (state.after || result.next)) {
    text += ' (' + first + '\u2013' + (first + result.hits.length - 1) + ' shown)';
  }
  total.textContent = text + '.';
}

function hitItem(state, h) {
  const open = navLink(withChanges(state, { record: h.id }, true), h.title || h.id,
    { class: 'hit-title', 'data-hit-link': h.id });
  const meta = el('p', { class: 'meta' },
    el('span', { class: 'badge' }, h.type), ' ',
    el('span', { class: 'id' }, h.id),
    h.published ? ' \u00b7 ' : '', h.published ? el('time', { datetime: h.published }, h.published) : '');
  const snippets = (h.snippets || []).map((s) =>
    el('p', { class: 'snippet', 'data-field': s.field },
      el('span', { class: 'field' }, fieldLabel(s) + ': '), ...snippetNodes(s.text)));
  return el('li', { class: 'hit', 'data-id': h.id },
    el('h2', { class: 'hit-heading' }, open), meta, chips(h.taxonomy), ...snippets);
}

const FIELD_LABELS = new Map([['title', 'Title'], ['summary', 'Summary'], ['body', 'Text']]);

function fieldLabel(snippet) {
  const name = SECTION_LABELS.get(snippet.field) || FIELD_LABELS.get(snippet.field) ||
    humanize(snippet.field);
  return snippet.article ? name + ' (article ' + snippet.article + ')' : name;
}

/** The main taxonomy options of a hit as chips; "missing" options are left out. */
function chips(taxonomy) {
  const list = el('ul', { class: 'chips', 'aria-label': 'Taxonomy' });
  for (const cat of CHIP_CATEGORIES) {
    const shown = ((taxonomy || {})[cat] || []).filter((o) => o !== 'missing');
    if (shown.length === 0) continue;
    list.append(el('li', { class: 'chip', 'data-category': cat },
      el('span', { class: 'chip-cat' }, (DIMENSION_LABELS.get(cat) || cat) + ': '),
      shown.map(humanize).join(', ')));
  }
  return list;
}

function renderPager(state, result) {
  const pager = $('pager');
  pager.replaceChildren();
  if (state.after) {
    const prev = state.prev.slice();
    const back = prev.pop() || '';
    pager.append(navLink(withChanges(state, { after: back, prev }, true), 'Previous page',
      { id: 'prev-page', rel: 'prev' }));
  }
  if (result.next) {
    const prev = state.after ? state.prev.concat([state.after]) : [];
    pager.append(navLink(withChanges(state, { after: result.next, prev }, true), 'Next page',
      { id: 'next-page', rel: 'next' }));
  }
}

function renderActiveFilters(state) {
  const box = $('active-filters');
  box.replaceChildren();
  if (state.filters.length === 0 && !state.from && !state.to) return;
  const list = el('ul', { class: 'active-list', 'aria-label': 'Active filters' });
  for (const f of state.filters) {
    const [dim, value] = splitFilter(f);
    list.append(el('li', null, navLink(
      withChanges(state, { filters: state.filters.filter((x) => x !== f) }),
      (DIMENSION_LABELS.get(dim) || dim) + ': ' + humanize(value),
      { class: 'remove', 'aria-label': 'Remove filter ' + dim + ' ' + value })));
  }
  if (state.from || state.to) {
    list.append(el('li', null, navLink(withChanges(state, { from: '', to: '' }),
      'Published: ' + (state.from || '\u2026') + ' to ' + (state.to || '\u2026'),
      { class: 'remove', 'aria-label': 'Remove the date range' })));
  }
  list.append(el('li', null, navLink(withChanges(state, { filters: [], from: '', to: '' }),
    'Clear all', { id: 'clear-filters' })));
  box.append(list);
}

function splitFilter(f) {
  const i = f.indexOf('=');
  return [f.slice(0, i), f.slice(i + 1)];
}

// ---------------------------------------------------------------- the facet sidebar

let lastFacets = {}; // "show all" redraws from the last answer without asking again

function renderFacets(state, facets) {
  lastFacets = facets;
  const ticked = new Set(state.filters);
  const box = $('facets');
  box.replaceChildren();
  // Known categories in their order, then any the server adds.
  const extra = Object.keys(facets).filter((d) => !DIMENSION_LABELS.has(d)).map((d) => [d, d]);
  for (const [dim, label] of DIMENSIONS.concat(extra)) {
    const values = flattenValues(dim, facets[dim] || []);
    // A ticked value that now counts nothing must stay visible, or it could not be unticked.
    for (const f of ticked) {
      const [d, v] = splitFilter(f);
      if (d === dim && !values.some((x) => x.value === v)) {
        values.push({ value: v, label: humanize(v), count: 0, depth: v.includes('/') ? 1 : 0 });
      }
    }
    if (values.length === 0) continue;
    box.append(facetGroup(state, dim, label, values, ticked));
  }
}

/** The values of a dimension, children (the IoT hierarchy) after their parent as "parent/child". */
function flattenValues(dim, list) {
  const out = [];
  for (const v of list) {
    out.push({ value: v.value, label: humanize(v.value), count: v.count, depth: 0 });
    for (const c of v.children || []) {
      out.push({ value: v.value + '/' + c.value, label: humanize(c.value), count: c.count, depth: 1 });
    }
  }
  return out;
}

function facetGroup(state, dim, label, values, ticked) {
  const expanded = expandedDimensions.has(dim);
  const list = el('ul', { class: 'facet-values', id: 'facet-' + dim + '-values' });
  values.forEach((v, i) => {
    const filter = dim + '=' + v.value;
    const id = 'f-' + dim + '-' + i;
    const box = el('input', {
      type: 'checkbox', id, 'data-filter': filter, 'data-dim': dim, 'data-value': v.value,
      'data-count': String(v.count),
    });
    box.checked = ticked.has(filter);
    box.addEventListener('change', () => toggleFilter(filter, box.checked));
    const special = v.value === 'missing' || v.value === 'unknown';
    const item = el('li', { class: 'facet-value depth-' + v.depth + (special ? ' special' : '') },
      box, el('label', { for: id }, el('span', { class: 'value-label' }, v.label),
        ' ', el('span', { class: 'count' }, '(' + v.count.toLocaleString('en') + ')')));
    if (!expanded && i >= COLLAPSED_VALUES && !box.checked) item.hidden = true;
    list.append(item);
  });
  const group = el('fieldset', { class: 'facet', 'data-dimension': dim },
    el('legend', null, label), list);
  if (values.length > COLLAPSED_VALUES) {
    const more = el('button', {
      type: 'button', class: 'show-all', 'aria-expanded': String(expanded),
      'aria-controls': list.id, 'data-show-all': dim,
    }, expanded ? 'Show fewer' : 'Show all ' + values.length);
    more.addEventListener('click', () => {
      if (expandedDimensions.has(dim)) expandedDimensions.delete(dim);
      else expandedDimensions.add(dim);
      renderFacets(current(), lastFacets);
      const again = $('facets').querySelector('[data-show-all="' + dim + '"]');
      if (again) again.focus();
    });
    group.append(more);
  }
  return group;
}

function toggleFilter(filter, on) {
  const s = current();
  const filters = s.filters.filter((f) => f !== filter);
  if (on) filters.push(filter);
  navigate(withChanges(s, { filters }));
}

// ---------------------------------------------------------------- the record page

async function renderRecord(state, seq, userAction) {
  document.body.dataset.view = 'record';
  delete document.body.dataset.error;
  const view = $('record-view');
  $('search-view').hidden = true;
  view.hidden = false;
  view.replaceChildren(backLink(state));
  const id = encodeURIComponent(state.record);
  // The record decides the page; the other three only add to it, so their errors stay local.
  const [record, linked, similar] = await Promise.all([
    api('/api/records/' + id),
    api('/api/records/' + id + '/linked').catch((e) => e),
    api('/api/records/' + id + '/similar', new URLSearchParams({ limit: '10' })).catch((e) => e),
  ]);
  if (stale(seq)) return;
  document.title = (record.title || state.record) + ' \u2013 Incident search';
  const key = record.type + ':' + record.id;
  view.dataset.id = key;
  view.append(recordHeader(record, key));
  if (record.type === 'incident') view.append(...incidentBody(record));
  else view.append(articleBody(record));
  view.append(linkedSection(state, record, linked), similarSection(state, similar));
  if (state.q) view.append(explainSection(state, key));
  if (record.type === 'article') view.append(articleText(record));
  if (userAction) $('record-title').focus();
}

function backLink(state) {
  return el('p', { class: 'back' },
    navLink(Object.assign({}, state, { record: '' }), '\u2190 Back to results',
      { id: 'back-to-results' }));
}

function recordHeader(r, key) {
  const meta = el('dl', { class: 'record-meta' });
  const add = (term, value) => {
    if (value) meta.append(el('dt', null, term), el('dd', null, value));
  };
  add('Id', key);
  add('Published', r.published ? el('time', { datetime: r.published }, r.published) : null);
  add('Publication', r.publication);
  if (r.type === 'article' && r.publicationAliases && r.publicationAliases.length) {
    add('Also known as', r.publicationAliases.join(', '));
  }
  add('URL', safeUrl(r.url)
    ? el('a', { href: r.url, rel: 'noopener noreferrer', class: 'external' }, r.url) : r.url);
  return el('header', { class: 'record-header' },
    el('p', { class: 'badge' }, r.type),
    el('h1', { id: 'record-title', tabindex: '-1' }, r.title || key), meta);
}

/** Only web links become links: a javascript: URL from an archive must never run. */
function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

function incidentBody(r) {
  const parts = [];
  if (r.summary) {
    parts.push(el('section', { class: 'record-section', 'data-section': 'summary' },
      el('h2', null, 'Summary'), el('p', null, r.summary)));
  }
  const sections = r.sections || {};
  for (const [key, label] of SECTIONS) {
    const items = sections[key] || [];
    const body = items.length === 0 ? el('p', { class: 'empty' }, 'Not stated.')
      : items.length === 1 ? el('p', null, items[0])
        : el('ul', null, ...items.map((t) => el('li', null, t)));
    parts.push(el('section', { class: 'record-section', 'data-section': key },
      el('h2', null, label), body));
  }
  parts.push(taxonomyTable(r.taxonomy || {}));
  return parts;
}

function taxonomyTable(taxonomy) {
  const rows = Object.entries(taxonomy).map(([cat, t]) => el('tr', { 'data-category': cat },
    el('th', { scope: 'row' }, DIMENSION_LABELS.get(cat) || cat),
    el('td', null, (t.options || []).map(humanize).join(', ') || '\u2014'),
    el('td', null, t.rationale || '')));
  const table = el('table', { id: 'taxonomy', class: 'taxonomy' },
    el('caption', { class: 'visually-hidden' }, 'Taxonomy: category, options and rationale'),
    el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Category'),
      el('th', { scope: 'col' }, 'Options'), el('th', { scope: 'col' }, 'Rationale'))),
    el('tbody', null, ...rows));
  return el('section', { class: 'record-section', 'data-section': 'taxonomy' },
    el('h2', null, 'Taxonomy'), el('div', { class: 'table-scroll' }, table));
}

function articleBody(r) {
  const summary = r.summary ? el('p', null, r.summary) : null;
  return el('div', { class: 'article-intro' }, summary);
}

function articleText(r) {
  const paragraphs = String(r.body || '').split(/\n\s*\n/).filter((p) => p.trim());
  return el('section', { class: 'record-section', id: 'article-body', 'data-section': 'body' },
    el('h2', null, 'Article text'),
    ...(paragraphs.length ? paragraphs.map((p) => el('p', null, p))
      : [el('p', { class: 'empty' }, 'No text.')]));
}

function linkedSection(state, record, linked) {
  const title = record.type === 'incident' ? 'Cited articles' : 'Incidents citing this article';
  const section = el('section', { class: 'record-section', id: 'linked', 'data-section': 'linked' },
    el('h2', null, title));
  if (linked instanceof Error) {
    section.append(el('p', { class: 'inline-error' }, errorText(linked)));
    return section;
  }
  const list = el('ul', { class: 'linked-list' });
  for (const l of linked.linked || []) {
    list.append(el('li', { 'data-id': l.id },
      navLink(Object.assign({}, state, { record: l.id }), l.title || l.id),
      el('span', { class: 'meta' }, ' ' + l.id + (l.published ? ' \u00b7 ' + l.published : ''))));
  }
  for (const m of linked.missing || []) {
    list.append(el('li', { class: 'missing', 'data-id': m }, m + ' (not in the index)'));
  }
  section.append(list.children.length ? list : el('p', { class: 'empty' }, 'None.'));
  return section;
}

function similarSection(state, similar) {
  const section = el('section', { class: 'record-section', id: 'similar', 'data-section': 'similar' },
    el('h2', null, 'Similar incidents'));
  if (similar instanceof Error) {
    section.append(el('p', { class: 'inline-error' }, errorText(similar)));
    return section;
  }
  const items = (similar.similar || []).map((s) => {
    const shared = Object.entries(s.sharedTaxonomy || {})
      .map(([cat, opts]) => (DIMENSION_LABELS.get(cat) || cat) + ': ' + opts.map(humanize).join(', '));
    return el('li', { 'data-id': s.id },
      navLink(Object.assign({}, state, { record: s.id }), s.title || s.id),
      el('span', { class: 'meta' }, ' ' + s.id + (s.published ? ' \u00b7 ' + s.published : '')),
      shared.length ? el('p', { class: 'reason', 'data-reason': 'taxonomy' },
        el('strong', null, 'Shared taxonomy: '), shared.join('; ')) : null,
      (s.sharedTerms || []).length ? el('p', { class: 'reason', 'data-reason': 'terms' },
        el('strong', null, 'Shared words: '), s.sharedTerms.join(', ')) : null);
  });
  section.append(items.length ? el('ol', { class: 'similar-list' }, ...items)
    : el('p', { class: 'empty' }, 'None.'));
  return section;
}

/** "Explain this rank": loaded when opened, as a table of field, term and score. */
function explainSection(state, key) {
  const body = el('div', { id: 'explain-body' });
  const details = el('details', { id: 'explain', class: 'record-section' },
    el('summary', null, 'Explain this rank for \u201c' + state.q + '\u201d'), body);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    body.replaceChildren(el('p', null, 'Loading\u2026'));
    try {
      const e = await api('/api/records/' + encodeURIComponent(key) + '/explain',
        new URLSearchParams({ q: state.q }));
      body.replaceChildren(explainTable(e));
    } catch (err) {
      loaded = false;
      body.replaceChildren(el('p', { class: 'inline-error', role: 'alert' }, errorText(err)));
    }
  });
  return details;
}

function explainTable(answer) {
  const e = answer.explain || answer; // the explanation, nested under "explain" by the server
  const summary = el('p', { id: 'explain-score' }, e.matched
    ? 'Score ' + Number(e.score).toFixed(3) + ' for \u201c' + answer.query + '\u201d.'
    : 'This record does not match \u201c' + answer.query + '\u201d.');
  const rows = (e.contributions || []).map((c) => el('tr', null,
    el('td', null, c.field), el('td', null, c.term),
    el('td', { class: 'num' }, Number(c.score).toFixed(3))));
  if (rows.length === 0) return summary;
  const table = el('table', { class: 'explain-table' },
    el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Field'),
      el('th', { scope: 'col' }, 'Term'), el('th', { scope: 'col', class: 'num' }, 'Score'))),
    el('tbody', null, ...rows));
  return el('div', null, summary, el('div', { class: 'table-scroll' }, table));
}

// ---------------------------------------------------------------- autocomplete (ARIA combobox)

const combo = { items: [], active: -1, seq: 0, timer: 0 };

function openOptions(items) {
  const list = $('q-options');
  combo.items = items;
  combo.active = -1;
  list.replaceChildren(...items.map((c, i) => el('li', {
    id: 'q-option-' + i, role: 'option', 'aria-selected': 'false', class: 'option',
    'data-kind': c.kind, 'data-key': c.key, 'data-dimension': c.dimension,
  }, el('span', { class: 'option-text' }, c.text), ' ',
  el('span', { class: 'option-kind' }, completionKind(c)))));
  list.hidden = items.length === 0;
  $('q').setAttribute('aria-expanded', String(items.length > 0));
  $('q').removeAttribute('aria-activedescendant');
}

function closeOptions() {
  clearTimeout(combo.timer);
  combo.seq++;
  combo.items = [];
  combo.active = -1;
  $('q-options').hidden = true;
  $('q-options').replaceChildren();
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
}

function completionKind(c) {
  if (c.kind === 'incident_title') return 'incident';
  if (c.kind === 'article_title') return 'article';
  return (DIMENSION_LABELS.get(c.dimension) || c.dimension) + ' option \u00b7 ' + c.count;
}

function setActive(i) {
  const options = $('q-options').children;
  if (options.length === 0) return;
  combo.active = (i + options.length) % options.length;
  Array.from(options).forEach((o, j) => o.setAttribute('aria-selected', String(j === combo.active)));
  const active = options[combo.active];
  $('q').setAttribute('aria-activedescendant', active.id);
  active.scrollIntoView({ block: 'nearest' });
}

/** A title opens its record; an option ticks that filter (the typed prefix is dropped). */
function pick(i) {
  const c = combo.items[i];
  if (!c) return;
  closeOptions();
  const s = current();
  $('q').value = s.q;
  if (c.kind === 'option') {
    const filter = c.dimension + '=' + c.text;
    const filters = s.filters.includes(filter) ? s.filters : s.filters.concat([filter]);
    navigate(withChanges(s, { filters, record: '' }));
  } else if (c.key) {
    navigate(Object.assign({}, s, { record: c.key }));
  }
}

function onQueryInput() {
  clearTimeout(combo.timer);
  const prefix = $('q').value.trim();
  if (prefix.length < 2) {
    closeOptions();
    return;
  }
  combo.timer = setTimeout(async () => {
    const seq = ++combo.seq;
    try {
      const answer = await api('/api/complete', new URLSearchParams({ prefix, limit: '10' }));
      if (seq === combo.seq && document.activeElement === $('q')) {
        openOptions(answer.completions || []);
      }
    } catch (e) {
      // Suggestions are a convenience: a failure only means none are shown.
      if (seq === combo.seq) closeOptions();
    }
  }, 150);
}

function onQueryKey(e) {
  const open = !$('q-options').hidden;
  if (e.key === 'ArrowDown' && open) {
    e.preventDefault();
    setActive(combo.active + 1);
  } else if (e.key === 'ArrowUp' && open) {
    e.preventDefault();
    setActive(combo.active - 1);
  } else if (e.key === 'Enter' && open && combo.active >= 0) {
    e.preventDefault();
    pick(combo.active);
  } else if (e.key === 'Escape' && open) {
    e.preventDefault();
    closeOptions();
  }
}

// ---------------------------------------------------------------- wiring

function onDocumentClick(e) {
  const a = e.target.closest('a[data-nav]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey ||
      e.altKey) return;
  e.preventDefault();
  history.pushState(null, '', a.getAttribute('href'));
  render(true);
}

function init() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    closeOptions();
    navigate(withChanges(current(), { q: $('q').value.trim(), record: '' }));
  });
  $('q').addEventListener('input', onQueryInput);
  $('q').addEventListener('keydown', onQueryKey);
  $('q').addEventListener('blur', () => setTimeout(closeOptions, 0));
  // mousedown would move the focus away from the box (and close the list) before the click.
  $('q-options').addEventListener('mousedown', (e) => e.preventDefault());
  $('q-options').addEventListener('click', (e) => {
    const li = e.target.closest('[role="option"]');
    if (li) pick(Array.from($('q-options').children).indexOf(li));
  });
  $('type').addEventListener('change', () =>
    navigate(withChanges(current(), { type: $('type').value })));
  $('sort').addEventListener('change', () =>
    navigate(withChanges(current(), { sort: $('sort').value })));
  $('dates-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const from = $('from').value.trim();
    const to = $('to').value.trim();
    for (const [input, value] of [[$('from'), from], [$('to'), to]]) {
      if (value && !DATE_PATTERN.test(value)) {
        input.focus();
        showMessage('Dates are YYYY, YYYY-MM or YYYY-MM-DD: "' + value + '" is not one.');
        return;
      }
    }
    navigate(withChanges(current(), { from, to }));
  });
  $('filters-toggle').addEventListener('click', () => {
    const open = !$('sidebar').classList.contains('open');
    $('sidebar').classList.toggle('open', open);
    $('filters-toggle').setAttribute('aria-expanded', String(open));
  });
  document.addEventListener('click', onDocumentClick);
  // The skip link moves the focus itself: a #fragment in the URL would add a history entry.
  $('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    const target = document.body.dataset.view === 'record' ? $('record-title') : $('results');
    if (target) target.focus();
  });
  window.addEventListener('popstate', () => render(false));
  render(false);
}

init();
